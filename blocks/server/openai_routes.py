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

import time
import uuid
from collections.abc import AsyncIterator
from typing import TYPE_CHECKING, Any

import orjson
from starlette.requests import Request
from starlette.responses import JSONResponse, Response, StreamingResponse
from starlette.routing import Route

from blocks.server.api import ApiCall, unless_disconnected
from blocks.server.bodies import REFUSAL_HEADERS, BodyRefused, max_body_size, read_body
from blocks.server.security import origin_allowed

if TYPE_CHECKING:
    from blocks.graph.events import Dependency
    from blocks.runtime.engine import Runtime

__all__ = ["openai_routes"]

# A failed job's error kind (runtime.emitter.error_info) -> HTTP status; anything else (kind
# "app": the app's own failure, what it returned, or gr.Error) is 500, a "server_error".
_STATUS = {"validation": 400, "queue_full": 503}
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
        models = runtime.graph.chat_models()
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
        parsed = await _parse(request, runtime.graph.chat_models())
        if isinstance(parsed, Response):
            return parsed
        model, dependency, messages, stream = parsed
        # The answer names no session: it ends with the call.
        session = runtime.session_for_api(None)
        call = ApiCall(runtime, dependency, session, [messages], keep=False)
        completion = Completion(call, model)
        streaming = False
        try:
            # Until the first output, so an error before it (bad messages) gets its status.
            if not await unless_disconnected(request, completion.step()):
                return Response(status_code=_CLIENT_GONE)
            if stream and completion.error is None:
                streaming = True  # the response closes the completion
                return StreamingResponse(
                    completion.chunks(), media_type="text/event-stream", headers=_STREAM_HEADERS
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


class Completion:
    """One chat completion being run: the reply text so far, and how the job ended."""

    def __init__(self, call: ApiCall, model: str) -> None:
        self.id = "chatcmpl-" + uuid.uuid4().hex
        self.created = int(time.time())
        self.model = model
        self.updates = call.updates()
        self.text = ""
        self.finished = False
        self.error: dict[str, Any] | None = None

    async def step(self) -> None:
        """Wait for the job's next output, or its end."""
        async for message, outputs in self.updates:
            kind = message["type"]
            if kind == "done":
                self.finished = True
                if not message["success"]:
                    self.error = message["error"]
            if kind in ("output", "done"):
                self.text = _text(outputs)
                return
        self.finished = True

    async def finish(self) -> None:
        while not self.finished:
            await self.step()

    async def close(self) -> None:
        """Stop the job if it still runs."""
        await self.updates.aclose()

    def body(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "object": "chat.completion",
            "created": self.created,
            "model": self.model,
            "choices": [
                {
                    "index": 0,
                    "message": {"role": "assistant", "content": self.text},
                    "logprobs": None,
                    "finish_reason": "stop",
                }
            ],
            "usage": {"prompt_tokens": 0, "completion_tokens": 0, "total_tokens": 0},
        }

    async def chunks(self) -> AsyncIterator[bytes]:
        """The reply as Server-Sent Events: each new piece of text as a delta. A reply that
        rewrites what was already sent cannot be said in deltas: only its growth is sent."""
        try:
            yield self._chunk({"role": "assistant", "content": ""})
            sent = ""
            while True:
                if len(self.text) > len(sent) and self.text.startswith(sent):
                    yield self._chunk({"content": self.text[len(sent) :]})
                    sent = self.text
                if self.finished:
                    break
                await self.step()
            if self.error is not None:
                yield _sse(_error_body(self.error["message"], _job_status(self.error)))
            else:
                yield self._chunk({}, "stop")
            yield b"data: [DONE]\n\n"
        finally:
            await self.close()

    def _chunk(self, delta: dict[str, Any], finish_reason: str | None = None) -> bytes:
        return _sse(
            {
                "id": self.id,
                "object": "chat.completion.chunk",
                "created": self.created,
                "model": self.model,
                "choices": [
                    {"index": 0, "delta": delta, "logprobs": None, "finish_reason": finish_reason}
                ],
            }
        )


async def _parse(
    request: Request, models: dict[str, Dependency]
) -> tuple[str, Dependency, list[Any], bool] | Response:
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
    return model, dependency, messages, stream


def _text(outputs: list[Any]) -> str:
    value = outputs[0] if outputs else None
    if value is None:
        return ""
    return value if isinstance(value, str) else orjson.dumps(value).decode()


def _names(models: dict[str, Dependency]) -> str:
    return ", ".join(sorted(models)) or "none (this app serves no model)"


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


def _sse(data: dict[str, Any]) -> bytes:
    return b"data: " + orjson.dumps(data) + b"\n\n"
