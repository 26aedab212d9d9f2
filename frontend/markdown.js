// Markdown to safe HTML: marked + DOMPurify from frontend/vendor (the one place that names them);
// code highlighting (highlight.js) and maths (KaTeX) load only when a text needs them.

/**
 * The vendored files are imported by computed URL so that type checking (checkJs) does not
 * descend into them; top-level await keeps this module ready-to-use once imported.
 * @typedef {{parse: (text: string, options?: object) => string | Promise<string>}} MarkedParser
 * @typedef {{
 *   sanitize: (html: string, config?: object) => string | HTMLElement,
 *   addHook: (hook: string, fn: (node: Element, data: any) => void) => void,
 * }} Purifier
 * @typedef {{untrusted?: boolean, remoteMedia?: boolean, approved?: ReadonlySet<string>}} ContentRules
 *   how far the text is trusted. `untrusted` (chat messages, written by a model or a user): no
 *   form controls, and no inline style that takes an element out of its bubble. `remoteMedia:
 *   false`: pictures and players whose URL is on another origin become "Load image from host"
 *   placeholders (see `loadRemoteMedia`), unless their markup is in `approved` (loaded once
 *   already), and CSS that would fetch from another origin is dropped.
 */
const [{ Marked }, { default: purifier }] = await Promise.all([
  import(vendorUrl("vendor/marked.esm.js")),
  import(vendorUrl("vendor/purify.es.min.mjs")),
]);
/** @type {Purifier} */
const DOMPurify = purifier;

/** @type {MarkedParser} */
const plain = new Marked({ gfm: true, breaks: false });
/** @type {MarkedParser} */
const broken = new Marked({ gfm: true, breaks: true });

// Links open in a new tab and cannot reach back into this page.
DOMPurify.addHook("afterSanitizeAttributes", (node) => {
  if (node.tagName === "A" && node.getAttribute("href") && !node.getAttribute("href")?.startsWith("#")) {
    node.setAttribute("target", "_blank");
    node.setAttribute("rel", "noopener noreferrer");
  }
  // An image written without alt text is treated as decorative rather than unlabelled.
  if (node.tagName === "IMG" && !node.hasAttribute("alt")) node.setAttribute("alt", "");
});

// Only our own placeholders carry their media's markup: text cannot forge one.
DOMPurify.addHook("uponSanitizeAttribute", (_node, data) => {
  if (data.attrName === REMOTE_ATTR) data.keepAttr = false;
});

/**
 * Markdown text to HTML, sanitised unless the app said `sanitize_html=False`.
 * @param {string} text
 * @param {{sanitize?: boolean, lineBreaks?: boolean, allowTags?: boolean | string[]} & ContentRules} [options]
 * @returns {string}
 */
export function renderMarkdown(text, { sanitize = true, lineBreaks = false, allowTags = false, ...rules } = {}) {
  const html = /** @type {string} */ ((lineBreaks ? broken : plain).parse(text, { async: false }));
  return sanitize ? sanitizeHtml(html, { allowTags, ...rules }) : html;
}

/**
 * HTML without anything that runs script; styles (attributes and <style>) may stay, within
 * the content rules asked for (none by default: gr.HTML and gr.Markdown are the app's own).
 * @param {string} html
 * @param {{allowStyleTags?: boolean, allowTags?: boolean | string[]} & ContentRules} [options]
 * @returns {string}
 */
export function sanitizeHtml(html, { allowStyleTags = false, allowTags = false, untrusted = false, remoteMedia = true, approved } = {}) {
  const tags = [...(allowStyleTags ? ["style"] : []), ...customTags(html, allowTags)];
  /** @type {Record<string, any>} */
  const config = tags.length ? { ADD_TAGS: tags, FORCE_BODY: true } : {};
  if (!untrusted && remoteMedia) return /** @type {string} */ (DOMPurify.sanitize(html, config));
  if (untrusted) config.FORBID_TAGS = allowStyleTags ? FORM_TAGS : [...FORM_TAGS, "style"];
  // The sanitised tree stays in DOMPurify's inert document, where nothing loads, until the
  // rules below are applied and it is serialised.
  const body = /** @type {HTMLElement} */ (DOMPurify.sanitize(html, { ...config, RETURN_DOM: true }));
  applyRules(body, { untrusted, remoteMedia, approved });
  return body.innerHTML;
}

// ------------------------------------------------------------------ content rules

/** What makes a form (a task list's disabled checkbox is kept apart: see applyRules). */
const FORM_TAGS = ["form", "button", "textarea", "select", "option", "optgroup", "datalist", "output", "fieldset", "legend"];
/** Our placeholders' attribute holding the markup of the media they stand for. */
const REMOTE_ATTR = "data-blk-remote";
/** Attributes that make an element other than a link fetch something by themselves. */
const URL_ATTRS = ["src", "srcset", "poster", "background", "href", "xlink:href", "data"];

/**
 * Apply the content rules to the sanitised tree `root` (in place, before anything can load).
 * @param {HTMLElement} root
 * @param {ContentRules} rules
 */
function applyRules(root, { untrusted, remoteMedia, approved }) {
  if (untrusted) {
    for (const input of root.querySelectorAll("input")) {
      if (!(input.type === "checkbox" && input.disabled)) input.remove();
    }
    // Nor a fake control: a role or a place in the tab order is ours to give.
    for (const element of root.querySelectorAll("[role], [tabindex]")) {
      element.removeAttribute("role");
      element.removeAttribute("tabindex");
    }
  }
  for (const element of root.querySelectorAll("[style]")) restyle(/** @type {HTMLElement} */ (element), !!untrusted, !!remoteMedia);
  if (remoteMedia) return;
  for (const style of root.querySelectorAll("style")) if (cssLoadsRemote(style.textContent ?? "", true)) style.remove();
  /** @type {Set<Element>} media the user already asked for, kept as they are */
  const kept = new Set();
  for (const media of root.querySelectorAll("img, video, audio, picture")) {
    if (!media.isConnected || media.parentElement?.closest("video, audio, picture")) continue; // handled with its outer element
    const parts = [media, ...media.querySelectorAll("*")];
    const url = parts.map((part) => remoteUrlOf(part)).find(Boolean);
    if (!url) continue;
    const markup = media.outerHTML;
    if (approved?.has(markup)) for (const part of parts) kept.add(part);
    else media.replaceWith(placeholder(media, url, markup));
  }
  // Anything else that would fetch by itself (an SVG <image>, a stray <source>, a table's
  // background) just loses that URL; links stay links.
  for (const element of root.querySelectorAll("*")) {
    if (kept.has(element) || element.localName === "a" || element.localName === "area" || element.hasAttribute(REMOTE_ATTR)) continue;
    for (const name of URL_ATTRS) if (remoteUrlOf(element, name)) element.removeAttribute(name);
  }
}

/**
 * Drop the declarations of an inline style that break out of the message (position other than
 * static or relative: fixed, absolute, sticky, or a var() that could be one) or fetch from
 * another origin. The browser's own CSS parser reads the style, so escapes cannot hide either.
 * @param {HTMLElement} element
 * @param {boolean} untrusted
 * @param {boolean} remoteMedia
 */
function restyle(element, untrusted, remoteMedia) {
  const style = element.style;
  if (!style) {
    element.removeAttribute("style");
    return;
  }
  for (const name of [...style]) {
    const value = style.getPropertyValue(name);
    const escapes = untrusted && name === "position" && !/^\s*(static|relative)\s*$/i.test(value);
    if (escapes || (!remoteMedia && cssLoadsRemote(value, false))) style.removeProperty(name);
  }
  if (style.length) element.setAttribute("style", style.cssText);
  else element.removeAttribute("style");
}

/**
 * Whether CSS text names a URL on another origin: in url(), or in a quoted string (image-set,
 * import rules). In raw `<style>` text an escape could spell `url(` out of sight, so any
 * escape counts too.
 * @param {string} css
 * @param {boolean} raw
 */
function cssLoadsRemote(css, raw) {
  if (raw && css.includes("\\")) return true;
  for (const match of css.matchAll(/url\(\s*(?:"([^"]*)"|'([^']*)'|([^)\s]*))|"([^"]*)"|'([^']*)'/gi)) {
    if (isRemote(match.slice(1).find((group) => group !== undefined) ?? "")) return true;
  }
  return false;
}

/**
 * The first URL on another origin that `element` loads by itself (of attribute `only`, or of
 * any URL attribute), or "".
 * @param {Element} element
 * @param {string} [only]
 * @returns {string}
 */
function remoteUrlOf(element, only) {
  for (const name of only ? [only] : URL_ATTRS) {
    const value = element.getAttribute(name);
    if (!value) continue;
    // srcset: URLs and descriptors apart; a comma inside a URL leaves its origin in one piece.
    const urls = name === "srcset" ? value.split(/[\s,]+/) : [value];
    const remote = urls.find(isRemote);
    if (remote) return remote;
  }
  return "";
}

/**
 * Whether the browser would fetch `text` from another origin (data: and blob: stay local).
 * @param {string} text
 */
function isRemote(text) {
  if (!text.trim()) return false;
  let url;
  try {
    url = new URL(text.trim(), document.baseURI);
  } catch {
    return false; // the browser cannot fetch it either
  }
  return url.protocol !== "data:" && url.protocol !== "blob:" && url.origin !== location.origin;
}

/**
 * A "Load image from host" button standing for `media` (made in the inert document).
 * @param {Element} media
 * @param {string} url
 * @param {string} markup
 */
function placeholder(media, url, markup) {
  const kind = media.localName === "video" || media.localName === "audio" ? media.localName : "image";
  let host = url;
  try {
    host = new URL(url, document.baseURI).host || url;
  } catch {}
  const button = media.ownerDocument.createElement("span");
  button.className = "remote-media";
  button.setAttribute("role", "button");
  button.setAttribute("tabindex", "0");
  button.setAttribute(REMOTE_ATTR, markup);
  button.textContent = `Load ${kind} from ${host}`;
  return button;
}

/**
 * The user asked for the media behind `button` (a placeholder of `sanitizeHtml`): put it in
 * its place, sanitised again, and remember its markup in `approved` so that drawing the same
 * text again (a streamed reply growing) keeps it loaded.
 * @param {Element} button
 * @param {Set<string>} [approved]
 * @returns {Element | null} the element shown now
 */
export function loadRemoteMedia(button, approved) {
  const markup = button.getAttribute(REMOTE_ATTR);
  if (markup == null || !button.classList.contains("remote-media")) return null;
  approved?.add(markup);
  const template = document.createElement("template");
  template.innerHTML = sanitizeHtml(markup, { untrusted: true, remoteMedia: true });
  const media = template.content.firstElementChild;
  if (!media) return null;
  button.replaceWith(media);
  return media;
}

/**
 * Tags that are not HTML (`<thinking>`, `<tool-call>`) kept as elements instead of being
 * stripped: every such tag with `true`, the named ones with a list. A tag HTML knows (script,
 * iframe, ...) is never added this way; attributes are sanitised as usual.
 * @param {string} html
 * @param {boolean | string[]} allowTags
 * @returns {string[]}
 */
function customTags(html, allowTags) {
  if (!allowTags) return [];
  const names = Array.isArray(allowTags)
    ? allowTags.map((name) => String(name).toLowerCase())
    : [...new Set([...html.matchAll(/<\/?([a-zA-Z][\w-]*)/g)].map((match) => match[1].toLowerCase()))];
  return names.filter(
    (name) => /^[a-z][\w-]*$/.test(name) && (name.includes("-") || document.createElement(name) instanceof HTMLUnknownElement),
  );
}

/** @typedef {{left: string, right: string, display: boolean}} Delimiter */

/** Gradio's default: only $$...$$ is maths, so prices like $5 stay text. */
export const DEFAULT_DELIMITERS = [{ left: "$$", right: "$$", display: true }];

/**
 * Highlight code blocks and typeset maths inside `root`, loading those libraries on first need.
 * @param {HTMLElement} root
 * @param {Delimiter[] | null} [delimiters]
 * @returns {Promise<void>}
 */
export async function enhance(root, delimiters = DEFAULT_DELIMITERS) {
  const blocks = root.querySelectorAll("pre code");
  if (blocks.length) {
    const hljs = await highlighter();
    for (const code of blocks) {
      const language = [...code.classList].find((c) => c.startsWith("language-"))?.slice(9);
      if (language && hljs.getLanguage(language) && !code.classList.contains("hljs")) hljs.highlightElement(code);
    }
  }
  const text = root.textContent ?? "";
  if (delimiters?.length && delimiters.some((d) => text.includes(d.left))) {
    const render = await mathRenderer();
    render(root, { delimiters, throwOnError: false });
  }
}

/** @type {Promise<any> | null} */
let hljsLoading = null;
/** @type {Promise<any> | null} */
let katexLoading = null;

/**
 * highlight.js with its light and dark styles, loaded once on first need (also for gr.Code).
 * @returns {Promise<any>}
 */
export function highlighter() {
  hljsLoading ??= (async () => {
    stylesheet("vendor/highlight/github.min.css", "(prefers-color-scheme: light)");
    stylesheet("vendor/highlight/github-dark.min.css", "(prefers-color-scheme: dark)");
    const { default: hljs } = await import(vendorUrl("vendor/highlight/highlight.min.js"));
    hljs.configure({ ignoreUnescapedHTML: true });
    return hljs;
  })();
  return hljsLoading;
}

/** @returns {Promise<(root: HTMLElement, options: object) => void>} */
function mathRenderer() {
  katexLoading ??= (async () => {
    stylesheet("vendor/katex/katex.min.css");
    return (await import(vendorUrl("vendor/katex/contrib/auto-render.min.mjs"))).default;
  })();
  return katexLoading;
}

/**
 * A URL next to this module (the static folder).
 * @param {string} path
 */
function vendorUrl(path) {
  return new URL(path, import.meta.url).href;
}

/**
 * @param {string} path
 * @param {string} [media]
 */
function stylesheet(path, media) {
  const link = document.createElement("link");
  link.rel = "stylesheet";
  link.href = vendorUrl(path);
  if (media) link.media = media;
  document.head.append(link);
}
