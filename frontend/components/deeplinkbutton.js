// DeepLinkButton: copies a link to this page whose `?deep_link=` carries the current values of
// the app's components (props.deep_link_ids); opening such a link sets those values before the
// app's load listeners run (they are then the page's own values, as if typed).

import { copyText } from "../dom.js";
import { ButtonBlock } from "./button.js";
import { define } from "./base.js";

const PARAM = "deep_link";
const MAX_LINK = 8000;
let restored = false;

export class DeepLinkButtonBlock extends ButtonBlock {
  build() {
    super.build();
    this.restore();
    this.button?.addEventListener("click", () => {
      this.copyLink().catch((error) => console.error("copying the deep link failed:", error));
    });
  }

  /** The link to this page with the components' values now. */
  link() {
    const ids = new Set(Array.isArray(this.props.deep_link_ids) ? this.props.deep_link_ids : []);
    /** @type {Record<string, any>} */
    const values = {};
    for (const element of document.querySelectorAll(".blk")) {
      const block = /** @type {any} */ (element);
      if (ids.has(block.blockId) && block.value !== null && block.value !== undefined) values[block.blockId] = block.value;
    }
    const url = new URL(location.href);
    url.hash = "";
    url.searchParams.set(PARAM, encode(values));
    return url.href;
  }

  async copyLink() {
    const link = this.link();
    const text = this.text;
    if (!text) return;
    const label = text.textContent;
    if (link.length > MAX_LINK) {
      text.textContent = "Too much to fit in a link";
      setTimeout(() => this.render(), 2000);
      return;
    }
    await copyText(link);
    text.textContent = String(this.props.copied_value ?? "Link copied to clipboard!");
    this.button?.setAttribute("data-link", link);
    setTimeout(() => {
      if (text.textContent !== label) this.render();
    }, 2000);
  }

  /** Once per page: the values of a deep link this page was opened with. */
  restore() {
    if (restored) return;
    restored = true;
    const encoded = new URLSearchParams(location.search).get(PARAM);
    if (!encoded || encoded.length > MAX_LINK || !this.host) return;
    let values;
    try {
      values = decode(encoded);
    } catch (error) {
      console.warn("this page's deep link cannot be read:", error);
      return;
    }
    const ids = new Set(Array.isArray(this.props.deep_link_ids) ? this.props.deep_link_ids : []);
    for (const [key, value] of Object.entries(values ?? {})) {
      const id = Number(key);
      if (ids.has(id)) this.host.commit(id, value);
    }
  }
}

/** @param {any} values */
function encode(values) {
  const bytes = new TextEncoder().encode(JSON.stringify(values));
  let binary = "";
  for (const byte of bytes) binary += String.fromCharCode(byte);
  return btoa(binary).replace(/\+/g, "-").replace(/\//g, "_").replace(/=+$/, "");
}

/** @param {string} text */
function decode(text) {
  const binary = atob(text.replace(/-/g, "+").replace(/_/g, "/"));
  const bytes = Uint8Array.from(binary, (c) => c.charCodeAt(0));
  return JSON.parse(new TextDecoder().decode(bytes));
}

define("deeplinkbutton", DeepLinkButtonBlock);
