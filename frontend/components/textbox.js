// Textbox: one line (<input>) or several (<textarea>, growing up to max_lines).
// Enter fires `submit`; with several lines Shift+Enter makes a new line.
// With `submit_btn` a button beside the text submits too; with `stop_btn` a Stop button takes
// its place while a job this box submitted runs, and fires `stop`.

import { copyButton, describeBy, fieldLabel, h } from "../dom.js";
import { BlockElement, define } from "./base.js";

export class TextboxBlock extends BlockElement {
  static boxed = true;

  build() {
    this.heading = fieldLabel(this.partId("field"), this.partId("input"));
    this.copy = copyButton(() => this.control?.value ?? "");
    this.frame = h("div", { class: "input-frame" });
    this.submitButton = h("button", { type: "button", class: "box-button box-submit" });
    this.stopButton = h("button", { type: "button", class: "box-button box-stop" });
    this.submitButton.addEventListener("click", () => this.emit("submit"));
    this.stopButton.addEventListener("click", () => {
      this.emit("stop");
      if (!this.listens("stop")) this.cancelJobs();
    });
    this.append(this.heading.label, this.heading.info, this.frame);
    this.addEventListener("blocks-busy", () => this.renderButtons());
  }

  /** Submit and Stop beside the text, named by their labels; Stop only while busy. */
  renderButtons() {
    const { submit_btn: submitText, stop_btn: stopText } = this.props;
    const submit = /** @type {HTMLButtonElement} */ (this.submitButton);
    const stop = /** @type {HTMLButtonElement} */ (this.stopButton);
    const showStop = typeof stopText === "string" && stopText !== "" && this.busy;
    for (const [button, text, show] of /** @type {const} */ ([
      [submit, submitText, typeof submitText === "string" && submitText !== "" && !showStop],
      [stop, stopText, showStop],
    ])) {
      if (show) {
        if (button.textContent !== text) button.textContent = String(text);
        if (button.parentElement !== this.frame) this.frame?.append(button);
      } else {
        button.remove();
      }
    }
    submit.disabled = !this.interactive;
    this.frame?.classList.toggle("has-box-buttons", !!(submit.isConnected || stop.isConnected));
  }

  /** The <input> or <textarea> for the current `lines`, made anew when it has to change. */
  ensureControl() {
    const multi = (this.props.lines ?? 1) > 1;
    const tag = multi ? "TEXTAREA" : "INPUT";
    if (this.control?.tagName === tag) return this.control;
    const control = multi ? h("textarea", {}) : h("input", { type: "text" });
    control.id = this.partId("input");
    control.className = "text-input";
    control.addEventListener("input", () => {
      this.grow();
      this.commit(control.value);
    });
    control.addEventListener("keydown", (event) => this.onKey(/** @type {KeyboardEvent} */ (event)));
    control.addEventListener("focus", () => this.emit("focus"));
    control.addEventListener("blur", () => this.emit("blur"));
    control.addEventListener("select", () => {
      const start = control.selectionStart ?? 0;
      const end = control.selectionEnd ?? 0;
      this.emit("select", { index: [start, end], value: control.value.slice(start, end), selected: true });
    });
    if (this.control) control.value = this.control.value;
    this.control?.remove();
    this.frame?.prepend(control);
    this.control = control;
    return control;
  }

  /** @param {KeyboardEvent} event */
  onKey(event) {
    if (event.key !== "Enter" || event.isComposing) return;
    const multi = (this.props.lines ?? 1) > 1;
    if (!multi) {
      event.preventDefault();
      this.emit("submit");
    } else if (!event.shiftKey && this.props.submit_on_enter !== false) {
      event.preventDefault();
      this.emit("submit");
    }
  }

  render() {
    const { props } = this;
    const control = this.ensureControl();
    this.heading?.update(props);
    describeBy(control, props, this.heading?.infoId ?? "");
    if (control instanceof HTMLInputElement) {
      const type = ["password", "email"].includes(props.type) ? props.type : "text";
      if (control.type !== type) control.type = type;
    } else {
      control.rows = Math.max(1, props.lines ?? 1);
    }
    control.placeholder = props.placeholder ?? "";
    // Without a label the box is named by its placeholder (screen readers and tests rely on it).
    if (props.label) control.removeAttribute("aria-label");
    else control.setAttribute("aria-label", props.placeholder || "Text");
    control.disabled = !this.interactive;
    control.dir = props.rtl ? "rtl" : "auto";
    control.style.textAlign = props.text_align ?? "";
    if (typeof props.max_length === "number") control.maxLength = props.max_length;
    else control.removeAttribute("maxlength");
    const text = this.value == null ? "" : String(this.value);
    if (!this.echo && control.value !== text) {
      control.value = text;
      if (control instanceof HTMLTextAreaElement && props.autoscroll !== false) control.scrollTop = control.scrollHeight;
    }
    this.grow();
    if (props.show_copy_button && this.copy) this.frame?.append(this.copy);
    else this.copy?.remove();
    this.renderButtons();
    if (props.autofocus && !this.focusedOnce) {
      this.focusedOnce = true;
      requestAnimationFrame(() => control.focus());
    }
  }

  /** A textarea grows with its text from `lines` up to `max_lines` rows, then scrolls. */
  grow() {
    const control = this.control;
    if (!(control instanceof HTMLTextAreaElement)) return;
    const lines = Math.max(1, this.props.lines ?? 1);
    control.style.setProperty("--lines", String(lines));
    control.style.setProperty("--max-lines", String(Math.max(lines, this.props.max_lines ?? 20)));
    if (FIELD_SIZING) return; // CSS sizes it (style.css)
    const style = getComputedStyle(control);
    const border = parseFloat(style.borderTopWidth) + parseFloat(style.borderBottomWidth);
    const min = parseFloat(style.minHeight) || 0;
    const max = parseFloat(style.maxHeight) || Infinity;
    control.style.height = "auto";
    control.style.height = `${Math.min(max, Math.max(min, control.scrollHeight + border))}px`;
  }
}

const FIELD_SIZING = globalThis.CSS?.supports?.("field-sizing", "content") ?? false;

define("textbox", TextboxBlock);
