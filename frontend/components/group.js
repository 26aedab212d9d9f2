// Group: children shown as one unit, without gaps between them.

import { BlockElement, define } from "./base.js";

export class GroupBlock extends BlockElement {}

define("group", GroupBlock);
