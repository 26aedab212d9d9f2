"""A uvicorn server over a bound socket, in a background thread: port choice, connection
limits (blocks/server/limits.py), and a stop that is immediate or drains (blocks/server/drain.py).
"""

from __future__ import annotations

import asyncio
import concurrent.futures
import errno
import gc
import logging
import os
import socket
import sys
import threading
from typing import TYPE_CHECKING, Any

from blocks.server.limits import ConnectionCounter, ConnectionLimits

if TYPE_CHECKING:
    from blocks.runtime.engine import Runtime

__all__ = [
    "DEFAULT_PORT",
    "Server",
    "bind_socket",
    "environ_option",
]

log = logging.getLogger("blocks")

DEFAULT_PORT = 7860
PORT_ATTEMPTS = 100
WS_MAX_MESSAGE_BYTES = 16 * 1024 * 1024


def environ_option(name: str) -> str | None:
    """``BLOCKS_<name>``, else the reference framework's ``GRADIO_<name>`` (containers and
    hosted spaces set those), else None."""
    for prefix in ("BLOCKS_", "GRADIO_"):
        value = os.environ.get(prefix + name, "").strip()
        if value:
            return value
    return None


def bind_socket(host: str, port: int | None) -> socket.socket:
    """A listening socket on ``port``, or on the next free one when it is taken."""
    explicit = port is not None  # from the environment, the next free port will do too
    if port is None:
        given = environ_option("SERVER_PORT")
        try:
            port = int(given) if given is not None else None
        except ValueError:
            raise ValueError(
                f"BLOCKS_SERVER_PORT (or GRADIO_SERVER_PORT) must be a port number, got {given!r}"
            ) from None
    start = port if port is not None else DEFAULT_PORT
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    last_error: OSError | None = None
    for candidate in range(start, start + PORT_ATTEMPTS):
        sock = socket.socket(family, socket.SOCK_STREAM)
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        # Accepted connections inherit this: without it a second small frame sent right after
        # another waits for the peer's delayed ACK (~40 ms per event).
        sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
        try:
            sock.bind((host, candidate))
        except OSError as exc:
            sock.close()
            last_error = exc
            if exc.errno != errno.EADDRINUSE or candidate == 0:
                break
            continue
        sock.listen(2048)
        sock.set_inheritable(True)
        return sock
    where = f"port {start}" if explicit else f"ports {start}-{start + PORT_ATTEMPTS - 1}"
    raise OSError(f"Cannot serve on {host} {where}: {last_error}")


class Server:
    """A uvicorn server in a daemon thread.

    ``runtime``: the app's, drained by ``drain_and_stop`` (without it the stop only waits for
    the connections); ``limits``: the connection caps and timeouts (default: from the
    environment, see ConnectionLimits.from_env)."""

    def __init__(
        self,
        app: Any,
        sock: socket.socket,
        *,
        root_path: str = "",
        runtime: Runtime | None = None,
        limits: ConnectionLimits | None = None,
    ) -> None:
        import uvicorn
        from uvicorn.protocols.websockets.auto import AutoWebSocketsProtocol

        from blocks.server.limits import guarded_protocols

        self.app = app
        self.socket = sock
        self.runtime = runtime
        host, port = sock.getsockname()[:2]
        shown = f"[{host}]" if ":" in host else host
        self.url = f"http://{shown}:{port}"
        self.limits = limits or ConnectionLimits.from_env()
        self.connections = ConnectionCounter(self.limits)
        http, ws = guarded_protocols(self.connections, AutoWebSocketsProtocol)
        self.config = uvicorn.Config(
            app,
            log_level="warning",
            lifespan="off",
            http=http,
            ws=ws if ws is not None else "none",
            ws_max_size=WS_MAX_MESSAGE_BYTES,
            # Our frames are small deltas: compressing each costs more CPU than it saves.
            ws_per_message_deflate=False,
            ws_ping_interval=20,
            root_path=root_path,
            # X-Forwarded-* are applied by blocks.server.proxies, from trusted proxies only
            # (uvicorn's own handling trusts 127.0.0.1 by default: any local process).
            proxy_headers=False,
            # Used as a float (call_later), typed int.
            timeout_keep_alive=self.limits.keep_alive_timeout,  # type: ignore[arg-type]
            timeout_graceful_shutdown=2,
        )
        self.server = uvicorn.Server(self.config)
        self.thread = threading.Thread(target=self._serve, name="blocks-server", daemon=True)
        self._started = threading.Event()
        self._error: BaseException | None = None
        self._loop: asyncio.AbstractEventLoop | None = None
        self._draining: concurrent.futures.Future[None] | None = None

    def _serve(self) -> None:
        try:
            self.server.run(sockets=[self.socket])
        except BaseException as exc:  # shown by start()
            self._error = exc
        finally:
            self._started.set()

    def start(self) -> None:
        # Wake start() from uvicorn's own startup hook: no polling for readiness.
        original = self.server.startup

        async def startup(sockets: Any = None) -> None:
            await original(sockets=sockets)
            self._loop = asyncio.get_running_loop()
            self._started.set()

        self.server.startup = startup  # type: ignore[method-assign]
        # The app's graph and imported modules live until exit: keep them out of the cyclic
        # collector's full passes, which otherwise walk them all under load.
        gc.collect()
        gc.freeze()
        # Jobs free themselves by refcounting (their cycles are broken when they end): collect
        # the young generation less often, so full passes do not stall the loop under load.
        young, middle, old = gc.get_threshold()
        gc.set_threshold(max(young, 20_000), middle, old)
        self.thread.start()
        self._started.wait(timeout=30)
        if self._error is not None:
            raise RuntimeError(f"the server failed to start: {self._error}") from self._error

    def stop(self) -> None:
        """Stop now: running jobs are cancelled by the runtime's close (Blocks.close)."""
        self.server.should_exit = True
        if self.thread.is_alive() and threading.current_thread() is not self.thread:
            self.thread.join(timeout=10)
        self.socket.close()
        from blocks.server import log_limit

        log_limit.flush()

    def stop_now(self) -> None:
        """Stop without waiting for anything (a second SIGTERM during the drain); returns at
        once, ``wait()`` returns soon after."""
        self.server.should_exit = self.server.force_exit = True

    def begin_drain(self, timeout: float | None = None) -> None:
        """Start the graceful stop (blocks/server/drain.py) and return at once (a signal
        handler calls it): no new connection, pages told, waiting jobs failed, running jobs
        given ``timeout`` seconds (default BLOCKS_DRAIN_TIMEOUT), then the server stops and
        ``wait()`` returns. Safe from any thread; a second call changes nothing."""
        from blocks.server.drain import drain_timeout

        loop = self._loop
        if loop is None or loop.is_closed() or self._draining is not None:
            return
        seconds = drain_timeout() if timeout is None else timeout
        self._draining = asyncio.run_coroutine_threadsafe(self._drain(seconds), loop)

    def drain_and_stop(self, timeout: float | None = None) -> None:
        """The graceful stop, waited for (at most the drain timeout and the cancellation)."""
        from blocks.server.drain import CANCEL_TIMEOUT, FLUSH_TIMEOUT, drain_timeout

        seconds = drain_timeout() if timeout is None else timeout
        self.begin_drain(seconds)
        if self.thread.is_alive() and threading.current_thread() is not self.thread:
            self.thread.join(timeout=seconds + CANCEL_TIMEOUT + FLUSH_TIMEOUT + 10)
        self.stop()

    async def _drain(self, timeout: float) -> None:
        from blocks.server.drain import drain_runtime

        try:
            # No new connection: the listening socket closes, the port is free at once.
            for listener in getattr(self.server, "servers", []):
                listener.close()
            if self.runtime is not None:
                await drain_runtime(self.runtime, timeout)
        except Exception:  # a bug of ours: the server still stops
            log.exception("the graceful stop failed; stopping now")
        finally:
            self.server.should_exit = True

    def wait(self) -> None:
        """Block until the server stops or Ctrl+C."""
        try:
            self.thread.join()
        except KeyboardInterrupt:
            print("Keyboard interruption: closing the server.", file=sys.stderr)
