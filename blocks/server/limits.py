"""Connection limits: how many sockets a client (and everyone) may hold, and for how long.

Without them a thousand idle TCP connections (or WebSockets, or requests whose headers trickle
in a byte at a time) hold a file descriptor each, forever: with the common limit of 1,024 open
files the server then cannot accept anyone, and its accept errors flood the log. So:

- the request line and headers must arrive within ``header_timeout`` seconds of the
  connection opening (or of a kept-alive connection's next request starting), else the socket
  is closed; this also closes connections that never send anything;
- a kept-alive connection idle between requests is closed after ``keep_alive_timeout``;
- one client address may hold at most ``max_per_client`` connections (HTTP and WebSocket
  alike), everyone together ``max_total``; a connection over a cap is answered ``503`` with
  ``Retry-After`` and closed at once, with one (rate-limited) warning and no traceback;
- at launch the soft limit on open files is raised toward the hard limit when allowed.

The page WebSocket's own idle timeout (a page that sends nothing, not even an ack of the
heartbeat) is the WebSocket route's: see blocks/server/routes.py.

``ConnectionCounter`` is the sans-I/O bookkeeping; ``guarded_protocols`` wraps uvicorn's h11 and
WebSocket protocols around it (uvicorn builds one protocol object per connection, so that is
where a connection can be refused before any of our code or the app sees a byte of it).
"""

from __future__ import annotations

import asyncio
import logging
import os
from collections import Counter
from dataclasses import dataclass
from typing import Any

import h11

__all__ = ["ConnectionCounter", "ConnectionLimits", "guarded_protocols", "raise_open_file_limit"]

log = logging.getLogger("blocks")

DEFAULT_HEADER_TIMEOUT = 10.0
DEFAULT_KEEP_ALIVE_TIMEOUT = 5.0
DEFAULT_WS_IDLE_TIMEOUT = 60.0
DEFAULT_MAX_PER_CLIENT = 64
DEFAULT_MAX_TOTAL = 2048
# Descriptors kept free for what is not a client connection (files, uploads, the cache, logs).
_RESERVED_FILES = 128
# How far the soft limit on open files is raised when the hard limit is unlimited.
_FILE_LIMIT_TARGET = 65536
# A refused connection waits this long at most for its request before it is closed unanswered.
_REFUSAL_LINGER = 1.0
_RETRY_AFTER_SECONDS = 5


def _env_number(name: str, default: float) -> float:
    raw = os.environ.get(name)
    if raw is None or raw.strip() == "":
        return default
    try:
        value = float(raw)
    except ValueError:
        raise ValueError(f"{name} must be a number, got {raw!r}") from None
    if value < 0:
        raise ValueError(f"{name} must be 0 or more, got {raw!r}")
    return value


@dataclass(frozen=True)
class ConnectionLimits:
    """The limits of one server. 0 turns a cap off (``max_per_client=0``: behind a reverse
    proxy every client has the proxy's address)."""

    header_timeout: float = DEFAULT_HEADER_TIMEOUT
    keep_alive_timeout: float = DEFAULT_KEEP_ALIVE_TIMEOUT
    ws_idle_timeout: float = DEFAULT_WS_IDLE_TIMEOUT
    max_per_client: int = DEFAULT_MAX_PER_CLIENT
    max_total: int = DEFAULT_MAX_TOTAL

    @classmethod
    def from_env(cls, open_files: int | None = None) -> ConnectionLimits:
        """The limits set by ``BLOCKS_HEADER_TIMEOUT``, ``BLOCKS_KEEP_ALIVE_TIMEOUT``,
        ``BLOCKS_WS_IDLE_TIMEOUT`` (seconds), ``BLOCKS_MAX_CONNECTIONS_PER_CLIENT`` and
        ``BLOCKS_MAX_CONNECTIONS``; the total's default fits under ``open_files`` (the soft
        limit on open files) when that is low."""
        total = DEFAULT_MAX_TOTAL
        if open_files is not None:
            total = max(16, min(total, open_files - _RESERVED_FILES))
        return cls(
            header_timeout=_env_number("BLOCKS_HEADER_TIMEOUT", DEFAULT_HEADER_TIMEOUT),
            keep_alive_timeout=_env_number("BLOCKS_KEEP_ALIVE_TIMEOUT", DEFAULT_KEEP_ALIVE_TIMEOUT),
            ws_idle_timeout=ws_idle_timeout(),
            max_per_client=int(
                _env_number("BLOCKS_MAX_CONNECTIONS_PER_CLIENT", DEFAULT_MAX_PER_CLIENT)
            ),
            max_total=int(_env_number("BLOCKS_MAX_CONNECTIONS", total)),
        )


def ws_idle_timeout() -> float:
    """Seconds a page WebSocket may stay silent (``BLOCKS_WS_IDLE_TIMEOUT``; 0: forever)."""
    return _env_number("BLOCKS_WS_IDLE_TIMEOUT", DEFAULT_WS_IDLE_TIMEOUT)


def raise_open_file_limit() -> int | None:
    """Raise the soft limit on open files toward the hard one (never lower it); the soft limit
    now in force, or None where there is no such limit (Windows). Failures are ignored: the
    limit stays what it was and the connection caps fit under it."""
    try:
        import resource
    except ImportError:
        return None
    try:
        soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
        target = _FILE_LIMIT_TARGET if hard == resource.RLIM_INFINITY else hard
        target = min(target, _FILE_LIMIT_TARGET)
        if soft != resource.RLIM_INFINITY and soft < target:
            resource.setrlimit(resource.RLIMIT_NOFILE, (target, hard))
        soft = resource.getrlimit(resource.RLIMIT_NOFILE)[0]
    except (OSError, ValueError):
        return None
    return None if soft == resource.RLIM_INFINITY else int(soft)


class ConnectionCounter:
    """Open connections per client address, against the caps (sans-I/O)."""

    def __init__(self, limits: ConnectionLimits) -> None:
        self.limits = limits
        self.per_client: Counter[str] = Counter()
        self.total = 0

    def admit(self, address: str) -> str | None:
        """Count one more connection from ``address``; or, over a cap, do not and say why."""
        limits = self.limits
        if limits.max_total and self.total >= limits.max_total:
            return (
                f"the server already holds {self.total} connections "
                f"(BLOCKS_MAX_CONNECTIONS={limits.max_total})"
            )
        if limits.max_per_client and self.per_client[address] >= limits.max_per_client:
            return (
                f"{address} already holds {self.per_client[address]} connections "
                f"(BLOCKS_MAX_CONNECTIONS_PER_CLIENT={limits.max_per_client}; behind a "
                "reverse proxy, raise it or set 0)"
            )
        self.per_client[address] += 1
        self.total += 1
        return None

    def release(self, address: str) -> None:
        """One connection from ``address`` closed."""
        self.total -= 1
        self.per_client[address] -= 1
        if self.per_client[address] <= 0:
            del self.per_client[address]


_REFUSAL = (
    b"HTTP/1.1 503 Service Unavailable\r\n"
    b"Content-Type: text/plain; charset=utf-8\r\n"
    b"Retry-After: %d\r\n"
    b"Connection: close\r\n"
    b"Content-Length: %d\r\n\r\n%s"
)
_TIMED_OUT = (
    b"HTTP/1.1 408 Request Timeout\r\n"
    b"Content-Type: text/plain; charset=utf-8\r\n"
    b"Connection: close\r\n"
    b"Content-Length: 35\r\n\r\nthe request headers came too slowly"
)


def _peer(transport: asyncio.BaseTransport) -> str:
    peer = transport.get_extra_info("peername")
    if isinstance(peer, tuple) and peer:
        return str(peer[0])
    return str(peer or "unknown")


def guarded_protocols(counter: ConnectionCounter, ws_base: Any) -> tuple[type, type | None]:
    """uvicorn's (HTTP, WebSocket) protocol classes, counting and timing each connection.

    ``ws_base``: the WebSocket protocol class uvicorn would use (``Config.ws_protocol_class``);
    an upgraded connection's slot passes to it and is given back when it closes."""
    from uvicorn.protocols.http.h11_impl import H11Protocol

    limits = counter.limits
    # The connections counted, by transport: the HTTP protocol's or, after an upgrade, the
    # WebSocket's (the HTTP protocol hears nothing once the transport moved on).
    holders: dict[int, str] = {}

    def release(transport: asyncio.BaseTransport | None) -> None:
        if transport is not None and (address := holders.pop(id(transport), None)) is not None:
            counter.release(address)

    class GuardedHttp(H11Protocol):
        """h11 with the caps, the header timeout and a prompt 503 for refused connections."""

        _refused: bool = False
        _answered: bool = False
        _header_timer: asyncio.TimerHandle | None = None
        _received: bytearray | None = None

        def connection_made(self, transport: asyncio.Transport) -> None:  # type: ignore[override]
            address = _peer(transport)
            refusal = counter.admit(address)
            if refusal is not None:
                log.warning("refused a connection: %s", refusal)
                self._refused = True
                self.transport = transport
                self._received = bytearray()
                # Answered once its request is read (closing on unread data would reset the
                # connection, and the client would not see the 503), or closed soon anyway.
                self.loop.call_later(_REFUSAL_LINGER, transport.close)
                return
            holders[id(transport)] = address
            super().connection_made(transport)
            self._arm_header_timer()

        def data_received(self, data: bytes) -> None:
            if self._refused:
                self._refuse(data)
                return
            super().data_received(data)
            if self.conn.their_state is h11.IDLE:
                self._arm_header_timer()  # a request has begun: its headers run the clock
            else:
                self._disarm_header_timer()

        def connection_lost(self, exc: Exception | None) -> None:
            if self._refused:
                return
            self._disarm_header_timer()
            release(self.transport)
            super().connection_lost(exc)

        def handle_websocket_upgrade(self, event: h11.Request) -> None:
            self._disarm_header_timer()
            super().handle_websocket_upgrade(event)

        def on_response_complete(self) -> None:
            super().on_response_complete()
            # Idle between requests: uvicorn's keep-alive timeout runs, not ours.
            self._disarm_header_timer()

        def _refuse(self, data: bytes) -> None:
            received = self._received
            if self._answered or received is None or self.transport.is_closing():
                return  # what follows the request (its body) is read and dropped
            received += data
            if b"\r\n\r\n" not in received and len(received) < 65536:
                return
            self._answered = True
            body = b"the server is at its connection limit: retry in a moment"
            self.transport.write(_REFUSAL % (_RETRY_AFTER_SECONDS, len(body), body))
            # Half-close, and close once the client does (or the linger ends): closing with
            # its body still unread would reset the connection and lose the answer.
            if self.transport.can_write_eof():
                self.transport.write_eof()
            else:
                self.transport.close()

        def _arm_header_timer(self) -> None:
            if self._header_timer is None and limits.header_timeout:
                self._header_timer = self.loop.call_later(
                    limits.header_timeout, self._headers_timed_out
                )

        def _disarm_header_timer(self) -> None:
            if self._header_timer is not None:
                self._header_timer.cancel()
                self._header_timer = None

        def _headers_timed_out(self) -> None:
            self._header_timer = None
            if self.transport.is_closing() or self.conn.their_state is not h11.IDLE:
                return
            # Bytes of a request came, too slowly: say so; a silent connection is just closed.
            if self.conn.trailing_data[0]:
                self.transport.write(_TIMED_OUT)
            self.transport.close()

    if ws_base is None:
        return GuardedHttp, None

    class GuardedWebSocket(ws_base):
        """uvicorn's WebSocket protocol, giving the connection's slot back when it closes."""

        def connection_lost(self, exc: Exception | None) -> None:
            release(getattr(self, "transport", None))
            super().connection_lost(exc)

    return GuardedHttp, GuardedWebSocket
