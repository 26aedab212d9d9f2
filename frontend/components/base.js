// The shared base of every block element (`blocks-<type>`), and its contract with the runtime.
//
// The runtime creates `blocks-<type>`, calls `attach(host, id, type)` once, then `update(state)`
// with the block's store state: now, and again at most once per frame after each change.
// An element shows `this.props` and `this.value` in `render()` (and builds its DOM once in
// `build()`), fires events with `this.emit(name, data)`, and reports a value the user made
// with `this.commit(value)`, which stores it (dropping the server version) and emits `input`
// then `change`. Server changes of the value emit `change` from the runtime, never `input`.

/**
 * @typedef {{
 *   emit: (id: number, event: string, data?: any) => void,
 *   commit: (id: number, value: any) => number,
 *   listens?: (id: number, event: string) => boolean,
 *   busy?: (id: number) => boolean,
 *   cancel?: (id: number) => void,
 * }} Host the runtime's side; `commit` stores a user value and returns the new revision;
 *   `listens` says whether a dependency targets an event of a block, `busy` whether a job an
 *   event of the block started (or a step chained after it) still runs, `cancel` stops those.
 *   When `busy` may have changed, the runtime dispatches a "blocks-busy" event on the element.
 * @typedef {import("../store.js").BlockState} BlockState
 */

export class BlockElement extends HTMLElement {
  /** Whether the block is drawn as a box (border, padding) unless `container=False`. */
  static boxed = false;

  constructor() {
    super();
    this.blockId = -1;
    this.blockType = "";
    /** @type {Record<string, any>} */
    this.props = {};
    /** @type {any} */
    this.value = null;
    /** @type {Host | null} */
    this.host = null;
    this.built = false;
    /** True while rendering a value this element itself committed (do not fight the user). */
    this.echo = false;
    this.committedRev = -1;
    /** @type {string[]} */
    this.extraClasses = [];
  }

  /**
   * Called once by the runtime before the first update.
   * @param {Host} host
   * @param {number} id
   * @param {string} type
   */
  attach(host, id, type) {
    this.host = host;
    this.blockId = id;
    this.blockType = type;
  }

  /**
   * The block's state changed (or this is the first paint).
   * @param {BlockState} state
   */
  update(state) {
    this.props = state.props;
    this.value = state.value;
    this.echo = state.rev === this.committedRev;
    this.applyCommon();
    if (!this.built) {
      this.built = true;
      this.build();
    }
    this.render();
  }

  /** Create the element's DOM; called once, before the first `render`. */
  build() {}

  /** Show the current `props` and `value`. */
  render() {}

  /** Where this element's layout children go. */
  get childHost() {
    return /** @type {HTMLElement} */ (this);
  }

  /**
   * Place a child block's element (layouts override to track their children).
   * @param {BlockElement} child
   */
  addChild(child) {
    this.childHost.append(child);
  }

  /** Whether the user may change the value. */
  get interactive() {
    return this.props.interactive !== false;
  }

  /** The label, for accessible names and messages. */
  get label() {
    return this.props.label == null ? "" : String(this.props.label);
  }

  /**
   * An id unique in the page for a part of this block.
   * @param {string} part
   */
  partId(part) {
    return `blk-${this.blockId}-${part}`;
  }

  /**
   * Fire an event of this block: the runtime runs the listeners that target it.
   * @param {string} event
   * @param {any} [data] event data (gr.SelectData and the like)
   */
  emit(event, data) {
    this.host?.emit(this.blockId, event, data);
  }

  /**
   * Whether some listener of the app targets this block's `event`.
   * @param {string} event
   */
  listens(event) {
    return this.host?.listens?.(this.blockId, event) ?? false;
  }

  /** Whether a job started by an event of this block (or chained after one) still runs. */
  get busy() {
    return this.host?.busy?.(this.blockId) ?? false;
  }

  /** Cancel the jobs this block's events started (the stop button). */
  cancelJobs() {
    this.host?.cancel?.(this.blockId);
  }

  /**
   * The user changed the value: store it (it is no longer the server's) and emit input, change.
   * @param {any} value
   */
  commit(value) {
    this.value = value;
    if (this.host) this.committedRev = this.host.commit(this.blockId, value);
    this.emit("input");
    this.emit("change");
  }

  /** Props every block has: visible, elem_id, elem_classes, scale, min_width, container. */
  applyCommon() {
    const { props } = this;
    this.dataset.testid = `block-${this.blockType}`;
    this.classList.add("blk", `blk-${this.blockType}`);
    if (props.elem_id) this.id = String(props.elem_id);
    else this.removeAttribute("id");
    const classes = Array.isArray(props.elem_classes)
      ? props.elem_classes.map(String)
      : props.elem_classes
        ? [String(props.elem_classes)]
        : [];
    this.classList.remove(...this.extraClasses);
    this.classList.add(...classes);
    this.extraClasses = classes;
    this.hidden = props.visible === false;
    const boxed = /** @type {typeof BlockElement} */ (this.constructor).boxed;
    this.classList.toggle("blk-boxed", boxed && props.container !== false);
    this.style.flexGrow = typeof props.scale === "number" ? String(props.scale) : "";
    this.style.minWidth = typeof props.min_width === "number" ? `min(${props.min_width}px, 100%)` : "";
  }
}

/**
 * Register the element for component `type` as `blocks-<type>` (once).
 * @param {string} type
 * @param {CustomElementConstructor} element
 */
export function define(type, element) {
  const name = `blocks-${type}`;
  if (!customElements.get(name)) customElements.define(name, element);
}
