// The page's one WebSocket: hello/welcome, numbered messages, acks, reconnection and resume.
//
// The page answers each heartbeat with an ack at once: a page that sends nothing for the
// server's idle limit (60 s by default) is taken for gone and its socket closed. A `restarting`
// message (the server is stopping, SIGTERM) shows "Restarting…" and holds new triggers until
// the page has reconnected, to the restarted server.

import { Client, PROTOCOL_VERSION, Server } from "./protocol.js";

/** @typedef {import("./protocol.js").ServerMessage} ServerMessage */
/** @typedef {{[type: string]: (message: any) => void}} Handlers */

/** Connection states; each change goes through `moveTo`, which refuses illegal moves. */
export const State = Object.freeze({
  CONNECTING: "connecting", // socket opening
  GREETING: "greeting", // socket open, hello sent, waiting for welcome
  READY: "ready", // welcomed: messages flow
  WAITING: "waiting", // dropped, waiting to retry
  CLOSED: "closed", // the page is leaving
});

/** @type {Record<string, string[]>} */
const MOVES = {
  connecting: ["greeting", "waiting", "closed"],
  greeting: ["ready", "waiting", "closed"],
  ready: ["waiting", "closed"],
  waiting: ["connecting", "closed"],
  closed: [],
};

const BACKOFF = [500, 1000, 2000, 4000, 5000];
// The server's close code for a page made by other code than it now runs (runtime/connection.py).
export const STALE_PAGE = 4409;
const ACK_INTERVAL = 1000;
// The server sends a heartbeat after 15 s of silence; three missed ones mean a dead socket.
const SILENCE_LIMIT = 45000;

/** The WebSocket URL for a page at `location`: `<page directory>/ws`, ws: or wss: like the page.
 * @param {{protocol: string, host: string, pathname: string}} location
 * @returns {string}
 */
export function socketUrl(location) {
  const scheme = location.protocol === "https:" ? "wss:" : "ws:";
  // The page is served at `<root>/`; `<root>` without its slash is the same page.
  const base = location.pathname.endsWith("/") ? location.pathname : `${location.pathname}/`;
  return `${scheme}//${location.host}${base}ws`;
}

export class Connection {
  /**
   * @param {object} options
   * @param {string} options.url
   * @param {Handlers} options.handlers server message type -> handler
   * @param {(down: boolean, why?: "reconnecting" | "restarting") => void} [options.onStatus]
   *   told when the server is lost or restarting (true, and why) or back (false)
   * @param {string | null} [options.app] the fingerprint of the config this page was made from
   * @param {() => void} [options.onStale] the server runs other code than made this page: the
   *   connection is closed for good, and the page must reload
   * @param {typeof WebSocket} [options.WebSocket] injectable for tests
   */
  constructor({ url, handlers, onStatus = () => {}, app = null, onStale = () => {}, WebSocket = globalThis.WebSocket }) {
    this.url = url;
    this.handlers = handlers;
    this.onStatus = onStatus;
    this.app = app;
    this.onStale = onStale;
    this.WebSocketImpl = WebSocket;
    /** @type {string} */
    this.state = State.WAITING;
    /** @type {WebSocket | null} */
    this.socket = null;
    /** @type {string | null} */
    this.sessionId = null;
    this.lastSeq = 0;
    this.ackedSeq = 0;
    this.lastAckAt = 0;
    /** @type {ReturnType<typeof setTimeout> | undefined} */
    this.ackTimer = undefined;
    /** @type {ReturnType<typeof setTimeout> | undefined} */
    this.retryTimer = undefined;
    /** @type {ReturnType<typeof setTimeout> | undefined} */
    this.silenceTimer = undefined;
    this.attempt = 0;
    /** @type {object[]} messages waiting for a welcomed connection */
    this.outbox = [];
    /** The server said it is restarting: new triggers wait for the next connection. */
    this.restarting = false;
  }

  /** Open the connection (and keep it open until `close`). */
  start() {
    this.open();
  }

  /** Stop for good (the page is leaving). */
  close() {
    this.moveTo(State.CLOSED);
    clearTimeout(this.retryTimer);
    clearTimeout(this.ackTimer);
    clearTimeout(this.silenceTimer);
    this.socket?.close(1000);
  }

  /** Retry now if waiting (the browser came back online, say). */
  retryNow() {
    if (this.state !== State.WAITING) return;
    clearTimeout(this.retryTimer);
    this.open();
  }

  /**
   * Send a message now, or as soon as the server has welcomed the page.
   * @param {{type: string, [field: string]: any}} message
   */
  send(message) {
    const framed = { ...message, v: PROTOCOL_VERSION };
    const hold = this.restarting && message.type === Client.TRIGGER;
    if (this.state === State.READY && this.socket && !hold) this.socket.send(JSON.stringify(framed));
    else this.outbox.push(framed);
  }

  /**
   * Take back a message still waiting to be sent (a trigger cancelled before it left).
   * @param {string} eventId
   * @returns {boolean} whether it was still waiting
   */
  unsend(eventId) {
    const index = this.outbox.findIndex((m) => /** @type {any} */ (m).event_id === eventId);
    if (index >= 0) this.outbox.splice(index, 1);
    return index >= 0;
  }

  /**
   * @param {string} eventId
   * @returns {boolean} whether a message for that event waits to be sent
   */
  isWaiting(eventId) {
    return this.outbox.some((m) => /** @type {any} */ (m).event_id === eventId);
  }

  /** @param {string} next */
  moveTo(next) {
    if (this.state === next) return;
    if (!MOVES[this.state].includes(next)) {
      throw new Error(`connection cannot go from ${this.state} to ${next}`);
    }
    this.state = next;
    if (next === State.READY) {
      this.restarting = false;
      this.onStatus(false);
    } else if (next === State.WAITING) this.onStatus(true, this.restarting ? "restarting" : "reconnecting");
  }

  open() {
    this.moveTo(State.CONNECTING);
    let socket;
    try {
      socket = new this.WebSocketImpl(this.url);
    } catch (error) {
      console.warn("cannot open the WebSocket:", error);
      this.dropped();
      return;
    }
    this.socket = socket;
    socket.onopen = () => {
      if (this.socket !== socket) return;
      this.moveTo(State.GREETING);
      /** @type {Record<string, any>} */
      const hello = { type: Client.HELLO, v: PROTOCOL_VERSION };
      if (this.sessionId) Object.assign(hello, { session_id: this.sessionId, last_seq: this.lastSeq });
      if (this.app) hello.app = this.app;
      socket.send(JSON.stringify(hello));
      this.heard();
    };
    socket.onmessage = (event) => {
      if (this.socket === socket) this.receive(event.data);
    };
    socket.onclose = (event) => {
      if (this.socket !== socket) return;
      if (event?.code === STALE_PAGE) {
        this.close();
        this.onStale();
        return;
      }
      this.dropped();
    };
    // An error is always followed by close, which does the work.
    socket.onerror = () => {};
  }

  dropped() {
    this.socket = null;
    clearTimeout(this.silenceTimer);
    if (this.state === State.CLOSED) return;
    this.moveTo(State.WAITING);
    const delay = BACKOFF[Math.min(this.attempt, BACKOFF.length - 1)];
    this.attempt++;
    this.retryTimer = setTimeout(() => this.open(), delay);
  }

  /** Any frame proves the socket alive; a long silence means it is not. */
  heard() {
    clearTimeout(this.silenceTimer);
    this.silenceTimer = setTimeout(() => this.socket?.close(), SILENCE_LIMIT);
  }

  /** @param {string} raw */
  receive(raw) {
    this.heard();
    /** @type {ServerMessage} */
    let message;
    try {
      message = JSON.parse(raw);
    } catch {
      console.warn("ignoring a frame that is not JSON:", raw.slice(0, 200));
      return;
    }
    const seq = message.seq ?? 0;
    if (message.type === Server.WELCOME) {
      this.welcomed(/** @type {import("./protocol.js").Welcome} */ (message));
      return;
    }
    if (seq && seq <= this.lastSeq) return; // replayed twice: already applied
    if (message.type === Server.RESTARTING) this.restartingSoon();
    else this.dispatch(message);
    if (seq) {
      this.lastSeq = seq;
      // A heartbeat is answered now, not on the ack timer (slowed down in background tabs).
      if (message.type === Server.HEARTBEAT) this.ack();
      else this.scheduleAck();
    }
  }

  /** The server is stopping: it finishes running jobs, then closes; we reconnect after. */
  restartingSoon() {
    this.restarting = true;
    this.onStatus(true, "restarting");
  }

  /** @param {import("./protocol.js").Welcome} welcome */
  welcomed(welcome) {
    if (!welcome.resumed) {
      // A new session numbers its messages afresh.
      this.lastSeq = welcome.seq ?? 0;
      this.ackedSeq = 0;
    }
    this.sessionId = welcome.session_id;
    this.attempt = 0;
    this.moveTo(State.READY);
    this.dispatch(welcome);
    const waiting = this.outbox;
    this.outbox = [];
    for (const message of waiting) this.socket?.send(JSON.stringify(message));
  }

  /** @param {ServerMessage} message */
  dispatch(message) {
    const handler = this.handlers[message.type];
    if (!handler) {
      console.warn(`no handler for server message type ${JSON.stringify(message.type)}`);
      return;
    }
    try {
      handler(message);
    } catch (error) {
      console.error(`handling ${message.type} failed:`, error);
    }
  }

  scheduleAck() {
    if (this.ackTimer !== undefined) return;
    const wait = Math.max(0, this.lastAckAt + ACK_INTERVAL - Date.now());
    this.ackTimer = setTimeout(() => {
      this.ackTimer = undefined;
      this.ack();
    }, wait);
  }

  /** Tell the server everything up to `lastSeq` is applied (if it does not know yet). */
  ack() {
    if (this.state !== State.READY || !this.socket || this.lastSeq <= this.ackedSeq) return;
    this.socket.send(JSON.stringify({ type: Client.ACK, v: PROTOCOL_VERSION, seq: this.lastSeq }));
    this.ackedSeq = this.lastSeq;
    this.lastAckAt = Date.now();
  }
}
