"""Security headers: a Content-Security-Policy on pages, nosniff and a referrer policy on all.

The page's policy allows scripts from the app's own origin only, never ``'unsafe-inline'`` or
``'unsafe-eval'``: markup that reaches the page from a model or a user (a chat message, an
HTML value) cannot run script even where the sanitiser is off (``sanitize_html=False``).
That is why the app's own ``js=`` sources (``gr.Blocks(js=...)``, ``.click(js=...)``) are not
evaluated by the page any more: :class:`PageScripts` serves each as a script file of this
origin, and scripts the app writes into ``head=`` carry a nonce drawn for each response.
"""

from __future__ import annotations

import hashlib
import os
import re
import secrets
from collections.abc import Iterable
from typing import Any

import orjson
from starlette.datastructures import MutableHeaders
from starlette.requests import Request
from starlette.responses import Response
from starlette.types import ASGIApp, Message, Receive, Scope, Send

__all__ = [
    "REFERRER_POLICY",
    "PageScripts",
    "SecurityHeaders",
    "frame_ancestors_from",
    "has_scripts",
    "new_nonce",
    "nonce_scripts",
    "page_policy",
]

# No Referer at all: links in messages already open with rel="noreferrer", and remote images
# (allowed below until they load on click) should not learn which app shows them. Nothing here
# reads Referer, and the Origin checks are unaffected: fetch, XHR and WebSocket always send it.
REFERRER_POLICY = "no-referrer"

_KEYWORDS = {"self": "'self'", "none": "'none'", "'self'": "'self'", "'none'": "'none'"}
# A CSP host or scheme source (https://example.com, https://*.example.com:8443, https:, *):
# no quotes, spaces, commas or semicolons, which would end the source or the directive.
_SOURCE = re.compile(r"^(\*|[a-z][a-z0-9+.-]*:|([a-z][a-z0-9+.-]*://)?[a-z0-9*][^\s;,'\"]*)$")


def frame_ancestors_from(option: str | Iterable[str] | None) -> str:
    """The ``frame-ancestors`` sources: the launch option, else ``BLOCKS_FRAME_ANCESTORS``
    (space- or comma-separated), else ``'self'`` (only this app's own pages may frame it)."""
    if option is None:
        option = os.environ.get("BLOCKS_FRAME_ANCESTORS") or "'self'"
    items = [option] if isinstance(option, str) else list(option)
    names = [name for item in items for name in re.split(r"[\s,]+", item)]
    sources: list[str] = []
    for name in (n.strip() for n in names):
        if not name:
            continue
        source = _KEYWORDS.get(name.lower())
        if source is None and not _SOURCE.match(name.lower()):
            raise ValueError(
                f"frame_ancestors: {name!r} is not a CSP source; give origins such as "
                "'https://example.com', 'https://*.example.com', '*', 'self' or 'none'"
            )
        sources.append(source or name)
    return " ".join(sources) or "'self'"


def page_policy(frame_ancestors: str, nonce: str | None = None) -> str:
    """The Content-Security-Policy of an HTML page of the app."""
    script = "'self'" + (f" 'nonce-{nonce}'" if nonce else "")
    directives = [
        "default-src 'self'",
        f"script-src {script}",
        # KaTeX, the app's css= and the inline styles of markdown and HTML values need inline
        # styles; a style cannot run script, so this costs little.
        "style-src 'self' 'unsafe-inline'",
        # Uploads and pasted pictures are shown as blob: and data: URLs. Remote pictures and
        # media (https: URLs in messages, avatars, values) still load at once for now.
        "img-src 'self' data: blob: https:",
        "media-src 'self' data: blob: https:",
        "font-src 'self' data:",
        # 'self' covers the page's own ws: and wss: (Chromium since 71, Safari since 16).
        "connect-src 'self'",
        "object-src 'none'",
        "base-uri 'self'",
        # DOMPurify keeps <form>: a form in a message must not post the user's input away.
        "form-action 'self'",
        f"frame-ancestors {frame_ancestors}",
    ]
    return "; ".join(directives)


def new_nonce() -> str:
    return secrets.token_urlsafe(18)


_SCRIPT_TAG = re.compile(r"<script\b", re.IGNORECASE)


def nonce_scripts(head: str, nonce: str) -> str:
    """The app's ``head=`` with each ``<script`` tag carrying ``nonce``: they are the app's
    own (trusted) scripts, so they run while any other inline script stays blocked."""
    return _SCRIPT_TAG.sub(f'<script nonce="{nonce}"', head)


def has_scripts(head: str | None) -> bool:
    return bool(head and _SCRIPT_TAG.search(head))


class SecurityHeaders:
    """ASGI middleware: ``nosniff`` and the referrer policy on every HTTP response, and the page
    policy on HTML that has no policy of its own (the index and file routes set theirs)."""

    def __init__(self, app: ASGIApp, frame_ancestors: str) -> None:
        self.app = app
        self.policy = page_policy(frame_ancestors)

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return

        async def send_with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                headers = MutableHeaders(scope=message)
                headers.setdefault("X-Content-Type-Options", "nosniff")
                headers.setdefault("Referrer-Policy", REFERRER_POLICY)
                if headers.get("content-type", "").startswith("text/html"):
                    headers.setdefault("Content-Security-Policy", self.policy)
            await send(message)

        await self.app(scope, receive, send_with_headers)


_APP = "(globalThis.blocksJs ??= { app: null, listeners: new Map() }).app = function () {"
_LISTENER = "(globalThis.blocksJs ??= { app: null, listeners: new Map() }).listeners.set("


class PageScripts:
    """The app's ``js=`` sources as classic scripts of this origin, which ``script-src 'self'``
    admits where ``new Function`` would need ``'unsafe-eval'``.

    Each source becomes its own file (a syntax error in one breaks only that one), named by a
    digest of its text (cached for good). A file registers a function that evaluates the
    source, in ``globalThis.blocksJs``: ``app`` for the Blocks' js, run sloppy as before, and
    ``listeners``, keyed by the source text the page finds in its config, run strict as before.
    The newlines around the source keep a trailing ``// comment`` from eating the ``)``.
    """

    def __init__(self, config: dict[str, Any]) -> None:
        self.files: dict[str, bytes] = {}
        if config.get("js"):
            self._add(f"// The app's js.\n{_APP} return (\n{config['js']}\n); }};\n")
        for dep in config.get("dependencies", []):
            source = dep.get("js")
            if source:
                key = orjson.dumps(source).decode()
                self._add(
                    f"// The js of a listener.\n{_LISTENER}{key}, function () {{ "
                    f'"use strict"; return (\n{source}\n); }});\n'
                )

    def _add(self, text: str) -> None:
        body = text.encode()
        self.files.setdefault(hashlib.sha256(body).hexdigest()[:20], body)

    def tags(self, root: str) -> str:
        """The ``<script>`` tags that load them before main.js (deferred scripts and modules
        run in document order), so they are registered when the page boots."""
        return "".join(f'<script defer src="{root}/js/{name}.js"></script>' for name in self.files)

    async def route(self, request: Request) -> Response:
        body = self.files.get(request.path_params["name"])
        if body is None:
            return Response("no such script", status_code=404, media_type="text/plain")
        return Response(
            body,
            media_type="text/javascript",
            # Named by their digest: a changed source is a new URL. Private: the app's code may
            # sit behind auth, and a shared cache must not hand it on.
            headers={"Cache-Control": "private, max-age=31536000, immutable"},
        )
