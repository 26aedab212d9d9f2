// Dependency dispatch: a block fires an event, the listeners targeting it run (in the page with
// `js`, on the server with `trigger`), and the server's job messages update their outputs.

import { jsonEqual } from "./diff.js";
import { Client, errorInfo } from "./protocol.js";
import { clearInvalid, invalidInputs, showInvalid } from "./validation.js";

/**
 * @typedef {{
 *   id: number, targets: [number, string][], inputs: number[], outputs: number[],
 *   backend_fn: boolean, js?: string | null, trigger_mode?: "once" | "multiple" | "always_last",
 *   show_progress?: "full" | "minimal" | "hidden", cancels?: number[],
 *   trigger_after?: number | null, trigger_only_on?: "success" | "failure" | null,
 *   scroll_to_output?: boolean, every?: number | null
 * }} Dependency
 * @typedef {{target: number | null, event: string, eventData?: any, origin?: number | null}} Cause
 *   why a dependency runs; `origin` is the block whose event started the chain (`.then` steps too)
 * @typedef {{eventId: string, dep: Dependency, sent: boolean, origin: number | null}} Job
 * @typedef {import("./protocol.js").Patch} Patch
 */

export class Events {
  /**
   * @param {object} io
   * @param {Dependency[]} io.dependencies
   * @param {import("./store.js").Store} io.store
   * @param {(message: {type: string, [field: string]: any}) => void} io.send to the server (queued while offline)
   * @param {(eventId: string) => boolean} io.unsend take back a trigger not sent yet; true if it was waiting
   * @param {(eventId: string) => boolean} io.isWaiting whether a trigger still waits to be sent
   * @param {import("./status.js").StatusBoard} io.status
   * @param {(toast: import("./toasts.js").Toast) => void} io.toast
   * @param {(id: number) => HTMLElement | undefined} io.elementOf
   */
  constructor({ dependencies, store, send, unsend, isWaiting, status, toast, elementOf }) {
    this.store = store;
    this.send = send;
    this.unsend = unsend;
    this.isWaiting = isWaiting;
    this.status = status;
    this.toast = toast;
    this.elementOf = elementOf;
    /** @type {Map<number, Dependency>} */
    this.dependencies = new Map(dependencies.map((dep) => [dep.id, dep]));
    /** @type {Map<string, Dependency[]>} "<block id>:<event>" -> its listeners */
    this.byTarget = new Map();
    for (const dep of dependencies) {
      for (const [id, event] of dep.targets ?? []) {
        const key = `${id}:${event}`;
        this.byTarget.set(key, [...(this.byTarget.get(key) ?? []), dep]);
      }
    }
    /** @type {Map<string, Job>} */
    this.jobs = new Map();
    /** @type {Map<number, Cause>} the latest trigger kept back by always_last, per dependency */
    this.waitingLast = new Map();
    this.counter = 0;
    this.sessionSeen = false;
  }

  /**
   * Block `id` fired `event`: run every dependency that targets it.
   * @param {number} id
   * @param {string} event
   * @param {any} [eventData]
   */
  fire(id, event, eventData) {
    for (const dep of this.byTarget.get(`${id}:${event}`) ?? []) this.run(dep, { target: id, event, eventData });
  }

  /** Listeners with `every` run again every so many seconds while the page is shown. */
  startTimers() {
    /** @type {ReturnType<typeof setInterval>[]} */
    this.timers = [];
    for (const dep of this.dependencies.values()) {
      const every = Number(dep.every);
      if (!(every > 0)) continue;
      const target = dep.targets?.[0]?.[0] ?? null;
      const timer = setInterval(() => {
        if (document.visibilityState !== "hidden") this.run(dep, { target, event: "every" });
      }, every * 1000);
      this.timers.push(timer);
    }
  }

  /** Stop the `every` timers (the page is being replaced by a new version of the app). */
  stopTimers() {
    for (const timer of this.timers ?? []) clearInterval(timer);
    this.timers = [];
  }

  /**
   * Whether some dependency listens to `event` of block `id` (action buttons show only then).
   * @param {number} id
   * @param {string} event
   */
  listens(id, event) {
    return this.byTarget.has(`${id}:${event}`);
  }

  /**
   * Whether a job started by an event of block `id` (or chained after one) is still running.
   * @param {number} id
   */
  busy(id) {
    for (const job of this.jobs.values()) if (job.origin === id) return true;
    return false;
  }

  /**
   * Cancel every job started by an event of block `id`, and the steps chained after them.
   * @param {number} id
   */
  cancelFrom(id) {
    for (const job of [...this.jobs.values()]) {
      if (job.origin !== id) continue;
      this.waitingLast.delete(job.dep.id);
      this.cancelJob(job);
    }
  }

  /**
   * Tell block `id`'s element that `busy(id)` may have changed (a "blocks-busy" DOM event).
   * @param {number | null} id
   */
  busyChanged(id) {
    if (id !== null) this.elementOf(id)?.dispatchEvent(new CustomEvent("blocks-busy"));
  }

  /** Server message handlers, keyed by type. */
  get handlers() {
    return {
      /** @param {import("./protocol.js").Welcome} m */
      welcome: (m) => this.welcomed(m),
      /** @param {import("./protocol.js").Queued} m */
      queued: (m) => this.status.queued(m.event_id, m),
      /** @param {import("./protocol.js").Started} m */
      started: (m) => this.status.started(m.event_id, m.eta),
      /** @param {import("./protocol.js").Progress} m */
      progress: (m) => this.status.progress(m.event_id, m.units ?? []),
      /** @param {import("./protocol.js").Output} m */
      output: (m) => {
        this.status.streaming(m.event_id);
        this.applyPatches(m.patches ?? []);
      },
      /** @param {import("./protocol.js").Done} m */
      done: (m) => this.done(m),
    };
  }

  /**
   * @param {Dependency} dep
   * @param {Cause} cause
   */
  run(dep, cause) {
    for (const id of dep.cancels ?? []) this.cancelDependency(id);
    if (this.runningJobs(dep.id).length) {
      const mode = dep.trigger_mode ?? "once";
      if (mode === "once") return;
      if (mode === "always_last") {
        this.waitingLast.set(dep.id, cause);
        return;
      }
    }
    this.start(dep, cause).catch((error) => console.error(`dependency ${dep.id} failed to start:`, error));
  }

  /**
   * @param {Dependency} dep
   * @param {Cause} cause
   */
  async start(dep, cause) {
    const eventId = `${++this.counter}-${Math.random().toString(36).slice(2, 10)}`;
    /** @type {Job} */
    const job = { eventId, dep, sent: false, origin: cause.origin ?? cause.target };
    this.jobs.set(eventId, job);
    this.busyChanged(job.origin);
    let data = dep.inputs.map((id) => this.inputValue(id));
    if (dep.js) {
      let result;
      try {
        const outputs = dep.outputs.map((id) => (this.store.has(id) ? this.store.get(id).value : null));
        result = await runJs(dep.js, [...data, ...outputs]);
      } catch (error) {
        console.error(`the js of dependency ${dep.id} failed:`, error);
        this.toast({ level: "error", title: "Error", message: `The page's JavaScript failed: ${error}` });
        this.finish(job, false);
        return;
      }
      if (!dep.backend_fn) {
        if (result !== undefined) this.setOutputsLocally(dep, result);
        this.finish(job, true);
        return;
      }
      if (result !== undefined) data = result;
    }
    if (!dep.backend_fn) {
      this.finish(job, true);
      return;
    }
    /** @type {Record<string, number>} */
    const versions = {};
    for (const id of dep.outputs) {
      const ver = this.store.has(id) ? this.store.get(id).ver : null;
      if (ver !== null) versions[id] = ver;
    }
    data = data.map((value, i) => (this.store.has(dep.inputs[i]) && this.store.get(dep.inputs[i]).type === "state" ? null : value));
    job.sent = true;
    clearInvalid(dep.inputs, this.elementOf); // the validator judges the new values
    this.status.begin(eventId, dep.outputs, dep.show_progress ?? "full");
    /** @type {{type: string, [field: string]: any}} */
    const trigger = { type: Client.TRIGGER, event_id: eventId, dep: dep.id, event: cause.event, data, versions };
    if (cause.target !== null) trigger.target = cause.target;
    if (cause.eventData !== undefined) trigger.event_data = cause.eventData;
    this.send(trigger);
  }

  /**
   * The wire value of an input (state lives on the server: null).
   * @param {number} id
   */
  inputValue(id) {
    if (!this.store.has(id)) return null;
    const state = this.store.get(id);
    return state.type === "state" ? null : state.value;
  }

  /**
   * A js-only listener's result becomes its outputs' values (changed by the page, not the server).
   * @param {Dependency} dep
   * @param {any[]} values
   */
  setOutputsLocally(dep, values) {
    const changed = [];
    dep.outputs.forEach((id, i) => {
      if (i >= values.length || values[i] === undefined || !this.store.has(id)) return;
      if (!jsonEqual(this.store.get(id).value, values[i])) changed.push(id);
      this.store.setLocal(id, values[i]);
    });
    for (const id of changed) this.fire(id, "change");
  }

  /**
   * Apply server patches; blocks whose value changed fire `change` once all are applied.
   * @param {Patch[]} patches
   */
  applyPatches(patches) {
    const changed = [];
    for (const patch of patches) {
      if (!this.store.has(patch.id)) {
        console.warn(`a patch for unknown block ${patch.id} was ignored`);
        continue;
      }
      // A gr.State's value stays on the server: its patch only says that it changed.
      if (this.store.applyPatch(patch) || patch.changed) changed.push(patch.id);
    }
    for (const id of changed) this.fire(id, "change");
  }

  /** @param {import("./protocol.js").Done} message */
  done(message) {
    this.applyPatches(message.patches ?? []);
    const error = errorInfo(message.error);
    // A validator's refusal shows beside the refused inputs instead of in a toast.
    const invalid = message.success ? [] : invalidInputs(message.error);
    showInvalid(invalid, this.elementOf);
    if (!message.success && !message.cancelled && error?.visible && !invalid.length) {
      this.toast({ level: "error", title: error.title, message: error.message, duration: error.duration });
    }
    const job = this.jobs.get(message.event_id);
    if (job && !message.success && !message.cancelled && error && !invalid.length) {
      // Outputs may show the failure where it happened too (the Chatbot does, inline).
      for (const id of job.dep.outputs) {
        this.elementOf(id)?.dispatchEvent(new CustomEvent("blocks-error", { detail: error }));
      }
    }
    if (!job) return;
    if (message.cancelled) this.finish(job, null);
    else this.finish(job, message.success);
  }

  /**
   * A job ended: clear its status, run what was chained after it, then a kept-back trigger.
   * @param {Job} job
   * @param {boolean | null} success null when cancelled (nothing chained runs)
   */
  finish(job, success) {
    this.jobs.delete(job.eventId);
    this.status.end(job.eventId);
    const { dep } = job;
    if (success && dep.scroll_to_output && dep.outputs.length) {
      this.elementOf(dep.outputs[0])?.scrollIntoView({ behavior: "smooth", block: "nearest" });
    }
    if (success !== null) {
      const outcome = success ? "success" : "failure";
      for (const next of this.dependencies.values()) {
        if (next.trigger_after === dep.id && (next.trigger_only_on == null || next.trigger_only_on === outcome)) {
          this.run(next, { target: null, event: "then", origin: job.origin });
        }
      }
    }
    const cause = this.waitingLast.get(dep.id);
    if (cause && !this.runningJobs(dep.id).length) {
      this.waitingLast.delete(dep.id);
      this.run(dep, cause);
    }
    this.busyChanged(job.origin);
  }

  /**
   * Cancel every running or waiting job of dependency `id`.
   * @param {number} id
   */
  cancelDependency(id) {
    this.waitingLast.delete(id);
    for (const job of this.runningJobs(id)) this.cancelJob(job);
  }

  /** @param {Job} job */
  cancelJob(job) {
    if (!job.sent) return; // its js is still running; it will be sent, then cancelled by the next trigger
    if (this.unsend(job.eventId)) this.finish(job, null);
    else this.send({ type: Client.CANCEL, event_id: job.eventId });
  }

  /**
   * @param {number} depId
   * @returns {Job[]}
   */
  runningJobs(depId) {
    return [...this.jobs.values()].filter((job) => job.dep.id === depId);
  }

  /**
   * A welcome that did not resume a session: jobs the old session was running are gone.
   * @param {import("./protocol.js").Welcome} welcome
   */
  welcomed(welcome) {
    const reset = this.sessionSeen && !welcome.resumed;
    this.sessionSeen = true;
    if (!reset) return;
    const lost = [...this.jobs.values()].filter((job) => job.sent && !this.isWaiting(job.eventId));
    for (const job of lost) this.finish(job, null);
    if (lost.length) {
      this.toast({
        level: "warning",
        title: "Connection reset",
        message: "The server restarted or forgot this page; events that were running were lost.",
      });
    }
  }
}

/**
 * Run a listener's `js` (a function source such as "(x, y) => [y, x]") on `args` (the input
 * values, then the output values, as Gradio does). A lone value that is not a list is wrapped
 * in one; `undefined` means "change nothing". The page's CSP has no 'unsafe-eval', so the
 * source is not evaluated here: the server serves it as a script of this origin, which
 * registered a function evaluating it under its text in `globalThis.blocksJs.listeners`.
 * @param {string} source
 * @param {any[]} args
 * @returns {Promise<any[] | undefined>}
 */
export async function runJs(source, args) {
  /** @type {Map<string, () => any> | undefined} */
  const listeners = /** @type {any} */ (globalThis).blocksJs?.listeners;
  const evaluate = listeners?.get(source);
  if (!evaluate) throw new Error("its script did not load (a syntax error? see the console)");
  const fn = evaluate();
  const result = typeof fn === "function" ? await fn(...args) : fn;
  if (result === undefined) return undefined;
  return Array.isArray(result) ? result : [result];
}
