// JSON: a labelled, collapsible tree (<details>) of the value; `open` expands every node.

import { copyButton, h } from "../dom.js";
import { BlockElement, define } from "./base.js";

// Without `open`, nodes deeper than this start closed.
const OPEN_DEPTH = 2;

export class JsonBlock extends BlockElement {
  static boxed = true;

  constructor() {
    super();
    /** @type {Map<string, boolean>} open/closed as the user left each node, by path */
    this.toggled = new Map();
    /** @type {any} */
    this.appliedOpen = undefined;
  }

  build() {
    this.heading = h("div", { class: "blk-label" }, h("span", { class: "blk-label-text", id: this.partId("label") }));
    this.tree = h("div", { class: "json-tree", role: "region", "aria-labelledby": this.partId("label") });
    this.copy = copyButton(() => JSON.stringify(this.value, null, 2));
    this.append(h("div", { class: "json-head" }, this.heading, this.copy), this.tree);
  }

  render() {
    const { props, heading, tree } = this;
    if (!heading || !tree) return;
    /** @type {HTMLElement} */ (heading.firstElementChild).textContent = this.label || "JSON";
    heading.classList.toggle("sr-only", props.show_label === false || !this.label);
    if (props.open !== this.appliedOpen) {
      // The app changed `open`: it overrides what the user had toggled.
      this.appliedOpen = props.open;
      this.toggled.clear();
    }
    const empty = this.value === null || this.value === undefined;
    tree.classList.toggle("empty", empty);
    tree.replaceChildren(empty ? h("span", { class: "json-null" }, "null") : this.node(null, this.value, "$", 0));
  }

  /**
   * One key/value line, or a <details> holding an object's or a list's entries.
   * @param {string | number | null} key
   * @param {any} value
   * @param {string} path
   * @param {number} depth
   * @returns {HTMLElement}
   */
  node(key, value, path, depth) {
    const label = key === null ? null : h("span", { class: "json-key" }, typeof key === "number" ? `${key}` : JSON.stringify(key), ": ");
    if (value === null || typeof value !== "object") {
      return h("div", { class: "json-line" }, label, scalar(value));
    }
    const list = Array.isArray(value);
    const entries = list ? value.map((v, i) => /** @type {[number, any]} */ ([i, v])) : Object.entries(value);
    const open = this.toggled.get(path) ?? (this.props.open === true || depth < OPEN_DEPTH);
    const details = h("details", { class: "json-node", open });
    const count = `${entries.length} ${list ? (entries.length === 1 ? "item" : "items") : entries.length === 1 ? "key" : "keys"}`;
    details.append(
      h("summary", {}, label, h("span", { class: "json-bracket" }, list ? "[" : "{"), h("span", { class: "json-count" }, ` ${count} `), h("span", { class: "json-bracket json-closer" }, list ? "]" : "}")),
      h("div", { class: "json-children" }, ...entries.map(([k, v]) => this.node(k, v, `${path}/${k}`, depth + 1))),
      h("div", { class: "json-bracket json-end" }, list ? "]" : "}"),
    );
    details.addEventListener("toggle", (event) => {
      if (event.target === details) this.toggled.set(path, details.open);
    });
    return details;
  }
}

/**
 * @param {any} value a string, number, boolean or null
 * @returns {HTMLElement}
 */
function scalar(value) {
  const kind = value === null ? "null" : typeof value;
  return h("span", { class: `json-${kind}` }, kind === "string" ? JSON.stringify(value) : String(value));
}

define("json", JsonBlock);
