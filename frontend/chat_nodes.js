// The DOM node of one chat message: its row, bubble or panel, the parts of its content, a
// thought's collapsible header, the avatar, option chips and action buttons. Used by
// components/chatbot.js, which keeps one node per message and places them in its list.
//
// Each update compares a key (or a signature per part) with the one it last drew and touches
// only what changed, so streaming into a message refills its text element in place.

import { actionButton, copyAction, icon, menuButton } from "./chat_actions.js";
import { copyText, h } from "./dom.js";
import { fileUrl } from "./files.js";
import { fillInline, fillText, hasText, messageText, partSignature, partsOf, plainContent, renderPart } from "./messages.js";

/**
 * @typedef {import("./messages.js").Message} Message
 * @typedef {import("./messages.js").TextOptions} TextOptions
 * @typedef {{
 *   row: HTMLElement, article: HTMLElement, body: HTMLElement, kind: string,
 *   parts: {element: HTMLElement, sig: any}[], children: HTMLElement | null,
 *   toggle: HTMLButtonElement | null, panel: HTMLElement | null, headKey: string, toggled: boolean,
 *   avatar: HTMLElement | null, avatarKey: string, options: HTMLElement, optionsKey: string,
 *   actions: HTMLElement, actionsKey: string, editor: HTMLElement | null, classKey: string
 * }} MessageNode
 * @typedef {{parent: number, first: boolean, last: boolean}} Where where a message goes: the
 *   index of its parent thought (-1 at the top) and whether it starts or ends a group
 * @typedef {{
 *   last: number, lastUser: number, busy: boolean,
 *   copy: boolean, like: boolean, retry: boolean, undo: boolean, edit: boolean
 * }} ActionContext what the action buttons depend on, computed once per render
 * @typedef {{
 *   props: Record<string, any>,
 *   emit: (event: string, data?: any) => void,
 *   partId: (name: string) => string,
 *   message: (index: number) => Message,
 *   lastUser: () => number,
 *   feedback: ReadonlyMap<number, any>,
 *   giveFeedback: (index: number, liked: any) => void,
 *   startEdit: (index: number) => void,
 * }} NodeHost what the nodes need from the chat element: its props, `emit`, ids unique to it,
 *   the messages as they are when a button is clicked (and the index of the last user message),
 *   the feedback given so far, and what liking and editing do
 */

export const ROLE_NAMES = { user: "User", assistant: "Assistant", system: "System" };

/**
 * A new, empty node for `message`: a thought (metadata.title) gets a toggle and a panel that
 * holds its nested messages; a top-level message gets an avatar slot.
 * @param {Message} message
 * @param {string} kind what the node was made for; a message of another kind needs a new node
 * @param {boolean} nested
 * @param {(name: string) => string} partId ids unique to the chat element
 * @returns {MessageNode}
 */
export function createNode(message, kind, nested, partId) {
  const role = ["user", "assistant", "system"].includes(message?.role) ? message.role : "assistant";
  const thought = message?.metadata?.title != null;
  const body = h("div", { class: "msg-body" });
  const article = h("div", { class: `message msg-${role}`, role: "article", "data-role": role });
  const options = h("div", { class: "msg-options", hidden: true });
  const actions = h("div", { class: "msg-actions", role: "group", "aria-label": "Message actions", hidden: true });
  const column = h("div", { class: "msg-column" }, article, options, actions);
  // Only the message itself carries data-role, so counting [data-role=...] counts messages.
  const row = h("div", { class: `msg-row msg-row-${role}` }, column);
  if (nested) row.classList.add("msg-nested");
  /** @type {MessageNode} */
  const node = {
    row, article, body, kind, parts: [], children: null, toggle: null, panel: null, headKey: "", toggled: false,
    avatar: null, avatarKey: "", options, optionsKey: "", actions, actionsKey: "", editor: null, classKey: "",
  };
  if (thought) {
    article.classList.add("thought");
    const id = `${partId("thought")}-${Math.random().toString(36).slice(2, 9)}`;
    const toggle = h("button", { type: "button", class: "thought-toggle", "aria-expanded": "true", "aria-controls": id });
    const children = h("div", { class: "thought-children" });
    const panel = h("div", { class: "thought-body", id }, body, children);
    toggle.addEventListener("click", () => {
      node.toggled = true;
      setOpen(node, toggle.getAttribute("aria-expanded") !== "true");
    });
    article.append(toggle, panel);
    node.toggle = toggle;
    node.panel = panel;
    node.children = children;
  } else {
    article.append(body);
  }
  if (!nested) {
    node.avatar = h("div", { class: "msg-avatar", "aria-hidden": "true" });
    row.prepend(node.avatar);
  }
  return node;
}

/**
 * Open or close a thought's panel.
 * @param {MessageNode} node
 * @param {boolean} open
 */
export function setOpen(node, open) {
  node.toggle?.setAttribute("aria-expanded", String(open));
  node.article.classList.toggle("open", open);
  if (node.panel) node.panel.hidden = !open;
}

/**
 * Bring one message's node up to date, touching only what changed.
 * @param {MessageNode} node
 * @param {Message} message
 * @param {number} index
 * @param {Where} where
 * @param {TextOptions} options
 * @param {ActionContext} context
 * @param {NodeHost} host
 */
export function updateNode(node, message, index, where, options, context, host) {
  const role = node.article.dataset.role ?? "assistant";
  const classKey = `${where.first}|${where.last}`;
  if (classKey !== node.classKey) {
    node.classKey = classKey;
    node.row.classList.toggle("group-first", where.first);
    node.row.classList.toggle("group-last", where.last);
  }
  if (!node.editor) updateParts(node, partsOf(message), options);
  const meta = message?.metadata;
  if (node.toggle && meta) updateThought(node, meta);
  else if (node.article.getAttribute("aria-label") !== `${ROLE_NAMES[role] ?? "Assistant"} message`) {
    node.article.setAttribute("aria-label", `${ROLE_NAMES[role] ?? "Assistant"} message`);
  }
  updateAvatar(node, role, where.first, host.props.avatar_images);
  updateOptions(node, message, host.emit);
  updateActions(node, message, index, role, where, context, host);
}

/**
 * Draw the parts of a message whose signature changed; a text part being streamed is refilled
 * in place.
 * @param {MessageNode} node
 * @param {import("./messages.js").Part[]} parts
 * @param {TextOptions} options
 */
export function updateParts(node, parts, options) {
  const sigs = parts.map(partSignature);
  if (node.parts.length === sigs.length && node.parts.every((p, j) => p.sig === sigs[j])) return;
  parts.forEach((part, j) => {
    const old = node.parts[j];
    if (old && old.sig === sigs[j]) return;
    if (old && part?.type === "text" && old.element.classList.contains("msg-text")) {
      fillText(old.element, part.text, options); // streaming: the same element, refilled
      old.sig = sigs[j];
      return;
    }
    const element = renderPart(part, options);
    if (old) old.element.replaceWith(element);
    else node.body.append(element);
    node.parts[j] = { element, sig: sigs[j] };
  });
  for (const extra of node.parts.splice(parts.length)) extra.element.remove();
  node.article.classList.toggle("media-only", parts.length > 0 && parts.every((p) => p?.type !== "text"));
}

/**
 * A thought's header: title, spinner while pending, log and duration; collapsed when done
 * (unless the user opened or closed it).
 * @param {MessageNode} node
 * @param {import("./messages.js").Metadata} meta
 */
export function updateThought(node, meta) {
  const key = JSON.stringify([meta.title, meta.status, meta.log, meta.duration]);
  if (key === node.headKey) return;
  node.headKey = key;
  const pending = meta.status === "pending";
  const toggle = /** @type {HTMLButtonElement} */ (node.toggle);
  const details = [meta.log, typeof meta.duration === "number" ? `${formatDuration(meta.duration)}` : ""].filter(Boolean).join(" · ");
  // The title is markdown, as the reference shows it ("Used tool **search**").
  const title = h("span", { class: "thought-title" });
  fillInline(title, String(meta.title ?? ""));
  toggle.replaceChildren(
    pending ? h("span", { class: "spinner thought-spinner", "aria-hidden": "true" }) : icon("chevron"),
    title,
  );
  if (details) toggle.append(h("span", { class: "thought-meta" }, details));
  node.article.setAttribute("aria-label", `Thought: ${title.textContent ?? ""}`);
  node.article.setAttribute("aria-busy", String(pending));
  node.article.classList.toggle("pending", pending);
  if (!node.toggled) setOpen(node, meta.status !== "done");
}

/**
 * The avatar of a top-level message, shown on the first message of a group.
 * @param {MessageNode} node
 * @param {string} role
 * @param {boolean} first
 * @param {any} avatarImages the `avatar_images` prop: [user, assistant]
 */
export function updateAvatar(node, role, first, avatarImages) {
  if (!node.avatar) return;
  const pair = Array.isArray(avatarImages) ? avatarImages : [];
  const data = role === "user" ? pair[0] : role === "assistant" ? pair[1] : null;
  const url = fileUrl(data);
  const key = `${url}|${first}|${pair.length}`;
  if (key === node.avatarKey) return;
  node.avatarKey = key;
  node.row.classList.toggle("has-avatar", !!url);
  node.row.classList.toggle("with-avatars", pair.some((a) => !!fileUrl(a)));
  node.avatar.replaceChildren(url && first ? h("img", { src: url, alt: "" }) : "");
}

/**
 * Option chips under a message; clicking one fires `option_select` with {index, value}.
 * @param {MessageNode} node
 * @param {Message} message
 * @param {NodeHost["emit"]} emit
 */
export function updateOptions(node, message, emit) {
  const options = Array.isArray(message?.options) ? message.options : [];
  const key = options.length ? JSON.stringify(options) : "";
  if (key === node.optionsKey) return;
  node.optionsKey = key;
  node.options.replaceChildren(
    ...options.map((option, index) =>
      h(
        "button",
        { type: "button", class: "msg-option", onclick: () => emit("option_select", { index, value: option.value }) },
        option.label ?? option.value,
      ),
    ),
  );
  node.options.hidden = !options.length;
}

/**
 * The action buttons of a message: each only when it applies and (but Copy) is listened to.
 * @param {MessageNode} node
 * @param {Message} message
 * @param {number} index
 * @param {string} role
 * @param {Where} where
 * @param {ActionContext} context
 * @param {NodeHost} host
 */
export function updateActions(node, message, index, role, where, context, host) {
  const { props } = host;
  /** @type {string[]} */
  const names = [];
  if (where.parent < 0 && where.last && role !== "system" && !node.editor) {
    if (context.copy && hasText(message)) names.push("copy");
    const likeable = role === "assistant" || (role === "user" && props.like_user_message === true);
    const feedback = feedbackOptions(props);
    if (context.like && likeable) {
      if (feedback.includes("Like")) names.push("like");
      if (feedback.includes("Dislike")) names.push("dislike");
      if (feedback.some((f) => f !== "Like" && f !== "Dislike")) names.push("flag");
    }
    const editable = props.editable === "all" || (props.editable === "user" && role === "user");
    if (context.edit && editable && !node.toggle && hasText(message)) names.push("edit");
    if (index === context.last && context.retry) names.push("retry");
    if (index === context.last && context.undo) names.push("undo");
  }
  const liked = host.feedback.get(index);
  const key = JSON.stringify([names, liked ?? null, props.feedback_options ?? null]);
  if (key === node.actionsKey) return;
  node.actionsKey = key;
  node.actions.replaceChildren(...names.map((name) => action(name, index, liked, host)));
  node.actions.hidden = names.length === 0;
  node.row.classList.toggle("has-actions", names.length > 0);
}

/**
 * One action button of message `index`.
 * @param {string} name
 * @param {number} index
 * @param {any} liked the feedback already given, if any
 * @param {NodeHost} host
 * @returns {HTMLElement}
 */
function action(name, index, liked, host) {
  const { emit } = host;
  switch (name) {
    case "copy":
      return copyAction("Copy", async () => {
        const text = messageText(host.message(index));
        await copyText(text);
        emit("copy", { index, value: text });
      });
    case "like":
    case "dislike": {
      const value = name === "like";
      const button = actionButton(value ? "Like" : "Dislike", name, () => host.giveFeedback(index, value));
      button.setAttribute("aria-pressed", String(liked === value));
      return button;
    }
    case "flag":
      return menuButton({
        name: "Flag",
        iconName: "flag",
        id: `${host.partId("flag")}-${index}`,
        options: feedbackOptions(host.props).filter((f) => f !== "Like" && f !== "Dislike"),
        current: liked,
        onPick: (option) => host.giveFeedback(index, option),
      });
    case "edit":
      return actionButton("Edit", "edit", () => host.startEdit(index));
    case "retry":
    case "undo": {
      const label = name === "retry" ? "Retry" : "Undo";
      return actionButton(label, name, () => {
        const target = host.lastUser();
        emit(name, { index: target, value: plainContent(host.message(target)) });
      });
    }
    default:
      return h("span");
  }
}

/**
 * The feedback a message can be given (`feedback_options`, Like and Dislike by default).
 * @param {Record<string, any>} props
 * @returns {string[]}
 */
function feedbackOptions(props) {
  const options = props.feedback_options;
  return Array.isArray(options) ? options.map(String) : ["Like", "Dislike"];
}

/**
 * A thought's duration: "2.5s", "42s", "3m 5s".
 * @param {number} seconds
 */
function formatDuration(seconds) {
  if (seconds < 60) return `${seconds < 10 ? seconds.toFixed(1) : Math.round(seconds)}s`;
  return `${Math.floor(seconds / 60)}m ${Math.round(seconds % 60)}s`;
}

/**
 * Whether two JSON-like values are the same.
 * @param {any} a
 * @param {any} b
 * @returns {boolean}
 */
export function jsonSame(a, b) {
  return a === b || JSON.stringify(a) === JSON.stringify(b);
}
