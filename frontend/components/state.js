// State: lives on the server; the page shows nothing for it.

import { BlockElement, define } from "./base.js";

export class StateBlock extends BlockElement {
  applyCommon() {
    super.applyCommon();
    this.hidden = true;
  }
}

define("state", StateBlock);
