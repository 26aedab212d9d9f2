// ClearButton: a Button (button.js) whose click listener, on the server, empties its components.

import { define } from "./base.js";
import { ButtonBlock } from "./button.js";

class ClearButtonBlock extends ButtonBlock {
  applyCommon() {
    super.applyCommon();
    this.classList.add("blk-button"); // laid out exactly like a Button
  }
}

define("clearbutton", ClearButtonBlock);
