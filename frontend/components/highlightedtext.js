// HighlightedText: the text with its marked spans (<mark>), each followed by its category, or
// with a legend of the categories instead (`show_legend`; the category is then still read out
// after each span). A score (-1..1) tints its span, orange for positive, blue for negative.
// When the app listens to `select`, each marked span is a button that fires it.

import { componentStyles } from "../files.js";
import { h } from "../dom.js";
import { BlockElement, define } from "./base.js";
import { paintWithReadableText } from "./colorpicker.js";

await componentStyles("highlightedtext.css", import.meta.url);

/** Light colours for categories the app gave no colour (dark text reads on each). */
const PALETTE = ["#fde68a", "#bfdbfe", "#bbf7d0", "#fecaca", "#ddd6fe", "#fbcfe8", "#a5f3fc", "#fed7aa", "#d9f99d", "#e5e7eb"];

/**
 * The tint of a score: white mixed with orange (positive) or blue (negative).
 * @param {number} score
 */
function scoreColor(score) {
  const strength = Math.min(1, Math.abs(score)) * 0.8;
  const [r, g, b] = score >= 0 ? [249, 115, 22] : [59, 130, 246];
  const mix = (/** @type {number} */ c) => Math.round(255 + (c - 255) * strength);
  return `rgb(${mix(r)}, ${mix(g)}, ${mix(b)})`;
}

export class HighlightedTextBlock extends BlockElement {
  static boxed = true;

  build() {
    this.heading = h("div", { class: "blk-label" }, h("span", { class: "blk-label-text", id: this.partId("label") }));
    this.legend = h("ul", { class: "ht-legend", "aria-label": "Legend" });
    this.text = h("div", { class: "ht-text", role: "group", "aria-labelledby": this.partId("label") });
    this.append(this.heading, this.legend, this.text);
  }

  /**
   * The colour of each category, in order of first appearance.
   * @param {{token: string, class_or_confidence: any}[]} spans
   * @returns {Map<string, string>}
   */
  colors(spans) {
    const given = this.props.color_map && typeof this.props.color_map === "object" ? this.props.color_map : {};
    /** @type {Map<string, string>} */
    const colors = new Map();
    for (const { class_or_confidence: tag } of spans) {
      if (typeof tag !== "string" || colors.has(tag)) continue;
      colors.set(tag, typeof given[tag] === "string" ? given[tag] : PALETTE[colors.size % PALETTE.length]);
    }
    return colors;
  }

  render() {
    const { props, heading, legend, text } = this;
    if (!heading || !legend || !text) return;
    /** @type {HTMLElement} */ (heading.firstElementChild).textContent = this.label || "Highlighted text";
    heading.classList.toggle("sr-only", props.show_label === false || !this.label);
    text.dir = props.rtl ? "rtl" : "auto";
    const spans = Array.isArray(this.value) ? this.value.filter((span) => span && typeof span === "object") : [];
    const colors = this.colors(spans);
    const withLegend = props.show_legend === true;
    legend.hidden = !withLegend || colors.size === 0;
    legend.replaceChildren(
      ...[...colors].map(([tag, color]) => {
        const item = h("li", { class: "ht-legend-item" }, tag);
        paintWithReadableText(item, color);
        return item;
      }),
    );
    const inline = !withLegend && props.show_inline_category !== false;
    const selectable = this.listens("select");
    text.replaceChildren(
      ...spans.map((span, index) => {
        const token = String(span.token ?? "");
        const tag = span.class_or_confidence;
        if (tag === null || tag === undefined) return document.createTextNode(token);
        const mark = h("mark", { class: "ht-span" }, token);
        if (typeof tag === "number") {
          mark.classList.add("ht-score");
          paintWithReadableText(mark, scoreColor(tag));
          mark.title = String(tag);
        } else {
          const name = String(tag);
          paintWithReadableText(mark, colors.get(name) ?? PALETTE[0]);
          mark.append(h("span", { class: inline ? "ht-tag" : "sr-only" }, inline ? name : ` (${name})`));
        }
        if (selectable) {
          mark.setAttribute("role", "button");
          mark.tabIndex = 0;
          const fire = () => this.emit("select", { index, value: [token, tag], selected: true });
          mark.addEventListener("click", fire);
          mark.addEventListener("keydown", (event) => {
            if (event.key === "Enter" || event.key === " ") {
              event.preventDefault();
              fire();
            }
          });
        }
        return mark;
      }),
    );
    text.classList.toggle("empty", spans.length === 0);
  }
}

define("highlightedtext", HighlightedTextBlock);
