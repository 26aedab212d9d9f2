// DownloadButton: a button (named by its label) that downloads its value, a file the server
// serves or a URL, when clicked, and fires `click`. With no file it says so (its description
// is "Nothing to download yet") and is disabled unless a click listener wants the clicks.

import { h, safeUrl } from "../dom.js";
import { fileName, fileUrl } from "../files.js";
import { BlockElement, define } from "./base.js";

const VARIANTS = ["primary", "secondary", "stop", "huggingface"];
const SIZES = ["sm", "md", "lg"];
const NOTHING = "Nothing to download yet";

/**
 * A button's icon URL: a string, or the `url` of a file the server serves ("" when unsafe).
 * @param {any} icon
 * @returns {string}
 */
export function buttonIconUrl(icon) {
  const url = typeof icon === "string" ? icon : (icon?.url ?? "");
  return url && safeUrl(url, ["http:", "https:", "data:", "blob:"]) ? new URL(url, document.baseURI).href : "";
}

/**
 * Show a button's variant, size, icon and text (uploadbutton.js shares it).
 * @param {HTMLElement} button
 * @param {HTMLImageElement} icon
 * @param {HTMLElement} text
 * @param {Record<string, any>} props
 * @param {string} label
 */
export function paintButton(button, icon, text, props, label) {
  const variant = VARIANTS.includes(props.variant) ? props.variant : "secondary";
  const size = SIZES.includes(props.size) ? props.size : "lg";
  button.className = `btn btn-${variant} btn-${size}`;
  if (text.textContent !== label) text.textContent = label;
  const src = buttonIconUrl(props.icon);
  icon.hidden = !src;
  if (src && icon.src !== src) icon.src = src;
}

export class DownloadButtonBlock extends BlockElement {
  build() {
    this.button = h("button", { type: "button", class: "btn", "aria-describedby": this.partId("empty") });
    this.icon = h("img", { class: "btn-icon", alt: "", "aria-hidden": "true" });
    this.text = h("span", { class: "btn-text" });
    this.note = h("span", { class: "sr-only", id: this.partId("empty") }, NOTHING);
    this.button.append(this.icon, this.text);
    this.button.addEventListener("click", () => {
      if (!this.interactive) return;
      this.download();
      this.emit("click");
    });
    this.append(this.button, this.note);
  }

  applyCommon() {
    super.applyCommon();
    this.classList.add("blk-button"); // laid out like a Button
  }

  /** The file of the value, if there is one. */
  get file() {
    const value = Array.isArray(this.value) ? this.value[0] : this.value;
    return value && typeof value === "object" && fileUrl(value) ? value : null;
  }

  render() {
    const { button, icon, text, note } = this;
    if (!button || !icon || !text || !note) return;
    paintButton(button, icon, text, this.props, this.label);
    const file = this.file;
    button.disabled = !this.interactive || (!file && !this.listens("click"));
    button.classList.toggle("btn-empty", !file);
    button.title = file ? `Download ${fileName(file)}` : NOTHING;
    note.hidden = Boolean(file);
    if (file) button.removeAttribute("aria-describedby");
    else button.setAttribute("aria-describedby", note.id);
  }

  /** Save the file: by its own name when the page serves it, else open its URL in a tab. */
  download() {
    const file = this.file;
    if (!file) return;
    const url = new URL(fileUrl(file));
    const link = h("a", { href: url.href, hidden: true });
    if (url.origin === location.origin) link.download = fileName(file);
    else Object.assign(link, { target: "_blank", rel: "noopener noreferrer" });
    this.append(link);
    link.click();
    link.remove();
  }
}

define("downloadbutton", DownloadButtonBlock);
