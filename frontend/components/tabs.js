// Tabs: a tablist over its Tab children, one shown at a time (arrow keys move between tabs).

import { h } from "../dom.js";
import { BlockElement, define } from "./base.js";

/** @typedef {import("./tab.js").TabBlock} TabBlock */

export class TabsBlock extends BlockElement {
  constructor() {
    super();
    /** @type {TabBlock[]} */
    this.tabs = [];
    /** @type {TabBlock | null} */
    this.current = null;
    /** @type {any} */
    this.appliedSelected = undefined;
  }

  build() {
    this.nav = h("div", { class: "tab-nav", role: "tablist" });
    this.nav.addEventListener("keydown", (event) => this.onKey(event));
    this.panels = h("div", { class: "tab-panels" });
    this.append(this.nav, this.panels);
  }

  get childHost() {
    return this.panels ?? this;
  }

  /** @param {BlockElement} child */
  addChild(child) {
    super.addChild(child);
    if (child.blockType === "tab") {
      const tab = /** @type {TabBlock} */ (child);
      tab.owner = this;
      this.tabs.push(tab);
      this.refresh();
    }
  }

  render() {
    this.refresh();
  }

  /** The tabs that can be shown. */
  get shown() {
    return this.tabs.filter((tab) => tab.props.visible !== false);
  }

  /** Rebuild the tablist from the tabs' props and show the selected panel. */
  refresh() {
    if (!this.nav) return;
    const selected = this.props.selected;
    if (selected !== this.appliedSelected) {
      const wanted =
        this.tabs.find((tab) => tab.props.tab_id != null && tab.props.tab_id === selected) ??
        (typeof selected === "number" ? this.shown[selected] : undefined);
      if (wanted) {
        this.appliedSelected = selected;
        this.current = wanted;
      } else if (selected == null) {
        this.appliedSelected = selected;
      }
    }
    const shown = this.shown;
    if (!this.current || !shown.includes(this.current)) {
      this.current = shown.find((tab) => tab.props.interactive !== false) ?? shown[0] ?? null;
    }
    const buttons = shown.map((tab) => {
      const active = tab === this.current;
      const button = h(
        "button",
        {
          type: "button",
          role: "tab",
          class: "tab-button",
          id: tab.partId("tab"),
          "aria-controls": tab.id || tab.partId("panel"),
          "aria-selected": String(active),
          tabindex: active ? "0" : "-1",
          disabled: tab.props.interactive === false,
        },
        tab.label || `Tab ${this.tabs.indexOf(tab) + 1}`,
      );
      button.addEventListener("click", () => this.choose(tab));
      return button;
    });
    const focused = this.nav.contains(document.activeElement) ? this.current : null;
    this.nav.replaceChildren(...buttons);
    if (focused) /** @type {HTMLElement | null} */ (this.nav.querySelector('[aria-selected="true"]'))?.focus();
    for (const tab of this.tabs) {
      tab.classList.toggle("tab-selected", tab === this.current);
      tab.setAttribute("role", "tabpanel");
      tab.id ||= tab.partId("panel");
      tab.setAttribute("aria-labelledby", tab.partId("tab"));
    }
  }

  /**
   * The user picked a tab.
   * @param {TabBlock} tab
   */
  choose(tab) {
    if (tab === this.current || tab.props.interactive === false) return;
    this.current = tab;
    this.refresh();
    const data = { index: this.tabs.indexOf(tab), value: tab.label, selected: true, id: tab.props.tab_id ?? null };
    this.emit("change");
    this.emit("select", data);
    tab.emit("select", data);
  }

  /** @param {KeyboardEvent} event */
  onKey(event) {
    const usable = this.shown.filter((tab) => tab.props.interactive !== false);
    if (!usable.length || !this.current) return;
    const at = usable.indexOf(this.current);
    const moves = { ArrowRight: at + 1, ArrowLeft: at - 1, Home: 0, End: usable.length - 1 };
    if (!(event.key in moves)) return;
    event.preventDefault();
    const index = (moves[/** @type {keyof typeof moves} */ (event.key)] + usable.length) % usable.length;
    this.choose(usable[index]);
    /** @type {HTMLElement | null} */ (this.nav?.querySelector('[aria-selected="true"]'))?.focus();
  }
}

define("tabs", TabsBlock);
