"""``launch(auth=...)``: HTTP Basic authentication in front of every route but /health.

``auth`` is a ``(username, password)`` pair, a list of pairs, or a function
``(username, password) -> bool``. Browsers ask for the credentials themselves and send them
with every request of the page, its WebSocket included. Credentials are compared as UTF-8
bytes in constant time; an address that keeps failing is answered 429 with Retry-After for a
lockout that doubles with each failure (blocks.server.throttle).
"""

from __future__ import annotations

import base64
import binascii
import hmac
import time
from collections.abc import Callable, Sequence
from typing import Any

from starlette.types import ASGIApp, Receive, Scope, Send

from blocks.server.throttle import LoginThrottle

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
    known = [(user.encode(), password.encode()) for user, password in pairs]

    def check(user: str, password: str) -> bool:
        # Bytes, because compare_digest refuses non-ASCII str; every pair is compared, in
        # constant time, so timing tells nothing about which part was wrong.
        given_user, given_password = user.encode(), password.encode()
        ok = False
        for known_user, known_password in known:
            ok |= hmac.compare_digest(given_user, known_user) & hmac.compare_digest(
                given_password, known_password
            )
        return ok

    return check


class BasicAuth:
    """ASGI middleware: 401 with a Basic challenge unless the request carries good
    credentials. The readiness route stays open."""

    def __init__(
        self,
        app: ASGIApp,
        check: Checker,
        realm: str = "Blocks",
        throttle: LoginThrottle | None = None,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self.app = app
        self.check = check
        self.realm = realm
        self.throttle = throttle or LoginThrottle()
        self.clock = clock

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] not in ("http", "websocket") or scope.get("path") == "/health":
            await self.app(scope, receive, send)
            return
        address = (scope.get("client") or ("?", 0))[0]
        wait = self.throttle.wait(address, self.clock())
        if wait > 0:
            await self._refuse_throttled(scope, send, wait)
            return
        given = self._credentials(scope)
        if given is not None and self._check(*given):
            self.throttle.succeeded(address)
            await self.app(scope, receive, send)
            return
        if given is not None:
            self.throttle.failed(address, self.clock())
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

    def _check(self, user: str, password: str) -> bool:
        try:
            return self.check(user, password)
        except Exception:
            # A failing auth function must not become a 500 that tells the attacker something.
            return False

    @staticmethod
    def _credentials(scope: Scope) -> tuple[str, str] | None:
        """(user, password) of a Basic Authorization header; ("", "") for a malformed one
        (it counts as a failed try), None when there is none."""
        for name, value in scope.get("headers", []):
            if name != b"authorization":
                continue
            scheme, _, encoded = value.decode("latin-1").partition(" ")
            if scheme.lower() != "basic":
                return ("", "")
            try:
                decoded = base64.b64decode(encoded, validate=True).decode("utf-8")
            except (binascii.Error, UnicodeDecodeError):
                return ("", "")
            user, _, password = decoded.partition(":")
            return (user, password)
        return None

    async def _refuse_throttled(self, scope: Scope, send: Send, wait: float) -> None:
        if scope["type"] == "websocket":
            await send({"type": "websocket.close", "code": 1008, "reason": "too many attempts"})
            return
        retry = str(max(1, round(wait)))
        await send(
            {
                "type": "http.response.start",
                "status": 429,
                "headers": [
                    (b"retry-after", retry.encode()),
                    (b"content-type", b"text/plain; charset=utf-8"),
                ],
            }
        )
        body = f"Too many failed logins from your address: try again in {retry} s."
        await send({"type": "http.response.body", "body": body.encode()})
