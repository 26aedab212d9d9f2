// What a key pressed on a cell of the Dataframe's grid means, pure: a move to another cell,
// editing, toggling a checkbox, emptying the cell, or nothing (the browser's own behaviour).

/**
 * @typedef {{pos: number, col: number, rows: number, columns: number, page: number,
 *   kind: string, editable: boolean}} KeyContext where the cell is (its position shown and
 *   column), the grid's size, how many rows a page holds, the cell's datatype, whether it may
 *   be edited
 * @typedef {{move: [number, number]} | {header: number} | {edit: string | null} | {toggle: true}
 *   | {clear: true}} KeyAction `move` to a cell; `header` of a column; `edit` (with the key
 *   typed, or null for the cell's own text); `toggle` a checkbox; `clear` the cell
 */

/**
 * The cell Tab (or Shift+Tab) moves to, row after row; null past either end of the grid.
 * @param {number} pos
 * @param {number} col
 * @param {number} rows
 * @param {number} columns
 * @param {boolean} back
 * @returns {[number, number] | null}
 */
export function tabFrom(pos, col, rows, columns, back) {
  const last = columns - 1;
  /** @type {[number, number]} */
  const next = back ? (col > 0 ? [pos, col - 1] : [pos - 1, last]) : col < last ? [pos, col + 1] : [pos + 1, 0];
  return next[0] < 0 || next[0] >= rows ? null : next;
}

/**
 * @param {KeyboardEvent} event
 * @param {KeyContext} where
 * @returns {KeyAction | null}
 */
export function keyAction(event, { pos, col, rows, columns, page, kind, editable }) {
  const ctrl = event.ctrlKey || event.metaKey;
  const last = columns - 1;
  const checkbox = kind === "bool";
  switch (event.key) {
    case "ArrowUp":
      return pos === 0 ? { header: col } : { move: [pos - 1, col] };
    case "ArrowDown":
      return { move: [pos + 1, col] };
    case "ArrowLeft":
      return { move: [pos, col - 1] };
    case "ArrowRight":
      return { move: [pos, col + 1] };
    case "Home":
      return { move: ctrl ? [0, 0] : [pos, 0] };
    case "End":
      return { move: ctrl ? [rows - 1, last] : [pos, last] };
    case "PageUp":
      return { move: [pos - page, col] };
    case "PageDown":
      return { move: [pos + page, col] };
    case "Tab": {
      const next = tabFrom(pos, col, rows, columns, event.shiftKey);
      return next ? { move: next } : null; // out of the grid, as Tab does
    }
    case "Enter":
    case "F2":
      if (!editable) return null;
      return checkbox ? { toggle: true } : { edit: null };
    case " ":
      return checkbox && editable ? { toggle: true } : null;
    case "Delete":
    case "Backspace":
      return editable && !checkbox ? { clear: true } : null;
    default:
      if (event.key.length === 1 && !ctrl && !event.altKey && editable && !checkbox) return { edit: event.key };
      return null;
  }
}
