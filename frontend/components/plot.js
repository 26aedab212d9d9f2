// Plot: a matplotlib figure (a picture the server drew), a plotly figure (drawn by the vendored
// plotly.js) or an altair chart (drawn by vega-embed). Each library is imported only when a
// plot of its kind is first shown. The figure is named by the label; a drawing that fails says
// why in text.

import { drawVega, drawingError, plotFrame, plotStyles } from "../native_plot.js";
import { h } from "../dom.js";
import { BlockElement, define } from "./base.js";

await plotStyles();

/** @type {Promise<any> | null} */
let plotlyModule = null;
/** @type {any} plotly.js once it has loaded */
let plotlyLoaded = null;

/** plotly.js, imported once. */
function loadPlotly() {
  // A computed URL, so type checking does not descend into the vendored file.
  plotlyModule ??= import(new URL("../vendor/plotly/plotly.min.mjs", import.meta.url).href).then((m) => {
    plotlyLoaded = m.default;
    return plotlyLoaded;
  });
  return plotlyModule;
}

export class PlotBlock extends BlockElement {
  static boxed = true;

  constructor() {
    super();
    /** Counts drawings, so a slow one that a newer one overtook is dropped. */
    this.drawing = 0;
  }

  build() {
    this.frame = plotFrame(this);
    this.picture = h("img", { class: "plot-picture", hidden: true });
    this.frame.figure.prepend(this.picture);
    this.frame.tools.hidden = true;
    /** @type {string} */
    this.kind = "";
    this.shown = "";
    /** @type {any} */
    this.vega = null;
  }

  render() {
    const { frame, picture } = this;
    if (!frame || !picture) return;
    const name = this.label || "Plot";
    const label = frame.heading.firstElementChild;
    if (label) label.textContent = name;
    frame.heading.hidden = this.props.show_label === false;
    frame.figure.setAttribute("aria-label", name);
    picture.alt = name;
    const value = this.value && typeof this.value === "object" && typeof this.value.plot === "string" ? this.value : null;
    const kind = value ? String(value.type) : "";
    const shown = value ? `${kind}\u0000${value.plot}` : "";
    if (shown === this.shown) return;
    this.shown = shown;
    frame.empty.hidden = !!value;
    frame.error.hidden = true;
    if (kind !== this.kind) this.clear();
    this.kind = kind;
    if (!value) return;
    if (kind === "matplotlib") {
      picture.src = value.plot;
      picture.hidden = false;
    } else if (kind === "plotly" || kind === "altair") {
      this.draw(kind, value.plot);
    } else {
      this.showError(`This plot could not be drawn: plots of type "${kind}" are not supported`);
    }
  }

  /**
   * Draw a plotly figure or a Vega-Lite chart from its JSON.
   * @param {"plotly" | "altair"} kind
   * @param {string} json
   */
  async draw(kind, json) {
    const { frame } = this;
    if (!frame) return;
    const drawing = ++this.drawing;
    try {
      const spec = JSON.parse(json);
      if (kind === "plotly") {
        const Plotly = await loadPlotly();
        if (drawing !== this.drawing) return;
        const layout = { autosize: true, ...(spec.layout ?? {}) };
        await Plotly.react(frame.host, spec.data ?? [], layout, { responsive: true, displaylogo: false, ...(spec.config ?? {}) });
      } else {
        const result = await drawVega(frame.host, spec, this);
        if (drawing !== this.drawing) {
          result.finalize();
          return;
        }
        this.vega?.finalize();
        this.vega = result;
      }
    } catch (error) {
      if (drawing === this.drawing) this.showError(drawingError(error));
    }
  }

  /** Empty the drawing area (a plot of another kind, or none, comes next). */
  clear() {
    const { frame, picture } = this;
    if (!frame || !picture) return;
    this.drawing++;
    if (this.kind === "plotly") plotlyLoaded?.purge(frame.host);
    this.vega?.finalize();
    this.vega = null;
    frame.host.replaceChildren();
    picture.hidden = true;
    picture.removeAttribute("src");
  }

  /** @param {string} message */
  showError(message) {
    const { frame } = this;
    if (!frame) return;
    this.clear();
    frame.error.textContent = message;
    frame.error.hidden = false;
  }
}

define("plot", PlotBlock);
