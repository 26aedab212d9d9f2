// ColorPicker: the system's colour chooser (a native <input type="color">, named by the label)
// beside the colour's hex code, which can be typed (Enter submits). A colour the app sent in
// another CSS form ("red") is shown as that colour and kept as sent until the user picks one.
// Also the colour helpers Label and HighlightedText share.

import { describeBy, fieldLabel, h } from "../dom.js";
import { componentStyles } from "../files.js";
import { BlockElement, define } from "./base.js";

await componentStyles("colorpicker.css", import.meta.url);

/** @type {CanvasRenderingContext2D | null} */
let painter = null;

/**
 * A CSS colour as "#rrggbb" (its alpha dropped), or "" when it is not a colour. The canvas
 * parses it, as the browser would, without touching the page.
 * @param {string} color
 * @returns {string}
 */
export function hexOf(color) {
  painter ??= document.createElement("canvas").getContext("2d");
  if (!painter || typeof color !== "string" || !color.trim()) return "";
  // An invalid colour leaves fillStyle as it was: tried from black and from white, it differs.
  painter.fillStyle = "#000000";
  painter.fillStyle = color;
  const parsed = String(painter.fillStyle);
  painter.fillStyle = "#ffffff";
  painter.fillStyle = color;
  if (String(painter.fillStyle) !== parsed) return "";
  if (parsed.startsWith("#")) return parsed.slice(0, 7).toLowerCase();
  const [r, g, b] = (parsed.match(/[\d.]+/g) ?? []).map(Number);
  return `#${[r, g, b].map((n) => Math.round(n || 0).toString(16).padStart(2, "0")).join("")}`;
}

/**
 * Paint `element`'s background `color` (any CSS colour) with black or white text, whichever
 * reads better on it. An invalid colour leaves the element as it was.
 * @param {HTMLElement} element
 * @param {string} color
 */
export function paintWithReadableText(element, color) {
  const hex = hexOf(color);
  if (!hex) return;
  element.style.backgroundColor = hex;
  element.style.color = luminance(hex) > 0.179 ? "#111827" : "#ffffff";
}

/**
 * Relative luminance (WCAG) of "#rrggbb".
 * @param {string} hex
 */
function luminance(hex) {
  const [r, g, b] = [1, 3, 5].map((i) => {
    const channel = parseInt(hex.slice(i, i + 2), 16) / 255;
    return channel <= 0.03928 ? channel / 12.92 : ((channel + 0.055) / 1.055) ** 2.4;
  });
  return 0.2126 * r + 0.7152 * g + 0.0722 * b;
}

const HEX = /^#(?:[0-9a-f]{3}|[0-9a-f]{6})$/i;

export class ColorPickerBlock extends BlockElement {
  static boxed = true;

  build() {
    this.heading = fieldLabel(this.partId("field"), this.partId("input"));
    const swatch = h("input", { type: "color", id: this.partId("input"), class: "color-swatch" });
    // The chooser reports every move while open (`input`); the value is committed when the
    // user settles on one (`change`), so a drag does not start a job per pixel.
    swatch.addEventListener("input", () => {
      if (this.hex) this.hex.value = swatch.value;
    });
    swatch.addEventListener("change", () => this.commit(swatch.value));
    const hex = h("input", { type: "text", class: "text-input color-hex", spellcheck: "false", autocomplete: "off", maxlength: "7" });
    hex.addEventListener("change", () => this.commitHex());
    hex.addEventListener("keydown", (event) => {
      if (event.key !== "Enter" || event.isComposing) return;
      event.preventDefault();
      this.commitHex();
      this.emit("submit");
    });
    for (const control of [swatch, hex]) {
      control.addEventListener("focus", () => this.emit("focus"));
      control.addEventListener("blur", () => this.emit("blur"));
    }
    this.swatch = swatch;
    this.hex = hex;
    this.append(this.heading.label, this.heading.info, h("div", { class: "color-frame" }, swatch, hex));
  }

  /** The typed code, when it is one and differs from the value: commit it as #rrggbb. */
  commitHex() {
    const hex = this.hex;
    if (!hex) return;
    const typed = hex.value.trim();
    const code = typed.startsWith("#") ? typed : `#${typed}`;
    if (!HEX.test(code)) {
      hex.setAttribute("aria-invalid", "true");
      return;
    }
    hex.removeAttribute("aria-invalid");
    const full = hexOf(code);
    if (full === this.value) return;
    hex.value = full;
    if (this.swatch) this.swatch.value = full;
    this.commit(full);
  }

  render() {
    const { props, swatch, hex } = this;
    if (!swatch || !hex) return;
    this.heading?.update(props);
    describeBy(swatch, props, this.heading?.infoId ?? "");
    const name = this.label || "Colour";
    if (props.label) swatch.removeAttribute("aria-label");
    else swatch.setAttribute("aria-label", name);
    hex.setAttribute("aria-label", `${name}, hex code`);
    swatch.disabled = !this.interactive;
    hex.readOnly = !this.interactive;
    if (this.echo) return;
    const shown = this.value == null ? "" : hexOf(String(this.value));
    swatch.value = shown || "#000000";
    if (document.activeElement !== hex) hex.value = shown;
    hex.placeholder = shown ? "" : "#rrggbb";
  }
}

define("colorpicker", ColorPickerBlock);
