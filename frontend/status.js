// Pending status on output blocks while their job waits or runs (per show_progress).
//
// "full" covers each output with the clock and the function's progress (gr.Progress) until it
// streams; "minimal" is a small spinner on each output, and the function's progress (when it
// reports any: that is what it wants seen) beside the spinner of its first output only, so a
// chat whose box is an output too shows "Thinking · 50%" once, in the chat; "hidden" is nothing.
//
// An element may show the status itself: one with a `showStatus(view)` method (the Chatbot,
// which draws a pending reply with the queue position, the clock and the progress) is handed a
// StatusView instead of an overlay, and `null` when the job is over. An output whose own event
// started the job (the box the user just pressed Enter in) gets no overlay when the job writes
// to another output that shows it: the status belongs where the answer will appear.

/**
 * @typedef {"full" | "minimal" | "hidden"} Mode
 * @typedef {import("./protocol.js").ProgressUnit} ProgressUnit
 * @typedef {{
 *   outputs: number[], mode: Mode, phase: "pending" | "queued" | "running",
 *   position: number | null, size: number | null, eta: number | null, etaAt: number,
 *   startedAt: number, units: ProgressUnit[], streaming: boolean
 * }} JobStatus
 * @typedef {{
 *   mode: Mode, phase: "pending" | "queued" | "running", streaming: boolean,
 *   queue: string, clock: string, progress: number | null, label: string, detail: string
 * }} StatusView what an element that shows the status itself is given: the queue position
 *   ("queued 2/3 · ETA 4.0s", or ""), the clock while it runs ("1.2s", shown with "full"),
 *   the reported progress (0..1 or null) with its accessible name and its description
 */

export class StatusBoard {
  /**
   * @param {(id: number) => HTMLElement | undefined} elementOf the element showing a block
   * @param {() => number} [now] milliseconds, injectable for tests
   */
  constructor(elementOf, now = () => performance.now()) {
    this.elementOf = elementOf;
    this.now = now;
    /** @type {Map<string, JobStatus>} */
    this.jobs = new Map();
    /** @type {Map<number, string[]>} block id -> event ids showing on it, latest last */
    this.onBlock = new Map();
    /** @type {ReturnType<typeof setInterval> | undefined} */
    this.ticker = undefined;
  }

  /**
   * A job was sent: its outputs show it as pending.
   * @param {string} eventId
   * @param {number[]} outputs
   * @param {Mode} mode
   */
  begin(eventId, outputs, mode) {
    if (mode === "hidden" || !outputs.length) return;
    const at = this.now();
    this.jobs.set(eventId, {
      outputs, mode, phase: "pending", position: null, size: null, eta: null, etaAt: at,
      startedAt: at, units: [], streaming: false,
    });
    for (const id of outputs) {
      const ids = this.onBlock.get(id) ?? [];
      ids.push(eventId);
      this.onBlock.set(id, ids);
    }
    this.paintJob(eventId);
    this.tick();
  }

  /**
   * @param {string} eventId
   * @param {{position: number, size: number, eta?: number | null}} where
   */
  queued(eventId, { position, size, eta }) {
    this.update(eventId, (job) => {
      Object.assign(job, { phase: "queued", position, size, eta: eta ?? null, etaAt: this.now() });
    });
    this.tick();
  }

  /**
   * @param {string} eventId
   * @param {number | null | undefined} eta
   */
  started(eventId, eta) {
    this.update(eventId, (job) => {
      Object.assign(job, { phase: "running", startedAt: this.now(), eta: eta ?? null, etaAt: this.now() });
    });
  }

  /**
   * @param {string} eventId
   * @param {ProgressUnit[]} units
   */
  progress(eventId, units) {
    this.update(eventId, (job) => {
      job.units = units;
    });
  }

  /** The job streams partial outputs: show them, with only a small spinner.
   * @param {string} eventId
   */
  streaming(eventId) {
    this.update(eventId, (job) => {
      job.streaming = true;
    });
  }

  /** @param {string} eventId */
  end(eventId) {
    const job = this.jobs.get(eventId);
    if (!job) return;
    this.jobs.delete(eventId);
    for (const id of job.outputs) {
      const ids = (this.onBlock.get(id) ?? []).filter((e) => e !== eventId);
      if (ids.length) this.onBlock.set(id, ids);
      else this.onBlock.delete(id);
      this.paint(id);
    }
  }

  /**
   * @param {string} eventId
   * @param {(job: JobStatus) => void} change
   */
  update(eventId, change) {
    const job = this.jobs.get(eventId);
    if (!job) return;
    change(job);
    this.paintJob(eventId);
  }

  /** @param {string} eventId */
  paintJob(eventId) {
    for (const id of this.jobs.get(eventId)?.outputs ?? []) this.paint(id);
  }

  /** Show on block `id` the status of the latest job writing to it.
   * @param {number} id
   */
  paint(id) {
    const element = this.elementOf(id);
    if (!element) return;
    const ids = this.onBlock.get(id);
    const job = ids && this.jobs.get(ids[ids.length - 1]);
    let overlay = /** @type {HTMLElement | null} */ (element.querySelector(":scope > .blk-status"));
    const shows = /** @type {{showStatus?: (view: StatusView | null) => void}} */ (/** @type {any} */ (element));
    if (!job) {
      overlay?.remove();
      element.removeAttribute("aria-busy");
      shows.showStatus?.(null);
      return;
    }
    element.setAttribute("aria-busy", "true");
    if (typeof shows.showStatus === "function") {
      shows.showStatus(this.view(job));
      return;
    }
    if (this.shownElsewhere(job, id, element)) {
      overlay?.remove();
      return;
    }
    if (!overlay) {
      overlay = document.createElement("div");
      overlay.dataset.testid = "status";
      overlay.innerHTML =
        '<span class="spinner" aria-hidden="true"></span><span class="status-text"></span>' +
        '<span class="status-progress" role="progressbar" aria-valuemin="0" aria-valuemax="100" hidden>' +
        '<span class="status-bar"></span></span>' +
        '<span class="status-desc"></span>';
      element.append(overlay);
    }
    const full = job.mode === "full" && !job.streaming;
    const unit = job.units[job.units.length - 1];
    // Minimal shows the reported progress on the job's first output that is on the page.
    const detail = full || (unit !== undefined && this.firstShown(job) === id);
    overlay.className = `blk-status ${full ? "blk-status-full" : "blk-status-minimal"}${detail && !full ? " blk-status-detail" : ""}`;
    const text = /** @type {HTMLElement} */ (overlay.querySelector(".status-text"));
    const track = /** @type {HTMLElement} */ (overlay.querySelector(".status-progress"));
    const desc = /** @type {HTMLElement} */ (overlay.querySelector(".status-desc"));
    text.textContent = full ? this.describe(job) : "";
    const fraction = detail && unit ? progressOf(unit) : null;
    track.hidden = fraction === null;
    if (fraction !== null) {
      /** @type {HTMLElement} */ (track.firstElementChild).style.width = `${(fraction * 100).toFixed(1)}%`;
      track.setAttribute("aria-valuenow", String(Math.round(fraction * 100)));
      track.setAttribute("aria-label", unit?.desc || "Progress");
    }
    desc.textContent = detail && unit ? describeUnit(unit) : "";
  }

  /**
   * Whether output `id` (`element`) started the job itself while another output shows it.
   * @param {JobStatus} job
   * @param {number} id
   * @param {HTMLElement} element
   */
  shownElsewhere(job, id, element) {
    if (!isOrigin(element)) return false;
    return job.outputs.some((other) => {
      const shown = other !== id ? this.elementOf(other) : undefined;
      return !!shown && !isOrigin(shown) && shown.checkVisibility();
    });
  }

  /**
   * The first output of the job that shows its status (on the page, not skipped).
   * @param {JobStatus} job
   * @returns {number | undefined}
   */
  firstShown(job) {
    return job.outputs.find((o) => {
      const element = this.elementOf(o);
      return !!element && !this.shownElsewhere(job, o, element);
    });
  }

  /**
   * The status as an element that shows it itself is given it.
   * @param {JobStatus} job
   * @returns {StatusView}
   */
  view(job) {
    const unit = job.units[job.units.length - 1];
    const queued = job.phase === "queued" && job.position !== null;
    return {
      mode: job.mode,
      phase: job.phase,
      streaming: job.streaming,
      queue: queued ? this.describe(job) : "",
      clock: !queued && job.mode === "full" ? this.describe(job) : "",
      progress: unit ? progressOf(unit) : null,
      label: unit?.desc || "Progress",
      detail: unit ? describeUnit(unit) : "",
    };
  }

  /**
   * "queued 2/5 · ETA 3.0s" while waiting, elapsed time (and the ETA) while running.
   * @param {JobStatus} job
   * @returns {string}
   */
  describe(job) {
    const now = this.now();
    if (job.phase === "queued" && job.position !== null) {
      const eta = job.eta === null ? "" : ` · ETA ${Math.max(0, job.eta - (now - job.etaAt) / 1000).toFixed(1)}s`;
      return `queued ${job.position + 1}/${Math.max(job.size ?? 0, job.position + 1)}${eta}`;
    }
    const elapsed = ((now - job.startedAt) / 1000).toFixed(1);
    return job.eta === null ? `${elapsed}s` : `${elapsed}s / ${job.eta.toFixed(1)}s`;
  }

  /** Refresh the clocks of full statuses while any is shown. */
  tick() {
    if (this.ticker !== undefined) return;
    this.ticker = setInterval(() => {
      let any = false;
      for (const [eventId, job] of this.jobs) {
        // A queued job's ETA counts down too (an element showing the status shows it).
        if ((job.mode === "full" && !job.streaming) || job.phase === "queued") {
          any = true;
          this.paintJob(eventId);
        }
      }
      if (!any) {
        clearInterval(this.ticker);
        this.ticker = undefined;
      }
    }, 100);
  }
}

/**
 * Whether a job that an event of this element started still runs (base.js `busy`).
 * @param {HTMLElement} element
 */
function isOrigin(element) {
  return /** @type {{busy?: boolean}} */ (/** @type {any} */ (element)).busy === true;
}

/**
 * @param {ProgressUnit} unit
 * @returns {number | null} 0..1, or null when unknown
 */
function progressOf(unit) {
  if (typeof unit.progress === "number") return Math.min(1, Math.max(0, unit.progress));
  if (typeof unit.index === "number" && unit.length) return Math.min(1, unit.index / unit.length);
  return null;
}

/**
 * @param {ProgressUnit} unit
 * @returns {string}
 */
function describeUnit(unit) {
  const parts = [];
  if (unit.desc) parts.push(unit.desc);
  if (typeof unit.index === "number") {
    parts.push(unit.length ? `${unit.index}/${unit.length} ${unit.unit ?? "steps"}` : `${unit.index} ${unit.unit ?? "steps"}`);
  } else if (typeof unit.progress === "number") {
    parts.push(`${Math.round(unit.progress * 100)}%`);
  }
  return parts.join(" · ");
}

/**
 * The notice shown while the server is out of reach: "Reconnecting…" after a drop,
 * "Restarting…" once the server said it is stopping (until the page is connected again).
 * Returns the function that shows (true, and why) or hides (false) it.
 * @param {HTMLElement} parent
 * @returns {(down: boolean, why?: "reconnecting" | "restarting") => void}
 */
export function connectionNotice(parent) {
  const notice = document.createElement("div");
  notice.className = "reconnecting";
  notice.dataset.testid = "connection-notice";
  notice.setAttribute("role", "status");
  parent.append(notice);
  return (down, why = "reconnecting") => {
    notice.classList.toggle("shown", down);
    notice.textContent = down ? (why === "restarting" ? "Restarting…" : "Reconnecting…") : "";
  };
}
