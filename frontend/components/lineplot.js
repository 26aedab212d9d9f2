// Line plot: a line per series through the rows of a DataFrame (the element: ../native_plot.js).

import { NativePlotBlock, plotStyles } from "../native_plot.js";
import { define } from "./base.js";

await plotStyles();

export class LinePlotBlock extends NativePlotBlock {}

define("lineplot", LinePlotBlock);
