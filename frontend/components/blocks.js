// A Blocks: the root of the page, or a whole app rendered inside another one.

import { BlockElement, define } from "./base.js";

export class BlocksBlock extends BlockElement {}

define("blocks", BlocksBlock);
