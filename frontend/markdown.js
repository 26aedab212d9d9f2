// Markdown to safe HTML: marked + DOMPurify from frontend/vendor (the one place that names them);
// code highlighting (highlight.js) and maths (KaTeX) load only when a text needs them.

/**
 * The vendored files are imported by computed URL so that type checking (checkJs) does not
 * descend into them; top-level await keeps this module ready-to-use once imported.
 * @typedef {{parse: (text: string, options?: object) => string | Promise<string>}} MarkedParser
 * @typedef {{
 *   sanitize: (html: string, config?: object) => string,
 *   addHook: (hook: string, fn: (node: Element) => void) => void,
 * }} Purifier
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

/**
 * Markdown text to HTML, sanitised unless the app said `sanitize_html=False`.
 * @param {string} text
 * @param {{sanitize?: boolean, lineBreaks?: boolean}} [options]
 * @returns {string}
 */
export function renderMarkdown(text, { sanitize = true, lineBreaks = false, allowTags = false } = {}) {
  const html = /** @type {string} */ ((lineBreaks ? broken : plain).parse(text, { async: false }));
  return sanitize ? sanitizeHtml(html, { allowTags }) : html;
}

/**
 * HTML without anything that runs script; styles (attributes and <style>) may stay.
 * @param {string} html
 * @param {{allowStyleTags?: boolean}} [options]
 * @returns {string}
 */
export function sanitizeHtml(html, { allowStyleTags = false, allowTags = false } = {}) {
  const tags = [...(allowStyleTags ? ["style"] : []), ...customTags(html, allowTags)];
  return /** @type {string} */ (
    DOMPurify.sanitize(html, tags.length ? { ADD_TAGS: tags, FORCE_BODY: true } : {})
  );
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

/** @returns {Promise<any>} */
function highlighter() {
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
