// Scatter plot: a point per row of a DataFrame (the element and its chart: ../native_plot.js).

import { NativePlotBlock, plotStyles } from "../native_plot.js";
import { define } from "./base.js";

await plotStyles();

export class ScatterPlotBlock extends NativePlotBlock {}

define("scatterplot", ScatterPlotBlock);
