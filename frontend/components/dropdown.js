// Dropdown: a native <select> (several values with `multiselect`), or, with
// `allow_custom_value`, a text field with a list of suggestions (<input list>).

import { choicesOf, indexOfValue, sameChoices } from "../choices.js";
import { describeBy, fieldLabel, h } from "../dom.js";
import { BlockElement, define } from "./base.js";

/** @typedef {import("../choices.js").Choice} Choice */

export class DropdownBlock extends BlockElement {
  static boxed = true;

  constructor() {
    super();
    /** @type {Choice[]} */
    this.shownChoices = [];
    this.mode = "";
    /** @type {HTMLSelectElement | undefined} */
    this.select = undefined;
    /** @type {HTMLInputElement | undefined} */
    this.text = undefined;
    /** @type {HTMLDataListElement | undefined} */
    this.list = undefined;
  }

  build() {
    this.heading = fieldLabel(this.partId("field"), this.partId("input"));
    this.frame = h("div", { class: "input-frame dropdown-frame" });
    this.append(this.heading.label, this.heading.info, this.frame);
  }

  /** "single" | "multi" | "custom" | "multi-custom", from the props. */
  get wantedMode() {
    const custom = this.props.allow_custom_value === true;
    if (this.props.multiselect) return custom ? "multi-custom" : "multi";
    return custom ? "custom" : "single";
  }

  /** Build the controls for the current mode (again when the mode changes). */
  ensureControls() {
    const mode = this.wantedMode;
    if (mode === this.mode || !this.frame) return;
    this.mode = mode;
    this.shownChoices = [];
    this.select = undefined;
    this.text = undefined;
    const id = this.partId("input");
    /** @type {HTMLElement[]} */
    const parts = [];
    if (mode !== "custom") {
      const select = h("select", { id, class: "select-input", multiple: mode !== "single" });
      select.addEventListener("change", () => this.fromSelect());
      if (select.multiple) {
        // A click toggles one option, without needing Ctrl.
        select.addEventListener("mousedown", (event) => {
          const option = /** @type {HTMLElement} */ (event.target);
          if (!(option instanceof HTMLOptionElement) || select.disabled) return;
          event.preventDefault();
          option.selected = !option.selected;
          select.focus();
          this.fromSelect();
        });
      }
      this.select = select;
      parts.push(select);
    }
    if (mode === "custom" || mode === "multi-custom") {
      const list = h("datalist", { id: this.partId("list") });
      const text = h("input", {
        type: "text",
        id: mode === "custom" ? id : this.partId("add"),
        class: "text-input",
        list: list.id,
        autocomplete: "off",
        "aria-label": mode === "multi-custom" ? "Add a value" : null,
      });
      text.addEventListener("change", () => this.fromText());
      text.addEventListener("keydown", (event) => {
        if (event.key === "Enter" && !event.isComposing) {
          this.fromText();
          if (mode === "custom") this.emit("submit");
        }
      });
      text.addEventListener("keyup", (event) => this.emit("key_up", { key: event.key, input_value: text.value }));
      this.text = text;
      this.list = list;
      parts.push(text, list);
    }
    for (const control of parts) {
      control.addEventListener("focus", () => this.emit("focus"));
      control.addEventListener("blur", () => this.emit("blur"));
    }
    this.frame.replaceChildren(...parts);
  }

  /** The user changed the <select>. */
  fromSelect() {
    const select = this.select;
    if (!select) return;
    if (!select.multiple) {
      if (!select.value.startsWith("c")) return; // the placeholder or a custom value
      const index = Number(select.value.slice(1));
      const value = this.shownChoices[index]?.[1];
      this.commit(value);
      this.emit("select", { index, value, selected: true });
      return;
    }
    const chosen = [...select.options].filter((o) => o.selected);
    const max = this.props.max_choices;
    if (typeof max === "number" && chosen.length > max) {
      this.render(); // refuse the extra one
      return;
    }
    const values = chosen.map((option) => this.optionValue(option.value));
    const before = Array.isArray(this.value) ? this.value : [];
    this.commit(values);
    for (const [index, [, value]] of this.shownChoices.entries()) {
      const now = values.includes(value);
      if (now !== before.includes(value)) this.emit("select", { index, value, selected: now });
    }
  }

  /** The user typed a value (a choice's label means that choice's value). */
  fromText() {
    const text = this.text;
    if (!text) return;
    const typed = text.value;
    const index = this.shownChoices.findIndex(([label]) => label === typed);
    const value = index >= 0 ? this.shownChoices[index][1] : typed;
    if (this.mode === "custom") {
      if (value === this.value) return;
      this.commit(value);
      this.emit("select", { index: index >= 0 ? index : null, value, selected: true });
      return;
    }
    if (!typed) return;
    const values = Array.isArray(this.value) ? [...this.value] : [];
    if (!values.includes(value)) {
      values.push(value);
      this.commit(values);
      this.emit("select", { index: index >= 0 ? index : null, value, selected: true });
    }
    text.value = "";
  }

  /**
   * An <option>'s value: "c<index>" for a choice, "x<json>" for a custom value.
   * @param {string} key
   */
  optionValue(key) {
    return key.startsWith("c") ? this.shownChoices[Number(key.slice(1))]?.[1] : JSON.parse(key.slice(1));
  }

  render() {
    const { props } = this;
    this.ensureControls();
    this.heading?.update(props);
    const choices = choicesOf(props.choices);
    const select = this.select;
    const text = this.text;
    for (const control of [select, text]) {
      if (!control) continue;
      control.disabled = !this.interactive;
      describeBy(control, props, this.heading?.infoId ?? "");
    }
    if (text && this.list && !sameChoices(choices, this.shownChoices)) {
      this.list.replaceChildren(...choices.map(([label]) => h("option", { value: label })));
    }
    if (text && this.mode === "custom" && !this.echo) {
      const index = indexOfValue(choices, this.value);
      const shown = index >= 0 ? choices[index][0] : this.value == null ? "" : String(this.value);
      if (text.value !== shown) text.value = shown;
      text.placeholder = props.placeholder ?? "";
    }
    if (select) this.renderSelect(select, choices);
    this.shownChoices = choices;
  }

  /**
   * @param {HTMLSelectElement} select
   * @param {Choice[]} choices
   */
  renderSelect(select, choices) {
    const values = select.multiple ? (Array.isArray(this.value) ? this.value : []) : [this.value];
    /** @type {[string, string][]} option value and text */
    const wanted = choices.map(([label], index) => [`c${index}`, label]);
    // Values that are not among the choices (custom ones) still show, and stay selected.
    for (const value of values) {
      if (value != null && indexOfValue(choices, value) < 0) wanted.push([`x${JSON.stringify(value)}`, String(value)]);
    }
    if (!select.multiple && this.value == null) wanted.unshift(["", this.props.placeholder ?? ""]);
    const current = [...select.options];
    const same = current.length === wanted.length && current.every((o, i) => o.value === wanted[i][0] && o.text === wanted[i][1]);
    if (!same) {
      // Rebuilt only when the options change, so an open list keeps its scroll position.
      select.replaceChildren(
        ...wanted.map(([key, text]) => h("option", { value: key, disabled: key === "", hidden: key === "" }, text)),
      );
    }
    for (const option of select.options) {
      option.selected = option.value === "" ? this.value == null : values.some((v) => this.optionMatches(option.value, v, choices));
    }
    if (select.multiple) select.size = Math.min(Math.max(select.options.length, 2), 8);
  }

  /**
   * @param {string} key
   * @param {any} value
   * @param {Choice[]} choices
   */
  optionMatches(key, value, choices) {
    if (value == null) return false;
    if (key.startsWith("c")) return choices[Number(key.slice(1))]?.[1] === value;
    return key === `x${JSON.stringify(value)}`;
  }
}

define("dropdown", DropdownBlock);
