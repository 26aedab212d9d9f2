// Code: a labelled textarea laid over the same text highlighted by highlight.js (loaded on
// first need, as for Markdown). Both sit in one grid cell, so the highlighted <pre> sizes the
// box and the textarea always covers it exactly; the frame scrolls them together. Read-only
// when not interactive (still focusable and selectable, and named by its label).

import { componentStyles } from "../files.js";
import { copyButton, fieldLabel, h } from "../dom.js";
import { highlighter } from "../markdown.js";
import { BlockElement, define } from "./base.js";

await componentStyles("code.css", import.meta.url);

/** The reference's language names -> the grammars in frontend/vendor/highlight ("" = plain). */
const GRAMMARS = /** @type {Record<string, string>} */ ({
  html: "xml",
  shell: "bash",
  dockerfile: "bash",
  jinja2: "xml",
  latex: "",
});

/**
 * @param {any} language the `language` prop
 * @returns {string} a grammar name, or "" for plain text
 */
function grammarOf(language) {
  if (typeof language !== "string" || !language) return "";
  if (language in GRAMMARS) return GRAMMARS[language];
  return language.startsWith("sql") ? "sql" : language;
}

export class CodeBlock extends BlockElement {
  static boxed = true;

  build() {
    this.heading = fieldLabel(this.partId("field"), this.partId("input"));
    this.copy = copyButton(() => this.editor?.value ?? "", { label: "Copy code" });
    this.gutter = h("div", { class: "code-gutter", "aria-hidden": "true" });
    this.code = h("code", {});
    this.shown = h("pre", { class: "code-shown", "aria-hidden": "true" }, this.code);
    const editor = h("textarea", { class: "code-editor", id: this.partId("input"), spellcheck: "false", autocomplete: "off", autocapitalize: "off", wrap: "off", rows: 1 });
    editor.addEventListener("input", () => {
      this.paint(editor.value);
      this.commit(editor.value);
    });
    editor.addEventListener("focus", () => this.emit("focus"));
    editor.addEventListener("blur", () => this.emit("blur"));
    this.editor = editor;
    this.frame = h("div", { class: "code-frame" }, this.gutter, this.shown, editor);
    this.append(h("div", { class: "code-head" }, this.heading.label, this.copy), this.heading.info, this.frame);
    this.painted = "";
    this.grammar = "";
  }

  render() {
    const { props, editor, frame } = this;
    if (!editor || !frame) return;
    this.heading?.update(props);
    if (!props.label) editor.setAttribute("aria-label", "Code");
    else editor.removeAttribute("aria-label");
    if (props.info) editor.setAttribute("aria-describedby", this.heading?.infoId ?? "");
    else editor.removeAttribute("aria-describedby");
    editor.readOnly = !this.interactive;
    const wrap = props.wrap_lines === true;
    editor.wrap = wrap ? "soft" : "off";
    frame.classList.toggle("wrap", wrap);
    frame.classList.toggle("numbered", props.show_line_numbers !== false && !wrap);
    const lines = Math.max(1, Number(props.lines) || 5);
    frame.style.setProperty("--lines", String(lines));
    if (typeof props.max_lines === "number") frame.style.setProperty("--max-lines", String(Math.max(lines, props.max_lines)));
    else frame.style.removeProperty("--max-lines");
    const text = this.value == null ? "" : String(this.value);
    if (!this.echo && editor.value !== text) editor.value = text;
    const grammar = grammarOf(props.language);
    if (grammar !== this.grammar || editor.value !== this.painted) {
      this.grammar = grammar;
      this.paint(editor.value);
    }
  }

  /**
   * Show `text` highlighted (plain at once, coloured when highlight.js is in).
   * @param {string} text
   */
  paint(text) {
    const { code, gutter } = this;
    if (!code || !gutter) return;
    this.painted = text;
    // A trailing newline would otherwise collapse, leaving the caret's last line unpainted.
    const padded = text.endsWith("\n") || text === "" ? `${text} ` : text;
    const count = text.split("\n").length;
    if (gutter.childElementCount !== count) {
      gutter.replaceChildren(...Array.from({ length: count }, (_, i) => h("span", {}, String(i + 1))));
    }
    const grammar = this.grammar ?? "";
    code.className = grammar ? `hljs language-${grammar}` : "hljs";
    code.textContent = padded;
    if (!grammar) return;
    highlighter().then((hljs) => {
      if (this.painted !== text || this.grammar !== grammar || !hljs.getLanguage(grammar)) return;
      // highlight.js escapes the text it is given: its output holds only its own spans.
      code.innerHTML = hljs.highlight(padded, { language: grammar, ignoreIllegals: true }).value;
    });
  }
}

define("code", CodeBlock);
