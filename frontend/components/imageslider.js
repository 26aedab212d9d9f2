// ImageSlider: two pictures one over the other, the second shown right of a divider. The
// divider is a slider (role slider, named after the label): drag it or the pictures, or move
// it with the arrow keys (Shift or Page Up / Down: by 10), Home and End. When interactive, each
// picture is uploaded into its own slot (the picker, or a drop on the slot), and Clear empties
// both. Download (the second picture, else the first) and Fullscreen per props.

import { fieldLabel, h, showMessage, strokeIcon } from "../dom.js";
import { acceptsFile, componentStyles, dropTarget, fileName, fileUrl, uploadShowing } from "../files.js";
import { BlockElement, define } from "./base.js";

await Promise.all([componentStyles("upload.css", import.meta.url), componentStyles("imageslider.css", import.meta.url)]);

/** @typedef {import("../files.js").FileData} FileData */

const ICON = {
  image: '<rect x="3" y="4" width="18" height="16" rx="2"/><circle cx="9" cy="10" r="2"/><path d="m21 16-5-5-9 9"/>',
  download: '<path d="M12 4v11M7 10l5 5 5-5M5 20h14"/>',
  clear: '<path d="M6 6l12 12M18 6 6 18"/>',
  fullscreen: '<path d="M4 9V4h5M20 9V4h-5M4 15v5h5M20 15v5h-5"/>',
  handle: '<path d="m9 7-5 5 5 5M15 7l5 5-5 5"/>',
};
const SLOTS = ["first", "second"];

/**
 * @param {keyof typeof ICON} name
 * @param {number} [size]
 */
function icon(name, size = 16) {
  return strokeIcon(ICON[name], { size });
}

/** @param {any} value */
function clamp(value) {
  const number = Number(value);
  return Number.isFinite(number) ? Math.min(100, Math.max(0, number)) : 50;
}

export class ImageSliderBlock extends BlockElement {
  static boxed = true;

  constructor() {
    super();
    /** the divider, in percent of the width from the left */
    this.position = 50;
    /** @type {any} the slider_position last received, to follow the server's changes only */
    this.seenPosition = undefined;
    this.uploading = false;
    /** @type {number | null} the pointer dragging the divider */
    this.dragging = null;
  }

  build() {
    this.heading = fieldLabel(this.partId("field"), null);
    this.download = h("a", { class: "icon-button", "aria-label": "Download", title: "Download", hidden: true }, icon("download"));
    this.fullscreen = h("button", { type: "button", class: "icon-button", "aria-label": "Fullscreen", title: "Fullscreen", hidden: true }, icon("fullscreen"));
    this.fullscreen.addEventListener("click", () => this.toggleFullscreen());
    this.clear = h("button", { type: "button", class: "icon-button", "aria-label": "Clear", title: "Clear", hidden: true }, icon("clear"));
    this.clear.addEventListener("click", () => {
      this.commit(null);
      this.emit("clear");
    });
    this.first = h("img", { class: "slider-picture", alt: "", decoding: "async" });
    this.second = h("img", { class: "slider-picture", alt: "", decoding: "async" });
    this.first.addEventListener("load", () => this.fit());
    this.cover = h("div", { class: "slider-cover" }, this.second);
    this.handle = h("div", { class: "slider-divider", role: "slider", tabindex: "0", "aria-valuemin": "0", "aria-valuemax": "100" }, h("span", { class: "slider-knob" }, icon("handle", 18)));
    this.handle.addEventListener("keydown", (event) => this.key(event));
    this.box = h("div", { class: "slider-box" }, this.first, this.cover, this.handle);
    this.box.addEventListener("pointerdown", (event) => this.grab(event));
    this.box.addEventListener("pointermove", (event) => {
      if (event.pointerId === this.dragging) this.moveTo(event.clientX);
    });
    const release = (/** @type {PointerEvent} */ event) => {
      if (event.pointerId === this.dragging) this.dragging = null;
    };
    this.box.addEventListener("pointerup", release);
    this.box.addEventListener("pointercancel", release);

    this.slots = SLOTS.map((slot, index) => {
      const prompt = h("button", { type: "button", class: "upload-prompt slider-slot", "aria-label": `Upload the ${slot} image` }, icon("image", 24), h("span", {}, `Drop the ${slot} image here or click to upload`));
      prompt.addEventListener("click", () => {
        this.target = index;
        this.picker?.click();
      });
      dropTarget(prompt, (files) => this.take(index, files), () => this.accepting);
      return prompt;
    });
    this.slotRow = h("div", { class: "slider-slots" }, ...this.slots);
    this.empty = h("div", { class: "upload-empty" }, icon("image", 32));
    this.progress = h("div", { class: "upload-progress upload-progress-wide", role: "progressbar", "aria-valuemin": "0", "aria-valuemax": "100", hidden: true }, h("span", { class: "upload-bar" }));
    this.tools = h("div", { class: "upload-tools" }, this.download, this.fullscreen, this.clear);
    this.stage = h("div", { class: "slider-stage" }, this.box, this.slotRow, this.empty, this.progress, this.tools);
    this.picker = h("input", { type: "file", accept: "image/*", multiple: true, class: "sr-only", tabindex: "-1", "aria-hidden": "true" });
    this.picker.addEventListener("change", () => {
      const files = [...(this.picker?.files ?? [])];
      if (this.picker) this.picker.value = "";
      this.take(this.target ?? 0, files);
    });
    this.error = h("div", { class: "upload-error", role: "alert", hidden: true });
    this.append(this.heading.label, this.heading.info, this.stage, this.error, this.picker);
    /** @type {number | undefined} the slot the picker fills */
    this.target = undefined;
  }

  /** @returns {(FileData | null)[]} */
  get pair() {
    const value = Array.isArray(this.value) ? this.value : [];
    return [value[0] ?? null, value[1] ?? null];
  }

  get accepting() {
    return this.interactive && !this.uploading;
  }

  render() {
    const { props } = this;
    this.heading?.update(props);
    this.setAttribute("role", "group");
    if (this.label && this.heading) {
      this.setAttribute("aria-labelledby", this.heading.labelId);
      this.removeAttribute("aria-label");
    } else {
      this.removeAttribute("aria-labelledby");
      this.setAttribute("aria-label", "Image slider");
    }
    if (props.slider_position !== this.seenPosition) {
      this.seenPosition = props.slider_position;
      this.position = clamp(props.slider_position);
    }
    const [first, second] = this.pair;
    const urls = [fileUrl(first), fileUrl(second)];
    [this.first, this.second].forEach((picture, index) => {
      const element = /** @type {HTMLImageElement} */ (picture);
      if (element.getAttribute("src") !== urls[index]) {
        if (urls[index]) element.src = urls[index];
        else element.removeAttribute("src");
      }
      element.hidden = !urls[index];
      element.alt = urls[index] ? `${this.label || "Image"} ${index + 1}` : "";
    });
    const both = !!urls[0] && !!urls[1];
    const any = !!urls[0] || !!urls[1];
    const box = /** @type {HTMLElement} */ (this.box);
    box.hidden = !any;
    box.classList.toggle("comparing", both);
    /** @type {HTMLElement} */ (this.handle).hidden = !both;
    /** @type {HTMLElement} */ (this.cover).hidden = !urls[1];
    const stage = /** @type {HTMLElement} */ (this.stage);
    stage.style.maxWidth = typeof props.width === "number" ? `${props.width}px` : typeof props.width === "string" ? props.width : "";
    this.fit();
    this.showPosition();

    (this.slots ?? []).forEach((slot, index) => (slot.hidden = !this.interactive || !!urls[index]));
    /** @type {HTMLElement} */ (this.slotRow).hidden = !this.interactive || both;
    /** @type {HTMLElement} */ (this.empty).hidden = any || this.interactive;
    const shown = second ?? first;
    const download = /** @type {HTMLAnchorElement} */ (this.download);
    download.hidden = !any || props.show_download_button === false;
    if (shown && fileUrl(shown)) {
      download.href = fileUrl(shown);
      download.download = fileName(shown);
    }
    /** @type {HTMLElement} */ (this.fullscreen).hidden = !any || props.show_fullscreen_button === false || !document.fullscreenEnabled;
    /** @type {HTMLElement} */ (this.clear).hidden = !any || !this.interactive;
  }

  /** Size the box to the first picture's shape, at most max_height (or height) tall. */
  fit() {
    const picture = /** @type {HTMLImageElement} */ (this.first);
    const box = /** @type {HTMLElement} */ (this.box);
    const { props } = this;
    const limit = typeof props.height === "number" ? props.height : Number(props.max_height) || 500;
    const source = picture.naturalWidth ? picture : /** @type {HTMLImageElement} */ (this.second);
    const { naturalWidth: width, naturalHeight: height } = source;
    if (!width || !height) {
      box.style.aspectRatio = "";
      box.style.width = "";
      return;
    }
    box.style.aspectRatio = `${width} / ${height}`;
    box.style.width = `min(100%, ${(limit * width) / height}px)`;
  }

  showPosition() {
    const percent = `${Math.round(this.position * 10) / 10}%`;
    const box = /** @type {HTMLElement} */ (this.box);
    box.style.setProperty("--position", percent);
    const handle = /** @type {HTMLElement} */ (this.handle);
    const now = String(Math.round(this.position));
    if (handle.getAttribute("aria-valuenow") !== now) {
      handle.setAttribute("aria-valuenow", now);
      handle.setAttribute("aria-valuetext", `${now}% of the first image shown`);
    }
    const name = `${this.label || "Image"} comparison`;
    if (handle.getAttribute("aria-label") !== name) handle.setAttribute("aria-label", name);
  }

  /** @param {PointerEvent} event */
  grab(event) {
    if (!this.box?.classList.contains("comparing") || event.button !== 0) return;
    event.preventDefault();
    this.dragging = event.pointerId;
    this.box.setPointerCapture(event.pointerId);
    this.handle?.focus({ preventScroll: true });
    this.moveTo(event.clientX);
  }

  /** @param {number} clientX */
  moveTo(clientX) {
    const rect = /** @type {HTMLElement} */ (this.box).getBoundingClientRect();
    if (!rect.width) return;
    this.position = clamp(((clientX - rect.left) / rect.width) * 100);
    this.showPosition();
  }

  /** @param {KeyboardEvent} event */
  key(event) {
    const big = event.shiftKey ? 10 : 1;
    /** @type {Record<string, number>} */
    const moves = { ArrowLeft: -big, ArrowDown: -big, ArrowRight: big, ArrowUp: big, PageDown: -10, PageUp: 10 };
    if (event.key in moves) this.position = clamp(this.position + moves[event.key]);
    else if (event.key === "Home") this.position = 0;
    else if (event.key === "End") this.position = 100;
    else return;
    event.preventDefault();
    this.showPosition();
  }

  /**
   * Upload pictures into the slot `index` (a second file fills the other slot when it is empty).
   * @param {number} index
   * @param {File[]} files
   */
  async take(index, files) {
    if (!files.length || !this.accepting) return;
    const pictures = files.filter((file) => acceptsFile(["image"], file)).slice(0, 2);
    const refused = files.filter((file) => !acceptsFile(["image"], file));
    this.showError(refused.length ? `Not an image: ${refused.map((f) => f.name).join(", ")}` : "");
    if (!pictures.length) return;
    this.uploading = true;
    try {
      const uploaded = await uploadShowing(pictures, /** @type {HTMLElement} */ (this.progress));
      const pair = this.pair;
      pair[index] = uploaded[0];
      if (uploaded[1] && !pair[1 - index]) pair[1 - index] = uploaded[1];
      this.commit(pair);
      this.emit("upload", pair);
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

define("imageslider", ImageSliderBlock);
