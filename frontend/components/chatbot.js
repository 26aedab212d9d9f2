// Chatbot: the conversation as a `log` region of messages (bubbles or panels), with thoughts,
// files, inline components, option chips, example cards, and the action buttons (Copy, Like,
// Dislike, Flag, Retry, Undo, Edit, Clear) whose events have listeners.
//
// Rendering is incremental: each message keeps its DOM node (by index) and a signature per part;
// a render only touches the parts whose signature changed, so streaming into the last message
// re-renders that message alone (at most once per frame, as the store flushes) and the nodes of
// earlier messages stay the same objects.

import { actionButton, copyAction, exampleCard, icon, menuButton, messageEditor, withText } from "../chat_actions.js";
import { h } from "../dom.js";
import { componentStyles, fileUrl } from "../files.js";
import { copyText } from "../dom.js";
import { fillText, hasText, messageText, partSignature, partsOf, plainContent, renderPart } from "../messages.js";
import { BlockElement, define } from "./base.js";

await componentStyles("chatbot.css", import.meta.url);

/**
 * @typedef {import("../messages.js").Message} Message
 * @typedef {import("../messages.js").TextOptions} TextOptions
 * @typedef {{
 *   row: HTMLElement, article: HTMLElement, body: HTMLElement, kind: string,
 *   parts: {element: HTMLElement, sig: any}[], children: HTMLElement | null,
 *   toggle: HTMLButtonElement | null, panel: HTMLElement | null, headKey: string, toggled: boolean,
 *   avatar: HTMLElement | null, avatarKey: string, options: HTMLElement, optionsKey: string,
 *   actions: HTMLElement, actionsKey: string, editor: HTMLElement | null, classKey: string
 * }} MessageNode
 */

const ROLE_NAMES = { user: "User", assistant: "Assistant", system: "System" };

/**
 * A size prop as CSS: numbers are pixels.
 * @param {any} size
 */
function cssSize(size) {
  return typeof size === "number" ? `${size}px` : typeof size === "string" ? size : "";
}

export class ChatbotBlock extends BlockElement {
  static boxed = true;

  constructor() {
    super();
    /** @type {MessageNode[]} */
    this.nodes = [];
    /** @type {Map<number, any>} the feedback given to each message, by index */
    this.feedback = new Map();
    this.appliedFeedback = undefined;
    this.optionsKey = "";
    this.emptyKey = "";
    this.pinned = true;
    /** when the user last moved the log themselves (wheel, touch, keys, the scrollbar) */
    this.userScrolledAt = -Infinity;
    this.frameQueued = false;
  }

  build() {
    this.labelText = h("span", { class: "blk-label-text", id: this.partId("label") });
    this.labelBadge = h("div", { class: "chat-label" }, this.labelText);
    this.copyAll = copyAction("Copy conversation", () => this.copyConversation());
    this.clearButton = actionButton("Clear", "clear", () => this.clearChat());
    this.toolbar = h("div", { class: "chat-toolbar" }, this.copyAll, this.clearButton);
    this.head = h("div", { class: "chat-head" }, this.labelBadge, this.toolbar);
    this.list = h("div", { class: "chat-list" });
    this.empty = h("div", { class: "chat-empty" });
    /** @type {number | undefined} how many messages there were when the failure came */
    this.failedAt = undefined;
    /** The last failure of a job writing to the chat, shown under the messages until they change. */
    this.failure = h("div", { class: "chat-error", hidden: true });
    this.log = h("div", { class: "chat-log", role: "log", tabindex: "0" }, this.empty, this.list, this.failure);
    this.addEventListener("blocks-error", (event) => {
      const error = /** @type {CustomEvent} */ (event).detail ?? {};
      const failure = /** @type {HTMLElement} */ (this.failure);
      failure.textContent = `${error.title && error.title !== "Error" ? `${error.title}: ` : ""}${error.message ?? "Error"}`;
      failure.hidden = false;
      this.failedAt = this.messages.length;
      this.followEnd();
    });
    this.scrollButton = h(
      "button",
      { type: "button", class: "chat-scroll-bottom", "aria-label": "Scroll to bottom", title: "Scroll to bottom", hidden: true },
      icon("down"),
    );
    this.scrollButton.addEventListener("click", () => {
      this.pinned = true;
      this.followEnd();
    });
    this.frame = h("div", { class: "chat-frame" }, this.log, this.scrollButton);
    this.append(this.head, this.frame);

    this.log.addEventListener("scroll", () => this.onScroll(), { passive: true });
    const moved = () => {
      this.userScrolledAt = performance.now();
    };
    // Moving the focus in the log (Tab, an editor opening) scrolls it too.
    for (const type of ["wheel", "touchmove", "pointerdown", "keydown", "focusin"]) {
      this.log.addEventListener(type, moved, { passive: true });
    }
    // Content that grows on its own (images loading, maths typeset) keeps a pinned log at the end.
    new ResizeObserver(() => this.followEnd()).observe(this.list);
    // The status board marks the block busy while a job writes to it: actions depend on that.
    new MutationObserver(() => this.queueRender()).observe(this, { attributes: true, attributeFilter: ["aria-busy"] });
  }

  /** Render again at the next frame (for changes that do not come through the store). */
  queueRender() {
    if (this.frameQueued || !this.built) return;
    this.frameQueued = true;
    requestAnimationFrame(() => {
      this.frameQueued = false;
      this.render();
    });
  }

  /** @returns {Message[]} */
  get messages() {
    return Array.isArray(this.value) ? this.value : [];
  }

  render() {
    const { props } = this;
    const log = /** @type {HTMLElement} */ (this.log);
    // The failure note goes once the conversation moves on or another job writes to it.
    if (this.failedAt !== undefined && (this.failedAt !== this.messages.length || this.getAttribute("aria-busy") === "true")) {
      /** @type {HTMLElement} */ (this.failure).hidden = true;
      this.failedAt = undefined;
    }
    const messages = this.messages;
    this.renderFrame(messages);

    /** @type {TextOptions} */
    const options = {
      markdown: props.render_markdown !== false,
      sanitize: props.sanitize_html !== false,
      lineBreaks: props.line_breaks !== false,
      delimiters: Array.isArray(props.latex_delimiters) ? props.latex_delimiters : null,
      downloads: props.allow_file_downloads !== false,
    };
    const optionsKey = JSON.stringify(options);
    if (optionsKey !== this.optionsKey) {
      // How text renders changed: every part must be drawn again.
      this.optionsKey = optionsKey;
      for (const node of this.nodes) {
        node.body.replaceChildren();
        node.parts = [];
      }
    }
    if (!jsonSame(props.feedback_value, this.appliedFeedback)) {
      this.appliedFeedback = props.feedback_value;
      this.feedback.clear();
      (Array.isArray(props.feedback_value) ? props.feedback_value : []).forEach((value, index) => {
        if (value != null) this.feedback.set(index, value === "Like" ? true : value === "Dislike" ? false : value);
      });
    }

    while (this.nodes.length > messages.length) this.nodes.pop()?.row.remove();
    for (const index of [...this.feedback.keys()]) if (index >= messages.length) this.feedback.delete(index);

    const layout = this.layoutOf(messages);
    const context = this.actionContext(messages);
    /** @type {Map<HTMLElement, Element | null>} the last row placed in each container */
    const placed = new Map();
    messages.forEach((message, index) => {
      const where = layout[index];
      const kind = `${message?.role}|${message?.metadata?.title != null ? "thought" : "message"}|${where.parent >= 0 ? "nested" : "top"}`;
      let node = this.nodes[index];
      if (!node || node.kind !== kind) {
        const fresh = this.createNode(message, kind, where.parent >= 0);
        node?.row.replaceWith(fresh.row);
        node = this.nodes[index] = fresh;
      }
      this.updateNode(node, message, index, where, options, context);
      const container = /** @type {HTMLElement} */ (where.parent >= 0 ? this.nodes[where.parent].children : this.list);
      const previous = placed.get(container) ?? null;
      const inPlace = node.row.parentElement === container && node.row.previousElementSibling === previous;
      if (!inPlace) {
        if (previous) previous.after(node.row);
        else container.prepend(node.row);
      }
      placed.set(container, node.row);
    });
    log.classList.toggle("is-empty", messages.length === 0);
    this.followEnd();
  }

  /**
   * The label, size, toolbar and empty state: cheap, and compared before writing.
   * @param {Message[]} messages
   */
  renderFrame(messages) {
    const { props } = this;
    const log = /** @type {HTMLElement} */ (this.log);
    const label = this.label;
    if (/** @type {HTMLElement} */ (this.labelText).textContent !== label) /** @type {HTMLElement} */ (this.labelText).textContent = label;
    const showLabel = props.show_label !== false && !!label;
    /** @type {HTMLElement} */ (this.labelBadge).hidden = !showLabel;
    log.setAttribute("aria-label", label || "Chatbot");
    log.dir = props.rtl ? "rtl" : "ltr";
    this.dataset.layout = props.layout === "panel" ? "panel" : "bubble";
    const frame = /** @type {HTMLElement} */ (this.frame);
    frame.style.height = cssSize(props.height);
    frame.style.minHeight = cssSize(props.min_height);
    frame.style.maxHeight = cssSize(props.max_height);
    frame.classList.toggle("resizable", props.resizable === true);
    const buttons = Array.isArray(props.buttons) ? props.buttons : ["copy", "copy_all"];
    /** @type {HTMLElement} */ (this.copyAll).hidden = !(buttons.includes("copy_all") && messages.length);
    /** @type {HTMLElement} */ (this.clearButton).hidden = !(messages.length && this.listens("clear"));
    const toolbarShown = !this.copyAll?.hidden || !this.clearButton?.hidden;
    /** @type {HTMLElement} */ (this.head).hidden = !showLabel && !toolbarShown;
    this.renderEmpty(messages.length === 0);
  }

  /**
   * The placeholder and example cards of an empty chat.
   * @param {boolean} isEmpty
   */
  renderEmpty(isEmpty) {
    const empty = /** @type {HTMLElement} */ (this.empty);
    const { placeholder, examples } = this.props;
    const key = isEmpty ? JSON.stringify([placeholder, examples, this.optionsKey]) : "";
    if (key === this.emptyKey) return;
    this.emptyKey = key;
    empty.replaceChildren();
    empty.hidden = !isEmpty || (!placeholder && !examples?.length);
    if (!isEmpty) return;
    if (placeholder) {
      const text = h("div", { class: "chat-placeholder" });
      fillText(text, String(placeholder), { markdown: true, sanitize: true, lineBreaks: false, delimiters: null, downloads: false });
      empty.append(text);
    }
    if (Array.isArray(examples) && examples.length) {
      const cards = examples.map((example, index) =>
        exampleCard(example, index, (value) => this.emit("example_select", { index, value })),
      );
      empty.append(h("div", { class: "chat-examples", role: "group", "aria-label": "Examples" }, ...cards));
    }
  }

  /**
   * Where each message goes (its parent thought, by metadata.parent_id) and how it groups.
   * @param {Message[]} messages
   * @returns {{parent: number, first: boolean, last: boolean}[]}
   */
  layoutOf(messages) {
    /** @type {Map<any, number>} */
    const ids = new Map();
    const grouped = this.props.group_consecutive_messages !== false;
    const layout = messages.map((message, index) => {
      const meta = message?.metadata;
      const parent = meta?.parent_id != null && ids.has(meta.parent_id) ? /** @type {number} */ (ids.get(meta.parent_id)) : -1;
      if (meta?.id != null && meta.title != null) ids.set(meta.id, index);
      return { parent, first: true, last: true };
    });
    let previous = -1;
    messages.forEach((message, index) => {
      if (layout[index].parent >= 0) return;
      if (grouped && previous >= 0 && messages[previous]?.role === message?.role && message?.role !== "system") {
        layout[index].first = false;
        layout[previous].last = false;
      }
      previous = index;
    });
    return layout;
  }

  /**
   * What the action buttons depend on, computed once per render.
   * @param {Message[]} messages
   */
  actionContext(messages) {
    let lastUser = -1;
    for (let i = messages.length - 1; i >= 0; i--) {
      if (messages[i]?.role === "user") {
        lastUser = i;
        break;
      }
    }
    const busy = this.getAttribute("aria-busy") === "true";
    const buttons = Array.isArray(this.props.buttons) ? this.props.buttons : ["copy", "copy_all"];
    return {
      last: messages.length - 1,
      lastUser,
      busy,
      copy: buttons.includes("copy"),
      like: this.listens("like"),
      retry: this.listens("retry") && lastUser >= 0 && !busy,
      undo: this.listens("undo") && lastUser >= 0 && !busy,
      edit: this.listens("edit") && !busy,
    };
  }

  /**
   * @param {Message} message
   * @param {string} kind
   * @param {boolean} nested
   * @returns {MessageNode}
   */
  createNode(message, kind, nested) {
    const role = ["user", "assistant", "system"].includes(message?.role) ? message.role : "assistant";
    const thought = message?.metadata?.title != null;
    const body = h("div", { class: "msg-body" });
    const article = h("div", { class: `message msg-${role}`, role: "article", "data-role": role });
    const options = h("div", { class: "msg-options", hidden: true });
    const actions = h("div", { class: "msg-actions", role: "group", "aria-label": "Message actions", hidden: true });
    const column = h("div", { class: "msg-column" }, article, options, actions);
    const row = h("div", { class: `msg-row msg-row-${role}`, "data-role": role }, column);
    if (nested) row.classList.add("msg-nested");
    /** @type {MessageNode} */
    const node = {
      row, article, body, kind, parts: [], children: null, toggle: null, panel: null, headKey: "", toggled: false,
      avatar: null, avatarKey: "", options, optionsKey: "", actions, actionsKey: "", editor: null, classKey: "",
    };
    if (thought) {
      article.classList.add("thought");
      const id = `${this.partId("thought")}-${Math.random().toString(36).slice(2, 9)}`;
      const toggle = h("button", { type: "button", class: "thought-toggle", "aria-expanded": "true", "aria-controls": id });
      const children = h("div", { class: "thought-children" });
      const panel = h("div", { class: "thought-body", id }, body, children);
      toggle.addEventListener("click", () => {
        node.toggled = true;
        this.setOpen(node, toggle.getAttribute("aria-expanded") !== "true");
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
   * @param {MessageNode} node
   * @param {boolean} open
   */
  setOpen(node, open) {
    node.toggle?.setAttribute("aria-expanded", String(open));
    node.article.classList.toggle("open", open);
    if (node.panel) node.panel.hidden = !open;
  }

  /**
   * Bring one message's node up to date, touching only what changed.
   * @param {MessageNode} node
   * @param {Message} message
   * @param {number} index
   * @param {{parent: number, first: boolean, last: boolean}} where
   * @param {TextOptions} options
   * @param {ReturnType<ChatbotBlock["actionContext"]>} context
   */
  updateNode(node, message, index, where, options, context) {
    const role = node.row.dataset.role ?? "assistant";
    const classKey = `${where.first}|${where.last}`;
    if (classKey !== node.classKey) {
      node.classKey = classKey;
      node.row.classList.toggle("group-first", where.first);
      node.row.classList.toggle("group-last", where.last);
    }
    if (!node.editor) this.updateParts(node, partsOf(message), options);
    const meta = message?.metadata;
    if (node.toggle && meta) this.updateThought(node, meta);
    else if (node.article.getAttribute("aria-label") !== `${ROLE_NAMES[role] ?? "Assistant"} message`) {
      node.article.setAttribute("aria-label", `${ROLE_NAMES[role] ?? "Assistant"} message`);
    }
    this.updateAvatar(node, role, where.first);
    this.updateOptions(node, message);
    this.updateActions(node, message, index, role, where, context);
  }

  /**
   * @param {MessageNode} node
   * @param {import("../messages.js").Part[]} parts
   * @param {TextOptions} options
   */
  updateParts(node, parts, options) {
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
   * @param {import("../messages.js").Metadata} meta
   */
  updateThought(node, meta) {
    const key = JSON.stringify([meta.title, meta.status, meta.log, meta.duration]);
    if (key === node.headKey) return;
    node.headKey = key;
    const pending = meta.status === "pending";
    const toggle = /** @type {HTMLButtonElement} */ (node.toggle);
    const details = [meta.log, typeof meta.duration === "number" ? `${formatDuration(meta.duration)}` : ""].filter(Boolean).join(" · ");
    toggle.replaceChildren(
      pending ? h("span", { class: "spinner thought-spinner", "aria-hidden": "true" }) : icon("chevron"),
      h("span", { class: "thought-title" }, String(meta.title ?? "")),
    );
    if (details) toggle.append(h("span", { class: "thought-meta" }, details));
    node.article.setAttribute("aria-label", `Thought: ${meta.title ?? ""}`);
    node.article.setAttribute("aria-busy", String(pending));
    node.article.classList.toggle("pending", pending);
    if (!node.toggled) this.setOpen(node, meta.status !== "done");
  }

  /**
   * @param {MessageNode} node
   * @param {string} role
   * @param {boolean} first
   */
  updateAvatar(node, role, first) {
    if (!node.avatar) return;
    const pair = Array.isArray(this.props.avatar_images) ? this.props.avatar_images : [];
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
   */
  updateOptions(node, message) {
    const options = Array.isArray(message?.options) ? message.options : [];
    const key = options.length ? JSON.stringify(options) : "";
    if (key === node.optionsKey) return;
    node.optionsKey = key;
    node.options.replaceChildren(
      ...options.map((option, index) =>
        h(
          "button",
          { type: "button", class: "msg-option", onclick: () => this.emit("option_select", { index, value: option.value }) },
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
   * @param {{parent: number, first: boolean, last: boolean}} where
   * @param {ReturnType<ChatbotBlock["actionContext"]>} context
   */
  updateActions(node, message, index, role, where, context) {
    const { props } = this;
    /** @type {string[]} */
    const names = [];
    if (where.parent < 0 && where.last && role !== "system" && !node.editor) {
      if (context.copy && hasText(message)) names.push("copy");
      const likeable = role === "assistant" || (role === "user" && props.like_user_message === true);
      const feedback = this.feedbackOptions();
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
    const liked = this.feedback.get(index);
    const key = JSON.stringify([names, liked ?? null, props.feedback_options ?? null]);
    if (key === node.actionsKey) return;
    node.actionsKey = key;
    node.actions.replaceChildren(...names.map((name) => this.action(name, index, liked)));
    node.actions.hidden = names.length === 0;
    node.row.classList.toggle("has-actions", names.length > 0);
  }

  /**
   * One action button of message `index`.
   * @param {string} name
   * @param {number} index
   * @param {any} liked the feedback already given, if any
   * @returns {HTMLElement}
   */
  action(name, index, liked) {
    const message = () => this.messages[index];
    switch (name) {
      case "copy":
        return copyAction("Copy", async () => {
          const text = messageText(message());
          await copyText(text);
          this.emit("copy", { index, value: text });
        });
      case "like":
      case "dislike": {
        const value = name === "like";
        const button = actionButton(value ? "Like" : "Dislike", name, () => this.giveFeedback(index, value));
        button.setAttribute("aria-pressed", String(liked === value));
        return button;
      }
      case "flag":
        return menuButton({
          name: "Flag",
          iconName: "flag",
          id: `${this.partId("flag")}-${index}`,
          options: this.feedbackOptions().filter((f) => f !== "Like" && f !== "Dislike"),
          current: liked,
          onPick: (option) => this.giveFeedback(index, option),
        });
      case "edit":
        return actionButton("Edit", "edit", () => this.startEdit(index));
      case "retry":
      case "undo": {
        const label = name === "retry" ? "Retry" : "Undo";
        return actionButton(label, name, () => {
          const context = this.actionContext(this.messages);
          const target = context.lastUser;
          this.emit(name, { index: target, value: plainContent(this.messages[target]) });
        });
      }
      default:
        return h("span");
    }
  }

  /** @returns {string[]} */
  feedbackOptions() {
    const options = this.props.feedback_options;
    return Array.isArray(options) ? options.map(String) : ["Like", "Dislike"];
  }

  /**
   * The user liked, disliked or flagged message `index`.
   * @param {number} index
   * @param {any} liked true, false or a feedback option
   */
  giveFeedback(index, liked) {
    const message = this.messages[index];
    if (!message) return;
    this.feedback.set(index, liked);
    this.emit("like", { index, value: plainContent(message), liked });
    this.queueRender();
  }

  /**
   * Edit message `index` in place: a textarea with Save and Cancel.
   * @param {number} index
   */
  startEdit(index) {
    const node = this.nodes[index];
    const message = this.messages[index];
    if (!node || !message || node.editor) return;
    const previous = messageText(message);
    const finish = () => {
      node.editor?.remove();
      node.editor = null;
      node.body.hidden = false;
      node.article.classList.remove("editing");
      node.actionsKey = "";
      this.render();
    };
    const editor = messageEditor(previous, {
      onSave: (text) => {
        finish();
        if (text === previous) return;
        const messages = this.messages.slice();
        messages[index] = { ...message, content: withText(partsOf(message), text) };
        this.commit(messages);
        this.emit("edit", { index, value: text, previous_value: previous });
      },
      onCancel: () => {
        finish();
        /** @type {HTMLElement | null} */ (node.actions.querySelector('[aria-label="Edit"]'))?.focus();
      },
    });
    node.editor = editor.element;
    node.body.hidden = true;
    node.article.append(editor.element);
    node.article.classList.add("editing");
    this.render();
    editor.focus();
  }

  clearChat() {
    this.commit([]);
    this.emit("clear");
  }

  /** The whole conversation as text ("Role: text" per message) on the clipboard. */
  async copyConversation() {
    const text = this.messages
      .map((message) => `${ROLE_NAMES[message?.role] ?? message?.role}: ${messageText(message)}`)
      .join("\n\n");
    await copyText(text);
  }

  onScroll() {
    const log = /** @type {HTMLElement} */ (this.log);
    const atEnd = log.scrollHeight - log.scrollTop - log.clientHeight < 40;
    // Only the user unpins the log: our own scrolling, and the browser keeping the view steady
    // while rows above are laid out (scroll anchoring), say nothing of where they want to be.
    if (atEnd) this.pinned = true;
    else if (performance.now() - this.userScrolledAt < 1000) this.pinned = false;
    /** @type {HTMLElement} */ (this.scrollButton).hidden = this.pinned || atEnd;
  }

  /** Keep a pinned log at its end (autoscroll); otherwise offer "Scroll to bottom". */
  followEnd() {
    const log = this.log;
    if (!log) return;
    const distance = log.scrollHeight - log.scrollTop - log.clientHeight;
    if (this.pinned && this.props.autoscroll !== false) {
      if (distance > 1) log.scrollTop = log.scrollHeight;
      /** @type {HTMLElement} */ (this.scrollButton).hidden = true;
    } else {
      /** @type {HTMLElement} */ (this.scrollButton).hidden = distance < 40;
    }
  }
}

/**
 * @param {number} seconds
 */
function formatDuration(seconds) {
  if (seconds < 60) return `${seconds < 10 ? seconds.toFixed(1) : Math.round(seconds)}s`;
  return `${Math.floor(seconds / 60)}m ${Math.round(seconds % 60)}s`;
}

/**
 * @param {any} a
 * @param {any} b
 */
function jsonSame(a, b) {
  return a === b || JSON.stringify(a) === JSON.stringify(b);
}

define("chatbot", ChatbotBlock);
