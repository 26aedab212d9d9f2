// Inputs a listener's validator refused: each is marked invalid (aria-invalid) and shows its
// message beside it, announced as an alert, until the user edits it or the listener runs again.

/**
 * @typedef {{id: number, message: string}} InvalidInput one refused input (protocol ErrorInfo.invalid)
 */

/**
 * The refused inputs a failed job's error names (none for other failures).
 * @param {any} error the `error` of a `done` message
 * @returns {InvalidInput[]}
 */
export function invalidInputs(error) {
  const invalid = error?.invalid;
  if (!Array.isArray(invalid)) return [];
  return invalid.filter((item) => item && typeof item.id === "number" && typeof item.message === "string");
}

/**
 * Clear the marks of blocks `ids` (a listener runs again: its verdicts are new).
 * @param {number[]} ids
 * @param {(id: number) => HTMLElement | undefined} elementOf
 */
export function clearInvalid(ids, elementOf) {
  for (const id of ids) {
    const element = elementOf(id);
    if (element) unmark(element);
  }
}

/**
 * Mark each refused input and show its message beside it.
 * @param {InvalidInput[]} invalid
 * @param {(id: number) => HTMLElement | undefined} elementOf
 */
export function showInvalid(invalid, elementOf) {
  for (const { id, message } of invalid) {
    const element = elementOf(id);
    if (!element) continue;
    unmark(element);
    const text = document.createElement("p");
    text.className = "validation-message";
    text.id = `blk-${id}-validation`;
    text.setAttribute("role", "alert");
    text.textContent = message;
    // CSSOM, not a style attribute: the page's CSP allows no inline styles.
    text.style.color = "var(--error, #b91c1c)";
    text.style.margin = "0.25rem 0 0";
    text.style.fontSize = "0.875em";
    element.append(text);
    const control = controlOf(element);
    control.setAttribute("aria-invalid", "true");
    control.setAttribute("aria-errormessage", text.id);
    // Editing the value takes the mark away: the old verdict is about the old value.
    element.addEventListener("input", () => unmark(element), { once: true });
  }
}

/**
 * The control that holds a block's value (its field), or the block itself.
 * @param {HTMLElement} element
 * @returns {HTMLElement}
 */
function controlOf(element) {
  return /** @type {HTMLElement | null} */ (element.querySelector("input, textarea, select, [contenteditable='true']")) ?? element;
}

/** @param {HTMLElement} element */
function unmark(element) {
  for (const text of element.querySelectorAll(":scope > .validation-message")) text.remove();
  const control = controlOf(element);
  if (control.getAttribute("aria-invalid") === "true") {
    control.removeAttribute("aria-invalid");
    control.removeAttribute("aria-errormessage");
  }
}
