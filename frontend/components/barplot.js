// Bar plot: a bar per x value, stacked by series (the element and its chart: ../native_plot.js).

import { NativePlotBlock, plotStyles } from "../native_plot.js";
import { define } from "./base.js";

await plotStyles();

export class BarPlotBlock extends NativePlotBlock {}

define("barplot", BarPlotBlock);
