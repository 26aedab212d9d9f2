// Mounting what a @gr.render run built for this page (the server's `render` message): the
// place's new children replace the old ones, their blocks join the store and their listeners
// the page's; a keyed block that was there before keeps the value (and version) the page holds.

import { layoutTypes, loadComponents, renderLayout } from "./layout.js";

/**
 * @typedef {import("./store.js").Store} Store
 * @typedef {import("./events.js").Events} Events
 * @typedef {import("./events.js").Dependency} Dependency
 * @typedef {import("./layout.js").LayoutNode} LayoutNode
 * @typedef {{type: "render", event_id: string, id: number, layout: LayoutNode,
 *   blocks?: Record<string, import("./store.js").BlockConfig>, dependencies?: Dependency[], kept?: number[]}} RenderMessage
 * @typedef {{store: Store, events: Events, host: import("./components/base.js").Host,
 *   elements: Map<number, HTMLElement>}} RenderContext
 */

export class Renders {
  /** @param {RenderContext} context */
  constructor(context) {
    this.context = context;
    /** @type {Map<number, {blocks: number[], dependencies: number[], run: number}>} by place id */
    this.mounted = new Map();
    this.runs = 0;
  }

  /**
   * Mount a render run's subtree in its place.
   * @param {RenderMessage} message
   */
  async mount(message) {
    const { store, events, elements } = this.context;
    const place = /** @type {import("./components/base.js").BlockElement | undefined} */ (elements.get(message.id));
    if (!place) {
      console.warn(`a render for unknown place ${message.id} was ignored`);
      return;
    }
    const run = ++this.runs;
    const previous = this.mounted.get(message.id);
    const kept = new Map();
    for (const id of message.kept ?? []) {
      if (store.has(id)) kept.set(id, store.get(id));
    }
    if (previous) {
      removeListeners(events, previous.dependencies);
      for (const id of previous.blocks) {
        store.remove(id);
        elements.delete(id);
      }
    }
    // Store and listeners change at once, so messages arriving while modules load find them.
    const blocks = message.blocks ?? {};
    store.add(blocks);
    for (const [id, old] of kept) {
      const state = store.has(id) ? store.get(id) : null;
      if (state && state.type === old.type) {
        state.value = old.value;
        state.ver = old.ver;
      }
    }
    const dependencies = message.dependencies ?? [];
    addListeners(events, dependencies);
    const ids = Object.values(blocks).map((block) => block.id);
    this.mounted.set(message.id, { blocks: ids, dependencies: dependencies.map((dep) => dep.id), run });
    const children = message.layout.children ?? [];
    await loadComponents(children.flatMap((child) => layoutTypes(child, (id) => store.get(id).type)));
    if (this.mounted.get(message.id)?.run !== run) return; // a newer run of this place came first
    place.replaceChildren();
    for (const child of children) place.addChild(renderLayout(child, this.context));
  }
}

/**
 * Listen with `dependencies` (a render run's) too.
 * @param {Events} events
 * @param {Dependency[]} dependencies
 */
function addListeners(events, dependencies) {
  for (const dep of dependencies) {
    events.dependencies.set(dep.id, dep);
    for (const [id, event] of dep.targets ?? []) {
      const key = `${id}:${event}`;
      events.byTarget.set(key, [...(events.byTarget.get(key) ?? []), dep]);
    }
  }
}

/**
 * Stop listening with the dependencies `ids` (a previous render run's); their running jobs end
 * as usual.
 * @param {Events} events
 * @param {number[]} ids
 */
function removeListeners(events, ids) {
  const gone = new Set(ids);
  for (const id of ids) events.dependencies.delete(id);
  for (const [key, deps] of events.byTarget) {
    const left = deps.filter((dep) => !gone.has(dep.id));
    if (left.length) events.byTarget.set(key, left);
    else events.byTarget.delete(key);
  }
}
