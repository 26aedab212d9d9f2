// Per-block state (value, server version, props) with subscribers, re-rendered once per frame.

import { applyOps, jsonEqual, opChanges } from "./diff.js";

/** @typedef {import("./protocol.js").Patch} Patch */
/** @typedef {{id: number, type: string, props?: Record<string, any>}} BlockConfig */

/**
 * What one block holds on this page. `ver` is the server's version of `value`, or null once the
 * page changed the value itself (typing, a js listener): the server must then send it whole.
 * `rev` grows on every change, so renderers can tell an in-place change from no change.
 * @typedef {{id: number, type: string, value: any, ver: number | null, props: Record<string, any>, rev: number}} BlockState
 * @typedef {(state: BlockState) => void} Subscriber
 */

export class Store {
  /**
   * @param {Record<string, BlockConfig>} blocks the config's `blocks`
   * @param {(flush: () => void) => void} [schedule] runs `flush` before the next paint
   */
  constructor(blocks, schedule = (flush) => requestAnimationFrame(flush)) {
    /** @type {Map<number, BlockState>} */
    this.states = new Map();
    /** @type {Map<number, Set<Subscriber>>} */
    this.subscribers = new Map();
    /** @type {Set<number>} */
    this.dirty = new Set();
    this.scheduled = false;
    this.schedule = schedule;
    this.add(blocks);
  }

  /**
   * Hold the given blocks (the config's, or those a @gr.render run made for this page).
   * @param {Record<string, BlockConfig>} blocks
   */
  add(blocks) {
    for (const block of Object.values(blocks)) {
      const { value = null, ...props } = block.props ?? {};
      this.states.set(block.id, { id: block.id, type: block.type, value, ver: null, props, rev: 0 });
    }
  }

  /**
   * Forget a block and its subscribers (a re-render removed or replaced it).
   * @param {number} id
   */
  remove(id) {
    this.states.delete(id);
    this.subscribers.delete(id);
    this.dirty.delete(id);
  }

  /**
   * @param {number} id
   * @returns {BlockState}
   */
  get(id) {
    const state = this.states.get(id);
    if (!state) throw new Error(`no block with id ${id} in this page's config`);
    return state;
  }

  /** @param {number} id */
  has(id) {
    return this.states.has(id);
  }

  /**
   * The page changed a block's value (the user, or a js listener): the server version is dropped.
   * @param {number} id
   * @param {any} value
   */
  setLocal(id, value) {
    const state = this.get(id);
    state.value = value;
    state.ver = null;
    this.touch(state);
  }

  /**
   * Apply one server patch. Returns whether the value really changed (for `change` events).
   * @param {Patch} patch
   * @returns {boolean}
   */
  applyPatch(patch) {
    const state = this.get(patch.id);
    let changed = false;
    const { value, ...props } = patch.props ?? {};
    if (patch.props && "value" in patch.props) {
      changed = !jsonEqual(state.value, value);
      state.value = value;
    }
    for (const op of patch.ops ?? []) {
      // Checking each op before applying it costs the size of the op, not of the value.
      changed = changed || opChanges(state.value, op);
      state.value = applyOps(state.value, [op]);
    }
    if (patch.ver !== undefined && patch.ver !== null) state.ver = patch.ver;
    if (Object.keys(props).length) state.props = { ...state.props, ...props };
    this.touch(state);
    return changed;
  }

  /**
   * @param {number} id
   * @param {Record<string, any>} props
   */
  setProps(id, props) {
    const state = this.get(id);
    state.props = { ...state.props, ...props };
    this.touch(state);
  }

  /**
   * Call `fn` with the block's state now and after each change (at most once per frame).
   * @param {number} id
   * @param {Subscriber} fn
   * @returns {() => void} unsubscribe
   */
  subscribe(id, fn) {
    let set = this.subscribers.get(id);
    if (!set) this.subscribers.set(id, (set = new Set()));
    set.add(fn);
    fn(this.get(id));
    return () => set.delete(fn);
  }

  /** @param {BlockState} state */
  touch(state) {
    state.rev++;
    this.dirty.add(state.id);
    if (!this.scheduled) {
      this.scheduled = true;
      this.schedule(() => this.flush());
    }
  }

  /** Render every block changed since the last frame, once each, in id order (parents first). */
  flush() {
    this.scheduled = false;
    const ids = [...this.dirty].sort((a, b) => a - b);
    this.dirty.clear();
    for (const id of ids) {
      const state = this.states.get(id);
      if (!state) continue; // removed by a re-render since it changed
      for (const fn of this.subscribers.get(id) ?? []) {
        try {
          fn(state);
        } catch (error) {
          console.error(`rendering block ${id} (${state.type}) failed:`, error);
        }
      }
    }
  }
}

