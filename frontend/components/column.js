// Column: children stacked; in a Row, `scale` is its share of the width.

import { BlockElement, define } from "./base.js";

export class ColumnBlock extends BlockElement {
  render() {
    this.dataset.variant = this.props.variant ?? "default";
    // A column grows by its scale (1 unless set); scale 0 keeps it at its content's width.
    const scale = this.props.scale;
    this.style.flexGrow = String(typeof scale === "number" ? scale : 1);
  }
}

define("column", ColumnBlock);
