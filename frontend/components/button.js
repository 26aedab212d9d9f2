// Button: its value is its text (and accessible name); fires `click`; `link` opens a URL.

import { h, safeUrl } from "../dom.js";
import { BlockElement, define } from "./base.js";

export class ButtonBlock extends BlockElement {
  build() {
    this.button = h("button", { type: "button", class: "btn" });
    this.button.addEventListener("click", () => {
      this.emit("click");
      const link = this.props.link;
      if (typeof link === "string" && link && safeUrl(link)) window.open(link, "_blank", "noopener,noreferrer");
    });
    this.icon = h("img", { class: "btn-icon", alt: "", "aria-hidden": "true" });
    this.text = h("span", { class: "btn-text" });
    this.button.append(this.icon, this.text);
    this.append(this.button);
  }

  render() {
    const { props, button, icon, text } = this;
    if (!button || !icon || !text) return;
    const variant = ["primary", "secondary", "stop", "huggingface"].includes(props.variant) ? props.variant : "secondary";
    const size = ["sm", "md", "lg"].includes(props.size) ? props.size : "lg";
    button.className = `btn btn-${variant} btn-${size}`;
    button.disabled = !this.interactive;
    text.textContent = this.value == null ? "" : String(this.value);
    const src = iconUrl(props.icon);
    icon.hidden = !src;
    if (src && icon.getAttribute("src") !== src) icon.src = src;
  }
}

/**
 * The icon's URL: a string, or the `url` of a file object the server serves.
 * @param {any} icon
 * @returns {string}
 */
function iconUrl(icon) {
  const url = typeof icon === "string" ? icon : (icon?.url ?? "");
  return url && safeUrl(url, ["http:", "https:", "data:", "blob:"]) ? url : "";
}

define("button", ButtonBlock);
