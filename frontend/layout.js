// Rendering the layout tree: one `blocks-<type>` element per block, fed by the store.

import { BlockElement, define } from "./components/base.js";

/** @typedef {import("./store.js").Store} Store */
/** @typedef {import("./components/base.js").Host} Host */
/** @typedef {{id: number, children?: LayoutNode[]}} LayoutNode */

const TYPE_NAME = /^[a-z][a-z0-9_]*$/;

/** Shown for a block whose component the frontend does not have. */
class MissingBlock extends BlockElement {
  render() {
    this.textContent = `Unknown component "${this.blockType}"`;
  }
}
define("missing", MissingBlock);

/**
 * Load the element modules (`components/<type>.js`) of the given types, in parallel.
 * @param {Iterable<string>} types
 * @returns {Promise<Set<string>>} the types whose module could not be loaded
 */
export async function loadComponents(types) {
  const missing = new Set();
  await Promise.all(
    [...new Set(types)].map(async (type) => {
      if (!TYPE_NAME.test(type)) {
        missing.add(type);
        return;
      }
      try {
        await import(new URL(`./components/${type}.js`, import.meta.url).href);
      } catch (error) {
        console.error(`cannot load the component "${type}":`, error);
        missing.add(type);
      }
    }),
  );
  return missing;
}

/**
 * Build the elements of `node` and its descendants, each subscribed to its block's state.
 * @param {LayoutNode} node
 * @param {{store: Store, host: Host, elements: Map<number, HTMLElement>}} context
 * @returns {BlockElement}
 */
export function renderLayout(node, context) {
  const { store, host, elements } = context;
  const { type } = store.get(node.id);
  const name = `blocks-${type}`;
  const element = /** @type {BlockElement} */ (
    document.createElement(TYPE_NAME.test(type) && customElements.get(name) ? name : "blocks-missing")
  );
  element.attach(host, node.id, type);
  elements.set(node.id, element);
  store.subscribe(node.id, (state) => element.update(state));
  for (const child of node.children ?? []) element.addChild(renderLayout(child, context));
  return element;
}

/**
 * Every block type used in the layout tree.
 * @param {LayoutNode} node
 * @param {(id: number) => string} typeOf
 * @returns {string[]}
 */
export function layoutTypes(node, typeOf) {
  return [typeOf(node.id), ...(node.children ?? []).flatMap((child) => layoutTypes(child, typeOf))];
}
