// MultimodalTextbox: text plus attached files. Files are uploaded as soon as they are added (the
// picker, a drop, a paste), so the value sent with `submit` already holds their FileData.
// Enter submits, Shift+Enter makes a new line; Stop replaces Submit while a job this box
// started is running (when the app shows a stop button).

import { fieldLabel, h, showMessage, strokeIcon } from "../dom.js";
import {
  acceptAttribute,
  acceptsFile,
  componentStyles,
  dropTarget,
  fileKind,
  fileName,
  fileUrl,
  humanSize,
  namedFile,
  pastedFiles,
  upload,
} from "../files.js";
import { BlockElement, define } from "./base.js";

await componentStyles("upload.css", import.meta.url);

/**
 * @typedef {import("../files.js").FileData} FileData
 * @typedef {{name: string, preview: string, progress: number}} Pending
 */

const ICON = {
  attach:
    '<path d="m21 11-8.5 8.5a5 5 0 0 1-7-7L14 4a3.5 3.5 0 0 1 5 5l-8.5 8.5a2 2 0 0 1-3-3L15 7"/>',
  send: '<path d="M12 19V5M5 12l7-7 7 7"/>',
  stop: '<rect x="6" y="6" width="12" height="12" rx="2" fill="currentColor"/>',
  file: '<path d="M14 3H6v18h12V7zM14 3v4h4"/>',
  close: '<path d="M6 6l12 12M18 6 6 18"/>',
  mic: '<rect x="9" y="3" width="6" height="11" rx="3"/><path d="M5 11a7 7 0 0 0 14 0M12 18v3"/>',
};

/**
 * @param {keyof typeof ICON} name
 * @param {number} [size]
 */
export function svgIcon(name, size = 18) {
  return strokeIcon(ICON[name], { size });
}

export class MultimodalTextboxBlock extends BlockElement {
  static boxed = true;

  constructor() {
    super();
    /** @type {FileData[]} */
    this.files = [];
    /** @type {Set<Pending>} */
    this.pending = new Set();
    this.submitWhenUploaded = false;
    /** @type {MediaRecorder | null} the recording in progress (microphone source) */
    this.recorder = null;
    this.filesKey = "";
    this.frameQueued = false;
  }

  build() {
    this.heading = fieldLabel(this.partId("field"), this.partId("input"));
    this.input = h("textarea", { id: this.partId("input"), class: "mm-input", rows: "1" });
    this.picker = h("input", { type: "file", class: "sr-only", tabindex: "-1", "aria-hidden": "true" });
    this.attachButton = h("button", { type: "button", class: "mm-button mm-attach", "aria-label": "Attach files", title: "Attach files" }, svgIcon("attach"));
    this.submitButton = h("button", { type: "button", class: "mm-button mm-submit" });
    this.stopButton = h("button", { type: "button", class: "mm-button mm-stop" });
    this.list = h("div", { class: "mm-files", role: "list", "aria-label": "Attached files" });
    this.error = h("div", { class: "upload-error", role: "alert", hidden: true });
    this.recordButton = h("button", { type: "button", class: "mm-button mm-attach", "aria-pressed": "false" }, svgIcon("mic"));
    this.row = h("div", { class: "mm-row" }, this.attachButton, this.recordButton, this.input, this.submitButton, this.stopButton);
    this.box = h("div", { class: "mm-box" }, this.list, this.row);
    this.append(this.heading.label, this.heading.info, this.box, this.error, this.picker);

    this.input.addEventListener("input", () => {
      this.grow();
      this.commitValue();
    });
    this.input.addEventListener("keydown", (event) => {
      if (event.key === "Enter" && !event.shiftKey && !event.isComposing) {
        event.preventDefault();
        this.submit();
      }
    });
    this.input.addEventListener("focus", () => this.emit("focus"));
    this.input.addEventListener("blur", () => this.emit("blur"));
    this.input.addEventListener("paste", (event) => this.onPaste(event));
    this.attachButton.addEventListener("click", () => this.picker?.click());
    this.recordButton.addEventListener("click", () => this.toggleRecording());
    this.picker.addEventListener("change", () => {
      const files = [...(this.picker?.files ?? [])];
      if (this.picker) this.picker.value = "";
      this.addFiles(files);
    });
    this.submitButton.addEventListener("click", () => this.submit());
    this.stopButton.addEventListener("click", () => {
      this.emit("stop");
      if (!this.listens("stop")) this.cancelJobs();
    });
    dropTarget(this.box, (files) => this.addFiles(files), () => this.uploadsAllowed);
    this.addEventListener("blocks-busy", () => this.queueRender());
  }

  /**
   * The microphone source: record until clicked again, then attach the recording (uploaded
   * like any file). A refused microphone shows the reason under the box.
   */
  async toggleRecording() {
    const button = /** @type {HTMLButtonElement} */ (this.recordButton);
    if (this.recorder) {
      this.recorder.stop();
      return;
    }
    try {
      const stream = await navigator.mediaDevices.getUserMedia({ audio: true });
      /** @type {Blob[]} */
      const chunks = [];
      const recorder = new MediaRecorder(stream);
      this.recorder = recorder;
      recorder.addEventListener("dataavailable", (event) => event.data.size && chunks.push(event.data));
      recorder.addEventListener("stop", () => {
        for (const track of stream.getTracks()) track.stop();
        this.recorder = null;
        this.renderRecordButton();
        const type = recorder.mimeType || "audio/webm";
        const extension = type.includes("ogg") ? "ogg" : "webm";
        this.addFiles([new File(chunks, `recording.${extension}`, { type })], true);
      });
      recorder.start();
      this.renderRecordButton();
    } catch (error) {
      this.recorder = null;
      this.renderRecordButton();
      const message = error instanceof Error ? error.message : String(error);
      this.showError(`The microphone could not be used: ${message}`);
    }
    button.focus();
  }

  renderRecordButton() {
    const button = /** @type {HTMLButtonElement} */ (this.recordButton);
    const recording = !!this.recorder;
    const label = recording ? "Stop recording" : "Record audio";
    button.setAttribute("aria-label", label);
    button.title = label;
    button.setAttribute("aria-pressed", String(recording));
    button.classList.toggle("mm-recording", recording);
    const sources = Array.isArray(this.props.sources) ? this.props.sources : ["upload"];
    button.hidden = !(this.interactive && sources.includes("microphone") && globalThis.MediaRecorder);
  }

  get uploadsAllowed() {
    const sources = Array.isArray(this.props.sources) ? this.props.sources : ["upload"];
    return this.interactive && sources.includes("upload");
  }

  queueRender() {
    if (this.frameQueued) return;
    this.frameQueued = true;
    requestAnimationFrame(() => {
      this.frameQueued = false;
      this.render();
    });
  }

  render() {
    const { props } = this;
    const input = /** @type {HTMLTextAreaElement} */ (this.input);
    this.heading?.update(props);
    if (this.label) input.removeAttribute("aria-label");
    else input.setAttribute("aria-label", props.placeholder ? String(props.placeholder) : "Message");
    input.placeholder = props.placeholder ?? "";
    input.disabled = !this.interactive;
    input.dir = props.rtl ? "rtl" : "auto";
    input.style.textAlign = props.text_align ?? "";
    const lines = Math.max(1, props.lines ?? 1);
    input.rows = lines;
    input.style.setProperty("--lines", String(lines));
    input.style.setProperty("--max-lines", String(Math.max(lines, props.max_lines ?? 20)));

    const value = this.value && typeof this.value === "object" ? this.value : { text: typeof this.value === "string" ? this.value : "", files: [] };
    if (!this.echo) {
      const text = value.text == null ? "" : String(value.text);
      if (input.value !== text) input.value = text;
      this.files = Array.isArray(value.files) ? value.files.slice() : [];
    }
    this.grow();
    this.renderFiles();

    const picker = /** @type {HTMLInputElement} */ (this.picker);
    picker.accept = acceptAttribute(props.file_types);
    picker.multiple = props.file_count === "multiple" || props.file_count === "directory";
    picker.toggleAttribute("webkitdirectory", props.file_count === "directory");
    /** @type {HTMLElement} */ (this.attachButton).hidden = !this.uploadsAllowed;
    this.renderRecordButton();

    const busy = this.busy;
    const stopText = props.stop_btn;
    const showStop = !!stopText && busy;
    setButton(/** @type {HTMLButtonElement} */ (this.stopButton), stopText, "Stop", "stop", !showStop);
    setButton(/** @type {HTMLButtonElement} */ (this.submitButton), props.submit_btn, "Submit", "send", !props.submit_btn || showStop);
    /** @type {HTMLButtonElement} */ (this.submitButton).disabled = !this.interactive;

    if (props.autofocus && !this.focusedOnce) {
      this.focusedOnce = true;
      requestAnimationFrame(() => input.focus());
    }
  }

  /** Thumbnails of attached pictures, chips for other files, and uploads in progress. */
  renderFiles() {
    const list = /** @type {HTMLElement} */ (this.list);
    const key = JSON.stringify([this.files.map((f) => f.url), [...this.pending].map((p) => [p.name, p.progress]), this.interactive]);
    if (key === this.filesKey) return;
    this.filesKey = key;
    const items = this.files.map((data, index) => this.fileItem(data, index));
    for (const pending of this.pending) items.push(pendingItem(pending));
    list.replaceChildren(...items);
    list.hidden = items.length === 0;
  }

  /**
   * @param {FileData} data
   * @param {number} index
   */
  fileItem(data, index) {
    const name = fileName(data);
    const item = h("div", { class: "mm-file", role: "listitem", title: name });
    const url = fileUrl(data);
    if (url && fileKind(data) === "image") {
      item.classList.add("mm-thumb");
      item.append(h("img", { src: url, alt: name }));
    } else {
      item.append(svgIcon("file", 20), h("span", { class: "mm-file-text" }, h("span", { class: "mm-file-name" }, name), h("span", { class: "mm-file-size" }, humanSize(data.size))));
    }
    if (this.interactive) {
      const remove = h("button", { type: "button", class: "mm-remove", "aria-label": `Remove ${name}`, title: `Remove ${name}` }, svgIcon("close", 12));
      remove.addEventListener("click", () => {
        this.files = this.files.filter((_, i) => i !== index);
        this.commitValue();
        this.renderFiles();
        this.input?.focus();
      });
      item.append(remove);
    }
    return item;
  }

  commitValue() {
    this.commit({ text: this.input?.value ?? "", files: this.files.slice() });
  }

  submit() {
    if (!this.interactive) return;
    if (this.pending.size) {
      this.submitWhenUploaded = true; // sent once the files are up
      return;
    }
    this.emit("submit");
  }

  /** @param {ClipboardEvent} event */
  onPaste(event) {
    if (!this.uploadsAllowed) return;
    const files = pastedFiles(event);
    if (files.length) {
      event.preventDefault();
      this.addFiles(files.map(namedFile));
      return;
    }
    const text = event.clipboardData?.getData("text/plain") ?? "";
    const limit = this.props.max_plain_text_length ?? 1000;
    if (typeof limit === "number" && limit > 0 && text.length > limit) {
      // A long paste becomes an attachment rather than a wall of text in the box.
      event.preventDefault();
      this.addFiles([new File([text], "pasted_text.txt", { type: "text/plain" })]);
    }
  }

  /**
   * Upload files and attach them (in place of the one attachment when file_count is single).
   * @param {File[]} files
   * @param {boolean} [recorded] a recording of the microphone source (uploads may be off)
   */
  async addFiles(files, recorded = false) {
    if (!files.length || !(recorded || this.uploadsAllowed)) return;
    const types = this.props.file_types;
    const refused = files.filter((file) => !acceptsFile(types, file));
    let accepted = files.filter((file) => acceptsFile(types, file));
    const single = (this.props.file_count ?? "single") === "single";
    if (single) accepted = accepted.slice(0, 1);
    this.showError(refused.length ? `${refused.map((f) => f.name).join(", ")}: not an accepted file type (${(types ?? []).join(", ")})` : "");
    if (!accepted.length) return;
    /** @type {Pending[]} */
    const entries = accepted.map((file) => ({ name: file.name, preview: "", progress: 0 }));
    for (const entry of entries) this.pending.add(entry);
    this.renderFiles();
    try {
      const uploaded = await upload(accepted, {
        onProgress: (fraction) => {
          for (const entry of entries) entry.progress = fraction;
          this.renderFiles();
        },
      });
      this.files = single ? uploaded.slice(0, 1) : [...this.files, ...uploaded];
      this.commitValue();
      this.emit("upload", single ? uploaded[0] : uploaded);
    } catch (error) {
      this.showError(error instanceof Error ? error.message : String(error));
      this.submitWhenUploaded = false;
    } finally {
      for (const entry of entries) this.pending.delete(entry);
      this.renderFiles();
    }
    if (this.submitWhenUploaded && !this.pending.size) {
      this.submitWhenUploaded = false;
      this.emit("submit");
    }
  }

  /** @param {string} message shown under the box (empty: none) */
  showError(message) {
    showMessage(/** @type {HTMLElement} */ (this.error), message);
  }

  /** The box grows with its text from `lines` up to `max_lines`, then scrolls. */
  grow() {
    const input = this.input;
    if (!input || FIELD_SIZING) return;
    const style = getComputedStyle(input);
    const min = parseFloat(style.minHeight) || 0;
    const max = parseFloat(style.maxHeight) || Infinity;
    input.style.height = "auto";
    input.style.height = `${Math.min(max, Math.max(min, input.scrollHeight))}px`;
  }
}

const FIELD_SIZING = globalThis.CSS?.supports?.("field-sizing", "content") ?? false;

/**
 * A Submit or Stop button: an icon button named `fallback` when the prop is `true`, a text
 * button when it is a string.
 * @param {HTMLButtonElement} button
 * @param {any} prop
 * @param {string} fallback
 * @param {keyof typeof ICON} iconName
 * @param {boolean} hidden
 */
function setButton(button, prop, fallback, iconName, hidden) {
  button.hidden = hidden;
  const text = typeof prop === "string" && prop.trim() ? prop : "";
  const key = `${text}|${fallback}`;
  if (button.dataset.key === key) return;
  button.dataset.key = key;
  button.classList.toggle("mm-text-button", !!text);
  if (text) {
    button.removeAttribute("aria-label");
    button.replaceChildren(text);
  } else {
    button.setAttribute("aria-label", fallback);
    button.title = fallback;
    button.replaceChildren(svgIcon(iconName));
  }
}

/** @param {Pending} pending */
function pendingItem(pending) {
  const percent = Math.round(pending.progress * 100);
  return h(
    "div",
    { class: "mm-file mm-pending", role: "listitem", title: pending.name },
    h("span", { class: "spinner", "aria-hidden": "true" }),
    h("span", { class: "mm-file-text" }, h("span", { class: "mm-file-name" }, pending.name), h("span", { class: "mm-file-size" }, `${percent}%`)),
    h(
      "span",
      { class: "upload-progress", role: "progressbar", "aria-label": `Uploading ${pending.name}`, "aria-valuemin": "0", "aria-valuemax": "100", "aria-valuenow": String(percent) },
      h("span", { class: "upload-bar", style: `width: ${percent}%` }),
    ),
  );
}

define("multimodaltextbox", MultimodalTextboxBlock);
