"""Refusing requests for other host names: the defence against DNS rebinding.

After a rebind, an attacker's page at ``http://evil.example:7860`` reaches an app bound to
127.0.0.1 with ``Host: evil.example:7860`` and a matching Origin, so an Origin check alone
passes. An app bound to a loopback address therefore answers only requests whose Host is a
loopback name (``localhost``, ``127.x.y.z``, ``[::1]``) or one the app allows
(``launch(allowed_hosts=[...])`` or ``BLOCKS_ALLOWED_HOSTS``, comma-separated); anything else
is refused before routing: 421 over HTTP, a refused upgrade for a WebSocket. An app bound to
another address checks Host only when allowed hosts are given.
"""

from __future__ import annotations

import ipaddress
import os
from collections.abc import Iterable

from starlette.types import ASGIApp, Receive, Scope, Send

from blocks.server.asgi import header

__all__ = ["HostGuard", "allowed_hosts_from", "host_allowed", "is_loopback"]


def is_loopback(name: str) -> bool:
    """True for ``localhost`` and the loopback addresses (127.0.0.0/8, ::1)."""
    name = name.lower().rstrip(".")
    if name == "localhost" or name.endswith(".localhost"):
        return True
    try:
        return ipaddress.ip_address(name.strip("[]")).is_loopback
    except ValueError:
        return False


def _name_of(host_header: str) -> str:
    """``Host`` without its port: ``[::1]:7860`` -> ``::1``, ``a.b:80`` -> ``a.b``."""
    host = host_header.strip().lower()
    if host.startswith("["):
        return host[1 : host.find("]")] if "]" in host else host
    return host.rsplit(":", 1)[0] if host.count(":") == 1 else host


def host_allowed(host_header: str | None, allowed: frozenset[str]) -> bool:
    if not host_header:
        return False
    name = _name_of(host_header).rstrip(".")
    return is_loopback(name) or name in allowed


def allowed_hosts_from(option: Iterable[str] | None) -> frozenset[str]:
    names = list(option or [])
    names += [n for n in os.environ.get("BLOCKS_ALLOWED_HOSTS", "").split(",") if n.strip()]
    return frozenset(_name_of(name).rstrip(".") for name in names)


class HostGuard:
    """ASGI middleware: refuse requests whose Host is neither loopback nor allowed."""

    def __init__(self, app: ASGIApp, allowed: frozenset[str]) -> None:
        self.app = app
        self.allowed = allowed

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] not in ("http", "websocket"):
            await self.app(scope, receive, send)
            return
        host = header(scope, b"host")
        if host_allowed(host, self.allowed):
            await self.app(scope, receive, send)
            return
        if scope["type"] == "websocket":
            # A close before accept refuses the upgrade (the client sees HTTP 403).
            await send({"type": "websocket.close", "code": 1008, "reason": "host not allowed"})
            return
        body = (
            f"This app does not answer for the host {host!r}. If it should, start it with "
            "launch(allowed_hosts=[...]) or BLOCKS_ALLOWED_HOSTS."
        ).encode()
        await send(
            {
                "type": "http.response.start",
                "status": 421,
                "headers": [(b"content-type", b"text/plain; charset=utf-8")],
            }
        )
        await send({"type": "http.response.body", "body": body})
