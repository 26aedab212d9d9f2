// The wire protocol's names, mirroring blocks/protocol.py (documented in docs/protocol.md).

/** The protocol version this page speaks; sent as `v` on every client message. */
export const PROTOCOL_VERSION = 1;

/** Client -> server message types. */
export const Client = Object.freeze({
  HELLO: "hello",
  TRIGGER: "trigger",
  CANCEL: "cancel",
  ACK: "ack",
});

/** Server -> client message types. */
export const Server = Object.freeze({
  WELCOME: "welcome",
  QUEUED: "queued",
  STARTED: "started",
  PROGRESS: "progress",
  OUTPUT: "output",
  DONE: "done",
  LOG: "log",
  HEARTBEAT: "heartbeat",
  RESTARTING: "restarting",
});

/** Op kinds of a patch (see blocks/diff.py). */
export const OpKind = Object.freeze({ REPLACE: "replace", APPEND: "append", EXTEND: "extend" });

/**
 * @typedef {{op: "replace" | "append" | "extend", path?: (number | string)[], value?: any}} Op
 * @typedef {{id: number, ops?: Op[] | null, ver?: number | null, props?: Record<string, any> | null, changed?: boolean | null}} Patch
 * @typedef {{message: string, title?: string, duration?: number | null, visible?: boolean}} ErrorInfo
 * @typedef {{index?: number | null, length?: number | null, unit?: string, progress?: number | null, desc?: string | null}} ProgressUnit
 *
 * @typedef {{type: "welcome", seq?: number, session_id: string, resumed?: boolean}} Welcome
 * @typedef {{type: "queued", seq?: number, event_id: string, position: number, size: number, eta?: number | null}} Queued
 * @typedef {{type: "started", seq?: number, event_id: string, eta?: number | null}} Started
 * @typedef {{type: "progress", seq?: number, event_id: string, units: ProgressUnit[]}} Progress
 * @typedef {{type: "output", seq?: number, event_id: string, patches?: Patch[]}} Output
 * @typedef {{type: "done", seq?: number, event_id: string, success: boolean, patches?: Patch[], error?: ErrorInfo | null, cancelled?: boolean, duration?: number | null}} Done
 * @typedef {{type: "log", seq?: number, event_id?: string | null, level?: "info" | "warning" | "success" | "error", message: string, title?: string | null, duration?: number | null}} Log
 * @typedef {{type: "heartbeat", seq?: number}} Heartbeat
 * @typedef {{type: "restarting", seq?: number}} Restarting
 * @typedef {Welcome | Queued | Started | Progress | Output | Done | Log | Heartbeat | Restarting} ServerMessage
 *
 * @typedef {{type: "hello", v: number, session_id?: string, last_seq?: number}} Hello
 * @typedef {{type: "trigger", v: number, event_id: string, dep: number, target?: number | null, event: string, data: any[], event_data?: any, versions: Record<string, number>}} Trigger
 * @typedef {{type: "cancel", v: number, event_id: string}} Cancel
 * @typedef {{type: "ack", v: number, seq: number}} Ack
 * @typedef {Hello | Trigger | Cancel | Ack} ClientMessage
 */

/**
 * Defaults the server leaves out of its messages ("fields equal to their default are left out").
 * @param {ErrorInfo | null | undefined} error
 * @returns {{message: string, title: string, duration: number | null, visible: boolean} | null}
 */
export function errorInfo(error) {
  if (!error) return null;
  return {
    message: error.message ?? "",
    title: error.title ?? "Error",
    duration: error.duration === undefined ? 10 : error.duration,
    visible: error.visible ?? true,
  };
}
