// Row: children side by side, wrapping (and stacking on narrow screens).

import { BlockElement, define } from "./base.js";

export class RowBlock extends BlockElement {
  render() {
    const { props } = this;
    this.classList.toggle("equal-height", props.equal_height === true);
    this.dataset.variant = props.variant ?? "default";
    const height = props.height;
    this.style.height = typeof height === "number" ? `${height}px` : (height ?? "");
  }
}

define("row", RowBlock);
