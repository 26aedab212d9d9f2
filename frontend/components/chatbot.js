// Chatbot: the conversation as a `log` region of messages (bubbles or panels), with thoughts,
// files, inline components, option chips, example cards, and the action buttons (Copy, Like,
// Dislike, Flag, Retry, Undo, Edit, Clear) whose events have listeners.
//
// Rendering is incremental: each message keeps its DOM node (by index, see chat_nodes.js) and a
// signature per part; a render only touches the parts whose signature changed, so streaming into
// the last message re-renders that message alone (at most once per frame, as the store flushes)
// and the nodes of earlier messages stay the same objects.

import { actionButton, copyAction, exampleCard, icon, messageEditor, withText } from "../chat_actions.js";
import { ROLE_NAMES, createNode, jsonSame, updateNode } from "../chat_nodes.js";
import { copyText, h } from "../dom.js";
import { componentStyles } from "../files.js";
import { loadRemoteMedia } from "../markdown.js";
import { fillText, messageText, partsOf, plainContent } from "../messages.js";
import { BlockElement, define } from "./base.js";

await componentStyles("chatbot.css", import.meta.url);

/**
 * @typedef {import("../messages.js").Message} Message
 * @typedef {import("../messages.js").TextOptions} TextOptions
 * @typedef {import("../chat_nodes.js").MessageNode} MessageNode
 * @typedef {import("../chat_nodes.js").Where} Where
 * @typedef {import("../chat_nodes.js").ActionContext} ActionContext
 * @typedef {import("../chat_nodes.js").NodeHost} NodeHost
 */

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
    /** @type {Set<string>} the remote media the user asked to load (their markup) */
    this.approvedMedia = new Set();
    /** @type {import("../status.js").StatusView | null} the job writing to the chat (status.js) */
    this.status = null;
    this.pendingKey = "";
  }

  build() {
    this.labelText = h("span", { class: "blk-label-text", id: this.partId("label") });
    this.labelBadge = h("div", { class: "chat-label" }, this.labelText);
    this.copyAll = copyAction("Copy conversation", () => this.copyConversation());
    this.clearButton = actionButton("Clear", "clear", () => this.clearChat());
    this.toolbar = h("div", { class: "chat-toolbar" }, this.copyAll, this.clearButton);
    this.head = h("div", { class: "chat-head" }, this.labelBadge, this.toolbar);
    this.list = h("div", { class: "chat-list" });
    // Remote pictures in messages wait behind a "Load image from host" button (markdown.js).
    this.list.addEventListener("click", (event) => this.loadMedia(event));
    this.list.addEventListener("keydown", (event) => {
      if (event.key === "Enter" || event.key === " ") this.loadMedia(event);
    });
    this.empty = h("div", { class: "chat-empty" });
    /** @type {number | undefined} how many messages there were when the failure came */
    this.failedAt = undefined;
    /** The last failure of a job writing to the chat, shown under the messages until they change. */
    this.failure = h("div", { class: "chat-error", hidden: true });
    // While a job writes to the chat: a pending reply (queued, thinking, its progress) until
    // the first token shows, then only the progress the function reports.
    this.pendingText = h("span", { class: "chat-pending-text" });
    this.pendingBar = h(
      "span",
      { class: "status-progress", role: "progressbar", "aria-valuemin": "0", "aria-valuemax": "100", hidden: true },
      h("span", { class: "status-bar" }),
    );
    this.pendingDesc = h("span", { class: "status-desc" });
    this.pendingDots = h("span", { class: "chat-dots", "aria-hidden": "true" }, h("i"), h("i"), h("i"));
    this.pendingBubble = h("div", { class: "message msg-assistant chat-pending-bubble" }, this.pendingDots, this.pendingText, this.pendingBar, this.pendingDesc);
    this.pending = h(
      "div",
      { class: "msg-row msg-row-assistant group-first chat-pending", role: "status", hidden: true },
      h("div", { class: "msg-column" }, this.pendingBubble),
    );
    this.log = h("div", { class: "chat-log", role: "log", tabindex: "0" }, this.empty, this.list, this.pending, this.failure);
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

  /**
   * A click, Enter or Space on a remote media placeholder: load that media in its place, and
   * keep the focus there.
   * @param {Event} event
   */
  loadMedia(event) {
    const target = /** @type {Element | null} */ (event.target instanceof Element ? event.target : null);
    const button = target?.closest(".msg-text .remote-media");
    if (!button) return;
    event.preventDefault();
    const media = loadRemoteMedia(button, this.approvedMedia);
    if (media instanceof HTMLElement) {
      media.tabIndex = -1;
      media.focus({ preventScroll: true });
    }
  }

  /**
   * The status of the job writing to the chat (status.js calls this instead of drawing an
   * overlay); null when it is over.
   * @param {import("../status.js").StatusView | null} view
   */
  showStatus(view) {
    this.status = view;
    if (this.built) this.renderPending();
  }

  /**
   * The pending reply: shown while a job writes to the chat and the last message is the
   * user's (queued with its position and ETA, or thinking), with the reported progress; once
   * the reply has begun only that progress stays, at the foot of the log.
   */
  renderPending() {
    const pending = /** @type {HTMLElement} */ (this.pending);
    const view = this.status;
    const messages = this.messages;
    const awaiting = !!view && messages.length > 0 && messages[messages.length - 1]?.role === "user";
    const progress = view?.progress ?? null;
    const shown = !!view && (awaiting || progress !== null || view.queue !== "");
    const key = shown && view ? JSON.stringify([awaiting, view.queue, view.clock, progress, view.label, view.detail]) : "";
    if (key === this.pendingKey) return;
    this.pendingKey = key;
    pending.hidden = !shown;
    if (!shown || !view) return;
    pending.classList.toggle("chat-pending-compact", !awaiting);
    pending.setAttribute("aria-label", view.queue ? "Queued" : awaiting ? "Waiting for the reply" : "Progress");
    /** @type {HTMLElement} */ (this.pendingDots).hidden = !awaiting || view.queue !== "";
    /** @type {HTMLElement} */ (this.pendingText).textContent = view.queue || view.clock;
    const bar = /** @type {HTMLElement} */ (this.pendingBar);
    bar.hidden = progress === null;
    if (progress !== null) {
      /** @type {HTMLElement} */ (bar.firstElementChild).style.width = `${(progress * 100).toFixed(1)}%`;
      bar.setAttribute("aria-valuenow", String(Math.round(progress * 100)));
      bar.setAttribute("aria-label", view.label);
    }
    /** @type {HTMLElement} */ (this.pendingDesc).textContent = view.detail;
    this.followEnd();
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
      allowTags: Array.isArray(props.allow_tags) ? props.allow_tags.map(String) : props.allow_tags !== false,
      // Messages are written by a model or a user: no forms, nothing that leaves the bubble,
      // and remote media on a click unless the app said allow_remote_media=True.
      untrusted: true,
      remoteMedia: props.allow_remote_media === true,
      approved: this.approvedMedia,
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
    const host = this.nodeHost();
    /** @type {Map<HTMLElement, Element | null>} the last row placed in each container */
    const placed = new Map();
    messages.forEach((message, index) => {
      const where = layout[index];
      const kind = `${message?.role}|${message?.metadata?.title != null ? "thought" : "message"}|${where.parent >= 0 ? "nested" : "top"}`;
      let node = this.nodes[index];
      if (!node || node.kind !== kind) {
        const fresh = createNode(message, kind, where.parent >= 0, (name) => this.partId(name));
        node?.row.replaceWith(fresh.row);
        node = this.nodes[index] = fresh;
      }
      updateNode(node, message, index, where, options, context, host);
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
    this.renderPending();
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
   * @returns {Where[]}
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
   * @returns {ActionContext}
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
   * What the message nodes get from this element for one render.
   * @returns {NodeHost}
   */
  nodeHost() {
    return {
      props: this.props,
      emit: (event, data) => this.emit(event, data),
      partId: (name) => this.partId(name),
      message: (index) => this.messages[index],
      lastUser: () => this.actionContext(this.messages).lastUser,
      feedback: this.feedback,
      giveFeedback: (index, liked) => this.giveFeedback(index, liked),
      startEdit: (index) => this.startEdit(index),
    };
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

define("chatbot", ChatbotBlock);
