"""The client's page session: one WebSocket speaking the page's protocol (docs/protocol.md),
its jobs, and staying connected.

A thread reads the socket: each message updates the values the session holds (patches,
applied without changing earlier snapshots) and the job it belongs to. When the socket drops,
it reconnects with backoff and resumes the session (``hello`` with ``session_id`` and
``last_seq``: the server replays what was missed, jobs run on meanwhile). When the app
restarted, the session is gone: calls not sent yet, and those the stopping server refused
without running them, are sent again in the new session; a call that was running may or may
not have finished, and fails with ConnectionLost. When the app came back with other code (its
fingerprint changed, close code 4409), the config is read again and waiting calls are sent to
their endpoint by name if it still takes the same inputs. After ``reconnect_timeout``
seconds without a connection, the waiting calls fail; a later call tries again.

States::

    OPEN ──drop──> RECONNECTING ──hello──> OPEN
                        └──timeout──> DOWN ──a call──> RECONNECTING
    any ──close()──> CLOSED
"""

from __future__ import annotations

import enum
import itertools
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import orjson

from blocks.client.endpoints import Api, Endpoint
from blocks.client.errors import AuthenticationError, ClientError, ConnectionLost, JobCancelled
from blocks.client.http import Http
from blocks.client.jobs import Job, Status, StatusUpdate
from blocks.client.values import apply_copying, status_of
from blocks.exceptions import InvalidTransition

__all__ = ["Link", "PageSession"]

STALE_PAGE = 4409  # runtime.connection.STALE_PAGE: the app's code changed
_GOING_AWAY = 1000  # our own close: the server ends the session
_ACK_SECONDS = 1.0


class Link(enum.Enum):
    OPEN = "open"
    RECONNECTING = "reconnecting"
    DOWN = "down"
    CLOSED = "closed"


_MOVES = {
    Link.RECONNECTING: {Link.OPEN, Link.DOWN, Link.CLOSED},
    Link.OPEN: {Link.RECONNECTING, Link.CLOSED},
    Link.DOWN: {Link.RECONNECTING, Link.CLOSED},
    Link.CLOSED: set(),
}


@dataclass(eq=False)
class _Call:
    """A job and what is needed to send it (again)."""

    job: Job
    endpoint: Endpoint
    values: list[Any]
    sent: bool = False
    cancel: bool = False  # asked while there was no connection to say it on


class PageSession:
    """The session of one client (see the module docstring). ``api`` is the app's current
    config and schema; ``load_api`` reads them again (after a redeploy)."""

    def __init__(
        self,
        http: Http,
        api: Api,
        load_api: Callable[[], Api],
        convert: Callable[[Any], Any],
        *,
        reconnect_timeout: float = 60.0,
    ) -> None:
        self.http = http
        self.api = api
        self._load_api = load_api
        self._convert = convert
        self.reconnect_timeout = reconnect_timeout
        self.url = http.base.replace("http", "ws", 1) + "/ws"
        self.session_id: str | None = None
        self.last_seq = 0
        self.link = Link.RECONNECTING
        self.values: dict[int, Any] = dict(api.initial_values)
        self.versions: dict[int, int] = {}
        self._calls: dict[str, _Call] = {}
        self._ids = itertools.count(1)
        self._lock = threading.RLock()
        self._wake = threading.Event()
        self._closing = threading.Event()
        self._restarting = False
        self._ws: Any = None
        self._last_ack = 0.0
        self._connect()  # the first time in the caller's thread: errors are the caller's
        self._thread = threading.Thread(target=self._run, daemon=True, name="blocks-client")
        self._thread.start()

    def _move(self, new: Link) -> None:
        if new is not self.link and new not in _MOVES[self.link]:
            raise InvalidTransition(f"client link cannot go from {self.link.value} to {new.value}")
        self.link = new

    # ------------------------------------------------------------------ calls

    def submit(self, endpoint: Endpoint, values: list[Any]) -> Job:
        event_id = f"c{next(self._ids)}"
        job = Job(event_id, endpoint.api_name, endpoint.fn_index, self._convert, self._cancel)
        call = _Call(job, endpoint, values)
        with self._lock:
            if self.link is Link.CLOSED:
                raise ClientError("the client is closed")
            self._calls[event_id] = call
            if self.link is Link.DOWN:
                self._wake.set()  # try to connect again for this call
        self._send_call(event_id)
        return job

    def _send_call(self, event_id: str) -> None:
        while True:
            with self._lock:
                call = self._calls.get(event_id)
                if call is None or call.sent or self.link is not Link.OPEN:
                    return  # sent once connected
                endpoint = self.api.current(call.endpoint)
                if endpoint is None:
                    del self._calls[event_id]
                    call.job._end(
                        StatusUpdate(Status.FINISHED, success=False),
                        error=ClientError(
                            f"{call.endpoint.label}: the app was redeployed and no longer has "
                            "this endpoint (with these inputs)"
                        ),
                    )
                    return
                call.endpoint = endpoint
                versions = {b: self.versions[b] for b in endpoint.outputs if b in self.versions}
                message = {
                    "type": "trigger",
                    "event_id": event_id,
                    "dep": endpoint.fn_index,
                    "data": endpoint.trigger_data(call.values),
                    "versions": versions,
                }
                call.sent = True
                ws = self._ws
            if self._send(ws, message):
                return
            with self._lock:
                # The socket was gone: the app never read it, so it is sent again.
                call.sent = False
                if self._ws is ws:
                    return  # the reader sees the drop and sends it after the reconnect

    def _cancel(self, job: Job) -> None:
        event_id = job.event_id
        with self._lock:
            call = self._calls.get(event_id)
            if call is None:
                return
            if not call.sent:
                del self._calls[event_id]
                job._end(
                    StatusUpdate(Status.CANCELLED, success=False),
                    error=JobCancelled(f"{call.endpoint.label} was cancelled before it was sent"),
                )
                return
            if self.link is not Link.OPEN:
                call.cancel = True  # said once the session resumes
                return
            ws = self._ws
        self._send(ws, {"type": "cancel", "event_id": event_id})

    def _send(self, ws: Any, message: dict[str, Any]) -> bool:
        """Whether ``message`` went out (if not, the reader sees the drop)."""
        from websockets.exceptions import ConnectionClosed

        try:
            ws.send(orjson.dumps(message, option=orjson.OPT_NON_STR_KEYS).decode())
        except (ConnectionClosed, OSError, RuntimeError):
            return False
        return True

    # ------------------------------------------------------------------ connecting

    def _connect(self) -> None:
        """Open the socket and say hello (resuming the session when there is one); a stale
        page (4409) reads the app's config again and says hello afresh."""
        from websockets.exceptions import ConnectionClosed, InvalidHandshake, InvalidStatus
        from websockets.sync.client import connect

        for attempt in (1, 2, 3):
            try:
                opening = connect(
                    self.url,
                    additional_headers=self.http.ws_headers(),
                    open_timeout=self.http.timeout,
                    max_size=None,
                    ssl=self.http.ssl_context if self.url.startswith("wss") else None,
                )
                # Entered by hand: the socket lives as long as the link, not one `with`.
                ws = opening.__enter__()
            except InvalidStatus as exc:
                status = exc.response.status_code
                if status in (401, 403) and self.http.auth is not None and attempt == 1:
                    self.http.forget_login()  # a restarted app forgot the token
                    continue
                if status in (401, 403):
                    raise AuthenticationError(
                        "the app refused the connection: it needs a login "
                        "(Client(url, auth=(username, password)))"
                    ) from None
                raise ConnectionError(f"the app refused the WebSocket: HTTP {status}") from None
            except InvalidHandshake as exc:
                raise ConnectionError(f"cannot open the WebSocket: {exc}") from None
            hello: dict[str, Any] = {"type": "hello", "app": self.api.fingerprint}
            if self.session_id is not None:
                hello.update(session_id=self.session_id, last_seq=self.last_seq)
            try:
                ws.send(orjson.dumps(hello).decode())
                welcome = orjson.loads(ws.recv(self.http.timeout))
            except ConnectionClosed as exc:
                ws.close()
                if exc.rcvd is not None and exc.rcvd.code == STALE_PAGE and attempt < 3:
                    self._new_api(self._load_api())
                    continue
                raise ConnectionError(f"the app closed the connection: {exc}") from None
            except TimeoutError:
                ws.close()
                raise ConnectionError("the app did not answer the hello in time") from None
            self._opened(ws, welcome)
            return
        raise ConnectionError("could not connect to the app")  # pragma: no cover

    def _opened(self, ws: Any, welcome: dict[str, Any]) -> None:
        resend: list[str] = []
        with self._lock:
            if self.link is Link.CLOSED:
                ws.close()
                return
            resumed = bool(welcome.get("resumed"))
            if not resumed:
                self._new_session(welcome.get("seq") or 0)
            self.session_id = welcome["session_id"]
            self._restarting = False
            self._ws = ws
            self._move(Link.OPEN)
            cancels = [eid for eid, call in self._calls.items() if call.sent and call.cancel]
            resend = [eid for eid, call in self._calls.items() if not call.sent]
        for event_id in cancels:
            self._send(ws, {"type": "cancel", "event_id": event_id})
        for event_id in resend:
            self._send_call(event_id)

    def _new_session(self, seq: int) -> None:
        """A fresh session (the old one is gone): values as a new page has them, and the
        calls it was running lost."""
        self.values = dict(self.api.initial_values)
        self.versions.clear()
        self.last_seq = seq
        for event_id, call in list(self._calls.items()):
            if call.sent:
                del self._calls[event_id]
                call.job._end(
                    StatusUpdate(Status.FINISHED, success=False),
                    error=ConnectionLost(
                        f"{call.endpoint.label}: the app restarted (or dropped this client's "
                        "session) while the call ran; it may or may not have finished"
                    ),
                )

    def _new_api(self, api: Api) -> None:
        """The app was redeployed: its listeners' numbers may mean other things now (calls
        are sent to their endpoint by name, see ``_send_call``), and the session is gone."""
        with self._lock:
            self.api = api
            self.session_id = None

    def _run(self) -> None:
        while True:
            with self._lock:
                ws = self._ws if self.link is Link.OPEN else None
                if self.link is Link.CLOSED:
                    return
            if ws is not None:
                self._read(ws)
                continue
            if not self._reconnect():
                self._wake.wait()
                self._wake.clear()

    def _reconnect(self) -> bool:
        deadline = time.monotonic() + self.reconnect_timeout
        delay = 0.05
        while True:
            with self._lock:
                if self.link is Link.CLOSED:
                    return True
                self._move(Link.RECONNECTING)
            try:
                self._connect()
                return True
            except (OSError, ClientError, TimeoutError) as exc:
                problem = exc
            if time.monotonic() + delay > deadline:
                break
            if self._closing.wait(delay):
                return True
            delay = min(delay * 2, 1.0)
        with self._lock:
            if self.link is Link.CLOSED:
                return True
            self._move(Link.DOWN)
            calls, self._calls = list(self._calls.values()), {}
        for call in calls:
            call.job._end(
                StatusUpdate(Status.FINISHED, success=False),
                error=ConnectionLost(
                    f"{call.endpoint.label}: lost the connection to the app and could not "
                    f"reconnect within {self.reconnect_timeout:g} s ({problem})"
                ),
            )
        return False

    def _read(self, ws: Any) -> None:
        from websockets.exceptions import ConnectionClosed

        try:
            while True:
                self._receive(ws, orjson.loads(ws.recv()))
        except ConnectionClosed:
            pass
        except (OSError, orjson.JSONDecodeError):
            ws.close()
        with self._lock:
            if self.link is Link.OPEN and self._ws is ws:
                self._ws = None
                self._move(Link.RECONNECTING)

    # ------------------------------------------------------------------ messages

    def _receive(self, ws: Any, message: dict[str, Any]) -> None:
        kind = message.get("type")
        seq = message.get("seq")
        with self._lock:
            if isinstance(seq, int):
                if seq <= self.last_seq:
                    return  # replayed twice
                self.last_seq = seq
            if kind == "restarting":
                self._restarting = True
            call = self._calls.get(message.get("event_id") or "")
            if kind in ("output", "done"):
                self._apply(message.get("patches") or [])
            if call is not None:
                self._deliver(call, message)
            now = time.monotonic()
            ack = isinstance(seq, int) and (
                kind == "heartbeat" or now - self._last_ack > _ACK_SECONDS
            )
            if ack:
                self._last_ack = now
        if ack:
            self._send(ws, {"type": "ack", "seq": seq})

    def _apply(self, patches: list[dict[str, Any]]) -> None:
        for patch in patches:
            if patch.get("ops") is not None:
                block = patch["id"]
                self.values[block] = apply_copying(self.values.get(block), patch["ops"])
                if patch.get("ver") is not None:
                    self.versions[block] = patch["ver"]

    def _snapshot(self, endpoint: Endpoint) -> Any:
        values = [self.values.get(block) for block in endpoint.visible_outputs]
        return values[0] if len(values) == 1 else tuple(values)

    def _deliver(self, call: _Call, message: dict[str, Any]) -> None:
        kind = message["type"]
        if kind == "output":
            call.job._output(self._snapshot(call.endpoint))
        elif kind == "done":
            self._done(call, message)
        else:
            status = status_of(message)
            if status is not None:
                call.job._update(status)

    def _done(self, call: _Call, message: dict[str, Any]) -> None:
        event_id = message["event_id"]
        job = call.job
        error = message.get("error") or {}
        if not message.get("success") and error.get("kind") == "queue_full" and self._restarting:
            call.sent = False  # refused unrun by a stopping server: sent again after it is back
            return
        del self._calls[event_id]
        if message.get("cancelled"):
            job._end(
                StatusUpdate(Status.CANCELLED, success=False),
                error=JobCancelled(f"{call.endpoint.label} was cancelled"),
            )
        elif message.get("success"):
            job._end(
                StatusUpdate(Status.FINISHED, success=True), result=self._snapshot(call.endpoint)
            )
        else:
            code = Status.QUEUE_FULL if error.get("kind") == "queue_full" else Status.FINISHED
            job._end(
                StatusUpdate(code, success=False),
                error=ClientError(str(error.get("message") or "the app failed")),
            )

    # ------------------------------------------------------------------ the end

    def reset(self) -> None:
        """Leave this session for a new one (its State values start afresh)."""
        with self._lock:
            ws, self.session_id = self._ws, None
            if self.link is Link.OPEN:
                # Calls from now on wait for the new session.
                self._ws = None
                self._move(Link.RECONNECTING)
        if ws is not None:
            ws.close(_GOING_AWAY)

    def close(self) -> None:
        with self._lock:
            if self.link is Link.CLOSED:
                return
            self._move(Link.CLOSED)
            ws, self._ws = self._ws, None
            calls, self._calls = list(self._calls.values()), {}
        self._closing.set()
        self._wake.set()
        if ws is not None:
            ws.close(_GOING_AWAY)
        if self._thread is not threading.current_thread():
            self._thread.join(timeout=5)
        for call in calls:
            call.job._end(
                StatusUpdate(Status.CANCELLED, success=False),
                error=JobCancelled(f"{call.endpoint.label}: the client was closed"),
            )
