"""``launch()``: checking its options, wrapping the app in the security middlewares, serving it
(blocks/server/serving.py) and, when it blocks, stopping gracefully on SIGTERM
(blocks/server/drain.py)."""

from __future__ import annotations

import warnings
import webbrowser
from typing import TYPE_CHECKING, Any

from blocks.server.limits import ConnectionLimits
from blocks.server.serving import Server, bind_socket, environ_option

if TYPE_CHECKING:
    from blocks.app import Blocks

__all__ = ["launch", "parse_size"]


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
    from blocks.server.auth import AuthGate, check_auth_argument
    from blocks.server.drain import drain_timeout, on_sigterm
    from blocks.server.headers import SecurityHeaders, frame_ancestors_from
    from blocks.server.hosts import HostGuard, allowed_hosts_from, is_loopback
    from blocks.server.limits import raise_open_file_limit
    from blocks.server.log_limit import install
    from blocks.server.proxies import ForwardedHeaders, trusted_proxies_from
    from blocks.server.routes import create_app

    host = server_name or environ_option("SERVER_NAME") or "127.0.0.1"
    blocks.max_file_size = parse_size(max_file_size)
    check = check_auth_argument(auth)
    ancestors = frame_ancestors_from(frame_ancestors)  # a bad source fails before binding
    proxies = trusted_proxies_from()
    install()
    limits = ConnectionLimits.from_env(raise_open_file_limit())
    drain_seconds = drain_timeout()  # a bad BLOCKS_DRAIN_TIMEOUT fails now, not on SIGTERM
    sock = bind_socket(host, server_port)
    app: Any = create_app(blocks.runtime, frame_ancestors=ancestors)
    if check is not None:
        app = AuthGate(app, check, realm=blocks.title or "Blocks", message=auth_message)
    hosts = allowed_hosts_from(allowed_hosts)
    if is_loopback(host) or hosts:
        # Outside auth: a rebound page is refused before auth or routing see it.
        app = HostGuard(app, hosts)
    # From a trusted proxy, the visitor's address, Host and scheme; from anyone else, no
    # X-Forwarded-* at all. Outside the Host check, which then sees the public Host.
    app = ForwardedHeaders(app, proxies)
    # Around everything: the refusals of auth and of the Host check get nosniff and the
    # referrer policy too (create_app's own copy serves apps mounted without launch()).
    app = SecurityHeaders(app, frame_ancestors=ancestors)
    server = Server(app, sock, root_path=root_path or "", runtime=blocks.runtime, limits=limits)
    server.start()
    if not quiet:
        print(f"* Running on local URL:  {server.url}", flush=True)
    if inbrowser:
        webbrowser.open(server.url)
    blocks._server = server
    if not prevent_thread_lock:
        with on_sigterm(lambda: server.begin_drain(drain_seconds), server.stop_now, drain_seconds):
            server.wait()
        blocks.close()
        return None
    return server
