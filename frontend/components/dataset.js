// Dataset: samples as cards (one component) or a table (several), each value shown with a
// small preview of its component. Every sample is a native button (Tab, Enter, Space); picking
// one stores its index as the value and fires `click` and `select`. Long lists are paginated.

import { h } from "../dom.js";
import { componentStyles, fileName, fileUrl } from "../files.js";
import { BlockElement, define } from "./base.js";

await componentStyles("dataset.css", import.meta.url);

const MAX_TEXT = 120;

export class DatasetBlock extends BlockElement {
  static boxed = true;

  constructor() {
    super();
    this.page = 0;
    this.shownKey = "";
    /** @type {Map<number, HTMLButtonElement>} the buttons of the samples shown, by index */
    this.sampleButtons = new Map();
  }

  build() {
    this.heading = h("div", { class: "blk-label" }, h("span", { class: "blk-label-text", id: this.partId("label") }));
    this.body = h("div", { class: "dataset-body" });
    this.pages = h("nav", { class: "dataset-pages", "aria-label": "Pages" });
    this.append(this.heading, this.body, this.pages);
  }

  render() {
    const { props, heading, body, pages } = this;
    if (!heading || !body || !pages) return;
    /** @type {HTMLElement} */ (heading.firstElementChild).textContent = this.label;
    heading.hidden = props.show_label === false || !this.label;
    const samples = Array.isArray(props.samples) ? props.samples : [];
    const perPage = Math.max(1, Number(props.samples_per_page) || 10);
    const pageCount = Math.max(1, Math.ceil(samples.length / perPage));
    this.page = Math.min(this.page, pageCount - 1);
    const key = JSON.stringify([samples, props.components, props.headers, props.sample_labels, props.layout, this.page, perPage]);
    if (key !== this.shownKey) {
      this.shownKey = key;
      this.rebuild(samples, perPage, pageCount);
    }
    // In place, so the focused sample keeps the focus when it is picked.
    for (const [index, button] of this.sampleButtons) {
      button.setAttribute("aria-pressed", this.value === index ? "true" : "false");
      button.disabled = !this.interactive;
    }
  }

  /**
   * Build the shown page of samples and the page buttons.
   * @param {any[][]} samples
   * @param {number} perPage
   * @param {number} pageCount
   */
  rebuild(samples, perPage, pageCount) {
    const { props, body, pages } = this;
    if (!body || !pages) return;
    this.sampleButtons.clear();
    const first = this.page * perPage;
    const shown = samples.slice(first, first + perPage);
    const types = Array.isArray(props.components) ? props.components.map(String) : [];
    const table = props.layout === "table" || (props.layout !== "gallery" && types.length > 1);
    body.replaceChildren(table ? this.table(shown, first, types) : this.gallery(shown, first, types));
    pages.hidden = pageCount < 2;
    pages.replaceChildren(
      ...(pageCount < 2
        ? []
        : Array.from({ length: pageCount }, (_, index) =>
            h(
              "button",
              {
                type: "button",
                class: "dataset-page",
                "aria-current": index === this.page ? "page" : null,
                "aria-label": `Page ${index + 1}`,
                onclick: () => {
                  this.page = index;
                  this.render();
                  /** @type {HTMLElement | null} */ (pages.querySelector(`[aria-label="Page ${index + 1}"]`))?.focus();
                },
              },
              String(index + 1),
            ),
          )),
    );
  }

  /**
   * Cards in a wrapping row, one per sample.
   * @param {any[][]} samples
   * @param {number} first the index of samples[0]
   * @param {string[]} types
   */
  gallery(samples, first, types) {
    const list = h("div", { class: "dataset-gallery", role: "list", "aria-labelledby": this.partId("label") });
    samples.forEach((sample, offset) => {
      const index = first + offset;
      const button = this.sampleButton(index, "dataset-card");
      const label = this.sampleLabel(index);
      if (label) button.append(h("span", { class: "dataset-text" }, label));
      else (Array.isArray(sample) ? sample : [sample]).forEach((value, column) => button.append(this.preview(types[column], value, column)));
      // A card with nothing to read (a missing file) is still named.
      if (!button.textContent?.replace("—", "").trim() && !button.querySelector("img")) button.setAttribute("aria-label", `Example ${index + 1}`);
      list.append(h("div", { role: "listitem" }, button));
    });
    return list;
  }

  /**
   * A table with the headers, one row per sample; the row's first cell is its button.
   * @param {any[][]} samples
   * @param {number} first
   * @param {string[]} types
   */
  table(samples, first, types) {
    const headers = Array.isArray(this.props.headers) ? this.props.headers.map(String) : [];
    const table = h("table", { class: "dataset-table", "aria-labelledby": this.partId("label") });
    if (headers.some(Boolean)) table.append(h("thead", {}, h("tr", {}, ...headers.map((text) => h("th", { scope: "col" }, text)))));
    const rows = h("tbody");
    samples.forEach((sample, offset) => {
      const index = first + offset;
      const row = h("tr", { class: "dataset-row" });
      const label = this.sampleLabel(index);
      const values = Array.isArray(sample) ? sample : [sample];
      values.forEach((value, column) => {
        const content = label && column === 0 ? h("span", { class: "dataset-text" }, label) : this.preview(types[column], value, column);
        if (column === 0) {
          const button = this.sampleButton(index, "dataset-row-button");
          button.append(content);
          row.append(h("td", {}, button));
        } else row.append(h("td", {}, content));
      });
      // A click anywhere on the row picks it, like its button does.
      row.addEventListener("click", (event) => {
        if (!(event.target instanceof Element) || !event.target.closest("button")) this.choose(index);
      });
      rows.append(row);
    });
    table.append(rows);
    return table;
  }

  /**
   * @param {number} index
   * @param {string} className
   */
  sampleButton(index, className) {
    const button = h("button", { type: "button", class: className, onclick: () => this.choose(index) });
    this.sampleButtons.set(index, button);
    return button;
  }

  /** @param {number} index */
  sampleLabel(index) {
    const labels = this.props.sample_labels;
    return Array.isArray(labels) && labels[index] != null ? String(labels[index]) : "";
  }

  /** @param {number} index */
  choose(index) {
    if (!this.interactive) return;
    const samples = Array.isArray(this.props.samples) ? this.props.samples : [];
    this.commit(index);
    this.emit("click");
    this.emit("select", { index, value: samples[index] ?? null, selected: true });
    this.render();
    this.sampleButtons.get(index)?.focus();
  }

  /**
   * A small view of one value, as its component shows it.
   * @param {string | undefined} type
   * @param {any} value
   * @param {number} column
   * @returns {HTMLElement}
   */
  preview(type, value, column) {
    if (value == null || value === "") return h("span", { class: "dataset-empty" }, "—");
    const props = (Array.isArray(this.props.component_props) && this.props.component_props[column]) || {};
    switch (type) {
      case "image": {
        const url = fileUrl(value);
        if (!url) return h("span", { class: "dataset-empty" }, "—");
        return h("img", { class: "dataset-image", src: url, alt: fileName(value), loading: "lazy" });
      }
      case "file":
      case "video":
      case "audio":
      case "model3d": {
        const files = Array.isArray(value) ? value : [value];
        return text(files.map((file) => fileName(file)).join(", "));
      }
      case "checkbox":
        return h("span", { class: "dataset-text", "aria-label": value ? "checked" : "unchecked" }, value ? "✓" : "✗");
      case "dropdown":
      case "radio":
      case "checkboxgroup": {
        const choices = Array.isArray(props.choices) ? props.choices : [];
        /** @param {any} v */
        const labelOf = (v) => {
          const found = choices.find((choice) => Array.isArray(choice) && choice[1] === v);
          return found ? String(found[0]) : String(v);
        };
        return text((Array.isArray(value) ? value : [value]).map(labelOf).join(", "));
      }
      case "colorpicker":
        return h("span", { class: "dataset-text" }, h("span", { class: "dataset-swatch", style: `background:${cssColor(value)}`, "aria-hidden": "true" }), String(value));
      case "html":
        return text(new DOMParser().parseFromString(String(value), "text/html").body.textContent ?? "");
      case "multimodaltextbox": {
        const files = Array.isArray(value?.files) ? value.files.map((file) => fileName(file)) : [];
        return text([value?.text ?? "", ...files].filter(Boolean).join(" · "));
      }
      case "chatbot":
        return text(Array.isArray(value) ? `${value.length} message${value.length === 1 ? "" : "s"}` : "");
      case "json":
      case "label":
      case "highlightedtext":
        return text(typeof value === "string" ? value : JSON.stringify(value));
      default:
        return text(typeof value === "object" ? JSON.stringify(value) : String(value));
    }
  }
}

/**
 * Text, shortened for a card.
 * @param {string} value
 */
function text(value) {
  const shown = value.length > MAX_TEXT ? `${value.slice(0, MAX_TEXT - 1)}…` : value;
  return h("span", { class: "dataset-text", title: shown === value ? null : value }, shown);
}

/**
 * A CSS color from a sample, or transparent when it is not a plain color.
 * @param {any} value
 */
function cssColor(value) {
  const color = String(value);
  return /^#[0-9a-f]{3,8}$|^[a-z]+$|^rgba?\([0-9.,\s%]+\)$/i.test(color) ? color : "transparent";
}

define("dataset", DatasetBlock);
