// What a Dataframe shows of its value, pure: the order and subset of rows (sorting and
// searching are a view, the value keeps its order), each cell's text, what typed text means in
// a column of a datatype, and the table as CSV for the copy button.

/**
 * @typedef {string | number | boolean | null} Cell
 * @typedef {{column: number, direction: "ascending" | "descending"} | null} Sort
 * @typedef {"contains" | "equals" | "greater" | "less" | "empty" | "filled"} Condition
 * @typedef {{query: string, column: number, condition: Condition}} Search `column` -1: any
 */

/** Datatypes whose cells are typed as text (the others: number and bool). */
export const DATATYPES = ["str", "number", "bool", "date", "markdown", "html", "image"];

/**
 * The datatype of each of `width` columns, from the `datatype` prop (one for all, or a list).
 * @param {any} datatype
 * @param {number} width
 * @returns {string[]}
 */
export function columnTypes(datatype, width) {
  const known = (/** @type {any} */ kind) => (DATATYPES.includes(kind) ? kind : "str");
  if (Array.isArray(datatype)) return Array.from({ length: width }, (_, i) => known(datatype[i]));
  return Array(width).fill(known(datatype));
}

/**
 * A cell as text (search, copy, plain cells).
 * @param {any} cell
 * @returns {string}
 */
export function cellText(cell) {
  if (cell === null || cell === undefined) return "";
  if (typeof cell === "number") return Number.isInteger(cell) ? String(cell) : String(Number(cell.toPrecision(15)));
  return typeof cell === "string" ? cell : String(cell);
}

/**
 * What text typed into a cell means in a column of `kind`: numbers for "number" (text that
 * is not one is kept, and the server refuses it naming the cell), booleans for "bool".
 * @param {string} text
 * @param {string} kind
 * @returns {Cell}
 */
export function typedCell(text, kind) {
  if (kind === "number") {
    const trimmed = text.trim();
    if (!trimmed) return null;
    const number = Number(trimmed);
    return /^[+-]?(\d+\.?\d*|\.\d+)(e[+-]?\d+)?$/i.test(trimmed) && Number.isFinite(number) ? number : text;
  }
  if (kind === "bool") return ["true", "yes", "1"].includes(text.trim().toLowerCase());
  return text;
}

/**
 * Whether a cell of a number column holds something that is not a number.
 * @param {any} cell
 * @param {string} kind
 */
export function invalidCell(cell, kind) {
  return kind === "number" && typeof cell === "string" && cell.trim() !== "" && !Number.isFinite(Number(cell));
}

/**
 * What a new cell holds in a column of `kind`.
 * @param {string} kind
 * @returns {Cell}
 */
export function emptyCell(kind) {
  return kind === "number" ? 0 : kind === "bool" ? false : "";
}

/**
 * The rows shown, as indices into `rows` in the order shown; null when it is all of them in
 * their own order (no copy for the common case of a big table nobody sorted).
 * @param {Cell[][]} rows
 * @param {Sort} sort
 * @param {Search} search
 * @returns {number[] | null}
 */
export function viewOrder(rows, sort, search) {
  const test = matcher(search);
  if (!test && !sort) return null;
  /** @type {number[]} */
  let order = [];
  for (let i = 0; i < rows.length; i++) if (!test || test(rows[i])) order.push(i);
  if (sort) order = sorted(rows, order, sort);
  return order;
}

/**
 * @param {Cell[][]} rows
 * @param {number[]} order
 * @param {NonNullable<Sort>} sort
 */
function sorted(rows, order, { column, direction }) {
  // Keys once per row, compared as numbers when every cell is one: sorting 10,000 rows with
  // a locale collator per comparison would take longer than a frame.
  const cells = order.map((i) => rows[i]?.[column]);
  const numeric = cells.every((c) => c === null || c === undefined || c === "" || typeof c === "boolean" || Number.isFinite(Number(c)));
  const keys = cells.map((c) => (c === null || c === undefined || c === "" ? null : numeric ? Number(c) : cellText(c).toLowerCase()));
  const sign = direction === "descending" ? -1 : 1;
  const positions = order.map((_, i) => i);
  positions.sort((a, b) => {
    const x = keys[a];
    const y = keys[b];
    if (x === y) return a - b;
    if (x === null) return 1; // empty cells last, whichever the direction
    if (y === null) return -1;
    return (x < y ? -1 : 1) * sign;
  });
  return positions.map((i) => order[i]);
}

/**
 * A test of a row for the search, or null when it shows every row.
 * @param {Search} search
 * @returns {((row: Cell[]) => boolean) | null}
 */
function matcher({ query, column, condition }) {
  const needle = query.trim().toLowerCase();
  if (condition === "empty" || condition === "filled") {
    if (column < 0) return null;
    const empty = (/** @type {any} */ c) => cellText(c).trim() === "";
    return condition === "empty" ? (row) => empty(row[column]) : (row) => !empty(row[column]);
  }
  if (!needle) return null;
  const target = Number(needle);
  /** @type {(cell: any) => boolean} */
  let test;
  if (condition === "equals") test = (c) => cellText(c).toLowerCase() === needle;
  else if (condition === "greater" || condition === "less") {
    if (!Number.isFinite(target)) return () => false;
    const greater = condition === "greater";
    test = (c) => c !== null && c !== "" && Number.isFinite(Number(c)) && (greater ? Number(c) > target : Number(c) < target);
  } else test = (c) => cellText(c).toLowerCase().includes(needle);
  if (column >= 0) return (row) => test(row[column]);
  return (row) => row.some(test);
}

/**
 * The table as CSV (RFC 4180: quoted when needed), headers first.
 * @param {string[]} headers
 * @param {Cell[][]} rows
 */
export function toCsv(headers, rows) {
  const field = (/** @type {any} */ c) => {
    const text = cellText(c);
    return /[",\n\r]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
  };
  return [headers, ...rows].map((row) => row.map(field).join(",")).join("\n");
}

/**
 * A cell's text cut to `max` characters (with an ellipsis), when `max` is a positive number.
 * @param {string} text
 * @param {any} max
 */
export function truncated(text, max) {
  return typeof max === "number" && max > 0 && text.length > max ? `${text.slice(0, max)}…` : text;
}
