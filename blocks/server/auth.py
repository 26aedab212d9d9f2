"""``launch(auth=...)``: HTTP Basic authentication in front of every route but /health.

``auth`` is a ``(username, password)`` pair, a list of pairs, or a function
``(username, password) -> bool``. Browsers ask for the credentials themselves and send them
with every request of the page, its WebSocket included.
"""

from __future__ import annotations

import base64
import binascii
import hmac
from collections.abc import Callable, Sequence
from typing import Any

from starlette.types import ASGIApp, Receive, Scope, Send

__all__ = ["BasicAuth", "check_auth_argument"]

Checker = Callable[[str, str], bool]


def check_auth_argument(auth: Any) -> Checker | None:
    """The credentials check for ``auth``; a clear TypeError for anything else."""
    if auth is None:
        return None
    if callable(auth):
        return lambda user, password: bool(auth(user, password))
    pairs: Sequence[Any] = [auth] if isinstance(auth, tuple) else auth
    if (
        not isinstance(pairs, (list, tuple))
        or not pairs
        or not all(
            isinstance(p, (tuple, list)) and len(p) == 2 and all(isinstance(x, str) for x in p)
            for p in pairs
        )
    ):
        raise TypeError(
            "auth must be a (username, password) pair, a list of pairs, or a function "
            f"(username, password) -> bool; got {auth!r:.60}"
        )
    known = [(str(user), str(password)) for user, password in pairs]

    def check(user: str, password: str) -> bool:
        ok = False
        for known_user, known_password in known:
            # Compare everything, in constant time, so timing tells nothing.
            ok |= hmac.compare_digest(user, known_user) & hmac.compare_digest(
                password, known_password
            )
        return ok

    return check


class BasicAuth:
    """ASGI middleware: 401 with a Basic challenge unless the request carries good
    credentials. The readiness route stays open."""

    def __init__(self, app: ASGIApp, check: Checker, realm: str = "Blocks") -> None:
        self.app = app
        self.check = check
        self.realm = realm

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] not in ("http", "websocket") or scope.get("path") == "/health":
            await self.app(scope, receive, send)
            return
        if self._allowed(scope):
            await self.app(scope, receive, send)
            return
        if scope["type"] == "websocket":
            await send({"type": "websocket.close", "code": 1008, "reason": "authentication"})
            return
        await send(
            {
                "type": "http.response.start",
                "status": 401,
                "headers": [
                    (b"www-authenticate", f'Basic realm="{self.realm}"'.encode()),
                    (b"content-type", b"text/plain; charset=utf-8"),
                ],
            }
        )
        await send({"type": "http.response.body", "body": b"Log in to use this app."})

    def _allowed(self, scope: Scope) -> bool:
        for name, value in scope.get("headers", []):
            if name != b"authorization":
                continue
            scheme, _, encoded = value.decode("latin-1").partition(" ")
            if scheme.lower() != "basic":
                return False
            try:
                user, _, password = base64.b64decode(encoded, validate=True).decode().partition(":")
            except (binascii.Error, UnicodeDecodeError):
                return False
            return self.check(user, password)
        return False
