// Markdown: rendered with marked, sanitised with DOMPurify unless sanitize_html is false.

import { h } from "../dom.js";
import { DEFAULT_DELIMITERS, enhance, renderMarkdown } from "../markdown.js";
import { BlockElement, define } from "./base.js";

export class MarkdownBlock extends BlockElement {
  build() {
    this.body = h("div", { class: "prose" });
    this.append(this.body);
    this.shown = "";
  }

  render() {
    const { props, body } = this;
    if (!body) return;
    const text = this.value == null ? "" : String(this.value);
    const key = JSON.stringify([text, props.sanitize_html, props.line_breaks, props.latex_delimiters]);
    body.dir = props.rtl ? "rtl" : "auto";
    for (const name of ["height", "min_height", "max_height"]) {
      const size = props[name];
      body.style.setProperty(name.replace("_", "-"), typeof size === "number" ? `${size}px` : (size ?? ""));
    }
    if (key === this.shown) return;
    this.shown = key;
    body.innerHTML = renderMarkdown(text, { sanitize: props.sanitize_html !== false, lineBreaks: props.line_breaks === true });
    enhance(body, props.latex_delimiters ?? DEFAULT_DELIMITERS).catch((error) => console.warn("markdown extras failed:", error));
  }
}

define("markdown", MarkdownBlock);
