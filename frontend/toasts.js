// A stack of toasts: gr.Info / gr.Warning / gr.Success / gr.Error and connection notices.

/**
 * @typedef {"info" | "warning" | "success" | "error"} Level
 * @typedef {{level?: Level, title?: string | null, message: string, duration?: number | null}} Toast
 */

const ICONS = { info: "i", warning: "!", success: "✓", error: "×" };
const TITLES = { info: "Info", warning: "Warning", success: "Success", error: "Error" };

export class Toasts {
  /** @param {HTMLElement} parent where the stack lives */
  constructor(parent) {
    this.stack = document.createElement("div");
    this.stack.className = "toasts";
    parent.append(this.stack);
  }

  /**
   * Show a toast; errors are alerts, the rest polite status messages. It goes away after
   * `duration` seconds (10 when left out), or stays until closed when `duration` is null.
   * @param {Toast} toast
   * @returns {HTMLElement}
   */
  show({ level = "info", title, message, duration }) {
    const seconds = duration === undefined ? 10 : duration;
    const item = document.createElement("div");
    item.className = `toast toast-${level}`;
    item.setAttribute("role", level === "error" ? "alert" : "status");
    item.dataset.testid = `toast-${level}`;

    const icon = document.createElement("span");
    icon.className = "toast-icon";
    icon.setAttribute("aria-hidden", "true");
    icon.textContent = ICONS[level] ?? ICONS.info;

    const body = document.createElement("div");
    body.className = "toast-body";
    const heading = document.createElement("strong");
    heading.className = "toast-title";
    heading.textContent = title || TITLES[level] || TITLES.info;
    const text = document.createElement("div");
    text.className = "toast-message";
    text.textContent = message;
    body.append(heading, text);

    const close = document.createElement("button");
    close.type = "button";
    close.className = "toast-close";
    close.setAttribute("aria-label", "Close");
    close.textContent = "×";
    close.addEventListener("click", () => this.dismiss(item));

    item.append(icon, body, close);
    if (seconds !== null && seconds > 0) {
      const bar = document.createElement("div");
      bar.className = "toast-timer";
      bar.style.animationDuration = `${seconds}s`;
      item.append(bar);
      // Pointing at a toast pauses it (the bar's animation pauses with it, in CSS).
      let left = seconds * 1000;
      let since = Date.now();
      let timer = setTimeout(() => this.dismiss(item), left);
      item.addEventListener("pointerenter", () => {
        clearTimeout(timer);
        left -= Date.now() - since;
      });
      item.addEventListener("pointerleave", () => {
        since = Date.now();
        timer = setTimeout(() => this.dismiss(item), Math.max(left, 500));
      });
    }
    this.stack.append(item);
    return item;
  }

  /** @param {HTMLElement} item */
  dismiss(item) {
    item.remove();
  }
}
