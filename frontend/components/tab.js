// Tab: one panel of a Tabs; its Tabs draws the tab button from this block's props.

import { BlockElement, define } from "./base.js";

export class TabBlock extends BlockElement {
  constructor() {
    super();
    /** @type {import("./tabs.js").TabsBlock | null} */
    this.owner = null;
  }

  applyCommon() {
    super.applyCommon();
    // The panel needs an id for aria-controls even without elem_id.
    if (!this.id) this.id = this.partId("panel");
  }

  render() {
    this.owner?.refresh();
  }
}

define("tab", TabBlock);
