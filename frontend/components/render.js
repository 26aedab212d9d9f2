// The place of a @gr.render function: its children are what the latest run built for this
// page (mounted by ../render.js); laid out as a column, or as a row inside a Row.

import { BlockElement, define } from "./base.js";

export class RenderBlock extends BlockElement {
  render() {
    const row = this.props.direction === "row";
    this.classList.toggle("blk-row", row);
    this.classList.toggle("blk-column", !row);
    // A column grows like one (flex: 1 in a row); a row fills its parent's width.
    this.style.flexGrow = "1";
  }
}

define("render", RenderBlock);
