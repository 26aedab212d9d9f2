// The controls of a chat: icon buttons, the "Flag" menu, the inline editor of a message and
// the example cards of an empty chat. Used by components/chatbot.js, which decides which
// controls a message gets.

import { h, strokeIcon } from "./dom.js";
import { fileKind, fileUrl } from "./files.js";

const ICONS = {
  copy: '<path d="M9 9h10v12H9zM5 15H4V3h11v1"/>',
  check: '<path d="m5 12 5 5 9-10"/>',
  like: '<path d="M7 11v9H4v-9zM7 11l4-8c1.5 0 2.5 1 2.5 2.5V9h5a2 2 0 0 1 2 2.3l-1.2 7A2 2 0 0 1 17.3 20H7"/>',
  dislike: '<path d="M17 13V4h3v9zM17 13l-4 8c-1.5 0-2.5-1-2.5-2.5V15h-5a2 2 0 0 1-2-2.3l1.2-7A2 2 0 0 1 6.7 4H17"/>',
  flag: '<path d="M5 21V4M5 4h11l-2 4 2 4H5"/>',
  retry: '<path d="M20 11a8 8 0 1 0-2.3 5.7M20 4v7h-7"/>',
  undo: '<path d="M9 14 4 9l5-5M4 9h11a5 5 0 0 1 0 10h-3"/>',
  edit: '<path d="M4 20h4L19 9l-4-4L4 16zM13.5 6.5l4 4"/>',
  clear: '<path d="M4 7h16M10 11v6M14 11v6M6 7l1 13h10l1-13M9 7V4h6v3"/>',
  down: '<path d="M12 5v14M6 13l6 6 6-6"/>',
  chevron: '<path d="m9 6 6 6-6 6"/>',
};

/** @typedef {keyof typeof ICONS} IconName */

/**
 * An inline SVG icon (decorative).
 * @param {IconName} name
 */
export function icon(name) {
  return strokeIcon(ICONS[name], { size: 16, stroke: 1.8, className: "chat-icon" });
}

/**
 * A small icon button named `name` (its accessible name and tooltip).
 * @param {string} name
 * @param {IconName} iconName
 * @param {(event: MouseEvent) => void} onclick
 */
export function actionButton(name, iconName, onclick) {
  return h("button", { type: "button", class: "chat-action", "aria-label": name, title: name, onclick }, icon(iconName));
}

/**
 * A copy button: copies `text()` (awaiting `copy`), then shows a tick for a moment.
 * @param {string} name
 * @param {() => Promise<void>} copy
 */
export function copyAction(name, copy) {
  const button = actionButton(name, "copy", async () => {
    await copy();
    button.replaceChildren(icon("check"));
    button.classList.add("copied");
    setTimeout(() => {
      button.replaceChildren(icon("copy"));
      button.classList.remove("copied");
    }, 1500);
  });
  return button;
}

/**
 * A button named `name` opening a menu of `options` (arrow keys move, Escape and a click
 * outside close it); picking one calls `onPick`. While open, the message row it sits in is
 * marked "menu-open" so the menu is not clipped.
 * @param {{name: string, iconName: IconName, id: string, options: string[], current?: any,
 *   onPick: (option: string) => void}} spec
 */
export function menuButton({ name, iconName, id, options, current, onPick }) {
  const menu = h("div", { class: "flag-menu", role: "menu", id, "aria-label": name, hidden: true });
  const button = actionButton(name, iconName, () => (menu.hidden ? open() : close(false)));
  button.setAttribute("aria-haspopup", "menu");
  button.setAttribute("aria-expanded", "false");
  button.setAttribute("aria-controls", id);
  button.classList.toggle("flagged", options.includes(current));
  const wrapper = h("div", { class: "flag-wrapper" }, button, menu);
  const items = options.map((option) => {
    const item = h("button", { type: "button", role: "menuitem", class: "flag-item", tabindex: "-1" }, option);
    if (current === option) item.setAttribute("aria-current", "true");
    item.addEventListener("click", () => {
      close(true);
      onPick(option);
    });
    return item;
  });
  menu.append(...items);

  /** @param {PointerEvent} event */
  const outside = (event) => {
    if (!wrapper.contains(/** @type {Node} */ (event.target))) close(false);
  };
  const open = () => {
    menu.hidden = false;
    button.setAttribute("aria-expanded", "true");
    wrapper.closest(".msg-row")?.classList.add("menu-open");
    document.addEventListener("pointerdown", outside, true);
    items[0]?.focus();
  };
  /** @param {boolean} refocus */
  const close = (refocus) => {
    if (menu.hidden) return;
    menu.hidden = true;
    button.setAttribute("aria-expanded", "false");
    wrapper.closest(".msg-row")?.classList.remove("menu-open");
    document.removeEventListener("pointerdown", outside, true);
    if (refocus) button.focus();
  };
  wrapper.addEventListener("keydown", (event) => {
    if (menu.hidden) return;
    const at = items.indexOf(/** @type {HTMLButtonElement} */ (document.activeElement));
    if (event.key === "Escape") {
      event.preventDefault();
      close(true);
    } else if (event.key === "ArrowDown" || event.key === "ArrowUp") {
      event.preventDefault();
      const step = event.key === "ArrowDown" ? 1 : -1;
      items[(at + step + items.length) % items.length]?.focus();
    } else if (event.key === "Tab") {
      close(false);
    }
  });
  return wrapper;
}

/**
 * The inline editor of a message: a textarea named "Edit message" with Cancel and Save
 * (Escape cancels, Ctrl/Cmd+Enter saves).
 * @param {string} text
 * @param {{onSave: (text: string) => void, onCancel: () => void}} handlers
 * @returns {{element: HTMLElement, focus: () => void}}
 */
export function messageEditor(text, { onSave, onCancel }) {
  const area = h("textarea", { class: "text-input msg-edit-input", "aria-label": "Edit message", rows: "3" });
  area.value = text;
  area.addEventListener("keydown", (event) => {
    if (event.key === "Escape") {
      event.preventDefault();
      onCancel();
    } else if (event.key === "Enter" && (event.ctrlKey || event.metaKey)) {
      event.preventDefault();
      onSave(area.value);
    }
  });
  const element = h(
    "div",
    { class: "msg-editor" },
    area,
    h(
      "div",
      { class: "msg-editor-buttons" },
      h("button", { type: "button", class: "btn btn-sm btn-secondary", onclick: onCancel }, "Cancel"),
      h("button", { type: "button", class: "btn btn-sm btn-primary", onclick: () => onSave(area.value) }, "Save"),
    ),
  );
  return {
    element,
    focus() {
      area.focus();
      area.setSelectionRange(area.value.length, area.value.length);
    },
  };
}

/**
 * The parts of a message with its text replaced by `text` (files and components kept).
 * @param {import("./messages.js").Part[]} parts
 * @param {string} text
 * @returns {import("./messages.js").Part[]}
 */
export function withText(parts, text) {
  const textPart = /** @type {import("./messages.js").Part} */ ({ type: "text", text });
  const at = parts.findIndex((part) => part?.type === "text");
  if (at < 0) return [textPart, ...parts];
  return parts.filter((part, i) => part?.type !== "text" || i === at).map((part) => (part?.type === "text" ? textPart : part));
}

/**
 * A card of an empty chat, named by its label or text, with its icon (an emoji or a picture).
 * @param {{text?: string, label?: string, icon?: any, files?: any[]}} example
 * @param {number} index
 * @param {(value: {text: string, files: any[]}) => void} onSelect
 */
export function exampleCard(example, index, onSelect) {
  const name = example.label ?? example.text ?? `Example ${index + 1}`;
  const card = h("button", { type: "button", class: "chat-example", "aria-label": name });
  const iconPart = example.icon;
  if (iconPart?.type === "text") {
    card.append(h("span", { class: "example-icon example-emoji", "aria-hidden": "true" }, iconPart.text));
  } else if (iconPart?.type === "file" && fileUrl(iconPart.file)) {
    card.append(h("img", { class: "example-icon", src: fileUrl(iconPart.file), alt: "", "aria-hidden": "true" }));
  }
  const text = h("span", { class: "example-text" });
  if (example.label) text.append(h("span", { class: "example-label" }, example.label));
  if (example.text && example.text !== example.label) text.append(h("span", { class: "example-body" }, example.text));
  const files = Array.isArray(example.files) ? example.files : [];
  const pictures = files.filter((file) => fileKind(file) === "image" && fileUrl(file)).slice(0, 3);
  const others = files.length - pictures.length;
  if (others) text.append(h("span", { class: "example-files" }, others === 1 ? "1 file" : `${others} files`));
  card.append(text);
  if (pictures.length) {
    const thumbs = pictures.map((file) => h("img", { src: fileUrl(file), alt: "", loading: "lazy" }));
    card.append(h("span", { class: "example-thumbs", "aria-hidden": "true" }, ...thumbs));
  }
  card.addEventListener("click", () => onSelect({ text: example.text ?? "", files }));
  return card;
}
