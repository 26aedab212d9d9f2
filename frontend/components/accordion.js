// Accordion: a labelled section behind a disclosure button; fires expand / collapse.

import { h } from "../dom.js";
import { BlockElement, define } from "./base.js";

export class AccordionBlock extends BlockElement {
  build() {
    this.open = this.props.open !== false;
    this.appliedOpen = this.props.open;
    this.button = h(
      "button",
      { type: "button", class: "accordion-toggle", id: this.partId("toggle"), "aria-controls": this.partId("content") },
      h("span", { class: "accordion-label" }),
      h("span", { class: "accordion-icon", "aria-hidden": "true" }),
    );
    this.button.addEventListener("click", () => {
      this.open = !this.open;
      this.render();
      this.emit(this.open ? "expand" : "collapse");
    });
    this.content = h("div", { class: "accordion-content", id: this.partId("content"), role: "region", "aria-labelledby": this.button.id });
    this.append(this.button, this.content);
  }

  get childHost() {
    return this.content ?? this;
  }

  render() {
    if (!this.button || !this.content) return;
    // The server's `open` wins when it changes; otherwise the user's last toggle stays.
    if (this.props.open !== this.appliedOpen) {
      this.appliedOpen = this.props.open;
      this.open = this.props.open !== false;
    }
    /** @type {HTMLElement} */ (this.button.firstElementChild).textContent = this.label;
    this.button.setAttribute("aria-expanded", String(this.open));
    this.content.hidden = !this.open;
    this.classList.toggle("open", this.open);
  }
}

define("accordion", AccordionBlock);
