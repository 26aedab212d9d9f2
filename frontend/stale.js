// A page made by other code than the server now runs (a redeploy) must not trigger anything:
// its numbers for blocks and listeners may mean other ones now. The server closes its socket
// with STALE_PAGE; the page then keeps what the user typed, reloads, and puts it back into the
// blocks of the new page that are the same (same type and label, or the same elem_id).

const KEY = "blocks-stale-values";
// Values older than this are not restored (the user came back much later).
const KEEP_MS = 60_000;
// A page that reloaded for this reason and is stale again at once does not loop.
const LOOP_MS = 10_000;
// What the user types or picks; never files (their ids belong to the old server's session).
const TYPED = new Set([
  "textbox",
  "number",
  "slider",
  "checkbox",
  "checkboxgroup",
  "dropdown",
  "radio",
  "code",
  "colorpicker",
]);

/**
 * @typedef {import("./store.js").Store} Store
 * @typedef {{key: string, type: string, value: any}} Kept
 */

/**
 * Which block a kept value belongs to in another version of the page.
 * @param {{type: string, props: Record<string, any>}} state
 * @returns {string | null}
 */
function keyOf(state) {
  const { elem_id: elemId, label } = state.props ?? {};
  if (typeof elemId === "string" && elemId) return `#${elemId}`;
  if (typeof label === "string" && label) return `${state.type}:${label}`;
  return null;
}

/**
 * Keep the typed values of `store` and reload the page (unless this page was itself a reload
 * for the same reason a moment ago: then say so and stay).
 * @param {Store} store
 * @param {Storage | null} [storage]
 * @param {() => void} [reload]
 * @param {boolean} [guard] refuse when this page itself came from such a reload a moment ago
 * @returns {boolean} whether the page reloads
 */
export function reloadStale(store, storage = session(), reload = () => location.reload(), guard = true) {
  const previous = storage ? read(storage) : null;
  if (guard && previous && Date.now() - previous.at < LOOP_MS && previous.reloaded) return false;
  /** @type {Kept[]} */
  const kept = [];
  for (const state of store.states.values()) {
    const key = keyOf(state);
    if (key && TYPED.has(state.type) && state.value !== null && state.value !== undefined) {
      kept.push({ key, type: state.type, value: state.value });
    }
  }
  try {
    storage?.setItem(KEY, JSON.stringify({ at: Date.now(), reloaded: true, kept }));
  } catch {
    // Storage full or refused: reload without the values.
  }
  reload();
  return true;
}

/**
 * Put values kept by `reloadStale` back into the blocks of this page that match, once.
 * @param {Store} store
 * @param {Storage | null} [storage]
 * @returns {number} how many values were restored
 */
export function restoreTyped(store, storage = session()) {
  const saved = storage ? read(storage) : null;
  if (!storage || !saved) return 0;
  // Keep the time of the reload (to stop a loop), drop the values: they are used once.
  try {
    storage.setItem(KEY, JSON.stringify({ at: saved.at, reloaded: true, kept: [] }));
  } catch {
    return 0;
  }
  if (Date.now() - saved.at > KEEP_MS) return 0;
  const byKey = new Map(saved.kept.map((/** @type {Kept} */ kept) => [kept.key, kept]));
  let restored = 0;
  for (const state of store.states.values()) {
    const key = keyOf(state);
    const kept = key ? byKey.get(key) : undefined;
    if (kept && kept.type === state.type) {
      store.setLocal(state.id, kept.value);
      restored++;
    }
  }
  return restored;
}

/**
 * The page's sessionStorage, or null where the browser refuses it (a frame on another site
 * with third-party storage blocked, a private mode): then nothing is kept.
 * @returns {Storage | null}
 */
function session() {
  try {
    return globalThis.sessionStorage ?? null;
  } catch {
    return null;
  }
}

/**
 * @param {Storage} storage
 * @returns {{at: number, reloaded: boolean, kept: Kept[]} | null}
 */
function read(storage) {
  try {
    const saved = JSON.parse(storage.getItem(KEY) ?? "null");
    return saved && typeof saved.at === "number" && Array.isArray(saved.kept) ? saved : null;
  } catch {
    return null;
  }
}

/**
 * Under `blocks app.py` (config `dev`): show the app's new version in this page, without a
 * reload. The page is fetched again for its config and styles; the old connection and timers
 * stop and the new config boots in `mount` (restoring what `reloadStale` kept). A new version
 * whose own `js` or `head` changed needs their scripts run: that one reloads.
 * @param {HTMLElement} mount
 * @param {{config: any, connection: {close(): void}, events: {stopTimers(): void}}} current
 * @param {(mount: HTMLElement, config: any) => Promise<any>} boot
 */
export async function replaceInPlace(mount, current, boot) {
  try {
    const response = await fetch(location.href, { cache: "no-store", headers: { accept: "text/html" } });
    const page = new DOMParser().parseFromString(await response.text(), "text/html");
    const config = JSON.parse(page.getElementById("blocks-config")?.textContent ?? "");
    if (config.js !== current.config.js || config.head !== current.config.head) {
      location.reload();
      return;
    }
    current.events.stopTimers();
    current.connection.close();
    const styles = document.head.querySelectorAll("style");
    const style = page.head.querySelectorAll("style");
    if (styles.length && style.length) styles[styles.length - 1].textContent = style[style.length - 1].textContent;
    document.title = page.title;
    // The new boot makes its own notice and toasts (status.js, toasts.js).
    for (const old of document.body.querySelectorAll(":scope > .reconnecting, :scope > .toasts")) old.remove();
    mount.replaceChildren();
    await boot(mount, config);
  } catch (error) {
    console.error("showing the new version in place failed; reloading:", error);
    location.reload();
  }
}
