// Label: the top class in large type, then a bar per class with its confidence (a list, the
// bars decorative: each item reads "cat 90%"). When the app listens to `select`, each class is
// a button that fires it.

import { componentStyles } from "../files.js";
import { h } from "../dom.js";
import { BlockElement, define } from "./base.js";
import { paintWithReadableText } from "./colorpicker.js";

await componentStyles("label.css", import.meta.url);

export class LabelBlock extends BlockElement {
  static boxed = true;

  build() {
    this.heading = h("div", { class: "blk-label" }, h("span", { class: "blk-label-text", id: this.partId("label") }));
    this.top = h("p", { class: "label-top" });
    this.list = h("ul", { class: "label-confidences" });
    this.body = h("div", { class: "label-body", role: "group", "aria-labelledby": this.partId("label") }, this.top, this.list);
    this.append(this.heading, this.body);
  }

  render() {
    const { props, heading, top, list, body } = this;
    if (!heading || !top || !list || !body) return;
    /** @type {HTMLElement} */ (heading.firstElementChild).textContent = this.label || "Label";
    heading.classList.toggle("sr-only", props.show_label === false || !this.label);
    const value = this.value && typeof this.value === "object" ? this.value : {};
    const shown = value.label == null ? "" : String(value.label);
    top.textContent = shown;
    top.hidden = !shown || props.show_heading === false;
    top.style.backgroundColor = "";
    top.style.color = "";
    if (shown && typeof props.color === "string" && props.color) paintWithReadableText(top, props.color);
    top.classList.toggle("colored", top.style.backgroundColor !== "");
    const confidences = Array.isArray(value.confidences) ? value.confidences : [];
    const selectable = this.listens("select");
    list.replaceChildren(
      ...confidences.map((item, index) => {
        const name = item?.label == null ? "" : String(item.label);
        const confidence = Number(item?.confidence);
        const share = Number.isFinite(confidence) ? Math.max(0, Math.min(1, confidence)) : 0;
        const percent = `${Math.round(share * 100)}%`;
        const row = h(
          "span",
          { class: "label-row" },
          h("span", { class: "label-name" }, name),
          h("span", { class: "label-share" }, percent),
        );
        const bar = h("span", { class: "label-bar", "aria-hidden": "true" }, h("span", { style: `width: ${share * 100}%` }));
        const content = selectable ? h("button", { type: "button", class: "label-choice" }, row, bar) : h("span", { class: "label-choice" }, row, bar);
        if (selectable) content.addEventListener("click", () => this.emit("select", { index, value: item?.label ?? null, selected: true }));
        return h("li", {}, content);
      }),
    );
    list.hidden = confidences.length === 0;
    body.classList.toggle("empty", !shown && confidences.length === 0);
  }
}

define("label", LabelBlock);
