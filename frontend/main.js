// Boot: read the inlined config, render the layout, connect, fire `load`.

import { Connection, socketUrl } from "./connection.js";
import { Events } from "./events.js";
import { layoutTypes, loadComponents, renderLayout } from "./layout.js";
import { Renders } from "./render.js";
import { reloadStale, replaceInPlace, restoreTyped } from "./stale.js";
import { StatusBoard, connectionNotice } from "./status.js";
import { Store } from "./store.js";
import { Toasts } from "./toasts.js";

/**
 * @typedef {{
 *   title?: string, css?: string | null, js?: string | null, head?: string | null,
 *   fill_height?: boolean, fill_width?: boolean, root: number, show_api?: boolean,
 *   fingerprint?: string, dev?: boolean,
 *   blocks: Record<string, import("./store.js").BlockConfig>,
 *   layout: import("./layout.js").LayoutNode,
 *   dependencies: import("./events.js").Dependency[]
 * }} Config
 */

/**
 * Start the app in `mount` from the config embedded in the page.
 * @param {HTMLElement} mount
 * @param {Config} config
 * @returns {Promise<{store: Store, events: Events, connection: Connection}>}
 */
export async function boot(mount, config) {
  mount.classList.toggle("fill-width", config.fill_width === true);
  mount.classList.toggle("fill-height", config.fill_height === true);
  const store = new Store(config.blocks);
  /** @type {Map<number, HTMLElement>} */
  const elements = new Map();
  const toasts = new Toasts(document.body);
  const status = new StatusBoard((id) => elements.get(id));
  const indicator = connectionNotice(document.body);

  /** @type {Connection} */
  let connection; // made below: it needs the events' handlers, the events need it to send
  const events = new Events({
    dependencies: config.dependencies ?? [],
    store,
    send: (message) => connection.send(message),
    unsend: (eventId) => connection.unsend(eventId),
    isWaiting: (eventId) => connection.isWaiting(eventId),
    status,
    toast: (toast) => toasts.show(toast),
    elementOf: (id) => elements.get(id),
  });
  /** @type {Renders} */
  let renders; // made below, with the host
  connection = new Connection({
    url: socketUrl(location),
    handlers: {
      ...events.handlers,
      /** @param {import("./render.js").RenderMessage} message */
      render: (message) => {
        renders.mount(message).catch((error) => console.error("mounting a render failed:", error));
      },
      /** @param {import("./protocol.js").Log} message */
      log: (message) => toasts.show(message),
      heartbeat: () => {},
    },
    onStatus: indicator,
    app: config.fingerprint ?? null,
    onStale: () => {
      if (config.dev) {
        const current = { config, connection, events };
        reloadStale(store, undefined, () => void replaceInPlace(mount, current, boot), false);
        return;
      }
      if (!reloadStale(store)) {
        toasts.show({ level: "warning", title: "This app has changed", message: "Reload the page to use the new version.", duration: null });
      }
    },
  });
  const host = {
    /** @type {(id: number, event: string, data?: any) => void} */
    emit: (id, event, data) => events.fire(id, event, data),
    /** @type {(id: number, value: any) => number} */
    commit: (id, value) => {
      store.setLocal(id, value);
      return store.get(id).rev;
    },
    /** @type {(id: number, event: string) => boolean} */
    listens: (id, event) => events.listens(id, event),
    /** @type {(id: number) => boolean} */
    busy: (id) => events.busy(id),
    /** @type {(id: number) => void} */
    cancel: (id) => events.cancelFrom(id),
  };

  renders = new Renders({ store, events, host, elements });
  restoreTyped(store); // what the user typed before the page reloaded for a new version
  await loadComponents(layoutTypes(config.layout, (id) => store.get(id).type));
  mount.replaceChildren(renderLayout(config.layout, { store, host, elements }));
  connection.start();
  addEventListener("pagehide", () => connection.close());
  // Coming back from the back/forward cache: the socket is gone for good, start afresh.
  addEventListener("pageshow", (event) => event.persisted && location.reload());
  addEventListener("online", () => connection.retryNow());
  runAppJs(config.js);
  events.fire(config.root, "load");
  events.startTimers();
  return { store, events, connection };
}

/**
 * The app's own `js` (gr.Blocks(js=...)): a function source run once the page is up. The server
 * serves it as a script of this origin (the page's CSP has no 'unsafe-eval', so no
 * `new Function`), which registered `globalThis.blocksJs.app` before this module ran.
 * @param {string | null | undefined} source
 */
function runAppJs(source) {
  if (!source) return;
  try {
    const evaluate = /** @type {any} */ (globalThis).blocksJs?.app;
    if (typeof evaluate !== "function") throw new Error("its script did not load (see the errors above)");
    const fn = evaluate();
    if (typeof fn === "function") Promise.resolve(fn()).catch((error) => console.error("the app's js failed:", error));
  } catch (error) {
    console.error("the app's js failed:", error);
  }
}

function start() {
  const mount = document.getElementById("blocks-app") ?? document.body;
  const script = document.getElementById("blocks-config");
  /** @type {Config} */
  let config;
  try {
    config = JSON.parse(script?.textContent ?? "");
  } catch (error) {
    mount.textContent = "This page has no valid app config.";
    console.error("cannot read the app config:", error);
    return;
  }
  boot(mount, config)
    .then(() => {
      // The "Use via API" link, once the app is laid out above it, if there is an API to use.
      const footer = document.getElementById("blocks-footer");
      if (footer) footer.hidden = config.show_api !== true;
    })
    .catch((error) => {
      console.error("the app failed to start:", error);
      mount.textContent = "The app failed to start; see the browser console.";
    });
}

start();
