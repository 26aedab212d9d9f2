"""Small ASGI helpers for the middlewares that answer before routing (the login gate):
reading headers and cookies, and sending plain, HTML, JSON and redirect answers."""

from __future__ import annotations

from http.cookies import CookieError, SimpleCookie
from typing import Any

import orjson
from starlette.types import Scope, Send

__all__ = [
    "app_url",
    "cookie",
    "header",
    "local_path",
    "redirect",
    "respond_html",
    "respond_json",
    "respond_plain",
    "wants_html",
]


def local_path(scope: Scope) -> str:
    path: str = scope.get("path") or "/"
    root = scope.get("root_path") or ""
    if root and path.startswith(root):
        path = path[len(root) :] or "/"
    return path


def app_url(scope: Scope, path: str) -> str:
    return (scope.get("root_path") or "") + path


def header(scope: Scope, name: bytes) -> str | None:
    for key, value in scope.get("headers", []):
        if key == name:
            return str(value.decode("latin-1"))
    return None


def wants_html(scope: Scope) -> bool:
    return "text/html" in (header(scope, b"accept") or "")


def cookie(scope: Scope, name: str) -> str | None:
    raw = header(scope, b"cookie")
    if not raw:
        return None
    jar: SimpleCookie = SimpleCookie()
    try:
        jar.load(raw)
    except CookieError:
        return None
    morsel = jar.get(name)
    return morsel.value if morsel is not None else None


async def respond_plain(send: Send, status: int, text: str) -> None:
    await _respond(send, status, b"text/plain; charset=utf-8", text.encode())


async def respond_html(send: Send, status: int, page: str) -> None:
    """An HTML page whose forms send their Origin (under ``no-referrer`` a browser sends
    ``Origin: null``, which a cross-origin check cannot tell from a sandboxed attacker)."""
    await _respond(
        send,
        status,
        b"text/html; charset=utf-8",
        page.encode(),
        extra=((b"referrer-policy", b"same-origin"),),
    )


async def respond_json(send: Send, status: int, data: Any, cookie: bytes | None = None) -> None:
    await _respond(send, status, b"application/json", orjson.dumps(data), cookie)


async def _respond(
    send: Send,
    status: int,
    kind: bytes,
    body: bytes,
    cookie: bytes | None = None,
    extra: tuple[tuple[bytes, bytes], ...] = (),
) -> None:
    headers = [(b"content-type", kind), (b"cache-control", b"no-store"), *extra]
    if cookie is not None:
        headers.append((b"set-cookie", cookie))
    await send({"type": "http.response.start", "status": status, "headers": headers})
    await send({"type": "http.response.body", "body": body})


async def redirect(send: Send, location: str, cookie: bytes | None = None) -> None:
    headers = [(b"location", location.encode()), (b"cache-control", b"no-store")]
    if cookie is not None:
        headers.append((b"set-cookie", cookie))
    await send({"type": "http.response.start", "status": 303, "headers": headers})
    await send({"type": "http.response.body", "body": b""})
