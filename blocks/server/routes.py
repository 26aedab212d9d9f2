"""The HTTP and WebSocket adapter: routes over a Runtime. Thin by design: the WebSocket route
reads frames, feeds them to the page's sans-I/O Connection (blocks/runtime/connection.py, which
parses them and drives the runtime), sends what it drains and closes when it says so."""

from __future__ import annotations

import asyncio
import contextlib
import html
from pathlib import Path
from typing import Any

import orjson
from starlette.applications import Starlette
from starlette.middleware import Middleware
from starlette.requests import Request
from starlette.responses import HTMLResponse, Response
from starlette.routing import Mount, Route, WebSocketRoute
from starlette.staticfiles import StaticFiles
from starlette.websockets import WebSocket, WebSocketDisconnect

from blocks.runtime.connection import (
    HEARTBEAT_SECONDS,
    HELLO_TIMEOUT_SECONDS,
    Close,
    Connection,
    Phase,
)
from blocks.runtime.engine import Runtime
from blocks.runtime.files import use_cache
from blocks.server.api import ApiCall, api_schema
from blocks.server.api_page import api_page_routes
from blocks.server.file_routes import file_routes
from blocks.server.gradio_routes import gradio_routes
from blocks.server.headers import (
    PageScripts,
    SecurityHeaders,
    frame_ancestors_from,
    has_scripts,
    new_nonce,
    nonce_scripts,
    page_policy,
)
from blocks.server.limits import ws_idle_timeout
from blocks.server.openai_routes import openai_routes
from blocks.server.paths import frontend_dir, frontend_version
from blocks.server.requests import build_request
from blocks.server.security import origin_allowed
from blocks.themes.css import theme_stylesheet

__all__ = ["create_app"]


class _ImmutableStatic(StaticFiles):
    """Static files under a versioned URL: cached by the browser for a year."""

    def file_response(self, *args: Any, **kwargs: Any) -> Response:
        response = super().file_response(*args, **kwargs)
        response.headers["Cache-Control"] = "public, max-age=31536000, immutable"
        return response


def _json(data: Any, status_code: int = 200) -> Response:
    return Response(
        orjson.dumps(data, option=orjson.OPT_NON_STR_KEYS),
        status_code=status_code,
        media_type="application/json",
    )


def create_app(runtime: Runtime, *, frame_ancestors: str | list[str] | None = None) -> Starlette:
    """The ASGI app serving ``runtime``'s Blocks. ``frame_ancestors``: the pages that may
    embed it in a frame (see blocks/server/headers.py); by default only its own."""
    app_blocks = runtime.app
    static_prefix = f"static/{frontend_version()}"
    template = (frontend_dir() / "index.html").read_text(encoding="utf-8")
    ancestors = frame_ancestors_from(frame_ancestors)
    scripts = PageScripts(runtime.config)
    # The page's look and head, read once (css_paths/head_paths files at launch): the theme's
    # variables first, so the app's own css= can override them.
    page_css = _page_css(app_blocks).replace("</", "<\\/")
    page_head = "\n".join(
        part for part in (app_blocks.head, *_read(app_blocks.head_paths, "head_paths")) if part
    )
    # A nonce only when head= brings scripts: otherwise the policy is plain script-src 'self'.
    head_scripts = has_scripts(page_head)

    # Blocks whose initial value is a function: evaluated for each new page.
    callables = [
        block
        for block in runtime.graph.blocks.values()
        if callable(getattr(block, "value", None)) and block.TYPE != "state"
    ]

    def page_config() -> dict[str, Any]:
        config = runtime.config
        if not callables:
            return config
        config = {**config, "blocks": dict(config["blocks"])}
        for block in callables:
            entry = config["blocks"][str(block.id)]
            value = block.postprocess(block.initial_value())  # type: ignore[attr-defined]
            config["blocks"][str(block.id)] = {**entry, "props": {**entry["props"], "value": value}}
        return config

    def render_page(root: str, nonce: str | None) -> str:
        with use_cache(runtime.files):
            config = page_config()
        config_json = orjson.dumps(config, option=orjson.OPT_NON_STR_KEYS).decode()
        safe_json = config_json.replace("</", "<\\/").replace("<!--", "<\\!--")
        head = page_head
        return (
            template.replace("%SCRIPTS%", scripts.tags(root))
            .replace("%TITLE%", html.escape(app_blocks.title or "Blocks"))
            .replace("%STATIC%", f"{root}/{static_prefix}")
            .replace("%HEAD%", nonce_scripts(head, nonce) if nonce else head)
            .replace("%CSS%", page_css)
            .replace("%CONFIG%", safe_json)
        )

    async def index(request: Request) -> Response:
        root = request.scope.get("root_path", "").rstrip("/")
        nonce = new_nonce() if head_scripts else None
        headers = {
            "Cache-Control": "no-cache",
            "Content-Security-Policy": page_policy(ancestors, nonce),
        }
        return HTMLResponse(render_page(root, nonce), headers=headers)

    async def config_route(request: Request) -> Response:
        with use_cache(runtime.files):
            return _json(page_config())

    async def health(request: Request) -> Response:
        return _json({"status": "ok"})

    async def schema(request: Request) -> Response:
        return _json(api_schema(runtime.graph, runtime.files))

    async def api_call(request: Request) -> Response:
        if not origin_allowed(request):
            return _json({"error": "cross-origin requests are not allowed"}, 403)
        call = await ApiCall.from_request(runtime, request)
        if isinstance(call, Response):
            return call
        return await call.run()

    async def api_stream(request: Request) -> Response:
        if not origin_allowed(request):
            return _json({"error": "cross-origin requests are not allowed"}, 403)
        call = await ApiCall.from_request(runtime, request)
        if isinstance(call, Response):
            return call
        return await call.stream_response(request)

    # Read once: a page that sends nothing (not even the ack of a heartbeat) for this long
    # is closed (BLOCKS_WS_IDLE_TIMEOUT; see blocks/server/limits.py).
    idle_timeout = ws_idle_timeout()

    async def websocket_route(websocket: WebSocket) -> None:
        if not origin_allowed(websocket):
            await websocket.close(code=1008, reason="cross-origin connection refused")
            return
        await websocket.accept()
        await _serve_page(runtime, websocket, idle_timeout)

    routes = [
        Route("/", index),
        *gradio_routes(runtime, config_route),  # its /config extends this one
        Route("/config", config_route),
        Route("/health", health),
        Route("/api/schema", schema),
        *api_page_routes(runtime),
        Route("/api/{api_name}", api_call, methods=["POST"]),
        Route("/api/{api_name}/stream", api_stream, methods=["POST"]),
        *openai_routes(runtime),
        WebSocketRoute("/ws", websocket_route),
        Route("/js/{name}.js", scripts.route),
        *file_routes(lambda: runtime.files, lambda: app_blocks.max_file_size),
        Mount(f"/{static_prefix}", _ImmutableStatic(directory=frontend_dir()), name="static"),
    ]
    # Starlette's 404s and 405s pass through this copy; its 500s (made outside it) and the
    # refusals of auth and of the Host check get the headers from launch()'s outer copy.
    return Starlette(
        routes=routes, middleware=[Middleware(SecurityHeaders, frame_ancestors=ancestors)]
    )


def _page_css(app_blocks: Any) -> str:
    """The page's ``<style>``: the theme (blocks/themes/css.py), then ``css_paths``, then
    ``css=``; later rules win, as in the reference framework."""
    parts = [theme_stylesheet(app_blocks.theme), *_read(app_blocks.css_paths, "css_paths")]
    parts.append(app_blocks.css or "")
    return "\n".join(part for part in parts if part)


def _read(paths: list[Path], parameter: str) -> list[str]:
    texts = []
    for path in paths:
        try:
            texts.append(path.read_text(encoding="utf-8"))
        except (OSError, UnicodeDecodeError) as exc:
            raise ValueError(f"{parameter}: cannot read {str(path)!r}: {exc}") from exc
    return texts


async def _serve_page(runtime: Runtime, websocket: WebSocket, idle_timeout: float = 0) -> None:
    """Read frames, feed them to the page's Connection, send what it drains, close.

    One deadline covers the reads: the hello must come within HELLO_TIMEOUT_SECONDS, then each
    frame within ``idle_timeout`` of the previous one (0: no limit). A live page always sends
    within it: it acks what it receives, the heartbeat the server sends when it is silent too."""
    connection = Connection(runtime, lambda session_id: build_request(websocket, session_id))
    sender: asyncio.Task[None] | None = None
    close: Close | None = None
    code: int | None = None
    loop = asyncio.get_running_loop()
    try:
        async with asyncio.timeout(HELLO_TIMEOUT_SECONDS) as deadline:
            while close is None:
                message = await websocket.receive()
                if message["type"] == "websocket.disconnect":
                    code = message.get("code")
                    break
                text = message.get("text")
                close = (
                    connection.receive(text)
                    if text is not None
                    else connection.receive(message.get("bytes") or b"", binary=True)
                )
                if sender is None and connection.phase is Phase.OPEN:
                    sender = asyncio.create_task(_send_loop(connection, websocket))
                deadline.reschedule(loop.time() + idle_timeout if idle_timeout else None)
    except TimeoutError:
        if connection.phase is Phase.AWAITING_HELLO:
            close = connection.hello_timed_out()
        elif connection.phase is Phase.OPEN:
            close = connection.idle_timed_out(idle_timeout)
    except WebSocketDisconnect as exc:
        code = exc.code
    finally:
        if sender is not None:
            sender.cancel()
            with contextlib.suppress(BaseException):
                await sender
        if connection.phase is not Phase.CLOSED:
            connection.disconnected(code)
    if close is not None:
        with contextlib.suppress(Exception):
            await websocket.close(code=close.code, reason=close.reason)


async def _send_loop(connection: Connection, websocket: WebSocket) -> None:
    wakeup = connection.wakeup
    assert wakeup is not None
    while True:
        try:
            await asyncio.wait_for(wakeup.wait(), HEARTBEAT_SECONDS)
        except TimeoutError:
            connection.idle()
        for frame in connection.drain():
            await websocket.send_text(frame.decode())
            connection.sent(frame)
