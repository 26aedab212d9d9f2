// Dataframe: a table in a DataGrid (frontend/data_grid.js: virtual scrolling, keyboard,
// editing), with a search box (and filters), copy and fullscreen buttons, and buttons to add
// and delete rows and columns when their counts may change. Sorting and searching are a view:
// the value keeps its rows in order. An edit commits a new value (input, change, edit fire);
// a click or a move of the keyboard focus fires select with the cell's [row, column] in the
// value, its value, its row_value and col_value.

import { DataGrid } from "../data_grid.js";
import { copyButton, fieldLabel, h, strokeIcon } from "../dom.js";
import { componentStyles } from "../files.js";
import { cellText, columnTypes, emptyCell, toCsv, typedCell, viewOrder } from "../table_view.js";
import { BlockElement, define } from "./base.js";

await componentStyles("dataframe.css", import.meta.url);

/** @typedef {import("../table_view.js").Cell} Cell */
/** @typedef {import("../table_view.js").Sort} Sort */
/** @typedef {import("../table_view.js").Condition} Condition */

const CONDITIONS = /** @type {[Condition, string][]} */ ([
  ["contains", "contains"],
  ["equals", "is"],
  ["greater", "is greater than"],
  ["less", "is less than"],
  ["empty", "is empty"],
  ["filled", "is not empty"],
]);

const FULLSCREEN_ICON = '<path d="M4 9V4h5M20 9V4h-5M4 15v5h5M20 15v5h-5"/>';

/** @type {Promise<typeof import("../markdown.js")> | null} */
let markdownLoading = null;
/** @type {typeof import("../markdown.js") | null} */
let markdown = null;

export class DataframeBlock extends BlockElement {
  static boxed = true;

  constructor() {
    super();
    /** @type {Sort} the view's order (a header click), not the value's */
    this.sort = null;
    /** @type {{query: string, column: number, condition: Condition}} */
    this.search = { query: "", column: -1, condition: "contains" };
    /** @type {{rows: Cell[][] | null, rev: number, sort: Sort, search: string}} what `order` was computed from */
    this.viewKey = { rows: null, rev: -1, sort: null, search: "" };
    /** @type {number[] | null} */
    this.order = null;
    this.widthKey = "";
    /** @type {string[]} */
    this.widths = [];
    /** @type {{row: number, col: number} | null} a cell to focus once it is shown (a new row) */
    this.pendingFocus = null;
    this.rev = 0;
  }

  build() {
    this.heading = fieldLabel(this.partId("field"), null);
    this.grid = new DataGrid({
      edit: (row, column, input) => this.editCell(row, column, input),
      select: (row, column) => this.selectCell(row, column),
      sort: (column) => this.sortBy(column),
      rich: (cell, text, kind) => this.richCell(cell, text, kind),
      moved: () => this.renderActions(this.headers().length, this.rows().length),
    });
    this.query = h("input", { type: "search", class: "df-search", "aria-label": "Search", placeholder: "Search…", autocomplete: "off" });
    this.query.addEventListener("input", () => this.searchFor({ query: this.query?.value ?? "" }));
    this.filterColumn = h("select", { class: "df-filter-column", "aria-label": "Filter column" });
    this.filterColumn.addEventListener("change", () => this.searchFor({ column: Number(this.filterColumn?.value) }));
    this.condition = h("select", { class: "df-filter-condition", "aria-label": "Condition" }, ...CONDITIONS.map(([value, text]) => h("option", { value }, text)));
    this.condition.addEventListener("change", () => this.searchFor({ condition: /** @type {Condition} */ (this.condition?.value) }));
    this.filters = h("span", { class: "df-filters" }, this.filterColumn, this.condition);
    this.copy = copyButton(() => toCsv(this.headers(), this.rows()), { label: "Copy table" });
    this.fullscreen = h("button", { type: "button", class: "icon-button df-fullscreen", "aria-label": "Fullscreen", title: "Fullscreen" }, strokeIcon(FULLSCREEN_ICON, { size: 16, className: "df-icon" }));
    this.fullscreen.addEventListener("click", () => {
      if (document.fullscreenElement === this) document.exitFullscreen().catch(() => {});
      else this.requestFullscreen().catch(() => {});
    });
    this.addEventListener("fullscreenchange", () => {
      const on = document.fullscreenElement === this;
      this.fullscreen?.setAttribute("aria-label", on ? "Exit fullscreen" : "Fullscreen");
      this.classList.toggle("df-is-fullscreen", on);
    });
    this.tools = h("div", { class: "df-tools" }, this.filters, this.query, this.copy, this.fullscreen);
    const button = (/** @type {string} */ text, /** @type {() => void} */ act) => h("button", { type: "button", class: "df-action", onclick: act }, text);
    this.addRow = button("Add row", () => this.changeRows(1));
    this.deleteRow = button("Delete row", () => this.changeRows(-1));
    this.addColumn = button("Add column", () => this.changeColumns(1));
    this.deleteColumn = button("Delete column", () => this.changeColumns(-1));
    this.status = h("span", { class: "df-status", role: "status" });
    this.actions = h("div", { class: "df-actions" }, this.addRow, this.deleteRow, this.addColumn, this.deleteColumn, this.status);
    this.append(h("div", { class: "df-head-bar" }, this.heading.label, this.tools), this.heading.info, this.grid.scroller, this.actions);
  }

  /** @param {import("./base.js").BlockState} state */
  update(state) {
    this.rev = state.rev;
    super.update(state);
  }

  /** @returns {string[]} */
  headers() {
    const value = this.value;
    const given = Array.isArray(value?.headers) ? value.headers : Array.isArray(this.props.headers) ? this.props.headers : [];
    const width = Math.max(given.length, ...(this.rows().slice(0, 1).map((row) => row.length)));
    return Array.from({ length: width }, (_, i) => (given[i] == null ? String(i + 1) : String(given[i])));
  }

  /** @returns {Cell[][]} */
  rows() {
    const data = this.value?.data;
    return Array.isArray(data) ? data : [];
  }

  render() {
    const { props, grid, heading } = this;
    if (!grid || !heading) return;
    heading.update(props);
    const headers = this.headers();
    const rows = this.rows();
    const types = columnTypes(props.datatype, headers.length);
    const searching = props.show_search === "search" || props.show_search === "filter";
    /** @type {HTMLElement} */ (this.query).hidden = !searching;
    /** @type {HTMLElement} */ (this.filters).hidden = props.show_search !== "filter";
    if (props.show_search === "filter") this.fillFilterColumns(headers);
    /** @type {HTMLElement} */ (this.copy).hidden = props.show_copy_button !== true;
    /** @type {HTMLElement} */ (this.fullscreen).hidden = props.show_fullscreen_button !== true || !document.fullscreenEnabled;
    const search = searching ? this.search : { query: "", column: -1, condition: /** @type {Condition} */ ("contains") };
    const searchKey = JSON.stringify(search);
    const key = this.viewKey;
    const viewChanged = key.sort !== this.sort || key.search !== searchKey;
    if (viewChanged || key.rows !== rows || key.rev !== this.rev) {
      this.order = viewOrder(rows, this.sort, search);
      this.viewKey = { rows, rev: this.rev, sort: this.sort, search: searchKey };
    }
    const sameRows = !viewChanged && this.order === null;
    const maxHeight = props.max_height;
    grid.scroller.style.maxHeight = typeof maxHeight === "number" ? `${maxHeight}px` : typeof maxHeight === "string" ? maxHeight : "500px";
    const interactive = this.interactive;
    const metadata = !interactive && this.value?.metadata && typeof this.value.metadata === "object" ? this.value.metadata : null;
    grid.show(
      {
        headers,
        rows,
        order: this.order,
        types,
        editable: interactive,
        fixed: new Set(Array.isArray(props.static_columns) ? props.static_columns.map(Number) : []),
        rowNumbers: props.show_row_numbers === true,
        wrap: props.wrap === true,
        maxChars: typeof props.max_chars === "number" ? props.max_chars : null,
        widths: this.columnWidths(headers, rows, types),
        pinned: typeof props.pinned_columns === "number" ? props.pinned_columns : 0,
        sort: this.sort,
        label: this.label,
        labelledBy: this.label ? heading.labelId : null,
        display: Array.isArray(metadata?.display_value) ? metadata.display_value : null,
        styling: Array.isArray(metadata?.styling) ? metadata.styling : null,
      },
      sameRows,
    );
    this.renderActions(headers.length, rows.length);
    const shown = this.order ? this.order.length : rows.length;
    const total = `${rows.length.toLocaleString("en-US")} ${rows.length === 1 ? "row" : "rows"}`;
    /** @type {HTMLElement} */ (this.status).textContent = shown === rows.length ? total : `Showing ${shown.toLocaleString("en-US")} of ${total}`;
    if (this.pendingFocus) {
      const { row, col } = this.pendingFocus;
      this.pendingFocus = null;
      const pos = this.order ? this.order.indexOf(row) : row;
      if (pos >= 0) grid.focusCell(pos, col, false);
    }
  }

  /** @param {number} columns @param {number} rows */
  renderActions(columns, rows) {
    const { props } = this;
    const editable = this.interactive;
    const [rowMin, rowMax] = limits(props.row_limits);
    const [colMin, colMax] = limits(props.column_limits);
    const rowsGrow = editable && !(Array.isArray(props.row_count) && props.row_count[1] === "fixed");
    const colsGrow = editable && !(Array.isArray(props.col_count) && props.col_count[1] === "fixed") && !(props.static_columns?.length > 0);
    const show = (/** @type {any} */ button, /** @type {boolean} */ shown, /** @type {boolean} */ enabled) => {
      button.hidden = !shown;
      button.disabled = !enabled;
    };
    show(this.addRow, rowsGrow, rows < rowMax && columns > 0);
    // Deleting takes the row or column of the active cell: none until the user picks one.
    const chosen = Boolean(this.grid?.chosen);
    show(this.deleteRow, rowsGrow, chosen && rows > rowMin && rows > 0);
    show(this.addColumn, colsGrow, columns < colMax);
    show(this.deleteColumn, colsGrow, chosen && columns > Math.max(colMin, 1));
    /** @type {HTMLElement} */ (this.actions).classList.toggle("df-actions-tools", rowsGrow || colsGrow);
  }

  /** @param {string[]} headers */
  fillFilterColumns(headers) {
    const select = /** @type {HTMLSelectElement} */ (this.filterColumn);
    const key = JSON.stringify(headers);
    if (select.dataset.key === key) return;
    select.dataset.key = key;
    select.replaceChildren(h("option", { value: "-1" }, "All columns"), ...headers.map((header, i) => h("option", { value: String(i) }, header)));
    select.value = String(this.search.column < headers.length ? this.search.column : -1);
  }

  /**
   * Widths of the columns: the app's `column_widths`, else from the header and the first rows.
   * @param {string[]} headers
   * @param {Cell[][]} rows
   * @param {string[]} types
   */
  columnWidths(headers, rows, types) {
    const given = Array.isArray(this.props.column_widths) ? this.props.column_widths : [];
    const key = JSON.stringify([headers, types, given, this.props.wrap === true, rows.length > 0]);
    if (key === this.widthKey) return this.widths;
    this.widthKey = key;
    const cap = this.props.wrap === true ? 28 : 40;
    this.widths = headers.map((header, c) => {
      if (typeof given[c] === "string") return given[c];
      if (types[c] === "bool") return `${Math.max(6, header.length + 4)}ch`;
      if (types[c] === "image") return `${Math.max(12, header.length + 4)}ch`;
      let longest = header.length + 3;
      for (const row of rows.slice(0, 100)) longest = Math.max(longest, Math.min(cap, cellText(row[c]).length));
      return `${Math.max(6, Math.min(cap, longest)) + 2}ch`;
    });
    return this.widths;
  }

  // ------------------------------------------------------------------ what the user does

  /**
   * A new value with one cell changed; its data is copied, never changed in place (the page
   * keeps the first value, for ClearButton and the like).
   * @param {number} row
   * @param {number} column
   * @param {string | boolean} input what was typed, or a checkbox's state
   */
  editCell(row, column, input) {
    const rows = this.rows();
    if (!rows[row]) return;
    const kind = columnTypes(this.props.datatype, this.headers().length)[column];
    const cell = typeof input === "boolean" ? input : typedCell(input, kind);
    const previous = rows[row][column] ?? null;
    if (cell === previous) return;
    const data = rows.slice();
    data[row] = rows[row].slice();
    data[row][column] = cell;
    this.commitTable(this.headers(), data);
    this.emit("edit", { index: [row, column], value: cell, previous_value: previous });
  }

  /** @param {string[]} headers @param {Cell[][]} data */
  commitTable(headers, data) {
    this.commit({ headers, data, metadata: null });
    this.render();
  }

  /** @param {number} row @param {number} column */
  selectCell(row, column) {
    const rows = this.rows();
    const values = rows[row] ?? [];
    this.emit("select", {
      index: [row, column],
      value: values[column] ?? null,
      row_value: values,
      col_value: rows.map((r) => r[column] ?? null),
      selected: true,
    });
  }

  /** A header click: ascending, descending, then the value's own order again. @param {number} column */
  sortBy(column) {
    const current = this.sort?.column === column ? this.sort.direction : null;
    this.sort = current === null ? { column, direction: "ascending" } : current === "ascending" ? { column, direction: "descending" } : null;
    this.render();
    /** @type {HTMLElement | null} */ (this.grid?.headRow.querySelector(`button[data-col="${column}"]`) ?? null)?.focus();
  }

  /** @param {Partial<typeof this.search>} change */
  searchFor(change) {
    this.search = { ...this.search, ...change };
    this.render();
  }

  /** Add a row at the end (1) or delete the row of the active cell (-1). @param {number} change */
  changeRows(change) {
    const headers = this.headers();
    const rows = this.rows();
    const grid = /** @type {DataGrid} */ (this.grid);
    if (change > 0) {
      const types = columnTypes(this.props.datatype, headers.length);
      this.pendingFocus = { row: rows.length, col: 0 };
      this.commitTable(headers, [...rows, types.map(emptyCell)]);
      return;
    }
    const row = grid.rowIndex(grid.active.pos);
    if (!rows[row]) return;
    this.commitTable(headers, rows.filter((_, i) => i !== row));
  }

  /** Add a column at the end (1) or delete the column of the active cell (-1). @param {number} change */
  changeColumns(change) {
    const headers = this.headers();
    const rows = this.rows();
    if (change > 0) {
      let name = headers.length + 1;
      while (headers.includes(String(name))) name++;
      this.commitTable([...headers, String(name)], rows.map((row) => [...row, ""]));
      return;
    }
    const col = /** @type {DataGrid} */ (this.grid).active.col;
    if (col >= headers.length) return;
    this.commitTable(headers.filter((_, i) => i !== col), rows.map((row) => row.filter((_, i) => i !== col)));
  }

  /**
   * A markdown or html cell: sanitised (no script can run), from the markdown module, loaded
   * the first time a table needs it (plain text until then).
   * @param {HTMLElement} cell
   * @param {string} text
   * @param {string} kind
   */
  richCell(cell, text, kind) {
    if (!markdown) {
      cell.textContent = text;
      markdownLoading ??= import("../markdown.js").then((module) => (markdown = module));
      markdownLoading.then(() => this.grid?.repaint()).catch((error) => console.warn("markdown failed to load:", error));
      return;
    }
    cell.innerHTML = kind === "html" ? markdown.sanitizeHtml(text) : markdown.renderMarkdown(text, { sanitize: true, lineBreaks: this.props.line_breaks !== false });
    cell.classList.add("df-rich");
    const delimiters = Array.isArray(this.props.latex_delimiters) ? this.props.latex_delimiters : [];
    if (kind === "markdown" && delimiters.some((d) => typeof d?.left === "string" && text.includes(d.left))) markdown.enhance(cell, delimiters).catch(() => {});
  }
}

/** `[minimum, maximum]` of a `row_limits`/`column_limits` prop. @param {any} value @returns {[number, number]} */
function limits(value) {
  const [low, high] = Array.isArray(value) ? value : [];
  return [typeof low === "number" ? low : 0, typeof high === "number" ? high : Infinity];
}

define("dataframe", DataframeBlock);
