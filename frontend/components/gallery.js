// Gallery: pictures and videos in a grid of buttons (named by caption, else "Image N"); a click
// fires `select` and, unless allow_preview is off, opens the preview: a dialog showing one item
// large, with Previous / Next (and the arrow keys, wrapping around), Download and Close (and
// Escape), firing preview_open / preview_close. When interactive, pictures and videos are
// uploaded by the picker, a drop or a paste and added to the value. Thumbnails load lazily, and
// a longer list (a generator adding pictures) only appends the new ones.

import { fieldLabel, h, showMessage, strokeIcon } from "../dom.js";
import { acceptAttribute, acceptsFile, componentStyles, dropTarget, fileKind, fileName, fileUrl, namedFile, pastedFiles, uploadShowing } from "../files.js";
import { BlockElement, define } from "./base.js";

await Promise.all([componentStyles("upload.css", import.meta.url), componentStyles("gallery.css", import.meta.url)]);

/**
 * @typedef {import("../files.js").FileData} FileData
 * @typedef {{image?: FileData | null, video?: FileData | null, caption?: string | null}} Item
 */

const ICON = {
  image: '<rect x="3" y="4" width="18" height="16" rx="2"/><circle cx="9" cy="10" r="2"/><path d="m21 16-5-5-9 9"/>',
  add: '<path d="M12 5v14M5 12h14"/>',
  download: '<path d="M12 4v11M7 10l5 5 5-5M5 20h14"/>',
  clear: '<path d="M6 6l12 12M18 6 6 18"/>',
  fullscreen: '<path d="M4 9V4h5M20 9V4h-5M4 15v5h5M20 15v5h-5"/>',
  previous: '<path d="m15 5-7 7 7 7"/>',
  next: '<path d="m9 5 7 7-7 7"/>',
  play: '<path d="M8 5v14l11-7z" fill="currentColor"/>',
};

// The reference's six screen sizes: <576px, <768px, <992px, <1200px, <1400px, >=1400px.
const BREAKPOINTS = 6;

/**
 * @param {keyof typeof ICON} name
 * @param {number} [size]
 */
function icon(name, size = 16) {
  return strokeIcon(ICON[name], { size });
}

/**
 * A size prop as CSS: numbers are pixels; "auto" and nothing leave the size to the content.
 * @param {any} size
 */
function cssSize(size) {
  if (typeof size === "number") return `${size}px`;
  return typeof size === "string" && size !== "auto" ? size : "";
}

/**
 * `columns` / `rows` as one count per screen size (the last given repeats), or null.
 * @param {any} count
 * @returns {number[] | null}
 */
function perBreakpoint(count) {
  const given = (Array.isArray(count) ? count : [count]).map(Number).filter((n) => Number.isFinite(n) && n >= 1);
  if (!given.length) return null;
  return Array.from({ length: BREAKPOINTS }, (_, i) => Math.floor(given[Math.min(i, given.length - 1)]));
}

/**
 * The file of an item, and whether it plays as a video.
 * @param {Item} item
 * @returns {{data: FileData | null, video: boolean}}
 */
function mediaOf(item) {
  const data = item?.image ?? item?.video ?? null;
  return { data, video: !!item?.video || (!!data && fileKind(data) === "video") };
}

/**
 * What the thumbnail of an item is called: its caption, else "Image 3" / "Video 3".
 * @param {Item} item
 * @param {number} index
 */
function itemName(item, index) {
  const caption = typeof item?.caption === "string" ? item.caption.trim() : "";
  return caption || `${mediaOf(item).video ? "Video" : "Image"} ${index + 1}`;
}

export class GalleryBlock extends BlockElement {
  static boxed = true;

  constructor() {
    super();
    /** @type {number | null} the selected item (shown in the preview when it is open) */
    this.index = null;
    this.previewing = false;
    this.uploading = false;
    /** @type {string[]} one key per thumbnail in the grid, to rebuild only what changed */
    this.shownKeys = [];
    /** @type {number | null} the thumbnail marked as selected */
    this.marked = null;
    /** @type {any} the last selected_index / preview props seen (the server's wishes) */
    this.seenSelected = undefined;
    this.seenPreview = undefined;
    /** @type {number | null} a selected_index the value is too short for (yet) */
    this.pending = null;
    this.hadItems = false;
    this.shownItemKey = "";
  }

  build() {
    this.heading = fieldLabel(this.partId("field"), null);
    const button = (/** @type {string} */ label, /** @type {keyof typeof ICON} */ name, /** @type {() => void} */ action) => {
      const element = h("button", { type: "button", class: "icon-button", "aria-label": label, title: label, hidden: true }, icon(name));
      element.addEventListener("click", action);
      return element;
    };
    this.add = button("Add images", "add", () => this.picker?.click());
    this.fullscreen = button("Fullscreen", "fullscreen", () => this.toggleFullscreen());
    this.clear = button("Clear", "clear", () => {
      this.closePreview(false);
      this.commit([]);
    });
    this.tools = h("div", { class: "upload-tools gallery-tools" }, this.add, this.fullscreen, this.clear);

    this.grid = h("ul", { class: "gallery-grid", role: "list", "aria-labelledby": this.heading.labelId });
    // One listener for every thumbnail: a gallery may hold hundreds.
    this.grid.addEventListener("click", (event) => {
      const thumb = event.target instanceof Element ? event.target.closest(".gallery-thumb") : null;
      if (thumb instanceof HTMLElement && this.grid?.contains(thumb)) this.pick(Number(thumb.dataset.index));
    });
    this.prompt = h("button", { type: "button", class: "upload-prompt" });
    this.prompt.addEventListener("click", () => this.picker?.click());
    this.empty = h("div", { class: "upload-empty" }, icon("image", 32));
    this.progress = h("div", { class: "upload-progress upload-progress-wide", role: "progressbar", "aria-valuemin": "0", "aria-valuemax": "100", hidden: true }, h("span", { class: "upload-bar" }));

    this.buildPreview();
    this.frame = h("div", { class: "gallery-frame" }, this.grid, this.preview, this.prompt, this.empty, this.progress, this.tools);
    this.picker = h("input", { type: "file", multiple: true, class: "sr-only", tabindex: "-1", "aria-hidden": "true" });
    this.picker.addEventListener("change", () => {
      const files = [...(this.picker?.files ?? [])];
      if (this.picker) this.picker.value = "";
      this.take(files);
    });
    this.error = h("div", { class: "upload-error", role: "alert", hidden: true });
    this.append(this.heading.label, this.heading.info, this.frame, this.error, this.picker);
    dropTarget(this.frame, (files) => this.take(files), () => this.accepting);
    this.addEventListener("paste", (event) => {
      if (!this.accepting) return;
      const files = pastedFiles(event);
      if (!files.length) return;
      event.preventDefault();
      this.take(files.map(namedFile));
    });
  }

  buildPreview() {
    this.counter = h("span", { class: "gallery-counter", "aria-live": "polite" });
    this.download = h("a", { class: "icon-button", "aria-label": "Download", title: "Download" }, icon("download"));
    const fullscreen = h("button", { type: "button", class: "icon-button gallery-preview-fullscreen", "aria-label": "Fullscreen", title: "Fullscreen" }, icon("fullscreen"));
    fullscreen.addEventListener("click", () => this.toggleFullscreen());
    const close = h("button", { type: "button", class: "icon-button", "aria-label": "Close", title: "Close (Esc)" }, icon("clear"));
    close.addEventListener("click", () => this.closePreview(true));
    this.previous = h("button", { type: "button", class: "gallery-nav gallery-previous", "aria-label": "Previous", title: "Previous (←)" }, icon("previous", 22));
    this.previous.addEventListener("click", () => this.step(-1));
    this.nextButton = h("button", { type: "button", class: "gallery-nav gallery-next", "aria-label": "Next", title: "Next (→)" }, icon("next", 22));
    this.nextButton.addEventListener("click", () => this.step(1));
    this.stage = h("div", { class: "gallery-stage" });
    this.caption = h("figcaption", { class: "gallery-preview-caption" });
    this.preview = h(
      "div",
      { class: "gallery-preview", role: "dialog", tabindex: "-1", hidden: true },
      h("div", { class: "gallery-preview-bar" }, this.counter, h("span", { class: "gallery-preview-tools" }, this.download, fullscreen, close)),
      h("figure", { class: "gallery-figure" }, this.previous, this.stage, this.nextButton, this.caption),
    );
    this.preview.addEventListener("keydown", (event) => {
      // A focused player keeps its own arrow keys (seeking).
      const own = event.target instanceof HTMLMediaElement;
      if (event.key === "Escape") this.closePreview(true);
      else if (event.key === "ArrowLeft" && !own) this.step(-1);
      else if (event.key === "ArrowRight" && !own) this.step(1);
      else if (event.key === "Home" && !own) this.show(0);
      else if (event.key === "End" && !own) this.show(this.items.length - 1);
      else return;
      event.preventDefault();
      event.stopPropagation();
    });
  }

  /** @returns {Item[]} */
  get items() {
    return Array.isArray(this.value) ? this.value : [];
  }

  get accepting() {
    return this.interactive && !this.uploading;
  }

  get allowPreview() {
    return this.props.allow_preview !== false;
  }

  /** @returns {string[]} */
  get fileTypes() {
    const types = this.props.file_types;
    return Array.isArray(types) && types.length ? types.map(String) : ["image", "video"];
  }

  render() {
    const { props } = this;
    this.heading?.update(props);
    // One group per block, named by its label, so its buttons are found within it.
    this.setAttribute("role", "group");
    if (this.label && this.heading) {
      this.setAttribute("aria-labelledby", this.heading.labelId);
      this.removeAttribute("aria-label");
    } else {
      this.removeAttribute("aria-labelledby");
      this.setAttribute("aria-label", "Gallery");
    }
    const items = this.items;
    this.renderGrid(items);
    this.followServer(items);

    const frame = /** @type {HTMLElement} */ (this.frame);
    const has = items.length > 0;
    frame.style.height = cssSize(props.height);
    frame.classList.toggle("has-items", has);
    frame.classList.toggle("previewing", this.previewing);
    /** @type {HTMLElement} */ (this.prompt).hidden = has || !this.interactive;
    /** @type {HTMLElement} */ (this.empty).hidden = has || this.interactive;
    /** @type {HTMLElement} */ (this.add).hidden = !has || !this.interactive;
    /** @type {HTMLElement} */ (this.clear).hidden = !has || !this.interactive;
    /** @type {HTMLElement} */ (this.fullscreen).hidden = !has || !this.canFullscreen;
    const types = this.fileTypes;
    const what = types.every((t) => t === "image") ? "pictures" : types.every((t) => t === "image" || t === "video") ? "pictures or videos" : "files";
    const hint = `Drop ${what} here, paste them, or click to upload`;
    const prompt = /** @type {HTMLElement} */ (this.prompt);
    if (prompt.dataset.hint !== hint) {
      prompt.dataset.hint = hint;
      prompt.replaceChildren(icon("image", 28), h("span", {}, hint));
    }
    const picker = /** @type {HTMLInputElement} */ (this.picker);
    const accept = acceptAttribute(types);
    if (picker.accept !== accept) picker.accept = accept;
    const name = `${this.label || "Gallery"} preview`;
    if (this.preview?.getAttribute("aria-label") !== name) this.preview?.setAttribute("aria-label", name);
    if (this.previewing) this.showItem();
  }

  get canFullscreen() {
    return this.props.show_fullscreen_button !== false && document.fullscreenEnabled;
  }

  /**
   * Make the grid show `items`: thumbnails up to the first that changed stay as they are.
   * @param {Item[]} items
   */
  renderGrid(items) {
    const grid = /** @type {HTMLElement} */ (this.grid);
    const { props } = this;
    const columns = perBreakpoint(props.columns) ?? Array(BREAKPOINTS).fill(2);
    const rows = perBreakpoint(props.rows);
    columns.forEach((count, i) => grid.style.setProperty(`--cols-${i}`, String(count)));
    rows?.forEach((count, i) => grid.style.setProperty(`--rows-${i}`, String(count)));
    grid.classList.toggle("has-rows", !!rows);
    grid.style.setProperty("--fit", typeof props.object_fit === "string" ? props.object_fit : "cover");

    const keys = items.map((item, index) => {
      const { data, video } = mediaOf(item);
      return `${video ? "v" : "i"}\u0000${fileUrl(data)}\u0000${itemName(item, index)}`;
    });
    let same = 0;
    while (same < keys.length && same < this.shownKeys.length && keys[same] === this.shownKeys[same]) same++;
    if (same < this.shownKeys.length || same < keys.length) {
      while (grid.children.length > same) grid.lastElementChild?.remove();
      const fragment = document.createDocumentFragment();
      for (let index = same; index < items.length; index++) fragment.append(this.thumbnail(items[index], index));
      grid.append(fragment);
      this.shownKeys = keys;
      if (this.marked !== null && this.marked >= same) this.marked = null;
    }
    this.markSelected();
  }

  /**
   * @param {Item} item
   * @param {number} index
   */
  thumbnail(item, index) {
    const { data, video } = mediaOf(item);
    const url = fileUrl(data);
    const caption = typeof item?.caption === "string" ? item.caption : "";
    // Pictures load as they scroll into view; videos fetch only their first frame's metadata.
    const media = !url
      ? h("span", { class: "gallery-missing" }, icon("image", 24))
      : video
        ? h("video", { src: url, muted: true, preload: "metadata", playsinline: true, tabindex: "-1", "aria-hidden": "true" })
        : h("img", { src: url, alt: "", loading: "lazy", decoding: "async" });
    const button = h(
      "button",
      { type: "button", class: "gallery-thumb", "data-index": index, "aria-label": itemName(item, index) },
      media,
      video ? h("span", { class: "gallery-badge", "aria-hidden": "true" }, icon("play", 14)) : null,
      caption ? h("span", { class: "gallery-caption" }, caption) : null,
    );
    return h("li", { class: "gallery-item" }, button);
  }

  /** Mark the selected thumbnail (only the one that changed is touched). */
  markSelected() {
    const want = this.index !== null && this.index < this.items.length ? this.index : null;
    if (want === this.marked) return;
    const buttonAt = (/** @type {number | null} */ index) => (index === null ? null : this.grid?.children[index]?.firstElementChild ?? null);
    buttonAt(this.marked)?.removeAttribute("aria-current");
    buttonAt(want)?.setAttribute("aria-current", "true");
    this.marked = want;
  }

  /**
   * Follow what the server asks for: a new selected_index or preview, a value that arrives in
   * an empty gallery (the preview then starts at its first item when `preview` is set), or
   * one too short for the selected item.
   * @param {Item[]} items
   */
  followServer(items) {
    const { props } = this;
    const count = items.length;
    const arrived = count > 0 && !this.hadItems;
    this.hadItems = count > 0;
    if (this.index !== null && this.index >= count) this.index = null;
    let open = false;
    if (props.selected_index !== this.seenSelected) {
      const first = this.seenSelected === undefined;
      this.seenSelected = props.selected_index;
      const wanted = props.selected_index;
      if (Number.isInteger(wanted) && wanted >= 0) this.pending = wanted;
      else if (!first) this.index = this.pending = null;
    }
    if (props.preview !== this.seenPreview) {
      const first = this.seenPreview === undefined;
      this.seenPreview = props.preview;
      if (props.preview && count && !first) {
        this.index ??= 0;
        open = true;
      }
    }
    if (arrived && props.preview) {
      this.index = 0;
      open = true;
    }
    // A selected_index waits for a value long enough to hold it.
    if (this.pending !== null && this.pending < count) {
      this.index = this.pending;
      this.pending = null;
      open = true;
    }
    if (open && this.allowPreview && this.index !== null) this.openPreview(false);
    else if (this.previewing && (this.index === null || !this.allowPreview)) this.closePreview(false);
    this.props.selected_index = this.seenSelected = this.index;
    this.markSelected();
  }

  /**
   * Select an item (or none). The page's selected_index is a property the server may set
   * again: it is kept in the props, so `gr.Gallery(selected_index=None)` from a listener is a
   * change even when the server never sent another index.
   * @param {number | null} index
   */
  select(index) {
    this.index = index;
    this.props.selected_index = index;
    this.seenSelected = index;
    this.pending = null;
    this.markSelected();
  }

  /**
   * The user picked the thumbnail at `index`.
   * @param {number} index
   */
  pick(index) {
    if (!Number.isInteger(index) || index < 0 || index >= this.items.length) return;
    this.select(index);
    this.emit("select", { index, value: this.items[index], selected: true });
    if (this.allowPreview) this.openPreview(true);
  }

  /**
   * Move the preview by `delta` items, wrapping around.
   * @param {number} delta
   */
  step(delta) {
    const count = this.items.length;
    if (!count) return;
    this.show(((this.index ?? 0) + delta + count) % count);
  }

  /**
   * Show the item at `index` in the preview (the user moved there): it is selected.
   * @param {number} index
   */
  show(index) {
    if (index < 0 || index >= this.items.length || index === this.index) return;
    this.select(index);
    this.showItem();
    this.emit("select", { index, value: this.items[index], selected: true });
  }

  /** @param {boolean} byUser */
  openPreview(byUser) {
    const preview = /** @type {HTMLElement} */ (this.preview);
    if (!this.previewing) {
      this.previewing = true;
      preview.hidden = false;
      this.frame?.classList.add("previewing");
      if (byUser) this.emit("preview_open");
    }
    this.showItem();
    if (byUser) preview.focus({ preventScroll: true });
  }

  /** @param {boolean} byUser */
  closePreview(byUser) {
    if (!this.previewing) return;
    const focused = this.preview?.contains(document.activeElement);
    const back = this.index;
    this.previewing = false;
    /** @type {HTMLElement} */ (this.preview).hidden = true;
    this.frame?.classList.remove("previewing");
    this.stage?.replaceChildren();
    this.shownItemKey = "";
    this.select(null);
    if (byUser) this.emit("preview_close");
    // The focus goes back to the thumbnail of the item last shown.
    if (focused || byUser) /** @type {HTMLElement | null | undefined} */ (this.grid?.children[back ?? -1]?.firstElementChild)?.focus();
  }

  /** Fill the preview with the selected item (only when it changed). */
  showItem() {
    const items = this.items;
    const index = this.index;
    if (index === null || index >= items.length) return;
    const item = items[index];
    const { data, video } = mediaOf(item);
    const url = fileUrl(data);
    const name = itemName(item, index);
    const caption = typeof item?.caption === "string" ? item.caption : "";
    const key = `${index}\u0000${url}\u0000${name}\u0000${video}`;
    // Announced on each move: the item's name (for screen readers only), then where it is.
    const counter = `${index + 1} of ${items.length}`;
    if (this.counter && this.counter.textContent !== `${name}, ${counter}`) {
      this.counter.replaceChildren(h("span", { class: "sr-only" }, `${name}, `), counter);
    }
    const download = /** @type {HTMLAnchorElement} */ (this.download);
    download.hidden = !url || this.props.show_download_button === false;
    if (url) {
      download.href = url;
      download.download = fileName(data);
    }
    const fullscreen = /** @type {HTMLElement} */ (this.preview?.querySelector(".gallery-preview-fullscreen"));
    fullscreen.hidden = !this.canFullscreen;
    const single = items.length < 2;
    /** @type {HTMLButtonElement} */ (this.previous).hidden = single;
    /** @type {HTMLButtonElement} */ (this.nextButton).hidden = single;
    if (key === this.shownItemKey) return;
    this.shownItemKey = key;
    const media = video
      ? h("video", { src: url, controls: true, preload: "metadata", playsinline: true, "aria-label": name })
      : h("img", { src: url, alt: caption || name, decoding: "async" });
    this.stage?.replaceChildren(url ? media : h("span", { class: "gallery-missing" }, icon("image", 48)));
    const figcaption = /** @type {HTMLElement} */ (this.caption);
    figcaption.textContent = caption;
    figcaption.hidden = !caption;
  }

  /**
   * Upload pictures and videos and add them to the value.
   * @param {File[]} files
   */
  async take(files) {
    if (!files.length || !this.accepting) return;
    const types = this.fileTypes;
    const refused = files.filter((file) => !acceptsFile(types, file));
    const accepted = files.filter((file) => acceptsFile(types, file));
    this.showError(refused.length ? `Not an accepted file type (${types.join(", ")}): ${refused.map((f) => f.name).join(", ")}` : "");
    if (!accepted.length) return;
    this.uploading = true;
    try {
      const uploaded = await uploadShowing(accepted, /** @type {HTMLElement} */ (this.progress));
      /** @type {Item[]} */
      const added = uploaded.map((data) => (fileKind(data) === "video" ? { video: data, caption: null } : { image: data, caption: null }));
      const value = [...this.items, ...added];
      this.commit(value);
      this.emit("upload", value);
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
    else this.frame?.requestFullscreen().catch(() => {});
  }
}

define("gallery", GalleryBlock);
