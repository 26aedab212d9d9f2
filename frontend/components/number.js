// Number: a numeric field with minimum / maximum / step; Enter fires `submit`.

import { describeBy, fieldLabel, h } from "../dom.js";
import { BlockElement, define } from "./base.js";

export class NumberBlock extends BlockElement {
  static boxed = true;

  build() {
    this.heading = fieldLabel(this.partId("field"), this.partId("input"));
    const input = h("input", { type: "number", id: this.partId("input"), class: "text-input number-input" });
    input.addEventListener("input", () => {
      // Half-typed numbers ("-", "1e") stay in the field until they parse.
      if (input.validity.badInput) return;
      this.commit(input.value === "" ? null : Number(input.value));
    });
    input.addEventListener("keydown", (event) => {
      if (event.key === "Enter" && !event.isComposing) {
        event.preventDefault();
        this.emit("submit");
      }
    });
    input.addEventListener("focus", () => this.emit("focus"));
    input.addEventListener("blur", () => this.emit("blur"));
    this.input = input;
    this.append(this.heading.label, this.heading.info, h("div", { class: "input-frame" }, input));
  }

  render() {
    const { props, input } = this;
    if (!input) return;
    this.heading?.update(props);
    describeBy(input, props, this.heading?.infoId ?? "");
    setNumberAttr(input, "min", props.minimum);
    setNumberAttr(input, "max", props.maximum);
    const step = props.step ?? (typeof props.precision === "number" ? 10 ** -props.precision : 1);
    setNumberAttr(input, "step", step);
    input.disabled = !this.interactive;
    // An empty Number shows 0 (greyed, as a placeholder: the value stays None) unless the app
    // gave a placeholder of its own, as the reference does.
    input.placeholder = props.placeholder ?? (this.value == null ? "0" : "");
    const text = this.value == null ? "" : String(this.value);
    if (!this.echo && input.value !== text) input.value = text;
  }
}

/**
 * @param {HTMLInputElement} input
 * @param {string} name
 * @param {any} value
 */
function setNumberAttr(input, name, value) {
  if (typeof value === "number" && Number.isFinite(value)) input.setAttribute(name, String(value));
  else if (name === "step") input.setAttribute("step", "any");
  else input.removeAttribute(name);
}

define("number", NumberBlock);
