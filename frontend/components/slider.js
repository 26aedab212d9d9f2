// Slider: a native range input named by the label, with a number box kept in sync.
// Dragging fires input/change; letting go (pointer up, key up, change) fires `release`.

import { describeBy, fieldLabel, h } from "../dom.js";
import { BlockElement, define } from "./base.js";

export class SliderBlock extends BlockElement {
  static boxed = true;

  build() {
    this.heading = fieldLabel(this.partId("field"), this.partId("range"));
    const range = h("input", { type: "range", id: this.partId("range"), class: "slider-range" });
    const box = h("input", { type: "number", id: this.partId("number"), class: "text-input slider-number" });
    /** @type {any} */
    this.released = undefined;
    range.addEventListener("input", () => {
      box.value = range.value;
      this.paintFill();
      this.commit(Number(range.value));
    });
    for (const name of ["pointerup", "keyup", "change"]) range.addEventListener(name, () => this.release());
    box.addEventListener("input", () => {
      if (box.validity.badInput || box.value === "") return;
      const value = this.clamp(Number(box.value));
      range.value = String(value);
      this.paintFill();
      this.commit(value);
    });
    box.addEventListener("change", () => {
      // Leaving the box snaps what was typed into range.
      box.value = String(this.value ?? range.value);
      this.release();
    });
    for (const control of [range, box]) {
      control.addEventListener("focus", () => this.emit("focus"));
      control.addEventListener("blur", () => this.emit("blur"));
    }
    this.range = range;
    this.box = box;
    this.heading.label.classList.add("slider-label");
    const top = h("div", { class: "slider-head" }, this.heading.label, box);
    this.append(top, this.heading.info, range);
  }

  /**
   * @param {number} value
   * @returns {number}
   */
  clamp(value) {
    const { minimum = 0, maximum = 100 } = this.props;
    return Math.min(maximum, Math.max(minimum, value));
  }

  /** Fire `release` once per value the user settled on. */
  release() {
    if (this.value === this.released) return;
    this.released = this.value;
    this.emit("release", this.value);
  }

  /** The filled part of the track, as a CSS variable. */
  paintFill() {
    const { range } = this;
    if (!range) return;
    const min = Number(range.min);
    const max = Number(range.max);
    const at = max > min ? ((Number(range.value) - min) / (max - min)) * 100 : 0;
    range.style.setProperty("--fill", `${at}%`);
  }

  render() {
    const { props, range, box } = this;
    if (!range || !box) return;
    this.heading?.update(props);
    describeBy(range, props, this.heading?.infoId ?? "");
    const min = props.minimum ?? 0;
    const max = props.maximum ?? 100;
    const step = props.step ?? 1;
    for (const control of [range, box]) {
      control.min = String(min);
      control.max = String(max);
      control.step = step ? String(step) : "any";
      control.disabled = !this.interactive;
    }
    box.setAttribute("aria-label", `${this.label || "Slider"} value`);
    if (!this.label) range.setAttribute("aria-label", "Slider");
    else range.removeAttribute("aria-label");
    const value = this.value == null ? min : Number(this.value);
    if (!this.echo) {
      range.value = String(value);
      if (document.activeElement !== box) box.value = this.value == null ? "" : String(value);
      this.released = this.value;
    }
    this.paintFill();
  }
}

define("slider", SliderBlock);
