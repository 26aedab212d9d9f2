// Small DOM helpers shared by the components: element building, labels, the copy button.

/**
 * Create an element: `h("button", {type: "button", class: "x", onclick: fn}, "text", child)`.
 * Attributes named `on<event>` add listeners; `null`/`false` attributes are left out.
 * @template {keyof HTMLElementTagNameMap} K
 * @param {K} tag
 * @param {Record<string, any>} [attrs]
 * @param {...(Node | string | null | undefined | false)} children
 * @returns {HTMLElementTagNameMap[K]}
 */
export function h(tag, attrs = {}, ...children) {
  const element = document.createElement(tag);
  for (const [name, value] of Object.entries(attrs)) {
    if (value === null || value === undefined || value === false) continue;
    if (name.startsWith("on") && typeof value === "function") {
      element.addEventListener(name.slice(2), value);
    } else {
      element.setAttribute(name, value === true ? "" : String(value));
    }
  }
  for (const child of children) if (child) element.append(child);
  return element;
}

/**
 * The heading of a form block: a label (a real `<label for>` when `forId` is given) and the
 * info line under it. `update` shows the props; the label stays readable by assistive
 * technology when `show_label` is false.
 * @param {string} idPrefix unique prefix for the parts' ids
 * @param {string | null} forId the id of the control the label names, if there is one
 */
export function fieldLabel(idPrefix, forId) {
  const text = h("span", { class: "blk-label-text", id: `${idPrefix}-label` });
  const label = forId ? h("label", { class: "blk-label", for: forId }, text) : h("div", { class: "blk-label" }, text);
  const info = h("div", { class: "blk-info", id: `${idPrefix}-info` });
  return {
    label,
    info,
    labelId: text.id,
    infoId: info.id,
    /** @param {Record<string, any>} props */
    update(props) {
      const value = props.label == null ? "" : String(props.label);
      if (text.textContent !== value) text.textContent = value;
      label.classList.toggle("sr-only", props.show_label === false || !value);
      const infoText = props.info == null ? "" : String(props.info);
      if (info.textContent !== infoText) info.textContent = infoText;
      info.hidden = !infoText;
    },
  };
}

/**
 * Point a control's aria-describedby at the info line when there is one.
 * @param {HTMLElement} control
 * @param {Record<string, any>} props
 * @param {string} infoId
 */
export function describeBy(control, props, infoId) {
  if (props.info) control.setAttribute("aria-describedby", infoId);
  else control.removeAttribute("aria-describedby");
}

const COPY_ICON =
  '<svg viewBox="0 0 24 24" width="16" height="16" aria-hidden="true"><path fill="none" stroke="currentColor" stroke-width="2" d="M9 9h10v12H9zM5 15H4V3h11v1"/></svg>';
const CHECK_ICON =
  '<svg viewBox="0 0 24 24" width="16" height="16" aria-hidden="true"><path fill="none" stroke="currentColor" stroke-width="2.5" d="m5 12 5 5 9-10"/></svg>';

/**
 * A button (named "Copy" unless told) that copies `text()` and shows a tick for a moment.
 * @param {() => string} text
 * @param {{label?: string, className?: string}} [options]
 * @returns {HTMLButtonElement}
 */
export function copyButton(text, { label = "Copy", className = "icon-button copy-button" } = {}) {
  const button = h("button", { type: "button", class: className, "aria-label": label, title: label });
  button.innerHTML = COPY_ICON;
  button.addEventListener("click", async () => {
    await copyText(text());
    button.innerHTML = CHECK_ICON;
    button.classList.add("copied");
    setTimeout(() => {
      button.innerHTML = COPY_ICON;
      button.classList.remove("copied");
    }, 1500);
  });
  return button;
}

/**
 * Put text on the clipboard.
 * @param {string} text
 * @returns {Promise<void>}
 */
export async function copyText(text) {
  try {
    await navigator.clipboard.writeText(text);
  } catch {
    // No clipboard API (plain http on another host): the old way still works.
    const area = h("textarea", { class: "sr-only" });
    area.value = text;
    document.body.append(area);
    area.select();
    document.execCommand("copy");
    area.remove();
  }
}

/**
 * Whether a URL from the app may be opened or shown (no javascript: and the like).
 * @param {string} url
 * @param {string[]} [schemes] allowed protocols
 * @returns {boolean}
 */
export function safeUrl(url, schemes = ["http:", "https:"]) {
  try {
    return schemes.includes(new URL(url, document.baseURI).protocol);
  } catch {
    return false;
  }
}

/**
 * A decorative inline SVG icon (24x24 viewBox, stroked with the text colour).
 * @param {string} paths the SVG elements inside the <svg>, from the caller's own icon table
 * @param {{size?: number, stroke?: number, className?: string}} [options]
 * @returns {HTMLElement}
 */
export function strokeIcon(paths, { size = 18, stroke = 2, className = "mm-icon" } = {}) {
  const span = h("span", { class: className, "aria-hidden": "true" });
  span.innerHTML = `<svg viewBox="0 0 24 24" width="${size}" height="${size}" fill="none" stroke="currentColor" stroke-width="${stroke}" stroke-linecap="round" stroke-linejoin="round">${paths}</svg>`;
  return span;
}

/**
 * Show `message` in `element`, or hide the element when the message is empty.
 * @param {HTMLElement} element
 * @param {string} message
 */
export function showMessage(element, message) {
  element.textContent = message;
  element.hidden = !message;
}
