"""Serving behind a reverse proxy: ``X-Forwarded-*`` headers, believed only from the proxy.

A proxy (nginx, Caddy) connects to the app itself, so the app sees the proxy's address and,
unless told, the proxy's idea of the Host. It says who the visitor was and which name and
scheme they used in ``X-Forwarded-For``, ``X-Forwarded-Host`` and ``X-Forwarded-Proto``.
Anyone can send those headers, so they are believed only on connections from a trusted
proxy (``BLOCKS_TRUSTED_PROXIES``: comma-separated addresses or networks, e.g.
``127.0.0.1,10.0.0.0/8``; none by default). From a trusted proxy the request then looks as it
did to the visitor: their address (for the login throttle and connection caps), the public
Host (for the Host and Origin checks) and the scheme (for Secure cookies and ``wss:``).
Elsewhere the headers are dropped, so no later code can be fooled by them.
"""

from __future__ import annotations

import ipaddress
import os
from collections.abc import Iterable

from starlette.types import ASGIApp, Receive, Scope, Send

__all__ = ["ForwardedHeaders", "trusted_proxies_from"]

Network = ipaddress.IPv4Network | ipaddress.IPv6Network
_FORWARDED = (b"x-forwarded-for", b"x-forwarded-host", b"x-forwarded-proto", b"forwarded")


def trusted_proxies_from(option: Iterable[str] | None = None) -> list[Network]:
    """The trusted proxy networks: ``option`` plus ``BLOCKS_TRUSTED_PROXIES``; ValueError
    naming an entry that is not an address or network."""
    entries = list(option or [])
    entries += os.environ.get("BLOCKS_TRUSTED_PROXIES", "").split(",")
    networks = []
    for entry in (e.strip() for e in entries):
        if not entry:
            continue
        try:
            networks.append(ipaddress.ip_network(entry, strict=False))
        except ValueError:
            raise ValueError(
                f"trusted proxy {entry!r} is not an IP address or network like 10.0.0.0/8"
            ) from None
    return networks


class ForwardedHeaders:
    """ASGI middleware: apply ``X-Forwarded-*`` from trusted proxies, drop them from others."""

    def __init__(self, app: ASGIApp, trusted: list[Network]) -> None:
        self.app = app
        self.trusted = trusted

    def _is_trusted(self, address: str | None) -> bool:
        if not address or not self.trusted:
            return False
        try:
            ip = ipaddress.ip_address(address)
        except ValueError:
            return False
        return any(ip in network for network in self.trusted)

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] not in ("http", "websocket"):
            await self.app(scope, receive, send)
            return
        headers = scope.get("headers", [])
        if not any(name in _FORWARDED for name, _ in headers):
            await self.app(scope, receive, send)
            return
        peer = (scope.get("client") or (None, 0))[0]
        forwarded = {name: value.decode("latin-1") for name, value in headers if name in _FORWARDED}
        kept = [(name, value) for name, value in headers if name not in _FORWARDED]
        scope = dict(scope)
        if self._is_trusted(peer):
            self._apply(scope, kept, forwarded)
        scope["headers"] = kept
        await self.app(scope, receive, send)

    def _apply(self, scope: Scope, kept: list[tuple[bytes, bytes]], forwarded: dict) -> None:
        chain = [hop.strip() for hop in forwarded.get(b"x-forwarded-for", "").split(",")]
        chain = [hop for hop in chain if hop]
        # The visitor is the last hop no trusted proxy added (the rightmost untrusted one).
        while chain and self._is_trusted(chain[-1]):
            chain.pop()
        if chain:
            scope["client"] = (chain[-1], 0)
        proto = forwarded.get(b"x-forwarded-proto", "").split(",")[0].strip().lower()
        if proto in ("http", "https"):
            if scope["type"] == "websocket":
                scope["scheme"] = "wss" if proto == "https" else "ws"
            else:
                scope["scheme"] = proto
        host = forwarded.get(b"x-forwarded-host", "").split(",")[0].strip()
        if host:
            kept[:] = [(name, value) for name, value in kept if name != b"host"]
            kept.append((b"host", host.encode("latin-1")))
