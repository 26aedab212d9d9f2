"""The OpenAI-compatible chat-completions endpoint, so any OpenAI client can talk to the app.

Each dependency marked with ``Dependency.serve_chat_completions(model)`` (every ChatInterface
that is not private) is a model: ``GET /v1/models`` lists them, ``POST /v1/chat/completions``
runs one through the runtime as ``POST /api/<name>`` does (an :class:`ApiCall`), in a fresh
session per request that ends with it, since the OpenAI API is stateless. The answer is a
``chat.completion``, or with ``"stream": true`` Server-Sent Events of
``chat.completion.chunk`` deltas, then ``data: [DONE]``. Other request fields (temperature,
max_tokens...) are ignored.

Errors are OpenAI-shaped (``{"error": {"message", "type", "param", "code"}}``): a bad request
(malformed body, messages the chat cannot take) is 400 ``invalid_request_error``; the app
failing (its exception, a reply it cannot give, gr.Error) is 500 ``server_error``, with the
generic message unless the app shows errors.
"""

from __future__ import annotations

import base64
import binascii
import re
import time
from typing import TYPE_CHECKING, Any

import orjson
from starlette.requests import Request
from starlette.responses import JSONResponse, Response, StreamingResponse
from starlette.routing import Route

from blocks.server.api import ApiCall, unless_disconnected
from blocks.server.bodies import REFUSAL_HEADERS, BodyRefused, max_body_size, read_body
from blocks.server.openai_completion import Completion
from blocks.server.security import origin_allowed

if TYPE_CHECKING:
    from blocks.graph.events import Dependency
    from blocks.graph.filestore import FileStore
    from blocks.runtime.engine import Runtime

__all__ = ["openai_routes"]

# A failed job's error kind (runtime.emitter.error_info) -> HTTP status; anything else (kind
# "app": the app's own failure, what it returned, or gr.Error) is 500, a "server_error".
_STATUS = {"validation": 400, "too_many": 429, "queue_full": 503}
_STREAM_HEADERS = {"Cache-Control": "no-cache", "X-Accel-Buffering": "no"}
# Answered to a client that went away before its answer (nobody reads it).
_CLIENT_GONE = 499


def openai_routes(runtime: Runtime) -> list[Route]:
    """``/v1/models`` and ``/v1/chat/completions`` over ``runtime``'s served models."""
    created = int(time.time())
    max_body_size()  # a bad BLOCKS_MAX_BODY_SIZE stops the launch, not every request

    def card(model: str) -> dict[str, Any]:
        return {"id": model, "object": "model", "created": created, "owned_by": "blocks"}

    async def list_models(request: Request) -> Response:
        models = _listed(runtime.graph.chat_models())
        return JSONResponse({"object": "list", "data": [card(model) for model in models]})

    async def get_model(request: Request) -> Response:
        models = runtime.graph.chat_models()
        name = request.path_params["model"]
        if name not in models:
            return _model_not_found(name, models)
        return JSONResponse(card(name))

    async def completions(request: Request) -> Response:
        if not origin_allowed(request):
            return _error(403, "cross-origin requests are not allowed", code="cross_origin")
        parsed = await _parse(request, runtime.graph.chat_models(), runtime.files)
        if isinstance(parsed, Response):
            return parsed
        model, dependency, messages, options = parsed
        stream = options.pop("stream", False)
        # The answer names no session: it ends with the call.
        session = runtime.session_for_api(None)
        data = [messages, options][: len(dependency.inputs)]
        call = ApiCall(runtime, dependency, session, data, keep=False)
        call.request = request  # gr.Request: its headers, client address and user
        completion = Completion(call, model, _prompt_text(messages))
        streaming = False
        try:
            # Until the first output, so an error before it (bad messages) gets its status.
            if not await unless_disconnected(request, completion.step()):
                return Response(status_code=_CLIENT_GONE)
            if stream and completion.error is None:
                streaming = True  # the response closes the completion
                return StreamingResponse(
                    completion.chunks(_error_event),
                    media_type="text/event-stream",
                    headers=_STREAM_HEADERS,
                )
            if not await unless_disconnected(request, completion.finish()):
                return Response(status_code=_CLIENT_GONE)
            if completion.error is not None:
                return _job_error(completion.error)
            return JSONResponse(completion.body())
        finally:
            if not streaming:
                await completion.close()

    return [
        Route("/v1/models", list_models),
        Route("/v1/models/{model:path}", get_model),
        Route("/v1/chat/completions", completions, methods=["POST"]),
    ]


async def _parse(
    request: Request, models: dict[str, Dependency], files: FileStore
) -> tuple[str, Dependency, list[Any], dict[str, Any]] | Response:
    """(model, its listener, the messages, the request's other fields) or the error."""
    try:
        body = await read_body(request)
    except BodyRefused as exc:
        code = "request_too_large" if exc.status == 413 else None
        return _error(exc.status, exc.message, code=code, headers=REFUSAL_HEADERS)
    try:
        payload = orjson.loads(body or b"{}")
    except orjson.JSONDecodeError as exc:
        return _error(400, f"the request body is not valid JSON: {exc}")
    if not isinstance(payload, dict):
        return _error(400, 'the request body must be an object: {"model", "messages"}')
    name = payload.get("model")
    if name is not None and not isinstance(name, str):
        return _error(400, '"model" must be a string', param="model")
    stream = payload.get("stream") or False
    if not isinstance(stream, bool):
        return _error(400, '"stream" must be a boolean', param="stream")
    messages = payload.get("messages")
    if not isinstance(messages, list) or not messages:
        return _error(
            400, '"messages" must be a non-empty list of {"role", "content"}', param="messages"
        )
    if len(models) == 1:
        # The app's only model answers whatever name the client was configured with.
        model, dependency = next(iter(models.items()))
    elif name is None:
        return _error(400, f'"model" is required: one of {_names(models)}', param="model")
    elif name in models:
        model, dependency = name, models[name]
    else:
        return _model_not_found(name, models)
    try:
        messages = [_stored_pictures(index, m, files) for index, m in enumerate(messages)]
    except _BadPicture as exc:
        return _error(400, str(exc), param="messages")
    options = {k: v for k, v in payload.items() if k not in ("model", "messages")}
    return model, dependency, messages, options


class _BadPicture(ValueError):
    """An image part the endpoint cannot take."""


_DATA_URL = re.compile(r"data:(image/[\w.+-]+)?(;[\w=.+-]+)*?;base64,(.*)", re.DOTALL)


def _stored_pictures(index: int, message: Any, files: FileStore) -> Any:
    """``message`` with each ``image_url`` part that carries its picture (a ``data:`` URL)
    stored as an upload: a ``{"type": "file", "file": FileData}`` part, which the served
    listener checks like any upload. Pictures at other URLs are refused, never fetched."""
    if not isinstance(message, dict) or not isinstance(message.get("content"), list):
        return message
    parts = []
    for position, part in enumerate(message["content"]):
        if isinstance(part, dict) and part.get("type") in ("image_url", "input_image"):
            parts.append(_stored_picture(f"messages[{index}].content[{position}]", part, files))
        else:
            parts.append(part)
    return {**message, "content": parts}


def _stored_picture(where: str, part: dict[str, Any], files: FileStore) -> dict[str, Any]:
    image = part.get("image_url")
    url = image.get("url") if isinstance(image, dict) else image
    if not isinstance(url, str):
        raise _BadPicture(f'{where} must have "image_url": {{"url": "data:image/...;base64,..."}}')
    match = _DATA_URL.fullmatch(url.strip())
    if match is None or match.group(1) is None:
        raise _BadPicture(
            f"{where}: pictures are taken inline, as a data:image/...;base64 URL (this server "
            "does not fetch URLs)"
        )
    try:
        data = base64.b64decode(match.group(3), validate=True)
    except (binascii.Error, ValueError):
        raise _BadPicture(f"{where}: the data: URL is not valid base64") from None
    mime = match.group(1)
    stored = files.add_bytes(data, "image" + _EXTENSIONS.get(mime, ""), mime)
    return {"type": "file", "file": stored}


_EXTENSIONS = {
    "image/png": ".png",
    "image/jpeg": ".jpg",
    "image/gif": ".gif",
    "image/webp": ".webp",
    "image/bmp": ".bmp",
}


def _prompt_text(messages: list[Any]) -> str:
    """The text of the messages, for usage counts."""
    texts = []
    for message in messages:
        content = message.get("content") if isinstance(message, dict) else None
        if isinstance(content, str):
            texts.append(content)
        elif isinstance(content, list):
            texts.extend(
                part["text"]
                for part in content
                if isinstance(part, dict) and isinstance(part.get("text"), str)
            )
    return "\n".join(texts)


def _listed(models: dict[str, Dependency]) -> dict[str, Dependency]:
    """The models GET /v1/models names (an undocumented chat answers, unnamed)."""
    return {name: dep for name, dep in models.items() if dep.chat_completions_listed}


def _names(models: dict[str, Dependency]) -> str:
    return ", ".join(sorted(_listed(models))) or "none (this app serves no model)"


def _model_not_found(name: str, models: dict[str, Dependency]) -> Response:
    return _error(
        404,
        f"The model {name!r} does not exist; models: {_names(models)}",
        param="model",
        code="model_not_found",
    )


def _error_body(
    message: str, status: int, *, param: str | None = None, code: str | None = None
) -> dict[str, Any]:
    kind = "invalid_request_error" if status < 500 else "server_error"
    return {"error": {"message": message, "type": kind, "param": param, "code": code}}


def _error(
    status: int,
    message: str,
    *,
    param: str | None = None,
    code: str | None = None,
    headers: dict[str, str] | None = None,
) -> Response:
    return JSONResponse(_error_body(message, status, param=param, code=code), status, headers)


def _job_status(error: dict[str, Any]) -> int:
    return _STATUS.get(error.get("kind", "app"), 500)


def _job_error(error: dict[str, Any]) -> Response:
    return _error(_job_status(error), error["message"])


def _error_event(error: dict[str, Any]) -> dict[str, Any]:
    """A stream's error event: the OpenAI error body of the job's failure."""
    return _error_body(error["message"], _job_status(error))
