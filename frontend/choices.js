// Choices of Dropdown and Radio: `[[label, value], ...]` on the wire (a bare value is its own label).

/** @typedef {[string, any]} Choice */

/**
 * @param {any} choices the `choices` prop
 * @returns {Choice[]}
 */
export function choicesOf(choices) {
  if (!Array.isArray(choices)) return [];
  return choices.map((choice) =>
    Array.isArray(choice) ? [String(choice[0]), choice.length > 1 ? choice[1] : choice[0]] : [String(choice), choice],
  );
}

/**
 * @param {Choice[]} a
 * @param {Choice[]} b
 * @returns {boolean}
 */
export function sameChoices(a, b) {
  return a.length === b.length && a.every(([label, value], i) => label === b[i][0] && value === b[i][1]);
}

/**
 * The index of the choice holding `value`, or -1.
 * @param {Choice[]} choices
 * @param {any} value
 * @returns {number}
 */
export function indexOfValue(choices, value) {
  return choices.findIndex(([, v]) => v === value);
}
