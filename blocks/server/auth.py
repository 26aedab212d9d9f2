"""``launch(auth=...)``: a login in front of every route but /health.

``auth`` is a ``(username, password)`` pair, a list of pairs, or a function
``(username, password) -> bool``. A browser is sent to the login page (blocks.server.login)
and then carries a cookie, its WebSocket included; programs log in the same way and send the
token as ``Authorization: Bearer``, or send ``Authorization: Basic`` credentials with every
request (or ``Bearer user:password``: an OpenAI SDK's ``api_key="user:password"``).
Credentials are compared as UTF-8 bytes in constant time; an address that keeps failing is
answered 429 with Retry-After for a lockout that doubles with each failure
(blocks.server.throttle).
"""

from __future__ import annotations

import base64
import binascii
import hmac
import time
from collections.abc import Callable, Sequence
from typing import Any

from starlette.requests import HTTPConnection
from starlette.types import ASGIApp, Receive, Scope, Send

from blocks.server.asgi import (
    app_url,
    cookie,
    header,
    local_path,
    redirect,
    respond_html,
    respond_json,
    respond_plain,
    wants_html,
)
from blocks.server.login import COOKIE, LoginTokens, login_page, read_login_fields
from blocks.server.security import origin_allowed
from blocks.server.throttle import LoginThrottle

__all__ = ["AuthGate", "check_auth_argument"]

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


class AuthGate:
    """ASGI middleware: the login page and its form, then only authenticated requests pass
    (cookie, Bearer token or Basic credentials). /health stays open."""

    def __init__(
        self,
        app: ASGIApp,
        check: Checker,
        realm: str = "Blocks",
        message: str | None = None,
        throttle: LoginThrottle | None = None,
        tokens: LoginTokens | None = None,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self.app = app
        self.check = check
        self.realm = realm
        self.message = message
        self.throttle = throttle or LoginThrottle()
        self.tokens = tokens or LoginTokens()
        self.clock = clock

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] not in ("http", "websocket"):
            await self.app(scope, receive, send)
            return
        path = local_path(scope)
        if path == "/health":
            await self.app(scope, receive, send)
            return
        address = (scope.get("client") or ("?", 0))[0]
        if scope["type"] == "http" and path in ("/login", "/logout"):
            await self._login_routes(scope, receive, send, path, address)
            return
        user = self._token_user(scope)
        credentials = _basic_credentials(scope) if user is None else None
        if credentials is not None:
            # Guesses are throttled before they are checked: a locked-out address learns
            # nothing, even from the right password.
            wait = self.throttle.wait(address, self.clock())
            if wait > 0:
                await self._refuse_throttled(scope, send, wait)
                return
            if self._check(*credentials):
                self.throttle.succeeded(address)
                user = credentials[0]
            else:
                self.throttle.failed(address, self.clock())
        if user is not None:
            scope.setdefault("state", {})["username"] = user
            await self.app(scope, receive, send)
            return
        if scope["type"] == "websocket":
            await send({"type": "websocket.close", "code": 1008, "reason": "authentication"})
            return
        if scope["method"] == "GET" and wants_html(scope):
            await redirect(send, app_url(scope, "/login"))
            return
        await send(
            {
                "type": "http.response.start",
                "status": 401,
                "headers": [
                    (b"www-authenticate", f'Basic realm="{_quoted(self.realm)}"'.encode()),
                    (b"content-type", b"text/plain; charset=utf-8"),
                ],
            }
        )
        body = b"Log in to use this app: POST /login, then send the token as a Bearer token."
        await send({"type": "http.response.body", "body": body})

    # ------------------------------------------------------------------ who is asking

    def _token_user(self, scope: Scope) -> str | None:
        """Who a Bearer token or the login cookie belongs to (tokens cannot be guessed)."""
        given = header(scope, b"authorization")
        if given is not None:
            scheme, _, value = given.partition(" ")
            return self.tokens.user_of(value.strip()) if scheme.lower() == "bearer" else None
        return self.tokens.user_of(cookie(scope, COOKIE))

    def _check(self, user: str, password: str) -> bool:
        try:
            return self.check(user, password)
        except Exception:
            # A failing auth function must not become a 500 that tells the attacker something.
            return False

    # ------------------------------------------------------------------ login and logout

    async def _login_routes(
        self, scope: Scope, receive: Receive, send: Send, path: str, address: str
    ) -> None:
        if path == "/logout":
            self.tokens.revoke(cookie(scope, COOKIE))
            await redirect(send, app_url(scope, "/login"), cookie=_login_cookie(scope, "", 0))
            return
        if scope["method"] != "POST":
            await respond_html(send, 200, login_page(self.realm, self.message))
            return
        if not origin_allowed(HTTPConnection(scope)):
            await respond_plain(send, 403, "cross-origin login refused")
            return
        wait = self.throttle.wait(address, self.clock())
        if wait > 0:
            await self._refuse_throttled(scope, send, wait)
            return
        fields = await read_login_fields(scope, receive)
        if fields is None:
            await respond_plain(send, 400, "send username and password as a form or a JSON object")
            return
        user, password = fields
        browser = wants_html(scope)
        if not self._check(user, password):
            self.throttle.failed(address, self.clock())
            if browser:
                wrong = "Incorrect username or password."
                page = login_page(self.realm, self.message, wrong, username=user)
                await respond_html(send, 401, page)
            else:
                await respond_json(send, 401, {"success": False, "error": "Incorrect credentials."})
            return
        self.throttle.succeeded(address)
        token = self.tokens.issue(user)
        issued = _login_cookie(scope, token, int(self.tokens.ttl))
        if browser:
            await redirect(send, app_url(scope, "/"), cookie=issued)
        else:
            await respond_json(send, 200, {"success": True, "token": token}, cookie=issued)

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


# ---------------------------------------------------------------------- credentials


def _basic_credentials(scope: Scope) -> tuple[str, str] | None:
    """(user, password) of a Basic Authorization header, or of a Bearer ``user:password``
    (how an OpenAI SDK sends ``api_key="user:password"``); ("", "") for a malformed one or
    another scheme (it counts as a failed try), None when there is none or it is another
    Bearer token (one this server did not issue)."""
    given = header(scope, b"authorization")
    if given is None:
        return None
    scheme, _, encoded = given.partition(" ")
    if scheme.lower() == "bearer":
        user, colon, password = encoded.strip().partition(":")
        return (user, password) if colon else None
    if scheme.lower() != "basic":
        return ("", "")
    try:
        decoded = base64.b64decode(encoded.strip(), validate=True).decode("utf-8")
    except (binascii.Error, UnicodeDecodeError):
        return ("", "")
    user, _, password = decoded.partition(":")
    return (user, password)


def _login_cookie(scope: Scope, token: str, max_age: int) -> bytes:
    secure = "; Secure" if scope.get("scheme") in ("https", "wss") else ""
    path = scope.get("root_path") or "/"
    return (
        f"{COOKIE}={token}; Path={path}; Max-Age={max_age}; HttpOnly; SameSite=Lax{secure}"
    ).encode()


def _quoted(text: str) -> str:
    return text.replace("\\", "").replace('"', "'")
