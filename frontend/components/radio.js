// Radio: a radiogroup of native radio buttons, one per choice ([label, value] pairs).

import { choicesOf, indexOfValue, sameChoices } from "../choices.js";
import { h } from "../dom.js";
import { BlockElement, define } from "./base.js";

export class RadioBlock extends BlockElement {
  static boxed = true;

  constructor() {
    super();
    /** @type {import("../choices.js").Choice[]} */
    this.shownChoices = [];
  }

  build() {
    this.heading = h("div", { class: "blk-label" }, h("span", { class: "blk-label-text", id: this.partId("label") }));
    this.info = h("div", { class: "blk-info", id: this.partId("info") });
    this.group = h("div", { class: "radio-group", role: "radiogroup", "aria-labelledby": this.partId("label") });
    this.append(this.heading, this.info, this.group);
  }

  render() {
    const { props, group, heading, info } = this;
    if (!group || !heading || !info) return;
    /** @type {HTMLElement} */ (heading.firstElementChild).textContent = this.label;
    heading.classList.toggle("sr-only", props.show_label === false || !this.label);
    info.textContent = props.info ?? "";
    info.hidden = !props.info;
    if (props.info) group.setAttribute("aria-describedby", info.id);
    const choices = choicesOf(props.choices);
    if (!sameChoices(choices, this.shownChoices)) {
      this.shownChoices = choices;
      group.replaceChildren(
        ...choices.map(([label, value], index) => {
          const input = h("input", { type: "radio", name: this.partId("choice"), id: this.partId(`choice-${index}`) });
          input.addEventListener("change", () => {
            if (!input.checked) return;
            this.commit(value);
            this.emit("select", { index, value, selected: true });
          });
          return h("label", { class: "radio-option", for: input.id }, input, h("span", {}, label));
        }),
      );
    }
    group.querySelectorAll("input").forEach((input, index) => {
      input.disabled = !this.interactive;
      input.checked = index === indexOfValue(this.shownChoices, this.value);
      /** @type {HTMLElement} */ (input.parentElement).classList.toggle("selected", input.checked);
    });
  }
}

define("radio", RadioBlock);
