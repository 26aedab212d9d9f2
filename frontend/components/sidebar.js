// Sidebar: a panel fixed at the left or right of the page, opened and closed by its toggle
// button (a disclosure: aria-expanded, aria-controls); fires expand / collapse. While open on a
// wide screen, the page makes room for it instead of being covered.

import { componentStyles } from "../files.js";
import { h } from "../dom.js";
import { BlockElement, define } from "./base.js";

await componentStyles("sidebar.css", import.meta.url);

export class SidebarBlock extends BlockElement {
  build() {
    this.open = this.props.open !== false;
    this.appliedOpen = this.props.open;
    this.toggle = h(
      "button",
      { type: "button", class: "sidebar-toggle", id: this.partId("toggle"), "aria-controls": this.partId("panel") },
      h("span", { class: "sidebar-icon", "aria-hidden": "true" }),
    );
    /** @type {string | undefined} the side whose room this sidebar set */
    this.roomSide = undefined;
    this.toggle.addEventListener("click", () => this.setOpen(!this.open));
    this.panel = h("aside", { class: "sidebar-panel", id: this.partId("panel") });
    this.content = h("div", { class: "sidebar-content" });
    this.panel.append(this.content);
    this.panel.addEventListener("keydown", (event) => {
      if (event.key !== "Escape" || !this.open) return;
      this.setOpen(false);
      this.toggle?.focus();
    });
    this.append(this.toggle, this.panel);
  }

  get childHost() {
    return this.content ?? this;
  }

  /** @param {boolean} open */
  setOpen(open) {
    this.open = open;
    this.render();
    this.emit(open ? "expand" : "collapse");
  }

  render() {
    const { toggle, panel } = this;
    if (!toggle || !panel) return;
    // The server's `open` wins when it changes; otherwise the user's last toggle stays.
    if (this.props.open !== this.appliedOpen) {
      this.appliedOpen = this.props.open;
      this.open = this.props.open !== false;
    }
    const side = this.props.position === "right" ? "right" : "left";
    const width = this.props.width;
    this.dataset.position = side;
    this.style.setProperty("--sidebar-width", typeof width === "number" ? `${width}px` : String(width ?? "320px"));
    const name = this.label || "Sidebar";
    toggle.setAttribute("aria-label", name);
    toggle.setAttribute("aria-expanded", String(this.open));
    panel.setAttribute("aria-label", name);
    panel.inert = !this.open;
    this.classList.toggle("open", this.open);
    this.makeRoom();
  }

  /** While shown, the page is padded on the sidebar's side: by its width when open (on wide
   * screens; narrow ones show it over the page), by the toggle's room when closed. */
  makeRoom() {
    const side = this.dataset.position ?? "left";
    if (this.roomSide && this.roomSide !== side) this.clearRoom();
    this.roomSide = side;
    const root = document.documentElement.style;
    const shown = !this.hidden && this.isConnected;
    const width = getComputedStyle(this).getPropertyValue("--sidebar-width") || "320px";
    root.setProperty(`--sidebar-room-${side}`, shown ? (this.open ? width : "48px") : "0px");
    root.setProperty(`--sidebar-edge-${side}`, shown ? "48px" : "0px");
  }

  clearRoom() {
    const root = document.documentElement.style;
    root.setProperty(`--sidebar-room-${this.roomSide}`, "0px");
    root.setProperty(`--sidebar-edge-${this.roomSide}`, "0px");
  }

  connectedCallback() {
    if (this.built) this.render();
  }

  disconnectedCallback() {
    if (this.roomSide) this.clearRoom();
  }
}

define("sidebar", SidebarBlock);
