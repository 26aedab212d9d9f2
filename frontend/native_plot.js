// Vega charts: the vendored vega-embed (with Vega, Vega-Lite and the eval-free expression
// interpreter the page's CSP needs), imported on the first chart drawn, and the element of the
// native plots (components/lineplot.js, scatterplot.js, barplot.js). The chart itself is built
// by the server (components/native_plot.py); this fills in each column's kind from the value,
// adds the rows, the theme's colours and the x-range brush when the app listens to `select`.

import { h, strokeIcon } from "./dom.js";
import { componentStyles } from "./files.js";
import { BlockElement } from "./components/base.js";

/** @type {Promise<any> | null} */
let vegaModule = null;

/** vega-embed and its expression interpreter, imported once. */
export function loadVega() {
  // A computed URL, so type checking does not descend into the vendored file.
  vegaModule ??= import(new URL("./vendor/vega/vega-embed.min.mjs", import.meta.url).href);
  return vegaModule;
}

/**
 * Vega's config for the page's theme: its text colour and font, a transparent background.
 * @param {HTMLElement} element
 */
export function themeConfig(element) {
  const style = getComputedStyle(element);
  const text = style.color;
  const muted = style.getPropertyValue("--muted").trim() || text;
  const line = style.getPropertyValue("--block-border").trim() || "#ccc";
  const font = style.fontFamily;
  const labels = { labelColor: muted, titleColor: text, labelFont: font, titleFont: font };
  return {
    background: "transparent",
    font,
    axis: { ...labels, gridColor: line, domainColor: line, tickColor: line },
    legend: labels,
    title: { color: text, font, subtitleColor: muted },
    view: { stroke: null },
  };
}

/**
 * Draw a Vega or Vega-Lite spec into `host` (replacing what was there) as SVG.
 * @param {HTMLElement} host
 * @param {any} spec
 * @param {HTMLElement} themed the element whose theme the chart takes
 * @returns {Promise<{view: any, finalize: () => void}>}
 */
export async function drawVega(host, spec, themed) {
  const { embed, expressionInterpreter } = await loadVega();
  return embed(host, spec, {
    renderer: "svg",
    actions: false,
    ast: true,
    expr: expressionInterpreter,
    config: themeConfig(themed),
  });
}

/**
 * A field name as written in the spec ("a\.b") -> the column's name ("a.b").
 * @param {string} field
 */
function unescapeField(field) {
  return String(field).replace(/\\(.)/g, "$1");
}

/**
 * The chart to draw: the server's spec with each field's kind from the value, the rows as the
 * "table" dataset and, when wanted, the brush that selects an x range.
 * @param {any} template the spec prop (or the value's own spec)
 * @param {{columns: string[], data: any[][], datatypes?: Record<string, string>}} value
 * @param {{label: string, brush: boolean}} options
 */
export function chartSpec(template, value, { label, brush }) {
  const spec = structuredClone(template);
  const kinds = value.datatypes ?? {};
  const encoding = spec.encoding ?? {};
  /** @param {any} enc */
  const kindOf = (enc) => kinds[unescapeField(enc.field)] ?? "nominal";
  const x = encoding.x;
  if (x && !x.type) {
    x.type = kindOf(x);
    // Only quantitative scales start at zero or not (as components/native_plot.py drops it).
    if (x.type !== "quantitative" && x.scale) {
      delete x.scale.zero;
      if (!Object.keys(x.scale).length) delete x.scale;
    }
    // x_lim of a date axis is in seconds (as gr.DateTime gives them), Vega's dates in ms.
    if (x.type === "temporal" && x.scale) {
      for (const end of ["domainMin", "domainMax"]) if (typeof x.scale[end] === "number") x.scale[end] *= 1000;
    }
  }
  for (const enc of [encoding.color, ...(Array.isArray(encoding.tooltip) ? encoding.tooltip : [])]) {
    if (enc && !enc.type) enc.type = kindOf(enc);
  }
  const rows = value.data.map((row) => Object.fromEntries(value.columns.map((name, i) => [name, row[i]])));
  spec.data = { name: "table" };
  spec.datasets = { table: rows };
  spec.description = label;
  if (brush && x && x.type !== "nominal" && !x.bin) {
    spec.params = [...(spec.params ?? []), { name: "brush", select: { type: "interval", encodings: ["x"] } }];
  }
  return spec;
}

const KIND_NAMES = /** @type {Record<string, string>} */ ({ lineplot: "Line plot", scatterplot: "Scatter plot", barplot: "Bar plot" });
const ICON = {
  chart: '<path d="M4 4v16h16"/><path d="m7 15 4-5 3 3 5-6"/>',
  fullscreen: '<path d="M4 9V4h5M20 9V4h-5M4 15v5h5M20 15v5h-5"/>',
  export: '<path d="M12 4v11M7 10l5 5 5-5M5 20h14"/>',
};

/**
 * The figure every plot element shows: its heading, the drawing area, a caption, the message
 * shown when drawing fails, and the icon buttons.
 * @param {BlockElement} element
 */
export function plotFrame(element) {
  const heading = h("div", { class: "blk-label" }, h("span", { class: "blk-label-text" }));
  const host = h("div", { class: "plot-host" });
  const empty = h("div", { class: "plot-empty" }, strokeIcon(ICON.chart, { size: 32 }));
  const error = h("p", { class: "plot-error", role: "alert", hidden: true });
  const caption = h("figcaption", { class: "plot-caption", hidden: true });
  const tools = h("div", { class: "plot-tools" });
  const figure = h("figure", { class: "plot-figure" }, host, empty, error, tools, caption);
  element.append(heading, figure);
  return { heading, host, empty, error, caption, tools, figure };
}

/**
 * An icon button of a plot.
 * @param {"fullscreen" | "export"} name
 * @param {string} label
 * @param {() => void} onClick
 */
export function plotButton(name, label, onClick) {
  const button = h("button", { type: "button", class: "icon-button", "aria-label": label, title: label }, strokeIcon(ICON[name], { size: 16 }));
  button.addEventListener("click", onClick);
  return button;
}

/**
 * Why a drawing failed, as the plot shows it.
 * @param {unknown} error
 */
export function drawingError(error) {
  const reason = error instanceof Error ? error.message : String(error);
  return `This plot could not be drawn: ${reason}`;
}

/** The element of LinePlot, ScatterPlot and BarPlot. */
export class NativePlotBlock extends BlockElement {
  static boxed = true;

  constructor() {
    super();
    /** Counts drawings, so a slow one that a newer one overtook is dropped. */
    this.drawing = 0;
  }

  /** @param {import("./components/base.js").BlockState} state */
  update(state) {
    this.ver = state.ver;
    super.update(state);
  }

  build() {
    this.frame = plotFrame(this);
    this.fullscreenButton = plotButton("fullscreen", "Fullscreen", () => {
      if (document.fullscreenElement) document.exitFullscreen().catch(() => {});
      else this.frame?.figure.requestFullscreen().catch(() => {});
    });
    this.exportButton = plotButton("export", "Export as PNG", () => this.exportPicture());
    this.frame.tools.append(this.fullscreenButton, this.exportButton);
    /** @type {any} */
    this.view = null;
    this.drawn = "";
    /** @type {any} */
    this.drawnValue = undefined;
    /** @type {number[] | null} */
    this.range = null;
  }

  /** The plot's accessible name: its label, else its title, else its kind. */
  get name() {
    const { props } = this;
    return this.label || (props.title ? String(props.title) : KIND_NAMES[this.blockType] ?? "Plot");
  }

  render() {
    const { frame, props } = this;
    if (!frame) return;
    const label = frame.heading.firstElementChild;
    if (label) label.textContent = this.label;
    frame.heading.hidden = props.show_label === false || !this.label;
    frame.figure.setAttribute("aria-label", this.name);
    const caption = props.caption == null ? "" : String(props.caption);
    frame.caption.textContent = caption;
    frame.caption.hidden = !caption;
    const buttons = Array.isArray(props.buttons) ? props.buttons : [];
    /** @type {HTMLElement} */ (this.fullscreenButton).hidden = !buttons.includes("fullscreen") || !document.fullscreenEnabled;
    /** @type {HTMLElement} */ (this.exportButton).hidden = !buttons.includes("export") || !this.value;
    frame.tools.hidden = buttons.length === 0;
    const value = this.value && Array.isArray(this.value.columns) && Array.isArray(this.value.data) ? this.value : null;
    const template = props.spec ?? value?.spec;
    const brush = this.listens("select");
    const signature = JSON.stringify([this.ver, template, brush, this.name]);
    if (signature === this.drawn && value === this.drawnValue) return;
    this.drawn = signature;
    this.drawnValue = value;
    frame.empty.hidden = !!value;
    if (!value) {
      this.clearView();
      frame.error.hidden = true;
      return;
    }
    if (!template) {
      this.showError("This plot has no chart to draw (no spec)");
      return;
    }
    this.draw(chartSpec(template, value, { label: this.name, brush }));
  }

  /** @param {any} spec */
  async draw(spec) {
    const { frame } = this;
    if (!frame) return;
    const drawing = ++this.drawing;
    try {
      const result = await drawVega(frame.host, spec, this);
      if (drawing !== this.drawing) {
        result.finalize();
        return;
      }
      this.view?.finalize?.();
      this.view = result;
      frame.error.hidden = true;
      frame.host.hidden = false;
      this.listenTo(result.view, spec);
    } catch (error) {
      if (drawing === this.drawing) this.showError(drawingError(error));
    }
  }

  /**
   * select when a dragged x range is let go, double_click on a double click.
   * @param {any} view
   * @param {any} spec
   */
  listenTo(view, spec) {
    const temporal = spec.encoding?.x?.type === "temporal";
    if (spec.params?.some((/** @type {any} */ p) => p.name === "brush")) {
      view.addSignalListener("brush", (/** @type {string} */ _name, /** @type {any} */ value) => {
        const range = value && Object.values(value)[0];
        this.range = Array.isArray(range) ? range.map((end) => (temporal ? Number(end) / 1000 : Number(end))) : null;
      });
      view.addEventListener("pointerup", () => {
        if (!this.range) return;
        const range = this.range;
        this.range = null;
        this.emit("select", { index: range, value: range, selected: true });
      });
    }
    view.addEventListener("dblclick", () => this.emit("double_click"));
  }

  clearView() {
    this.drawing++;
    this.view?.finalize?.();
    this.view = null;
    this.frame?.host.replaceChildren();
  }

  /** @param {string} message */
  showError(message) {
    const { frame } = this;
    if (!frame) return;
    this.clearView();
    frame.error.textContent = message;
    frame.error.hidden = false;
  }

  async exportPicture() {
    const view = this.view?.view;
    if (!view) return;
    const url = await view.toImageURL("png", 2);
    const link = h("a", { href: url, download: `${this.name}.png` });
    link.click();
  }
}

/** Load the plots' stylesheet (once). */
export function plotStyles() {
  return componentStyles("components/plot.css", import.meta.url);
}
