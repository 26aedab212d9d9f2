// Image: shows a picture (alt text from the label); when interactive, takes one by the file
// picker, a drop or a paste, uploads it, and offers Clear. Download and Fullscreen per props.

import { fieldLabel, h, showMessage, strokeIcon } from "../dom.js";
import { acceptsFile, componentStyles, dropTarget, fileName, fileUrl, namedFile, pastedFiles, uploadShowing } from "../files.js";
import { BlockElement, define } from "./base.js";

await componentStyles("upload.css", import.meta.url);

const ICON = {
  image: '<rect x="3" y="4" width="18" height="16" rx="2"/><circle cx="9" cy="10" r="2"/><path d="m21 16-5-5-9 9"/>',
  download: '<path d="M12 4v11M7 10l5 5 5-5M5 20h14"/>',
  clear: '<path d="M6 6l12 12M18 6 6 18"/>',
  fullscreen: '<path d="M4 9V4h5M20 9V4h-5M4 15v5h5M20 15v5h-5"/>',
};

/**
 * @param {keyof typeof ICON} name
 * @param {number} [size]
 */
function icon(name, size = 16) {
  return strokeIcon(ICON[name], { size });
}

/**
 * A size prop as CSS: numbers are pixels.
 * @param {any} size
 */
function cssSize(size) {
  return typeof size === "number" ? `${size}px` : typeof size === "string" ? size : "";
}

export class ImageBlock extends BlockElement {
  static boxed = true;

  build() {
    this.heading = fieldLabel(this.partId("field"), null);
    this.download = h("a", { class: "icon-button", "aria-label": "Download", title: "Download", hidden: true }, icon("download"));
    this.download.addEventListener("click", () => this.emit("download", { value: this.value }));
    this.fullscreen = h("button", { type: "button", class: "icon-button", "aria-label": "Fullscreen", title: "Fullscreen", hidden: true }, icon("fullscreen"));
    this.fullscreen.addEventListener("click", () => this.toggleFullscreen());
    this.clear = h("button", { type: "button", class: "icon-button", "aria-label": "Clear", title: "Clear", hidden: true }, icon("clear"));
    this.clear.addEventListener("click", () => {
      this.commit(null);
      this.emit("clear");
    });
    this.tools = h("div", { class: "upload-tools" }, this.download, this.fullscreen, this.clear);
    this.picture = h("img", { class: "image-picture", hidden: true });
    this.picture.addEventListener("click", (event) => {
      // gr.SelectData of an image: the pixel clicked, in the picture's own coordinates.
      const picture = /** @type {HTMLImageElement} */ (this.picture);
      const box = picture.getBoundingClientRect();
      const x = Math.floor(((event.clientX - box.left) / box.width) * picture.naturalWidth);
      const y = Math.floor(((event.clientY - box.top) / box.height) * picture.naturalHeight);
      this.emit("select", { index: [x, y], value: null, selected: true });
    });
    this.prompt = h("button", { type: "button", class: "upload-prompt" });
    this.prompt.addEventListener("click", () => this.picker?.click());
    this.empty = h("div", { class: "upload-empty" }, icon("image", 32));
    this.progress = h("div", { class: "upload-progress upload-progress-wide", role: "progressbar", "aria-valuemin": "0", "aria-valuemax": "100", hidden: true }, h("span", { class: "upload-bar" }));
    this.stage = h("div", { class: "image-stage", tabindex: "-1" }, this.picture, this.prompt, this.empty, this.progress, this.tools);
    this.picker = h("input", { type: "file", accept: "image/*", class: "sr-only", tabindex: "-1", "aria-hidden": "true" });
    this.picker.addEventListener("change", () => {
      const file = this.picker?.files?.[0];
      if (this.picker) this.picker.value = "";
      if (file) this.take(file);
    });
    this.error = h("div", { class: "upload-error", role: "alert", hidden: true });
    this.append(this.heading.label, this.heading.info, this.stage, this.error, this.picker);
    dropTarget(this.stage, (files) => this.take(files[0]), () => this.accepting);
    // A paste anywhere in the block (the prompt or the picture focused) takes a picture.
    this.addEventListener("paste", (event) => {
      if (!this.accepting || !this.sources.includes("clipboard")) return;
      const file = pastedFiles(event).find((f) => f.type.startsWith("image/"));
      if (!file) return;
      event.preventDefault();
      this.take(namedFile(file));
    });
    this.uploading = false;
  }

  get sources() {
    return Array.isArray(this.props.sources) ? this.props.sources : ["upload", "clipboard"];
  }

  get accepting() {
    return this.interactive && !this.uploading;
  }

  render() {
    const { props } = this;
    this.heading?.update(props);
    const url = fileUrl(this.value);
    const picture = /** @type {HTMLImageElement} */ (this.picture);
    const alt = this.label || (this.value ? fileName(this.value) : "Image");
    if (picture.getAttribute("src") !== url) {
      if (url) picture.src = url;
      else picture.removeAttribute("src");
    }
    picture.alt = alt;
    picture.hidden = !url;
    const stage = /** @type {HTMLElement} */ (this.stage);
    stage.style.height = cssSize(props.height);
    stage.style.width = cssSize(props.width);
    stage.classList.toggle("has-image", !!url);

    const prompt = /** @type {HTMLButtonElement} */ (this.prompt);
    const canUpload = this.interactive && (this.sources.includes("upload") || this.sources.includes("clipboard"));
    prompt.hidden = !!url || !canUpload;
    const hint = props.placeholder
      ? String(props.placeholder)
      : this.sources.includes("clipboard")
        ? "Drop an image here, paste one, or click to upload"
        : "Drop an image here or click to upload";
    if (prompt.dataset.hint !== hint) {
      prompt.dataset.hint = hint;
      prompt.replaceChildren(icon("image", 28), h("span", {}, hint));
      prompt.setAttribute("aria-label", `Upload image${this.label ? ` (${this.label})` : ""}`);
    }
    /** @type {HTMLElement} */ (this.empty).hidden = !!url || canUpload;

    const download = /** @type {HTMLAnchorElement} */ (this.download);
    download.hidden = !url || props.show_download_button === false;
    if (url) {
      download.href = url;
      download.download = fileName(this.value);
    }
    /** @type {HTMLElement} */ (this.fullscreen).hidden = !url || props.show_fullscreen_button === false || !document.fullscreenEnabled;
    /** @type {HTMLElement} */ (this.clear).hidden = !url || !this.interactive;
  }

  /**
   * Upload a picture and make it the value.
   * @param {File | undefined} file
   */
  async take(file) {
    if (!file || !this.accepting) return;
    if (!acceptsFile(["image"], file)) {
      this.showError(`${file.name} is not an image`);
      return;
    }
    this.showError("");
    this.uploading = true;
    try {
      const [data] = await uploadShowing([file], /** @type {HTMLElement} */ (this.progress));
      this.commit(data);
      this.emit("upload", data);
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

  toggleFullscreen() {
    if (document.fullscreenElement) document.exitFullscreen().catch(() => {});
    else this.stage?.requestFullscreen().catch(() => {});
  }
}

define("image", ImageBlock);
