"""The login of ``launch(auth=...)``: a page of its own, and the tokens it hands out.

A browser opening a locked app is sent to ``login``: a form whose POST checks the credentials
(throttled per address, blocks.server.throttle) and sets an HttpOnly, SameSite=Lax cookie
holding a random token. Programs post the same form (``gradio_client`` does) or JSON and read
the token from the answer, then send it as ``Authorization: Bearer <token>``; or they send
``Authorization: Basic`` with every request. The page's WebSocket carries the cookie.

Tokens live in memory: at most ``max_tokens`` (the oldest go first), each for ``ttl``
seconds; ``logout`` ends one. A restart logs everyone out.
"""

from __future__ import annotations

import html
import secrets
import time
from collections import OrderedDict
from collections.abc import Callable
from urllib.parse import parse_qs

import orjson
from starlette.types import Receive, Scope

from blocks.server.asgi import header

__all__ = ["COOKIE", "LoginTokens", "login_page", "read_login_fields"]

COOKIE = "blocks-access"
DEFAULT_TTL_SECONDS = 7 * 24 * 3600
DEFAULT_MAX_TOKENS = 10_000
# A login form is a few hundred bytes: anything much bigger is refused unread.
_MAX_LOGIN_BODY = 16 * 1024


class LoginTokens:
    """Tokens of logged-in users: ``issue`` one, ``user_of`` it, ``revoke`` it."""

    def __init__(
        self,
        ttl: float = DEFAULT_TTL_SECONDS,
        max_tokens: int = DEFAULT_MAX_TOKENS,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self.ttl = ttl
        self.max_tokens = max_tokens
        self.clock = clock
        self._tokens: OrderedDict[str, tuple[str, float]] = OrderedDict()

    def issue(self, user: str) -> str:
        token = secrets.token_urlsafe(32)
        self._tokens[token] = (user, self.clock() + self.ttl)
        while len(self._tokens) > self.max_tokens:
            self._tokens.popitem(last=False)
        return token

    def user_of(self, token: str | None) -> str | None:
        """Who holds ``token``, or None for an unknown or expired one."""
        if not token or len(token) > 100:
            return None
        entry = self._tokens.get(token)
        if entry is None:
            return None
        user, expires = entry
        if self.clock() >= expires:
            del self._tokens[token]
            return None
        return user

    def revoke(self, token: str | None) -> None:
        if token:
            self._tokens.pop(token, None)

    def __len__(self) -> int:
        return len(self._tokens)


def login_page(
    title: str, message: str | None, error: str | None = None, username: str = ""
) -> str:
    """The login form (``username`` filled in again after a failed try): plain HTML and CSS,
    no script (the page CSP allows none inline)."""
    shown_error = (
        f'<p class="error" role="alert" id="login-error">{html.escape(error)}</p>' if error else ""
    )
    described = ' aria-describedby="login-error"' if error else ""
    intro = f"<p>{html.escape(message)}</p>" if message else ""
    return f"""<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Log in · {html.escape(title)}</title>
<style>
  :root {{ color-scheme: light dark; font-family: system-ui, sans-serif; }}
  body {{ display: grid; place-items: center; min-height: 100vh; margin: 0;
         background: Canvas; color: CanvasText; }}
  main {{ width: min(22rem, 90vw); padding: 2rem; border: 1px solid #8886;
         border-radius: 12px; }}
  h1 {{ font-size: 1.3rem; margin: 0 0 1rem; }}
  label {{ display: block; margin: 0.8rem 0 0.3rem; font-weight: 600; }}
  input {{ width: 100%; box-sizing: border-box; padding: 0.55rem; font: inherit;
          border: 1px solid #8889; border-radius: 6px; }}
  button {{ margin-top: 1.2rem; width: 100%; padding: 0.6rem; font: inherit; font-weight: 600;
           border: 0; border-radius: 6px; background: #ea580c; color: white; cursor: pointer; }}
  button:focus-visible, input:focus-visible {{ outline: 3px solid #2563eb; outline-offset: 2px; }}
  .error {{ color: #b91c1c; font-weight: 600; }}
  @media (prefers-color-scheme: dark) {{ .error {{ color: #fca5a5; }} }}
</style>
</head>
<body>
<main>
<h1>Log in to {html.escape(title)}</h1>
{intro}
{shown_error}
<form method="post" action="login">
  <label for="username">Username</label>
  <input id="username" name="username" autocomplete="username" required{described}
         value="{html.escape(username)}"{"" if username else " autofocus"}>
  <label for="password">Password</label>
  <input id="password" name="password" type="password" autocomplete="current-password"
         required{described}{" autofocus" if username else ""}>
  <button type="submit">Log in</button>
</form>
</main>
</body>
</html>
"""


async def read_login_fields(scope: Scope, receive: Receive) -> tuple[str, str] | None:
    """(username, password) from a login form or JSON object; None for anything else
    (a body over 16 KiB, a missing field, a value that is not text)."""
    body = b""
    more = True
    while more:
        message = await receive()
        if message["type"] != "http.request":
            return None
        body += message.get("body", b"")
        if len(body) > _MAX_LOGIN_BODY:
            return None
        more = message.get("more_body", False)
    kind = (header(scope, b"content-type") or "").split(";")[0].strip().lower()
    user: object
    password: object
    try:
        if kind == "application/json":
            data = orjson.loads(body)
            if not isinstance(data, dict):
                return None
            user, password = data.get("username"), data.get("password")
        else:
            form = parse_qs(body.decode("utf-8"), keep_blank_values=True)
            user = next(iter(form.get("username", [])), None)
            password = next(iter(form.get("password", [])), None)
    except (orjson.JSONDecodeError, UnicodeDecodeError):
        return None
    if not isinstance(user, str) or not isinstance(password, str):
        return None
    return user, password
