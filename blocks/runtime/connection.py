"""One page's WebSocket connection, sans-I/O: frames in, frames out.

The WebSocket route owns the socket and the clocks and nothing else: it feeds each frame it
reads to ``receive`` (closing the socket when that returns a ``Close``), writes what ``drain``
returns and confirms each write with ``sent``, calls ``hello_timed_out``, ``idle`` (the server
was silent) or ``idle_timed_out`` (the page was) when its timers fire and ``disconnected`` when
the socket goes. Everything the protocol decides (the handshake, resuming, what a frame means,
what is refused and how) is decided here, so ``blocks.testing`` drives pages through this same
code with no socket at all.

Phases::

    AWAITING_HELLO ──hello──> OPEN ──disconnected──> CLOSED
          │                                            ^
          └── anything else, a malformed frame, ───────┘
              the hello timeout, a drop, a hello from a stale page (STALE_PAGE)

A frame that does not fit the phase raises InvalidTransition (what was expected, what arrived),
which becomes the page's answer: before the hello the socket is closed with that reason; once
open the page gets an error ``log`` and the connection stays open (docs/protocol.md).
"""

from __future__ import annotations

import enum
import logging
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

import orjson

from blocks.exceptions import BlocksError, InvalidTransition, ProtocolError
from blocks.graph.helpers import Request
from blocks.protocol import outgoing
from blocks.protocol.messages import (
    PROTOCOL_VERSION,
    Ack,
    Cancel,
    Hello,
    Trigger,
    parse_client_message,
)

if TYPE_CHECKING:
    import asyncio

    from blocks.runtime.engine import Runtime
    from blocks.runtime.session import Session

__all__ = [
    "GOING_AWAY",
    "HEARTBEAT_SECONDS",
    "HELLO_TIMEOUT_SECONDS",
    "POLICY_VIOLATION",
    "STALE_PAGE",
    "Close",
    "Connection",
    "Phase",
]

log = logging.getLogger("blocks")

# The route's clocks: how long a new socket may stay silent, and how long the server may.
HELLO_TIMEOUT_SECONDS = 10.0
HEARTBEAT_SECONDS = 15.0

POLICY_VIOLATION = 1008
# The page was made by other code than the server now runs (a redeploy): it must reload, as its
# numbers for blocks and listeners may mean something else now. An application close code.
STALE_PAGE = 4409
# Close codes of a page that was closed or navigated away: its jobs are stopped at once.
# Any other drop keeps the session for a grace period, so the page can resume.
GOING_AWAY = (1000, 1001)
# A WebSocket close reason may hold at most 123 bytes.
_MAX_REASON_BYTES = 123


class Phase(enum.Enum):
    AWAITING_HELLO = "awaiting hello"
    OPEN = "open"
    CLOSED = "closed"


_MOVES = {
    Phase.AWAITING_HELLO: {Phase.OPEN, Phase.CLOSED},
    Phase.OPEN: {Phase.CLOSED},
    Phase.CLOSED: set(),
}


@dataclass(frozen=True)
class Close:
    """Close the socket with this code and reason."""

    code: int
    reason: str


class Connection:
    """The protocol state of one WebSocket of a page.

    ``request_for(session_id)`` builds the ``gr.Request`` the page's listeners receive (the
    route fills it from the HTTP handshake)."""

    def __init__(
        self, runtime: Runtime, request_for: Callable[[str], Request] | None = None
    ) -> None:
        self.runtime = runtime
        self.phase = Phase.AWAITING_HELLO
        self.session: Session | None = None
        self._request_for = request_for or (lambda session_id: Request(session_hash=session_id))
        self._request: Request | None = None
        # The welcome is answered directly, ahead of the session's numbered outbox; it is not
        # counted in the outbox's pending bytes, so `sent` must not count it out either.
        self._direct: list[bytes] = []
        self._direct_in_flight = 0

    def move(self, new: Phase) -> None:
        if new not in _MOVES[self.phase]:
            raise InvalidTransition(f"connection cannot go from {self.phase.value} to {new.value}")
        self.phase = new

    # ------------------------------------------------------------------ frames in

    def receive(self, raw: str | bytes, *, binary: bool = False) -> Close | None:
        """Feed one frame from the page; a ``Close`` means: close the socket with it.

        The protocol is UTF-8 JSON text frames. A frame the route read as binary
        (``binary=True``), or bytes that are not UTF-8, is refused like any malformed frame:
        a protocol error for the page, nothing in the server's log."""
        if self.phase is Phase.CLOSED:
            # The adapter's mistake, not the page's: nothing may be fed after the close.
            raise InvalidTransition("the connection is closed: expected no frame, got one")
        try:
            if binary:
                raise ProtocolError(_binary(raw))
            message = parse_client_message(raw)
            self._expect(message)
        except (ProtocolError, InvalidTransition) as exc:
            if isinstance(raw, bytes) and not binary and not _utf8(raw):
                return self._refuse(_binary(raw))  # say what it is, not what orjson saw
            return self._refuse(str(exc))
        if isinstance(message, Hello):
            return self._hello(message)
        return self._dispatch(message)

    def _expect(self, message: Hello | Trigger | Cancel | Ack) -> None:
        if self.phase is Phase.AWAITING_HELLO and not isinstance(message, Hello):
            raise InvalidTransition(f"the first message must be 'hello', got {message.type!r}")
        if self.phase is Phase.OPEN and isinstance(message, Hello):
            raise InvalidTransition(
                "'hello' may only be sent once, first: expected 'trigger', 'cancel' or 'ack', "
                "got 'hello'"
            )

    def _refuse(self, reason: str) -> Close | None:
        if self.phase is Phase.AWAITING_HELLO:
            self.move(Phase.CLOSED)
            return Close(POLICY_VIOLATION, _truncate(reason))
        assert self.session is not None
        # No duration: the page's default (10 s), where the log builder would send null (stay).
        self.session.deliver(
            {
                "type": "log",
                "level": "error",
                "message": reason,
                "title": "Protocol error",
                "event_id": None,
            }
        )
        return None

    def _hello(self, hello: Hello) -> Close | None:
        runtime = self.runtime
        fingerprint = runtime.config.get("fingerprint")
        if hello.app is not None and hello.app != fingerprint:
            # Nothing this page sends can be trusted to mean what it meant: no session for it.
            self.move(Phase.CLOSED)
            return Close(STALE_PAGE, "the app has changed since this page was loaded: reload it")
        session = runtime.resume(hello.session_id, hello.last_seq) if hello.session_id else None
        resumed = session is not None
        if session is None:
            session = runtime.open_session()
        self.session = session
        self._request = self._request_for(session.id)
        self.move(Phase.OPEN)
        # Its seq is the last one the session numbered: the replay (if any) follows it.
        welcome = outgoing.welcome(
            session.id, resumed=resumed, seq=session.outbox.seq, version=PROTOCOL_VERSION
        )
        self._direct.append(orjson.dumps(welcome))
        if session.outbox.wakeup is not None:
            session.outbox.wakeup.set()
        return None

    def _dispatch(self, message: Trigger | Cancel | Ack) -> Close | None:
        session = self.session
        assert session is not None
        try:
            if isinstance(message, Trigger):
                self.runtime.submit(session, message, self._request)
            elif isinstance(message, Cancel):
                self.runtime.cancel(session, message.event_id)
            else:
                session.outbox.ack(message.seq)
        except ProtocolError as exc:
            return self._refuse(str(exc))
        except BlocksError as exc:  # already reported to the page as a failed event
            log.debug("trigger refused: %s", exc)
        return None

    # ------------------------------------------------------------------ frames out

    @property
    def wakeup(self) -> asyncio.Event | None:
        """Set when ``drain`` has frames (None before the hello, or off an event loop)."""
        return self.session.outbox.wakeup if self.session is not None else None

    def drain(self) -> list[bytes]:
        """Every frame to send now, in order: the welcome, then the session's messages."""
        frames, self._direct = self._direct, []
        self._direct_in_flight += len(frames)
        if self.session is not None:
            frames.extend(self.session.outbox.drain())
        return frames

    def sent(self, frame: bytes) -> None:
        """A drained frame was written to the page (confirm them in the order drained)."""
        if self._direct_in_flight:
            self._direct_in_flight -= 1
            return
        if self.session is not None:
            self.session.outbox.sent(frame)

    def idle(self) -> None:
        """Nothing was sent for HEARTBEAT_SECONDS: send a heartbeat."""
        if self.phase is not Phase.OPEN or self.session is None:
            raise InvalidTransition(
                f"a heartbeat needs an open connection, this one is {self.phase.value}"
            )
        self.session.deliver({"type": "heartbeat"})

    # ------------------------------------------------------------------ the end

    def hello_timed_out(self) -> Close:
        """No hello within HELLO_TIMEOUT_SECONDS of the socket opening."""
        if self.phase is not Phase.AWAITING_HELLO:
            raise InvalidTransition(
                f"the hello timeout needs a connection awaiting hello, this one is "
                f"{self.phase.value}"
            )
        self.move(Phase.CLOSED)
        return Close(POLICY_VIOLATION, "expected 'hello', got nothing in time")

    def idle_timed_out(self, limit: float) -> Close:
        """The open page sent nothing (no ack, not even of a heartbeat) for ``limit`` seconds:
        close the socket. The session is kept for the resume grace, as after any drop: a page
        that was only slow (a throttled background tab) reconnects and resumes."""
        if self.phase is not Phase.OPEN:
            raise InvalidTransition(
                f"the idle timeout needs an open connection, this one is {self.phase.value}"
            )
        self.disconnected(None)
        return Close(POLICY_VIOLATION, f"nothing received for {limit:g} s: idle connection closed")

    def disconnected(self, code: int | None = None) -> None:
        """The socket is gone (``code``: its close code, None when it broke)."""
        was_open = self.phase is Phase.OPEN
        self.move(Phase.CLOSED)
        if not was_open or self.session is None:
            return
        if code in GOING_AWAY:
            # The page was closed or navigated away: stop its work now.
            self.runtime.close_session(self.session)
        else:
            self.runtime.detach(self.session)


def _binary(raw: str | bytes) -> str:
    return (
        f"a binary frame ({len(raw)} bytes) is not part of the protocol: send each message "
        "as a UTF-8 JSON text frame"
    )


def _utf8(raw: bytes) -> bool:
    try:
        raw.decode()
    except UnicodeDecodeError:
        return False
    return True


def _truncate(reason: str) -> str:
    """The reason cut to what a close frame holds, never inside a UTF-8 sequence."""
    return reason.encode()[:_MAX_REASON_BYTES].decode(errors="ignore")
