// CheckboxGroup: a labelled group of native checkboxes, one per choice ([label, value] pairs);
// the value is the list of ticked values, in the order of the choices. `show_select_all` adds
// a "Select all" box first (mixed while only some are ticked).

import { choicesOf, sameChoices } from "../choices.js";
import { h } from "../dom.js";
import { BlockElement, define } from "./base.js";

export class CheckboxGroupBlock extends BlockElement {
  static boxed = true;

  constructor() {
    super();
    /** @type {import("../choices.js").Choice[]} */
    this.shownChoices = [];
  }

  build() {
    this.heading = h("div", { class: "blk-label" }, h("span", { class: "blk-label-text", id: this.partId("label") }));
    this.info = h("div", { class: "blk-info", id: this.partId("info") });
    this.group = h("div", { class: "radio-group checkbox-group", role: "group", "aria-labelledby": this.partId("label") });
    const all = h("input", { type: "checkbox", id: this.partId("all") });
    all.addEventListener("change", () => this.commit(all.checked ? this.shownChoices.map(([, value]) => value) : []));
    this.selectAll = h("label", { class: "radio-option select-all", for: all.id }, all, h("span", {}, "Select all"));
    this.append(this.heading, this.info, this.group);
  }

  /** The ticked values, in the order of the choices. */
  ticked() {
    const boxes = this.group?.querySelectorAll("input.choice") ?? [];
    return this.shownChoices.filter((_, index) => /** @type {HTMLInputElement} */ (boxes[index])?.checked).map(([, value]) => value);
  }

  render() {
    const { props, group, heading, info, selectAll } = this;
    if (!group || !heading || !info || !selectAll) return;
    /** @type {HTMLElement} */ (heading.firstElementChild).textContent = this.label;
    heading.classList.toggle("sr-only", props.show_label === false || !this.label);
    if (!this.label) group.setAttribute("aria-label", "Choices");
    else group.removeAttribute("aria-label");
    info.textContent = props.info ?? "";
    info.hidden = !props.info;
    if (props.info) group.setAttribute("aria-describedby", info.id);
    else group.removeAttribute("aria-describedby");
    group.dir = props.rtl ? "rtl" : "auto";
    const choices = choicesOf(props.choices);
    if (!sameChoices(choices, this.shownChoices)) {
      this.shownChoices = choices;
      group.replaceChildren(
        ...choices.map(([label, value], index) => {
          const input = h("input", { type: "checkbox", class: "choice", id: this.partId(`choice-${index}`) });
          input.addEventListener("change", () => {
            this.commit(this.ticked());
            this.emit("select", { index, value, selected: input.checked });
          });
          return h("label", { class: "radio-option", for: input.id }, input, h("span", {}, label));
        }),
      );
    }
    const chosen = Array.isArray(this.value) ? this.value : this.value == null ? [] : [this.value];
    const boxes = /** @type {NodeListOf<HTMLInputElement>} */ (group.querySelectorAll("input.choice"));
    boxes.forEach((input, index) => {
      input.disabled = !this.interactive;
      input.checked = chosen.includes(this.shownChoices[index][1]);
      /** @type {HTMLElement} */ (input.parentElement).classList.toggle("selected", input.checked);
    });
    const all = /** @type {HTMLInputElement} */ (selectAll.firstElementChild);
    if (props.show_select_all && choices.length) {
      const count = [...boxes].filter((box) => box.checked).length;
      all.checked = count === boxes.length;
      all.indeterminate = count > 0 && count < boxes.length;
      all.disabled = !this.interactive;
      if (group.firstElementChild !== selectAll) group.prepend(selectAll);
    } else {
      selectAll.remove();
    }
  }
}

define("checkboxgroup", CheckboxGroupBlock);
