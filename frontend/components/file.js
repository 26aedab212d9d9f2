// File: the files of the value as download links; when interactive, a drop zone / picker that
// uploads (one file or several, of `file_types`), a remove button per file (`delete`) and
// Clear; with `allow_reordering`, rows are dragged into another order, or moved with the arrow
// keys on their handle.

import { fieldLabel, h, showMessage, strokeIcon } from "../dom.js";
import { acceptAttribute, acceptsFile, componentStyles, dropTarget, fileName, fileUrl, humanSize, uploadShowing } from "../files.js";
import { BlockElement, define } from "./base.js";

await Promise.all([componentStyles("upload.css", import.meta.url), componentStyles("file.css", import.meta.url)]);

/** @typedef {import("../files.js").FileData} FileData */

const ICON = {
  file: '<path d="M14 3H6v18h12V7zM14 3v4h4"/>',
  upload: '<path d="M12 16V4M7 9l5-5 5 5M5 20h14"/>',
  close: '<path d="M6 6l12 12M18 6 6 18"/>',
  grip: '<path d="M9 5h.01M15 5h.01M9 12h.01M15 12h.01M9 19h.01M15 19h.01"/>',
};

/** The drag data type of a row being reordered (not a file from outside the page). */
const ROW_DRAG = "application/x-blocks-file-row";

/**
 * @param {keyof typeof ICON} name
 * @param {number} [size]
 */
function icon(name, size = 18) {
  return strokeIcon(ICON[name], { size });
}

export class FileBlock extends BlockElement {
  static boxed = true;

  build() {
    this.heading = fieldLabel(this.partId("field"), null);
    this.list = h("ul", { class: "file-list", "aria-labelledby": this.heading.labelId });
    this.prompt = h("button", { type: "button", class: "upload-prompt upload-prompt-small" });
    this.prompt.addEventListener("click", () => this.picker?.click());
    this.clear = h("button", { type: "button", class: "btn btn-sm btn-secondary file-clear" }, "Clear");
    this.clear.addEventListener("click", () => {
      this.commit(null);
      this.emit("clear");
    });
    this.progress = h("div", { class: "upload-progress upload-progress-wide", role: "progressbar", "aria-valuemin": "0", "aria-valuemax": "100", hidden: true }, h("span", { class: "upload-bar" }));
    this.empty = h("div", { class: "upload-empty file-empty" }, icon("file", 28));
    this.zone = h("div", { class: "file-zone" }, this.list, this.prompt, this.progress);
    this.picker = h("input", { type: "file", class: "sr-only", tabindex: "-1", "aria-hidden": "true" });
    this.picker.addEventListener("change", () => {
      const files = [...(this.picker?.files ?? [])];
      if (this.picker) this.picker.value = "";
      this.take(files);
    });
    this.error = h("div", { class: "upload-error", role: "alert", hidden: true });
    this.footer = h("div", { class: "file-footer" }, this.clear);
    this.append(this.heading.label, this.heading.info, this.zone, this.error, this.footer, this.picker);
    dropTarget(this.zone, (files) => this.take(files), () => this.interactive && !this.uploading);
    this.uploading = false;
    this.shownKey = "";
    /** @type {number | null} the row whose handle gets focus once the list is drawn again */
    this.focusRow = null;
    /** @type {number | null} the row being dragged */
    this.dragRow = null;
  }

  get many() {
    return this.props.file_count === "multiple" || this.props.file_count === "directory";
  }

  /** @returns {FileData[]} */
  get files() {
    const value = this.value;
    if (!value) return [];
    return Array.isArray(value) ? value : [value];
  }

  render() {
    const { props } = this;
    this.heading?.update(props);
    const files = this.files;
    const key = JSON.stringify([files.map((f) => f.url), this.interactive, props.file_count, this.reorderable]);
    if (key !== this.shownKey) {
      this.shownKey = key;
      /** @type {HTMLElement} */ (this.list).replaceChildren(...files.map((data, index) => this.item(data, index)));
      const focusRow = this.focusRow;
      if (typeof focusRow === "number") {
        /** @type {HTMLElement | null} */ (this.list?.children[focusRow]?.querySelector(".file-handle") ?? null)?.focus();
        this.focusRow = null;
      }
    }
    /** @type {HTMLElement} */ (this.list).hidden = !files.length;
    const zone = /** @type {HTMLElement} */ (this.zone);
    zone.style.maxHeight = typeof props.height === "number" ? `${props.height}px` : (props.height ?? "");
    const prompt = /** @type {HTMLButtonElement} */ (this.prompt);
    prompt.hidden = !this.interactive || (!this.many && files.length > 0);
    const text = this.many ? "Drop files here or click to upload" : "Drop a file here or click to upload";
    if (prompt.dataset.text !== text) {
      prompt.dataset.text = text;
      prompt.replaceChildren(icon("upload", 22), h("span", {}, text));
      prompt.setAttribute("aria-label", this.many ? "Upload files" : "Upload file");
    }
    /** @type {HTMLElement} */ (this.footer).hidden = !this.interactive || !files.length;
    const empty = /** @type {HTMLElement} */ (this.empty);
    if (!this.interactive && !files.length) zone.append(empty);
    else empty.remove();
    const picker = /** @type {HTMLInputElement} */ (this.picker);
    picker.accept = acceptAttribute(props.file_types);
    picker.multiple = this.many;
    picker.toggleAttribute("webkitdirectory", props.file_count === "directory");
  }

  /** Whether the user may put the files in another order. */
  get reorderable() {
    return Boolean(this.props.allow_reordering) && this.interactive && this.many && this.files.length > 1;
  }

  /**
   * Put the file at `from` at `to` and commit the new order.
   * @param {number} from
   * @param {number} to
   */
  move(from, to) {
    const files = [...this.files];
    if (from === to || from < 0 || to < 0 || from >= files.length || to >= files.length) return;
    const [moved] = files.splice(from, 1);
    files.splice(to, 0, moved);
    this.commit(files);
  }

  /**
   * A drag handle for row `index` (arrow keys move it) and the row's drag and drop.
   * @param {HTMLElement} row
   * @param {string} name
   * @param {number} index
   */
  makeReorderable(row, name, index) {
    const handle = h("button", { type: "button", class: "icon-button file-handle", "aria-label": `Reorder ${name}`, title: "Drag to reorder, or use the arrow keys", "aria-keyshortcuts": "ArrowUp ArrowDown" }, icon("grip", 14));
    handle.addEventListener("keydown", (event) => {
      const to = { ArrowUp: index - 1, ArrowDown: index + 1, Home: 0, End: this.files.length - 1 }[event.key];
      if (to === undefined || to < 0 || to >= this.files.length || to === index) return;
      event.preventDefault();
      this.focusRow = to;
      this.move(index, to);
    });
    row.draggable = true;
    row.addEventListener("dragstart", (event) => {
      this.dragRow = index;
      event.dataTransfer?.setData(ROW_DRAG, String(index));
      if (event.dataTransfer) event.dataTransfer.effectAllowed = "move";
      row.classList.add("file-dragged");
    });
    row.addEventListener("dragend", () => {
      this.dragRow = null;
      row.classList.remove("file-dragged");
      for (const other of this.list?.children ?? []) other.classList.remove("file-drop-target");
    });
    row.addEventListener("dragover", (event) => {
      if (this.dragRow === null || !event.dataTransfer?.types.includes(ROW_DRAG)) return;
      event.preventDefault();
      event.dataTransfer.dropEffect = "move";
      row.classList.toggle("file-drop-target", this.dragRow !== index);
    });
    row.addEventListener("dragleave", () => row.classList.remove("file-drop-target"));
    row.addEventListener("drop", (event) => {
      const from = this.dragRow;
      if (typeof from !== "number" || !event.dataTransfer?.types.includes(ROW_DRAG)) return;
      event.preventDefault();
      event.stopPropagation();
      this.dragRow = null;
      this.move(from, index);
    });
    row.prepend(handle);
  }

  /**
   * @param {FileData} data
   * @param {number} index
   */
  item(data, index) {
    const name = fileName(data);
    const url = fileUrl(data);
    const label = h("span", { class: "file-text" }, h("span", { class: "file-name" }, name), h("span", { class: "file-size" }, humanSize(data.size)));
    const main = url
      ? h("a", { class: "file-link", href: url, download: name, target: "_blank", rel: "noopener noreferrer" }, icon("file"), label)
      : h("span", { class: "file-link" }, icon("file"), label);
    if (url) main.addEventListener("click", () => this.emit("download", { value: data }));
    const row = h("li", { class: "file-row" }, main);
    if (this.reorderable) this.makeReorderable(row, name, index);
    if (this.interactive) {
      const remove = h("button", { type: "button", class: "icon-button file-remove", "aria-label": `Remove ${name}`, title: `Remove ${name}` }, icon("close", 14));
      remove.addEventListener("click", () => {
        const rest = this.files.filter((_, i) => i !== index);
        this.commit(this.many ? rest : null);
        this.emit("delete", { file: data, index, value: data });
        if (!rest.length) this.emit("clear");
      });
      row.append(remove);
    }
    return row;
  }

  /**
   * Upload files and make them the value (added to it when several are allowed).
   * @param {File[]} files
   */
  async take(files) {
    if (!files.length || !this.interactive || this.uploading) return;
    const types = this.props.file_types;
    const refused = files.filter((file) => !acceptsFile(types, file));
    let accepted = files.filter((file) => acceptsFile(types, file));
    if (!this.many) accepted = accepted.slice(0, 1);
    this.showError(refused.length ? `${refused.map((f) => f.name).join(", ")}: not an accepted file type (${(types ?? []).join(", ")})` : "");
    if (!accepted.length) return;
    this.uploading = true;
    try {
      const uploaded = await uploadShowing(accepted, /** @type {HTMLElement} */ (this.progress));
      const value = this.many ? [...this.files, ...uploaded] : uploaded[0];
      this.commit(value);
      this.emit("upload", this.many ? uploaded : uploaded[0]);
    } catch (error) {
      this.showError(error instanceof Error ? error.message : String(error));
    } finally {
      this.uploading = false;
    }
  }

  /** @param {string} message */
  showError(message) {
    showMessage(/** @type {HTMLElement} */ (this.error), message);
  }
}

define("file", FileBlock);
