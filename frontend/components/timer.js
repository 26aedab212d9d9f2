// Timer: shows nothing; fires `tick` every `value` seconds while `active` (gr.update changes both).

import { BlockElement, define } from "./base.js";

export class TimerBlock extends BlockElement {
  constructor() {
    super();
    /** @type {ReturnType<typeof setInterval> | undefined} */
    this.interval = undefined;
    /** @type {number | null} the period (ms) of the running interval */
    this.period = null;
  }

  applyCommon() {
    super.applyCommon();
    this.hidden = true;
  }

  render() {
    const seconds = Number(this.value);
    const period = this.props.active !== false && seconds > 0 && this.isConnected ? seconds * 1000 : null;
    if (period === this.period) return;
    this.stop();
    if (period === null) return;
    this.period = period;
    this.interval = setInterval(() => this.emit("tick"), period);
  }

  stop() {
    if (this.interval !== undefined) clearInterval(this.interval);
    this.interval = undefined;
    this.period = null;
  }

  connectedCallback() {
    if (this.built) this.render();
  }

  // Removed from the page (a re-render replaced it): no more ticks.
  disconnectedCallback() {
    this.stop();
  }
}

define("timer", TimerBlock);
