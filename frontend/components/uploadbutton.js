// UploadButton: a button (named by its label) that opens the file picker; the picked files go
// through the page's upload path (files.js: POST upload, with progress) and become the value,
// then `upload` fires. Clicking also fires `click`. Refused types and failed uploads (413...)
// show under the button.

import { h, showMessage } from "../dom.js";
import { acceptAttribute, acceptsFile, componentStyles, uploadShowing } from "../files.js";
import { BlockElement, define } from "./base.js";
import { paintButton } from "./downloadbutton.js";

await Promise.all([componentStyles("upload.css", import.meta.url), componentStyles("uploadbutton.css", import.meta.url)]);

export class UploadButtonBlock extends BlockElement {
  build() {
    this.button = h("button", { type: "button", class: "btn" });
    this.icon = h("img", { class: "btn-icon", alt: "", "aria-hidden": "true" });
    this.text = h("span", { class: "btn-text" });
    this.button.append(this.icon, this.text);
    this.button.addEventListener("click", () => {
      if (!this.interactive || this.uploading) return;
      this.emit("click");
      this.picker?.click();
    });
    this.picker = h("input", { type: "file", class: "sr-only", tabindex: "-1", "aria-hidden": "true" });
    this.picker.addEventListener("change", () => {
      const files = [...(this.picker?.files ?? [])];
      if (this.picker) this.picker.value = "";
      this.take(files).catch((error) => console.error("the upload failed:", error));
    });
    this.progress = h("div", { class: "upload-progress", role: "progressbar", "aria-valuemin": "0", "aria-valuemax": "100", hidden: true }, h("span", { class: "upload-bar" }));
    this.error = h("div", { class: "upload-error", role: "alert", hidden: true });
    this.append(this.button, this.progress, this.error, this.picker);
    this.uploading = false;
  }

  applyCommon() {
    super.applyCommon();
    this.classList.add("blk-button"); // laid out like a Button
  }

  get many() {
    return this.props.file_count === "multiple" || this.props.file_count === "directory";
  }

  render() {
    const { button, icon, text, picker } = this;
    if (!button || !icon || !text || !picker) return;
    const uploading = Boolean(this.uploading);
    paintButton(button, icon, text, this.props, uploading ? "Uploading…" : this.label);
    // Busy, not disabled, while uploading: a disabled button would drop the keyboard focus.
    button.disabled = !this.interactive;
    button.setAttribute("aria-busy", String(uploading));
    button.setAttribute("aria-disabled", String(uploading));
    picker.accept = acceptAttribute(this.props.file_types);
    picker.multiple = this.many;
    picker.toggleAttribute("webkitdirectory", this.props.file_count === "directory");
  }

  /**
   * Upload the picked files; they replace the value (a list when several are allowed).
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
    this.render();
    try {
      const uploaded = await uploadShowing(accepted, /** @type {HTMLElement} */ (this.progress));
      const value = this.many ? uploaded : uploaded[0];
      this.commit(value);
      this.emit("upload", value);
    } catch (error) {
      this.showError(error instanceof Error ? error.message : String(error));
    } finally {
      this.uploading = false;
      this.render();
    }
  }

  /** @param {string} message */
  showError(message) {
    showMessage(/** @type {HTMLElement} */ (this.error), message);
  }
}

define("uploadbutton", UploadButtonBlock);
