// Checkbox: a native checkbox named by its label; value true / false.

import { describeBy, h } from "../dom.js";
import { BlockElement, define } from "./base.js";

export class CheckboxBlock extends BlockElement {
  static boxed = true;

  build() {
    const input = h("input", { type: "checkbox", id: this.partId("input"), class: "checkbox-input" });
    input.addEventListener("change", () => {
      this.commit(input.checked);
      this.emit("select", { index: null, value: this.label, selected: input.checked });
    });
    input.addEventListener("focus", () => this.emit("focus"));
    input.addEventListener("blur", () => this.emit("blur"));
    this.input = input;
    this.text = h("span", { class: "checkbox-text" });
    this.info = h("div", { class: "blk-info", id: this.partId("info") });
    this.append(h("label", { class: "checkbox-label", for: input.id }, input, this.text), this.info);
  }

  render() {
    const { props, input, text, info } = this;
    if (!input || !text || !info) return;
    text.textContent = this.label;
    // With show_label false the text is for assistive technology only.
    text.classList.toggle("sr-only", props.show_label === false);
    info.textContent = props.info ?? "";
    info.hidden = !props.info;
    describeBy(input, props, info.id);
    input.disabled = !this.interactive;
    input.checked = this.value === true;
  }
}

define("checkbox", CheckboxBlock);
