"""Serving an app with uvicorn: port choice, a background server thread, clean shutdown."""

from __future__ import annotations

import errno
import gc
import os
import socket
import sys
import threading
import warnings
import webbrowser
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from blocks.app import Blocks

__all__ = ["Server", "launch", "parse_size"]

DEFAULT_PORT = 7860
PORT_ATTEMPTS = 100
WS_MAX_MESSAGE_BYTES = 16 * 1024 * 1024


def parse_size(size: int | str | None) -> int | None:
    """``"5mb"``, ``"1 GB"``, ``1024`` -> bytes."""
    if size is None or isinstance(size, int):
        return size
    text = size.strip().lower().replace(" ", "")
    units = {"gb": 1024**3, "mb": 1024**2, "kb": 1024, "b": 1}
    for suffix, factor in units.items():
        if text.endswith(suffix):
            number = text[: -len(suffix)]
            try:
                return int(float(number) * factor)
            except ValueError:
                break
    raise ValueError(f"max_file_size must be bytes or a string like '5mb', got {size!r}")


def bind_socket(host: str, port: int | None) -> socket.socket:
    """A listening socket on ``port``, or on the next free one when it is taken."""
    explicit = port is not None
    start = port if port is not None else int(os.environ.get("BLOCKS_SERVER_PORT", DEFAULT_PORT))
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
    """A uvicorn server in a daemon thread."""

    def __init__(self, app: Any, sock: socket.socket, *, root_path: str = "") -> None:
        import uvicorn

        self.socket = sock
        host, port = sock.getsockname()[:2]
        shown = f"[{host}]" if ":" in host else host
        self.url = f"http://{shown}:{port}"
        self.config = uvicorn.Config(
            app,
            log_level="warning",
            lifespan="off",
            ws_max_size=WS_MAX_MESSAGE_BYTES,
            # Our frames are small deltas: compressing each costs more CPU than it saves.
            ws_per_message_deflate=False,
            ws_ping_interval=20,
            root_path=root_path,
            timeout_graceful_shutdown=2,
        )
        self.server = uvicorn.Server(self.config)
        self.thread = threading.Thread(target=self._serve, name="blocks-server", daemon=True)
        self._started = threading.Event()
        self._error: BaseException | None = None

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
        self.server.should_exit = True
        if self.thread.is_alive() and threading.current_thread() is not self.thread:
            self.thread.join(timeout=10)
        self.socket.close()

    def wait(self) -> None:
        """Block until the server stops or Ctrl+C."""
        try:
            self.thread.join()
        except KeyboardInterrupt:
            print("Keyboard interruption: closing the server.", file=sys.stderr)


# launch() arguments of the framework our users know that Blocks accepts but does not act on:
# apps that pass them still run, and are told once.
IGNORED_OPTIONS = frozenset(
    {
        "debug",
        "favicon_path",
        "ssl_keyfile",
        "ssl_certfile",
        "ssl_keyfile_password",
        "ssl_verify",
        "show_api",
        "height",
        "width",
        "enable_monitoring",
        "strict_cors",
        "node_server_name",
        "node_port",
        "mcp_server",
        "pwa",
        "app_kwargs",
        "state_session_capacity",
        "share_server_address",
        "share_server_protocol",
        "share_server_tls_certificate",
        "auth_dependency",
        "i18n",
        "footer_links",
        "ssr_mode",
        "theme",
        "css",
        "js",
        "head",
        "block_thread",
        "enable_queue",
        "show_tips",
        "encrypt",
        "max_events",
        "server_cert",
        "_frontend",
    }
)


def check_launch_options(extra: dict[str, Any], *, share: bool | None) -> None:
    """Unknown launch() arguments are errors; known ones Blocks does not act on warn."""
    unknown = sorted(set(extra) - IGNORED_OPTIONS)
    if unknown:
        raise TypeError(f"launch() got unknown argument(s): {', '.join(unknown)}")
    ignored = sorted(set(extra) & IGNORED_OPTIONS)
    if share:
        ignored.insert(0, "share=True (no tunnel service: the app is served locally)")
    if ignored:
        warnings.warn(f"launch() ignores: {', '.join(ignored)}", UserWarning, stacklevel=3)


def launch(
    blocks: Blocks,
    *,
    server_name: str | None,
    server_port: int | None,
    prevent_thread_lock: bool,
    quiet: bool,
    inbrowser: bool,
    max_file_size: int | str | None,
    root_path: str | None,
    auth: Any = None,
    auth_message: str | None = None,
    allowed_hosts: list[str] | None = None,
    frame_ancestors: str | list[str] | None = None,
) -> Server | None:
    from blocks.server.auth import BasicAuth, check_auth_argument
    from blocks.server.headers import SecurityHeaders, frame_ancestors_from
    from blocks.server.hosts import HostGuard, allowed_hosts_from, is_loopback
    from blocks.server.routes import create_app

    host = server_name or os.environ.get("BLOCKS_SERVER_NAME") or "127.0.0.1"
    blocks.max_file_size = parse_size(max_file_size)
    check = check_auth_argument(auth)
    ancestors = frame_ancestors_from(frame_ancestors)  # a bad source fails before binding
    sock = bind_socket(host, server_port)
    app: Any = create_app(blocks.runtime, frame_ancestors=ancestors)
    if check is not None:
        app = BasicAuth(app, check, realm=auth_message or blocks.title or "Blocks")
    hosts = allowed_hosts_from(allowed_hosts)
    if is_loopback(host) or hosts:
        # Outside auth: a rebound page is refused before auth or routing see it.
        app = HostGuard(app, hosts)
    # Around everything: the refusals of auth and of the Host check get nosniff and the
    # referrer policy too (create_app's own copy serves apps mounted without launch()).
    app = SecurityHeaders(app, frame_ancestors=ancestors)
    server = Server(app, sock, root_path=root_path or "")
    server.start()
    if not quiet:
        print(f"* Running on local URL:  {server.url}", flush=True)
    if inbrowser:
        webbrowser.open(server.url)
    blocks._server = server
    if not prevent_thread_lock:
        server.wait()
        blocks.close()
        return None
    return server
