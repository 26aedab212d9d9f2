// The content of a chat message: its parts as DOM (markdown text, files by type, inline
// components), a cheap signature to tell whether a part changed, and the plain values that
// event data carries. Used by components/chatbot.js.

import { copyButton, h } from "./dom.js";
import { fileKind, fileName, fileUrl, humanSize } from "./files.js";
import { DEFAULT_DELIMITERS, enhance, renderMarkdown, sanitizeHtml } from "./markdown.js";

/**
 * @typedef {import("./files.js").FileData} FileData
 * @typedef {{type: "text", text: string}
 *   | {type: "file", file: FileData, alt_text?: string}
 *   | {type: "component", component: string, value?: any, props?: Record<string, any>}} Part
 * @typedef {{title?: string, id?: string | number, parent_id?: string | number, log?: string,
 *   duration?: number, status?: "pending" | "done"}} Metadata
 * @typedef {{role: "user" | "assistant" | "system", content: Part[] | string, metadata?: Metadata,
 *   options?: {value: string, label?: string}[]}} Message
 * @typedef {{markdown: boolean, sanitize: boolean, lineBreaks: boolean,
 *   delimiters: import("./markdown.js").Delimiter[] | null, downloads: boolean,
 *   allowTags?: boolean | string[]} & import("./markdown.js").ContentRules} TextOptions
 */

/**
 * The parts of a message (a plain string, from an app's js, counts as one text part).
 * @param {Message} message
 * @returns {Part[]}
 */
export function partsOf(message) {
  const content = message?.content;
  if (typeof content === "string") return [{ type: "text", text: content }];
  return Array.isArray(content) ? content : [];
}

/**
 * What has to be equal for a part's DOM to stay as it is. Text is compared as the string
 * itself: an unchanged string is the same object, so this costs nothing for earlier messages
 * (values are patched in place, so object identity alone cannot tell).
 * @param {Part} part
 * @returns {any}
 */
export function partSignature(part) {
  if (part?.type === "text") return part.text;
  if (part?.type === "file") return `file\u0000${part.file?.url}\u0000${part.file?.mime_type}\u0000${part.alt_text ?? ""}`;
  return JSON.stringify(part);
}

/**
 * A message's text, for copying and editing: its text parts, or the names of its files.
 * @param {Message} message
 */
export function messageText(message) {
  const parts = partsOf(message);
  const texts = parts.filter((part) => part.type === "text").map((part) => /** @type {{text: string}} */ (part).text);
  if (texts.length) return texts.join("\n\n");
  return parts
    .map((part) => (part.type === "file" ? fileUrl(part.file) || fileName(part.file) : ""))
    .filter(Boolean)
    .join("\n");
}

/**
 * Whether a message has something to copy (text, or files); cheap, as it runs every frame.
 * @param {Message} message
 */
export function hasText(message) {
  return partsOf(message).some((part) => (part?.type === "text" ? part.text.length > 0 : part?.type === "file"));
}

/**
 * A message's content as listeners see it (as the reference sends it): a text part as its
 * string, a file as its FileData, a component as its part; several parts as a list.
 * @param {Message} message
 */
export function plainContent(message) {
  const values = partsOf(message).map((part) =>
    part.type === "text" ? part.text : part.type === "file" ? { ...part.file, ...(part.alt_text ? { alt_text: part.alt_text } : {}) } : part,
  );
  return values.length === 1 ? values[0] : values;
}

/**
 * Render one part into a new element.
 * @param {Part} part
 * @param {TextOptions} options
 * @returns {HTMLElement}
 */
export function renderPart(part, options) {
  if (part?.type === "text") return renderText(part.text, options);
  if (part?.type === "file") return renderFile(part.file, part.alt_text, options);
  if (part?.type === "component") return renderComponent(part, options);
  return h("div", { class: "msg-part msg-unknown" }, "(this part cannot be shown)");
}

/**
 * Markdown (sanitised: no script ever survives, sanitize_html=False only keeps <style>), or
 * plain text when render_markdown is off. Code blocks get a copy button; code is highlighted
 * and maths typeset once their libraries have loaded.
 * @param {string} text
 * @param {TextOptions} options
 */
export function renderText(text, options) {
  const element = h("div", { class: "msg-part msg-text" });
  fillText(element, text, options);
  return element;
}

/**
 * (Re)fill a text part's element with `text`.
 * @param {HTMLElement} element
 * @param {string} text
 * @param {TextOptions} options
 */
export function fillText(element, text, options) {
  if (!options.markdown) {
    element.classList.remove("prose");
    element.classList.add("msg-plain");
    element.textContent = text;
    return;
  }
  element.classList.add("prose");
  const allowTags = options.allowTags ?? false;
  const rules = { untrusted: options.untrusted, remoteMedia: options.remoteMedia ?? true, approved: options.approved };
  const html = options.sanitize
    ? renderMarkdown(text, { sanitize: true, lineBreaks: options.lineBreaks, allowTags, ...rules })
    : sanitizeHtml(renderMarkdown(text, { sanitize: false, lineBreaks: options.lineBreaks }), { allowStyleTags: true, allowTags, ...rules });
  element.innerHTML = html;
  for (const pre of element.querySelectorAll("pre")) addCodeCopy(pre);
  enhance(element, options.delimiters ?? DEFAULT_DELIMITERS).catch((error) => console.warn("markdown extras failed:", error));
}

// What a thought's title keeps of its markdown: inline formatting only (it sits in a button).
const INLINE_TAGS = new Set(["B", "BR", "CODE", "DEL", "EM", "I", "KBD", "MARK", "S", "STRONG", "SUB", "SUP"]);

/**
 * Fill `element` with one line of markdown: **bold**, *italics*, `code` and the like, as a
 * thought's title shows them; links, blocks and media keep only their text.
 * @param {HTMLElement} element
 * @param {string} text
 */
export function fillInline(element, text) {
  const template = document.createElement("template");
  template.innerHTML = renderMarkdown(text, { sanitize: true, lineBreaks: false, untrusted: true, remoteMedia: false });
  const unwrap = (/** @type {Element} */ node) => {
    for (const child of [...node.children]) unwrap(child);
    if (node.parentNode && !INLINE_TAGS.has(node.tagName)) node.replaceWith(...node.childNodes);
  };
  for (const child of [...template.content.children]) unwrap(child);
  element.replaceChildren(template.content);
  element.normalize();
  for (const end of [element.firstChild, element.lastChild]) {
    if (end?.nodeType === Node.TEXT_NODE) end.textContent = (end.textContent ?? "").trim();
  }
}

/**
 * A "Copy code" button in the corner of a code block.
 * @param {HTMLPreElement} pre
 */
function addCodeCopy(pre) {
  const frame = h("div", { class: "code-block" });
  const code = pre.querySelector("code");
  const language = [...(code?.classList ?? [])].find((c) => c.startsWith("language-"))?.slice(9);
  pre.replaceWith(frame);
  const button = copyButton(() => pre.textContent ?? "", { label: "Copy code", className: "code-copy" });
  frame.append(h("div", { class: "code-head" }, h("span", { class: "code-lang" }, language ?? ""), button), pre);
}

/**
 * A file by its type: a picture, a player, or a chip to download it.
 * @param {FileData} data
 * @param {string | undefined} alt
 * @param {{downloads: boolean}} options
 */
export function renderFile(data, alt, { downloads }) {
  const url = fileUrl(data);
  const name = fileName(data);
  const kind = fileKind(data);
  if (url && kind === "image") {
    const img = h("img", { src: url, alt: alt ?? name, loading: "lazy", decoding: "async" });
    return h("figure", { class: "msg-part msg-media msg-image" }, img);
  }
  if (url && (kind === "audio" || kind === "video")) {
    const player = h(kind, { src: url, controls: true, preload: "metadata", "aria-label": alt ?? name });
    return h("figure", { class: `msg-part msg-media msg-${kind}` }, player);
  }
  return fileChip(data, downloads);
}

/**
 * A file's name and size, a download link when allowed.
 * @param {FileData} data
 * @param {boolean} downloads
 */
export function fileChip(data, downloads) {
  const url = fileUrl(data);
  const name = fileName(data);
  const icon = h("span", { class: "file-icon", "aria-hidden": "true" });
  icon.innerHTML =
    '<svg viewBox="0 0 24 24" width="20" height="20"><path fill="none" stroke="currentColor" stroke-width="1.8" d="M14 3H6v18h12V7zM14 3v4h4"/></svg>';
  const text = h("span", { class: "file-text" }, h("span", { class: "file-name" }, name), h("span", { class: "file-size" }, humanSize(data?.size)));
  if (url && downloads) {
    return h("a", { class: "msg-part file-chip", href: url, download: name, target: "_blank", rel: "noopener noreferrer" }, icon, text);
  }
  return h("div", { class: "msg-part file-chip" }, icon, text);
}

let embedded = 0;

/**
 * An inline component: media by hand, anything else as that component's own element.
 * @param {{component: string, value?: any, props?: Record<string, any>}} part
 * @param {TextOptions} options
 * @returns {HTMLElement}
 */
function renderComponent(part, options) {
  const { component, value = null, props = {} } = part;
  const alt = typeof props.label === "string" ? props.label : undefined;
  if (["image", "audio", "video"].includes(component) && value && typeof value === "object") {
    const data = /** @type {FileData} */ (value.video ?? value);
    const element = renderFile(data, alt, options);
    element.classList.add(`msg-component-${component}`);
    return element;
  }
  if (component === "file" && value) {
    const list = Array.isArray(value) ? value : [value];
    return h("div", { class: "msg-part msg-files" }, ...list.map((data) => fileChip(data, options.downloads)));
  }
  if (component === "gallery" && Array.isArray(value)) {
    const items = value.map((item) => {
      const data = item?.image ?? item?.video ?? item;
      return renderFile(data, item?.caption ?? undefined, options);
    });
    return h("div", { class: "msg-part msg-gallery" }, ...items);
  }
  const holder = h("div", { class: `msg-part msg-component msg-component-${component}` });
  if (!/^[a-z][a-z0-9_]*$/.test(component)) {
    holder.textContent = `Unknown component "${component}"`;
    return holder;
  }
  const id = -1000 - ++embedded;
  import(new URL(`./components/${component}.js`, import.meta.url).href)
    .then(() => {
      const name = `blocks-${component}`;
      if (!customElements.get(name)) throw new Error(`no element ${name}`);
      const element = /** @type {import("./components/base.js").BlockElement} */ (document.createElement(name));
      element.attach({ emit: () => {}, commit: () => 0 }, id, component);
      // Whatever the part asks, nothing in a message may run script (DESIGN: files and security).
      const shown = { ...props, interactive: false, sanitize_html: true };
      element.update({ id, type: component, value, ver: null, rev: 0, props: shown });
      holder.replaceChildren(element);
    })
    .catch((error) => {
      console.warn(`cannot show the component "${component}" in a message:`, error);
      holder.textContent = `Unknown component "${component}"`;
    });
  return holder;
}
