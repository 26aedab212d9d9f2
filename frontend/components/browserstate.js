// BrowserState: a value kept in localStorage under its storage key. It is read back when the
// page opens (before `load` listeners run) and written whenever it changes.

import { BlockElement, define } from "./base.js";

export class BrowserStateBlock extends BlockElement {
  applyCommon() {
    super.applyCommon();
    this.hidden = true;
  }

  /** One key per app page and block unless the app names it. */
  get storageKey() {
    const named = this.props.storage_key;
    return `blocks:${named ? String(named) : `${location.pathname}#${this.blockId}`}`;
  }

  build() {
    let stored;
    try {
      const raw = localStorage.getItem(this.storageKey);
      if (raw != null) stored = JSON.parse(raw);
    } catch {
      stored = undefined; // unreadable or blocked storage: keep the default
    }
    if (stored !== undefined) {
      this.commit(stored);
      this.value = stored;
    }
  }

  render() {
    try {
      localStorage.setItem(this.storageKey, JSON.stringify(this.value ?? null));
    } catch {
      // Storage full or blocked (private mode): the value still lives for this page.
    }
  }
}

define("browserstate", BrowserStateBlock);
