"""The HTTP and WebSocket adapter: routes over a Runtime. Thin by design: the WebSocket route
parses client messages, feeds them to the runtime and drains the session's outbox."""

from __future__ import annotations

import asyncio
import contextlib
import html
import logging
from typing import Any

import orjson
from starlette.applications import Starlette
from starlette.requests import HTTPConnection, Request
from starlette.responses import HTMLResponse, Response, StreamingResponse
from starlette.routing import Mount, Route, WebSocketRoute
from starlette.staticfiles import StaticFiles
from starlette.websockets import WebSocket, WebSocketDisconnect

from blocks.exceptions import BlocksError, ProtocolError
from blocks.graph import helpers
from blocks.protocol.messages import Ack, Cancel, Hello, Trigger, parse_client_message
from blocks.runtime.engine import Runtime
from blocks.runtime.files import use_cache
from blocks.runtime.session import Session
from blocks.server.api import ApiCall, api_schema
from blocks.server.api_page import api_page_routes
from blocks.server.file_routes import file_routes
from blocks.server.openai_routes import openai_routes
from blocks.server.paths import frontend_dir, frontend_version
from blocks.server.security import origin_allowed

__all__ = ["create_app"]

log = logging.getLogger("blocks")

HEARTBEAT_SECONDS = 15.0
HELLO_TIMEOUT_SECONDS = 10.0


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


def build_request(connection: HTTPConnection, session: Session) -> helpers.Request:
    client = connection.client
    return helpers.Request(
        headers=dict(connection.headers),
        client_host=client.host if client else None,
        query_params=dict(connection.query_params),
        session_hash=session.id,
        path=connection.url.path,
    )


def create_app(runtime: Runtime) -> Starlette:
    """The ASGI app serving ``runtime``'s Blocks."""
    app_blocks = runtime.app
    static_prefix = f"static/{frontend_version()}"
    template = (frontend_dir() / "index.html").read_text(encoding="utf-8")

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

    def render_page(root: str) -> str:
        with use_cache(runtime.files):
            config = page_config()
        config_json = orjson.dumps(config, option=orjson.OPT_NON_STR_KEYS).decode()
        safe_json = config_json.replace("</", "<\\/").replace("<!--", "<\\!--")
        return (
            template.replace("%TITLE%", html.escape(app_blocks.title or "Blocks"))
            .replace("%STATIC%", f"{root}/{static_prefix}")
            .replace("%HEAD%", app_blocks.head or "")
            .replace("%CSS%", (app_blocks.css or "").replace("</", "<\\/"))
            .replace("%CONFIG%", safe_json)
        )

    async def index(request: Request) -> Response:
        root = request.scope.get("root_path", "").rstrip("/")
        return HTMLResponse(render_page(root), headers={"Cache-Control": "no-cache"})

    async def config_route(request: Request) -> Response:
        with use_cache(runtime.files):
            return _json(page_config())

    async def health(request: Request) -> Response:
        return _json({"status": "ok"})

    async def schema(request: Request) -> Response:
        return _json(api_schema(runtime.graph))

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
        return StreamingResponse(call.stream(), media_type="text/event-stream")

    async def websocket_route(websocket: WebSocket) -> None:
        if not origin_allowed(websocket):
            await websocket.close(code=1008, reason="cross-origin connection refused")
            return
        await websocket.accept()
        await _serve_page(runtime, websocket)

    routes = [
        Route("/", index),
        Route("/config", config_route),
        Route("/health", health),
        Route("/api/schema", schema),
        *api_page_routes(runtime),
        Route("/api/{api_name}", api_call, methods=["POST"]),
        Route("/api/{api_name}/stream", api_stream, methods=["POST"]),
        *openai_routes(runtime),
        WebSocketRoute("/ws", websocket_route),
        *file_routes(lambda: runtime.files, lambda: app_blocks.max_file_size),
        Mount(f"/{static_prefix}", _ImmutableStatic(directory=frontend_dir()), name="static"),
    ]
    return Starlette(routes=routes)


async def _serve_page(runtime: Runtime, websocket: WebSocket) -> None:
    try:
        raw = await asyncio.wait_for(websocket.receive_text(), HELLO_TIMEOUT_SECONDS)
        hello = parse_client_message(raw)
        if not isinstance(hello, Hello):
            raise ProtocolError(f"the first message must be 'hello', got {hello.type!r}")
    except (TimeoutError, ProtocolError, WebSocketDisconnect) as exc:
        with contextlib.suppress(Exception):
            await websocket.close(code=1008, reason=str(exc)[:120] or "hello expected")
        return
    session = None
    if hello.session_id:
        session = runtime.resume(hello.session_id, hello.last_seq)
    resumed = session is not None
    if session is None:
        session = runtime.open_session()
    await websocket.send_text(
        orjson.dumps(
            {
                "type": "welcome",
                "session_id": session.id,
                "resumed": resumed,
                "seq": session.outbox.seq,
                "v": 1,
            }
        ).decode()
    )
    request = build_request(websocket, session)
    sender = asyncio.create_task(_send_loop(session, websocket))
    going_away = False
    try:
        while True:
            message = await websocket.receive()
            if message["type"] == "websocket.disconnect":
                going_away = message.get("code") in (1000, 1001)
                break
            _feed(runtime, session, message.get("text") or message.get("bytes") or b"", request)
    except WebSocketDisconnect as exc:
        going_away = exc.code in (1000, 1001)
    finally:
        sender.cancel()
        with contextlib.suppress(BaseException):
            await sender
        if going_away:
            # The page was closed or navigated away: stop its work now.
            runtime.close_session(session)
        else:
            runtime.detach(session)


def _feed(runtime: Runtime, session: Session, raw: str | bytes, request: helpers.Request) -> None:
    try:
        message = parse_client_message(raw)
        if isinstance(message, Trigger):
            runtime.submit(session, message, request)
        elif isinstance(message, Cancel):
            runtime.cancel(session, message.event_id)
        elif isinstance(message, Ack):
            session.outbox.ack(message.seq)
        elif isinstance(message, Hello):
            raise ProtocolError("'hello' may only be sent once, first")
    except ProtocolError as exc:
        session.deliver(
            {
                "type": "log",
                "level": "error",
                "message": str(exc),
                "title": "Protocol error",
                "event_id": None,
            }
        )
    except BlocksError as exc:  # already reported to the page as a failed event
        log.debug("trigger refused: %s", exc)


async def _send_loop(session: Session, websocket: WebSocket) -> None:
    outbox = session.outbox
    assert outbox.wakeup is not None
    while True:
        try:
            await asyncio.wait_for(outbox.wakeup.wait(), HEARTBEAT_SECONDS)
        except TimeoutError:
            session.deliver({"type": "heartbeat"})
        for frame in outbox.drain():
            await websocket.send_text(frame.decode())
            outbox.sent(frame)
