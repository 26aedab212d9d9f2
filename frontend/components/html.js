// HTML: the app's HTML, sanitised (no script can run) but with its styles kept.

import { h } from "../dom.js";
import { sanitizeHtml } from "../markdown.js";
import { BlockElement, define } from "./base.js";

export class HtmlBlock extends BlockElement {
  build() {
    this.body = h("div", { class: "html-body" });
    this.append(this.body);
    this.shown = "";
  }

  render() {
    const { body } = this;
    if (!body) return;
    const html = this.value == null ? "" : String(this.value);
    if (html === this.shown) return;
    this.shown = html;
    body.innerHTML = sanitizeHtml(html, { allowStyleTags: true });
  }
}

define("html", HtmlBlock);
