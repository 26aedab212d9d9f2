// DataGrid: the Dataframe's table, an ARIA grid that keeps in the DOM only the rows in view
// (plus a few around them), so a table of any length scrolls at the cost of a screenful. Rows
// are placed at their offsets in a body as tall as all of them, each laid out alone (CSS
// containment: a row coming into view never lays the others out again); row heights are
// measured as rows are shown when cells wrap, and are all the first row's otherwise.
//
// One cell is the tab stop (roving tabindex); the arrow keys, Home/End, Page Up/Down and Tab
// move it, Enter or F2 or typing edits it (Escape cancels, Enter or Tab or leaving keeps the
// text), Space toggles a checkbox cell, Delete empties a cell. The grid never changes the
// value itself: it tells its hooks, and shows what it is given next.

import { h } from "./dom.js";
import { columnTracks, paintCell } from "./grid_cells.js";
import { keyAction, tabFrom } from "./grid_keys.js";
import { RowHeights } from "./row_heights.js";
import { cellText } from "./table_view.js";

/**
 * @typedef {import("./table_view.js").Cell} Cell
 * @typedef {import("./table_view.js").Sort} Sort
 * @typedef {{
 *   headers: string[], rows: Cell[][], order: number[] | null, types: string[],
 *   editable: boolean, fixed: Set<number>, rowNumbers: boolean, wrap: boolean,
 *   maxChars: number | null, widths: string[], pinned: number, sort: Sort, label: string,
 *   labelledBy: string | null, display: any[][] | null, styling: any[][] | null,
 * }} GridModel `order` is the rows shown (null: all, in order); `fixed` the static columns
 * @typedef {{
 *   edit: (row: number, column: number, value: string | boolean) => void,
 *   select: (row: number, column: number) => void,
 *   sort: (column: number) => void,
 *   rich: (cell: HTMLElement, text: string, kind: string) => void,
 *   moved: () => void,
 * }} GridHooks `row` is an index into the value's rows; `rich` fills markdown and html cells;
 *   `moved` tells that the user put the active cell somewhere
 * @typedef {HTMLElement & {shown?: any, shownIndex?: number}} GridCell
 */

const OVERSCAN = 6;

export class DataGrid {
  /** @param {GridHooks} hooks */
  constructor(hooks) {
    this.hooks = hooks;
    this.headRow = h("div", { class: "df-row df-head-row", role: "row", "aria-rowindex": "1" });
    this.tbody = h("div", { class: "df-body", role: "rowgroup" });
    this.table = h("div", { class: "df-table", role: "grid" }, h("div", { class: "df-head", role: "rowgroup" }, this.headRow), this.tbody);
    this.scroller = h("div", { class: "df-scroll" }, this.table);
    /** @type {GridModel | null} */
    this.model = null;
    this.structure = "";
    /** @type {Map<number, HTMLElement>} rendered rows by position shown */
    this.rendered = new Map();
    /** @type {HTMLElement[]} */
    this.free = [];
    this.heights = new RowHeights();
    this.active = { pos: 0, col: 0 };
    /** Whether the user has put the active cell anywhere yet (deleting needs one). */
    this.chosen = false;
    /** @type {{pos: number, col: number, editor: HTMLTextAreaElement} | null} */
    this.editing = null;
    this.scheduled = false;
    this.scroller.addEventListener("scroll", () => this.schedule(), { passive: true });
    new ResizeObserver(() => this.schedule()).observe(this.scroller);
    this.table.addEventListener("keydown", (event) => this.onKey(event));
    this.tbody.addEventListener("click", (event) => this.onClick(event));
    this.tbody.addEventListener("dblclick", (event) => {
      const found = this.cellOf(event.target);
      if (found) this.startEdit(found.pos, found.col);
    });
    this.tbody.addEventListener("focusin", (event) => {
      const found = this.cellOf(event.target);
      if (found && !this.editing) this.setActive(found.pos, found.col);
    });
  }

  /** How many rows are shown. */
  get count() {
    const model = this.model;
    return model ? (model.order ? model.order.length : model.rows.length) : 0;
  }

  /** @param {number} pos @returns {number} the value's row shown at `pos` */
  rowIndex(pos) {
    const order = this.model?.order;
    return order ? order[pos] : pos;
  }

  /**
   * Show `model`; `sameRows` says the rows shown are the same ones as before (an edit, a
   * patch, rows added at the end), so measured heights and the active cell stay.
   * @param {GridModel} model
   * @param {boolean} sameRows
   */
  show(model, sameRows) {
    const activeRow = this.model ? this.rowIndex(this.active.pos) : 0;
    const focused = !this.editing && this.tbody.contains(document.activeElement);
    this.model = model;
    const structure = JSON.stringify([model.headers, model.types, model.rowNumbers, model.widths, model.pinned, model.sort, model.editable, [...model.fixed]]);
    if (structure !== this.structure) {
      this.structure = structure;
      this.buildHead();
      for (const row of this.rendered.values()) row.remove();
      this.rendered.clear();
      this.free = [];
    }
    this.heights.resize(this.count, sameRows);
    if (!sameRows) {
      const pos = model.order ? model.order.indexOf(activeRow) : activeRow;
      this.active.pos = pos < 0 ? 0 : pos;
    }
    this.active.pos = Math.min(this.active.pos, Math.max(0, this.count - 1));
    this.active.col = Math.min(this.active.col, Math.max(0, model.headers.length - 1));
    this.table.setAttribute("aria-rowcount", String(this.count + 1));
    this.table.setAttribute("aria-colcount", String(model.headers.length + (model.rowNumbers ? 1 : 0)));
    this.table.setAttribute("aria-readonly", String(!model.editable));
    if (model.labelledBy) {
      this.table.setAttribute("aria-labelledby", model.labelledBy);
      this.table.removeAttribute("aria-label");
    } else {
      this.table.setAttribute("aria-label", model.label || "Dataframe");
      this.table.removeAttribute("aria-labelledby");
    }
    this.table.classList.toggle("df-wrap", model.wrap);
    this.renderWindow(true);
    // The focused row moved (a sort, a search, an edit that re-sorted): focus follows it.
    if (focused && !sameRows && this.count) this.focusCell(this.active.pos, this.active.col, false);
  }

  buildHead() {
    const model = /** @type {GridModel} */ (this.model);
    const { tracks, width } = columnTracks(model.widths, model.rowNumbers);
    this.table.style.setProperty("--df-columns", tracks);
    this.table.style.width = width;
    const cells = model.headers.map((header, c) => {
      const sorted = model.sort?.column === c ? model.sort.direction : null;
      const th = h("div", { role: "columnheader", "aria-label": header, "aria-colindex": c + 1 + (model.rowNumbers ? 1 : 0), "aria-sort": sorted, class: `df-th df-kind-${model.types[c]}` });
      const mark = h("span", { class: "df-sort-mark", "aria-hidden": "true" }, sorted === "ascending" ? "▲" : sorted === "descending" ? "▼" : "↕");
      const button = h("button", { type: "button", class: "df-sort", "aria-label": `Sort by ${header}`, title: `Sort by ${header}`, "data-col": c }, h("span", { class: "df-head-text" }, header), mark);
      button.addEventListener("click", () => this.hooks.sort(c));
      th.append(button);
      this.pin(th, c);
      return th;
    });
    if (model.rowNumbers) cells.unshift(h("div", { role: "columnheader", class: "df-th df-rownum", "aria-label": "Row number", "aria-colindex": 1 }, "#"));
    this.headRow.replaceChildren(...cells);
    requestAnimationFrame(() => this.measurePins());
  }

  /** Pinned columns stick to the left edge; their offsets are measured from the header. */
  measurePins() {
    const model = this.model;
    if (!model || !model.pinned) return;
    const heads = [...this.headRow.children];
    const first = model.rowNumbers ? 1 : 0;
    for (let c = 0; c < Math.min(model.pinned, model.headers.length); c++) {
      const th = /** @type {HTMLElement} */ (heads[first + c]);
      if (th) this.table.style.setProperty(`--df-pin-${c}`, `${th.offsetLeft}px`);
    }
  }

  /** @param {HTMLElement} cell @param {number} c */
  pin(cell, c) {
    const model = /** @type {GridModel} */ (this.model);
    if (c < model.pinned) {
      cell.classList.add("df-pinned");
      cell.style.left = `var(--df-pin-${c}, 0px)`;
    }
  }

  schedule() {
    if (this.scheduled) return;
    this.scheduled = true;
    requestAnimationFrame(() => {
      this.scheduled = false;
      this.renderWindow(false);
    });
  }

  /**
   * Put the rows in view (and OVERSCAN more each side) in the DOM, reusing those already
   * there; `refill` repaints the cells of kept rows whose content changed.
   * @param {boolean} refill
   */
  renderWindow(refill) {
    const model = this.model;
    if (!model) return;
    const count = this.count;
    // Under the sticky header, the rows in view start at scrollTop (in the rows' own heights).
    const head = this.headRow.offsetHeight;
    const top = this.scroller.scrollTop;
    const height = Math.max(0, (this.scroller.clientHeight || 600) - head);
    const start = Math.max(0, this.heights.indexAt(top) - OVERSCAN);
    const end = Math.min(count, this.heights.indexAt(top + height) + 1 + OVERSCAN);
    if (this.editing && (this.editing.pos < start || this.editing.pos >= end)) this.finishEdit(true, false);
    for (const [pos, row] of this.rendered) {
      if (pos >= start && pos < end) continue;
      row.remove();
      this.rendered.delete(pos);
      this.free.push(row);
    }
    // In the DOM in the order shown, for assistive technology (the layout does not need it).
    /** @type {Element | null} */
    let before = this.tbody.firstElementChild;
    for (let pos = start; pos < end; pos++) {
      let row = this.rendered.get(pos);
      if (!row) {
        row = this.free.pop() ?? this.newRow();
        this.rendered.set(pos, row);
        this.fill(row, pos);
      } else if (refill) this.fill(row, pos);
      if (before !== row) this.tbody.insertBefore(row, before);
      before = row.nextElementSibling;
    }
    // Unwrapped rows are all one line high: one is measured, once (reading a row's height
    // lays the rows out now, on top of the frame's own layout).
    let changed = false;
    if (model.wrap) for (const [pos, row] of this.rendered) changed = this.heights.set(pos, row.offsetHeight) || changed;
    else if (!this.heights.seen && start < end) changed = this.heights.set(start, /** @type {HTMLElement} */ (this.rendered.get(start)).offsetHeight);
    for (const [pos, row] of this.rendered) {
      const y = `${this.heights.offset(pos)}px`;
      if (row.style.top !== y) row.style.top = y;
    }
    this.tbody.style.height = `${this.heights.offset(count)}px`;
    if (changed) this.schedule(); // the window may hold other rows now; measured ones stay
    this.updateTabStop();
  }

  newRow() {
    const model = /** @type {GridModel} */ (this.model);
    const row = h("div", { class: "df-row", role: "row" });
    if (model.rowNumbers) row.append(h("div", { role: "rowheader", class: "df-rownum", "aria-colindex": 1 }));
    model.headers.forEach((_, c) => {
      const cell = h("div", { role: "gridcell", tabindex: "-1", "aria-colindex": c + 1 + (model.rowNumbers ? 1 : 0), class: `df-cell df-kind-${model.types[c]}`, "data-col": c });
      if (model.fixed.has(c) && model.editable) cell.setAttribute("aria-readonly", "true");
      this.pin(cell, c);
      row.append(cell);
    });
    return row;
  }

  /**
   * Show the row at position `pos` in `row`, painting only the cells whose content changed.
   * @param {HTMLElement} row
   * @param {number} pos
   */
  fill(row, pos) {
    const model = /** @type {GridModel} */ (this.model);
    const index = this.rowIndex(pos);
    row.setAttribute("aria-rowindex", String(pos + 2));
    row.dataset.pos = String(pos);
    const first = model.rowNumbers ? 1 : 0;
    const cells = row.children;
    if (model.rowNumbers) cells[0].textContent = String(pos + 1);
    const values = model.rows[index] ?? [];
    for (let c = 0; c < model.headers.length; c++) {
      const cell = /** @type {GridCell} */ (cells[first + c]);
      const display = model.display?.[index]?.[c];
      const shown = typeof display === "string" ? `\u0000${display}` : values[c];
      if (cell.shown === shown && cell.shownIndex === index) continue;
      if (this.editing && this.editing.pos === pos && this.editing.col === c) continue;
      cell.shown = shown;
      cell.shownIndex = index;
      paintCell(cell, values[c], typeof display === "string" ? display : null, {
        kind: model.types[c],
        name: `${model.headers[c]}, row ${pos + 1}`,
        editable: this.canEdit(c),
        maxChars: model.maxChars,
        rich: this.hooks.rich,
      });
      if (model.styling || cell.style.length > (c < model.pinned ? 1 : 0)) {
        const style = model.styling?.[index]?.[c];
        cell.style.cssText = typeof style === "string" ? style : "";
        if (c < model.pinned) cell.style.left = `var(--df-pin-${c}, 0px)`;
      }
    }
  }

  updateTabStop() {
    let stop = this.cellAt(this.active.pos, this.active.col);
    if (!stop) {
      const first = [...this.rendered.keys()].sort((a, b) => a - b)[0];
      if (first !== undefined) stop = this.cellAt(first, this.active.col);
    }
    const current = this.tbody.querySelector('.df-cell[tabindex="0"]');
    if (current && current !== stop) current.setAttribute("tabindex", "-1");
    stop?.setAttribute("tabindex", "0");
  }

  /** @param {number} pos @param {number} col @returns {GridCell | null} */
  cellAt(pos, col) {
    const row = this.rendered.get(pos);
    if (!row) return null;
    return /** @type {GridCell | null} */ (row.children[col + (this.model?.rowNumbers ? 1 : 0)] ?? null);
  }

  /** @param {EventTarget | null} target @returns {{pos: number, col: number, cell: GridCell} | null} */
  cellOf(target) {
    const cell = /** @type {GridCell | null} */ (target instanceof Element ? target.closest(".df-cell") : null);
    const row = cell?.parentElement;
    if (!cell || !row?.dataset.pos) return null;
    return { pos: Number(row.dataset.pos), col: Number(cell.dataset.col), cell };
  }

  /** @param {number} pos @param {number} col */
  setActive(pos, col) {
    this.active = { pos, col };
    this.updateTabStop();
    if (!this.chosen) {
      this.chosen = true;
      this.hooks.moved();
    }
  }

  /**
   * Move the tab stop to a cell, scrolled into view, and focus it.
   * @param {number} pos
   * @param {number} col
   * @param {boolean} [select] also fire `select` for it (a user's move)
   */
  focusCell(pos, col, select = true) {
    const model = this.model;
    if (!model || !this.count) return;
    pos = Math.max(0, Math.min(pos, this.count - 1));
    col = Math.max(0, Math.min(col, model.headers.length - 1));
    const head = this.headRow.offsetHeight;
    const rowTop = this.heights.offset(pos);
    const rowBottom = this.heights.offset(pos + 1);
    const { scroller } = this;
    if (rowTop < scroller.scrollTop) scroller.scrollTop = rowTop;
    else if (rowBottom + head > scroller.scrollTop + scroller.clientHeight) scroller.scrollTop = rowBottom + head - scroller.clientHeight;
    this.renderWindow(false);
    this.setActive(pos, col);
    const cell = this.cellAt(pos, col);
    if (!cell) return;
    const pinned = [...this.headRow.querySelectorAll(".df-pinned, .df-rownum")].reduce((width, th) => width + /** @type {HTMLElement} */ (th).offsetWidth, 0);
    if (!cell.classList.contains("df-pinned")) {
      if (cell.offsetLeft - pinned < scroller.scrollLeft) scroller.scrollLeft = cell.offsetLeft - pinned;
      else if (cell.offsetLeft + cell.offsetWidth > scroller.scrollLeft + scroller.clientWidth) scroller.scrollLeft = cell.offsetLeft + cell.offsetWidth - scroller.clientWidth;
    }
    cell.focus({ preventScroll: true });
    if (select) this.hooks.select(this.rowIndex(pos), col);
  }

  /** @param {number} col */
  focusHeader(col) {
    /** @type {HTMLElement | null} */ (this.headRow.querySelector(`button[data-col="${col}"]`))?.focus();
  }

  /** @param {number} col */
  canEdit(col) {
    const model = this.model;
    return Boolean(model?.editable && !model.fixed.has(col));
  }

  /** @param {MouseEvent} event */
  onClick(event) {
    const found = this.cellOf(event.target);
    if (!found) return;
    const box = /** @type {Element} */ (event.target).closest?.("input.df-check");
    if (box instanceof HTMLInputElement) {
      if (this.canEdit(found.col)) this.hooks.edit(this.rowIndex(found.pos), found.col, box.checked);
      else event.preventDefault();
    }
    if (this.editing && this.editing.pos === found.pos && this.editing.col === found.col) return;
    this.focusCell(found.pos, found.col);
  }

  /** @param {KeyboardEvent} event */
  onKey(event) {
    if (this.editing || event.defaultPrevented) return;
    const target = /** @type {HTMLElement} */ (event.target);
    const model = this.model;
    if (!model) return;
    const last = model.headers.length - 1;
    if (target.matches?.("button.df-sort")) {
      const col = Number(target.dataset.col);
      const moves = { ArrowLeft: col - 1, ArrowRight: col + 1 };
      if (event.key in moves) {
        event.preventDefault();
        this.focusHeader(Math.max(0, Math.min(last, moves[/** @type {"ArrowLeft"} */ (event.key)])));
      } else if (event.key === "ArrowDown" && this.count) {
        event.preventDefault();
        this.focusCell(this.heights.indexAt(Math.max(0, this.scroller.scrollTop)), col);
      }
      return;
    }
    const found = this.cellOf(target);
    if (!found) return;
    const { pos, col } = found;
    const page = Math.max(1, Math.floor(this.scroller.clientHeight / this.heights.estimate) - 1);
    const kind = model.types[col];
    const action = keyAction(event, { pos, col, rows: this.count, columns: model.headers.length, page, kind, editable: this.canEdit(col) });
    if (!action) return;
    event.preventDefault();
    if ("move" in action) this.focusCell(action.move[0], action.move[1]);
    else if ("header" in action) this.focusHeader(action.header);
    else if ("toggle" in action) this.toggle(pos, col);
    else if ("clear" in action) this.hooks.edit(this.rowIndex(pos), col, "");
    else this.startEdit(pos, col, action.edit ?? undefined);
  }

  /** Paint every cell in view afresh (a library for rich cells has just loaded). */
  repaint() {
    for (const row of this.rendered.values()) for (const cell of /** @type {any} */ (row.children)) cell.shown = undefined;
    this.renderWindow(true);
  }

  /** @param {number} pos @param {number} col */
  toggle(pos, col) {
    if (!this.canEdit(col)) return;
    const current = this.model?.rows[this.rowIndex(pos)]?.[col];
    this.hooks.edit(this.rowIndex(pos), col, !(current === true || current === "true"));
  }

  /**
   * Edit a cell in place: its text, or `typed` (the key that started the edit) in its stead.
   * @param {number} pos
   * @param {number} col
   * @param {string} [typed]
   */
  startEdit(pos, col, typed) {
    const model = this.model;
    if (!model || !this.canEdit(col) || model.types[col] === "bool") return;
    this.focusCell(pos, col, false);
    const cell = this.cellAt(pos, col);
    if (!cell) return;
    const editor = h("textarea", { class: "df-editor", rows: 1, spellcheck: "false", "aria-label": `Edit ${model.headers[col]}, row ${pos + 1}` });
    editor.value = typed ?? cellText(model.rows[this.rowIndex(pos)]?.[col]);
    if (model.types[col] === "number") editor.inputMode = "decimal";
    this.editing = { pos, col, editor };
    cell.classList.add("df-editing");
    cell.replaceChildren(editor);
    editor.focus();
    if (typed === undefined) editor.select();
    else editor.setSelectionRange(editor.value.length, editor.value.length);
    editor.addEventListener("keydown", (event) => {
      event.stopPropagation();
      if (event.key === "Escape") {
        event.preventDefault();
        this.finishEdit(false);
      } else if ((event.key === "Enter" && !event.shiftKey) || event.key === "Tab") {
        event.preventDefault();
        this.finishEdit(true);
        // The edit may have moved the row (a sorted view): go on from where it is now.
        const next = event.key === "Tab" ? tabFrom(this.active.pos, this.active.col, this.count, model.headers.length, event.shiftKey) : null;
        if (next) this.focusCell(next[0], next[1]);
      }
    });
    editor.addEventListener("blur", () => {
      if (this.editing?.editor === editor) this.finishEdit(true, false);
    });
  }

  /**
   * Leave the editor: keep its text (`save`) or not, and focus the cell again unless focus
   * went elsewhere.
   * @param {boolean} save
   * @param {boolean} [refocus]
   */
  finishEdit(save, refocus = true) {
    const editing = this.editing;
    if (!editing) return;
    this.editing = null;
    const { pos, col, editor } = editing;
    const cell = this.cellAt(pos, col);
    const row = this.rowIndex(pos);
    const before = cellText(this.model?.rows[row]?.[col]);
    if (cell) {
      cell.classList.remove("df-editing");
      cell.shown = undefined; // painted afresh below, or when the new value arrives
      const rowElement = this.rendered.get(pos);
      if (rowElement) this.fill(rowElement, pos);
    }
    if (refocus) cell?.focus({ preventScroll: true });
    if (save && editor.value !== before) this.hooks.edit(row, col, editor.value);
  }
}
