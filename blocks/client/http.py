"""The client's HTTP: requests to the app with its headers and login, and the WebSocket's.

Everything goes to one app (``base``); the caller's ``headers`` go with each request, and with
``auth=(user, password)`` a login (``POST /login``) gives a token sent as ``Authorization:
Bearer``. Tokens live in the server's memory, so a restarted app has forgotten it: a request
answered 401 logs in again once and is retried. Credentials never go to another origin (a file
URL elsewhere is fetched without them). Standard library only: ``import blocks`` must not load
an HTTP client.
"""

from __future__ import annotations

import ssl
import threading
import urllib.error
import urllib.request
from typing import IO, Any
from urllib.parse import urlsplit

import orjson

from blocks.client.errors import AuthenticationError, ClientError

__all__ = ["Http", "error_message"]


class Http:
    """Requests to the app at ``base`` (its URL, no trailing slash)."""

    def __init__(
        self,
        base: str,
        *,
        headers: dict[str, str] | None = None,
        auth: tuple[str, str] | None = None,
        timeout: float = 30,
        ssl_verify: bool = True,
    ) -> None:
        if auth is not None and not (
            isinstance(auth, (tuple, list))
            and len(auth) == 2
            and all(isinstance(a, str) for a in auth)
        ):
            raise TypeError(f"auth must be a (username, password) pair, got {auth!r:.60}")
        self.base = base
        self.headers = dict(headers or {})
        self.auth = auth
        self.timeout = timeout
        self.ssl_context: ssl.SSLContext | None = None
        if not ssl_verify:
            self.ssl_context = ssl.create_default_context()
            self.ssl_context.check_hostname = False
            self.ssl_context.verify_mode = ssl.CERT_NONE
        self._token: str | None = None
        self._lock = threading.Lock()

    # ------------------------------------------------------------------ requests

    def get_json(self, path: str) -> Any:
        return orjson.loads(self.request("GET", self.base + path))

    def request(
        self,
        method: str,
        url: str,
        body: bytes | None = None,
        headers: dict[str, str] | None = None,
    ) -> bytes:
        """The answer's body; ClientError with the app's message for an error answer."""
        with self.open(method, url, body, headers) as response:
            data: bytes = response.read()
            return data

    def open(
        self,
        method: str,
        url: str,
        body: bytes | None = None,
        headers: dict[str, str] | None = None,
    ) -> IO[bytes]:
        """The open answer (read it, then close it); logs in (again) when the app asks."""
        own = self.is_own(url)
        if own and self.auth is not None and self._token is None:
            self.login()
        for attempt in (1, 2):
            request = urllib.request.Request(url, data=body, method=method)
            for name, value in {**self._headers(own), **(headers or {})}.items():
                request.add_header(name, value)
            try:
                response: IO[bytes] = urllib.request.urlopen(
                    request, timeout=self.timeout, context=self.ssl_context
                )
                return response
            except urllib.error.HTTPError as exc:
                if exc.code == 401 and own and self.auth is not None and attempt == 1:
                    self.login()  # a restarted app forgot the token
                    continue
                if exc.code == 401 and own:
                    raise AuthenticationError(_login_needed(self.auth is not None)) from None
                raise ClientError(error_message(exc)) from None
        raise AssertionError("unreachable")  # pragma: no cover

    def login(self) -> None:
        """Log in with ``auth``: the token the app answers goes with every later request."""
        assert self.auth is not None
        user, password = self.auth
        body = orjson.dumps({"username": user, "password": password})
        request = urllib.request.Request(
            self.base + "/login",
            data=body,
            method="POST",
            headers={**self.headers, "Content-Type": "application/json"},
        )
        try:
            with urllib.request.urlopen(
                request, timeout=self.timeout, context=self.ssl_context
            ) as response:
                answer = orjson.loads(response.read())
        except urllib.error.HTTPError as exc:
            if exc.code in (404, 405):
                return  # the app has no login: nothing to do
            if exc.code == 401:
                raise AuthenticationError(
                    f"the app refused the login of {user!r}: incorrect username or password"
                ) from None
            raise AuthenticationError(f"cannot log in: {error_message(exc)}") from None
        token = answer.get("token") if isinstance(answer, dict) else None
        if not isinstance(token, str):
            raise AuthenticationError("the app's login answered no token")
        with self._lock:
            self._token = token

    def forget_login(self) -> None:
        """The app refused the token (a restart): the next request logs in again."""
        with self._lock:
            self._token = None

    # ------------------------------------------------------------------ helpers

    def ws_headers(self) -> dict[str, str]:
        """Headers of the WebSocket handshake (logged in first when ``auth`` is set)."""
        if self.auth is not None and self._token is None:
            self.login()
        return self._headers(own=True)

    def is_own(self, url: str) -> bool:
        """Whether ``url`` is the app's (its credentials may go there)."""
        mine, theirs = urlsplit(self.base), urlsplit(url)
        return (mine.scheme, mine.netloc) == (theirs.scheme, theirs.netloc)

    def _headers(self, own: bool) -> dict[str, str]:
        headers = dict(self.headers) if own else {}
        with self._lock:
            token = self._token
        if own and token is not None:
            headers["Authorization"] = f"Bearer {token}"
        return headers


def _login_needed(tried: bool) -> str:
    if tried:
        return "the app refused the login (its credentials changed?)"
    return "this app needs a login: Client(url, auth=(username, password))"


def error_message(exc: Any) -> str:
    """The ``{"error": ...}`` message of an HTTP error answer, else its status."""
    try:
        raw = exc.read()
        try:
            message = orjson.loads(raw).get("error")
        except (orjson.JSONDecodeError, AttributeError):
            message = raw.decode(errors="replace").strip()[:300] or None
    except OSError:
        message = None
    if isinstance(message, dict):  # the OpenAI-style {"error": {"message"}}
        message = message.get("message")
    return str(message) if message else f"HTTP {exc.code} {exc.reason}"
