"""The programmatic API: every public dependency callable over HTTP, described by a schema.

``POST /api/<name>`` with ``{"data": [...], "session_id"?}`` runs the dependency through the
same queue as the page and answers ``{"data": [...], "session_id"}``; ``/stream`` answers the
same as Server-Sent Events. ``data`` holds the inputs that are not gr.State (those live in the
session, which a client keeps by sending ``session_id`` back; the runtime keeps a bounded
number of them for a while, and a call naming one it forgot answers 410). The body is read
with a size limit (blocks/server/bodies.py).

A failed job answers ``{"error", "title", "kind"}``: 4xx when the client sent bad input (kind
"validation"), 503 when the queue is full, 500 when the app failed (kind "app": its own
exception, what it returned, or gr.Error). A stream reports a failure as an ``error`` event with
the same fields and that ``status``; ``stream_response()`` answers with the status itself when
the job fails before its first event.

A client that goes away before its answer cancels the job (its ``finally`` runs), streaming or
not, kept session or not: the answer was the only way to read what the job does, so nobody
would wait behind it (a kept session's State stays as the last call that answered left it).
"""

from __future__ import annotations

import asyncio
import contextlib
import uuid
from collections.abc import AsyncGenerator, AsyncIterator, Awaitable
from typing import TYPE_CHECKING, Any

import orjson
from starlette.requests import Request
from starlette.responses import Response, StreamingResponse

from blocks.exceptions import BlocksError
from blocks.graph.filestore import FileStore, use_cache
from blocks.protocol.diff import apply
from blocks.protocol.messages import Trigger
from blocks.server.bodies import REFUSAL_HEADERS, BodyRefused, read_body
from blocks.server.requests import build_request

if TYPE_CHECKING:
    from blocks.graph.events import Dependency
    from blocks.graph.model import Graph
    from blocks.runtime.engine import Runtime
    from blocks.runtime.session import Session

__all__ = ["ApiCall", "api_schema", "error_status", "python_type", "unless_disconnected"]

# A failed job's error kind (runtime.emitter.error_info) -> HTTP status.
_STATUS = {"validation": 422, "too_many": 429, "queue_full": 503, "app": 500}


def error_status(error: dict[str, Any]) -> int:
    """The HTTP status of a failed job's error: the app's failures (and anything unknown)
    are 500, the client's bad input 422."""
    return _STATUS.get(error.get("kind", "app"), 500)


def _json(data: Any, status_code: int = 200, headers: dict[str, str] | None = None) -> Response:
    return Response(
        orjson.dumps(data, option=orjson.OPT_NON_STR_KEYS),
        status_code=status_code,
        headers=headers,
        media_type="application/json",
    )


def _visible_inputs(dependency: Dependency) -> list[Any]:
    return [block for block in dependency.inputs if block.TYPE != "state"]


def _visible_outputs(dependency: Dependency) -> list[Any]:
    return [block for block in dependency.outputs if block.TYPE != "state"]


def api_schema(graph: Graph, files: FileStore | None = None) -> dict[str, Any]:
    """Machine-readable description of every public endpoint.

    The example files it names (of File, Image... inputs) are stored in ``files``, the cache
    of the app serving the schema, so each id is one the app's ``/file/<id>/<name>`` serves
    and its inputs accept (without ``files``: the current cache)."""
    if files is None:
        return _schema(graph)
    with use_cache(files):
        return _schema(graph)


def _schema(graph: Graph) -> dict[str, Any]:
    endpoints = {}
    for name, dependency in graph.api_dependencies().items():
        if dependency.api_visibility != "public":
            continue
        names = _parameter_names(dependency)
        endpoints[name] = {
            "description": dependency.api_description or (dependency.fn.__doc__ or "").strip(),
            "fn_index": dependency.id,
            "parameters": [
                _parameter(block, parameter)
                for block, parameter in zip(dependency.inputs, names, strict=True)
                if block.TYPE != "state"
            ],
            "returns": [_describe(block) for block in _visible_outputs(dependency)],
            "streams": _is_streaming(dependency),
            "url": f"/api/{name}",
        }
    return {"protocol": 1, "endpoints": endpoints}


def _is_streaming(dependency: Dependency) -> bool:
    from blocks.graph.signature import FnKind, fn_kind

    return dependency.fn is not None and fn_kind(dependency.fn) in (
        FnKind.GENERATOR,
        FnKind.ASYNC_GENERATOR,
    )


def _describe(block: Any) -> dict[str, Any]:
    info = block.api_info() if hasattr(block, "api_info") else {}
    return {
        "label": getattr(block, "label", None),
        "component": type(block).__name__,
        "description": getattr(block, "info", None) or "",
        "type": info,
        "python_type": {"type": python_type(info), "description": info.get("description", "")},
        "example": block.example_payload() if hasattr(block, "example_payload") else None,
    }


def _parameter(block: Any, name: str) -> dict[str, Any]:
    """A parameter: its keyword name, and the value a page sends when nobody sets it (the
    component's own value) as its default; none (required) when that is null."""
    default = _wire_default(block)
    return {
        "name": name,
        **_describe(block),
        "has_default": default is not None,
        "default": default,
    }


def _wire_default(block: Any) -> Any:
    value = getattr(block, "value", None)
    if value is None or callable(value):
        return None  # a value made per page is no default a client can rely on
    try:
        payload = block.postprocess(value)
        orjson.dumps(payload)
    except Exception:
        return None
    return payload


def _parameter_names(dependency: Dependency) -> list[str]:
    """Each input's keyword name: its parameter's name in fn (injected ones, a gr.Request or
    gr.Progress, take no input), else one made from its label; unique identifiers."""
    import inspect
    import keyword
    import re

    from blocks.graph.signature import ArgPlan

    fn = dependency.fn
    if fn is None:
        return [f"param_{index}" for index in range(len(dependency.inputs))]
    plan = ArgPlan.of(fn)
    injected = {
        *plan.request_params,
        *(name for name, _ in plan.progress_params),
        *(name for name, _ in plan.event_data_params),
    }
    try:
        parameters = inspect.signature(fn).parameters.values()
    except (TypeError, ValueError):
        parameters = []  # type: ignore[assignment]
    positional = [
        p.name
        for p in parameters
        if p.kind in (p.POSITIONAL_ONLY, p.POSITIONAL_OR_KEYWORD) and p.name not in injected
    ]
    names: list[str] = []
    for index, block in enumerate(dependency.inputs):
        if index < len(positional):
            base = positional[index]
        else:
            label = getattr(block, "label", None) or block.TYPE
            base = re.sub(r"\W+", "_", str(label).lower()).strip("_") or "param"
            if base[0].isdigit():
                base = f"_{base}"
            elif keyword.iskeyword(base):
                base = f"{base}_"
        name, suffix = base, 1
        while name in names:
            name, suffix = f"{base}_{suffix}", suffix + 1
        names.append(name)
    return names


_PYTHON = {"string": "str", "number": "float", "integer": "int", "boolean": "bool", "null": "None"}


def python_type(schema: dict[str, Any]) -> str:
    """A JSON schema as the Python type a client passes or gets: ``{"type": "string"}`` ->
    ``"str"``; a file (FileData) is ``"filepath"``, which the Python client uploads or
    downloads."""
    if not schema:
        return "Any"
    if "enum" in schema:
        return "Literal[" + ", ".join(repr(choice) for choice in schema["enum"]) + "]"
    properties = schema.get("properties") or {}
    kinds = schema.get("type")
    if kinds is None and "anyOf" in schema:
        return " | ".join(python_type(option) for option in schema["anyOf"]) or "Any"
    if kinds is None:
        kinds = "object" if properties else "array" if "items" in schema else None
    parts = []
    for kind in kinds if isinstance(kinds, list) else [kinds]:
        if kind == "object" and {"id", "url", "orig_name"} <= properties.keys():
            parts.append("filepath")
        elif kind == "object" and properties:
            fields = ", ".join(f"{key}: {python_type(value)}" for key, value in properties.items())
            parts.append(f"dict({fields})")
        elif kind == "object":
            parts.append("dict")
        elif kind == "array":
            items = schema.get("items")
            parts.append(f"list[{python_type(items)}]" if isinstance(items, dict) else "list")
        else:
            parts.append(_PYTHON.get(str(kind), "Any"))
    return " | ".join(dict.fromkeys(parts))


class ApiCall:
    """One API request being run."""

    def __init__(
        self,
        runtime: Runtime,
        dependency: Dependency,
        session: Session,
        data: list[Any],
        *,
        keep: bool = True,
    ) -> None:
        self.runtime = runtime
        self.dependency = dependency
        self.session = session
        # Whether the session may outlive the call (its id is in the answer), or ends with it.
        self.keep = keep
        self.data = data
        self.event_id = "api-" + uuid.uuid4().hex
        # The HTTP request it answers, watched for the client leaving (from_request sets it).
        self.request: Request | None = None
        self.messages: asyncio.Queue[dict[str, Any]] = asyncio.Queue()
        self.values = {
            block.id: (session.known[block.id].value if block.id in session.known else None)
            for block in dependency.outputs
        }

    @classmethod
    async def from_request(cls, runtime: Runtime, request: Request) -> ApiCall | Response:
        name = request.path_params["api_name"]
        dependency = runtime.graph.api_dependencies().get(name)
        if dependency is None:
            return _json({"error": f"no API endpoint named {name!r}; {_listed(runtime)}"}, 404)
        try:
            body = await read_body(request)
        except BodyRefused as exc:
            return _json({"error": exc.message}, exc.status, headers=REFUSAL_HEADERS)
        try:
            payload = orjson.loads(body or b"{}")
        except orjson.JSONDecodeError as exc:
            return _json({"error": f"request body is not valid JSON: {exc}"}, 400)
        if not isinstance(payload, dict):
            return _json({"error": 'request body must be an object: {"data": [...]}'}, 400)
        data = payload.get("data", [])
        if not isinstance(data, list):
            return _json({"error": '"data" must be a list of input values'}, 400)
        expected = _visible_inputs(dependency)
        if len(data) != len(expected):
            labels = [getattr(b, "label", None) or b.TYPE for b in expected]
            return _json(
                {"error": f"{name} takes {len(expected)} input(s) {labels}, got {len(data)}"},
                422,
            )
        session_id = payload.get("session_id")
        if session_id is not None and not isinstance(session_id, str):
            return _json({"error": '"session_id" must be a string'}, 400)
        session = runtime.session_for_api(session_id) if session_id is not None else None
        if session is None:
            if session_id is not None and any(b.TYPE == "state" for b in dependency.inputs):
                # Its State (a chat's history) is gone: say so rather than start afresh.
                return _session_expired(runtime, session_id)
            # A forgotten session this call reads nothing from is the same as a new one.
            session = runtime.session_for_api(None)
        values = iter(data)
        full = [None if block.TYPE == "state" else next(values) for block in dependency.inputs]
        call = cls(runtime, dependency, session, full)
        call.request = request
        return call

    def _start(self) -> None:
        self.session.watchers[self.event_id] = self.messages.put_nowait
        trigger = Trigger(event_id=self.event_id, dep=self.dependency.id, data=self.data)
        try:
            request = build_request(self.request, self.session.id) if self.request else None
            self.runtime.submit(self.session, trigger, request)
        except BlocksError:
            pass  # reported as a failed 'done' through the watcher

    def _apply(self, message: dict[str, Any]) -> None:
        for patch in message.get("patches") or []:
            if "ops" in patch:
                self.values[patch["id"]] = apply(self.values.get(patch["id"]), patch["ops"])

    def _outputs(self) -> list[Any]:
        return [self.values.get(block.id) for block in _visible_outputs(self.dependency)]

    async def _messages(self) -> AsyncGenerator[dict[str, Any], None]:
        self.runtime.api_call_started(self.session)
        try:
            self._start()
            while True:
                message = await self.messages.get()
                yield message
                if message["type"] == "done":
                    return
        finally:
            self.session.watchers.pop(self.event_id, None)
            if self.event_id in self.session.jobs:
                # The client went away before the end: stop the work.
                self.runtime.cancel(self.session, self.event_id)
            self.runtime.api_call_finished(self.session, keep=self.keep)

    async def updates(self) -> AsyncGenerator[tuple[dict[str, Any], list[Any]], None]:
        """Run the job: each of its messages with the outputs (not gr.State) as they stand
        after it, the last being ``done``. Closing this early cancels the job."""
        async with contextlib.aclosing(self._messages()) as messages:
            async for message in messages:
                self._apply(message)
                yield message, self._outputs()

    async def run(self) -> Response:
        """Run the job and answer with its outputs (or its error). A client that goes away
        meanwhile cancels the job at once and is answered 499 (which nobody reads)."""
        if self.request is None:
            return await self._answer()
        answers: list[Response] = []

        async def answer() -> None:
            answers.append(await self._answer())

        if not await unless_disconnected(self.request, answer()) or not answers:
            return Response(status_code=499)
        return answers[0]

    async def _answer(self) -> Response:
        # Closed before answering, so the session is kept or dropped by the time the client
        # has the answer (not whenever the abandoned generator is collected).
        async with contextlib.aclosing(self.updates()) as updates:
            async for message, outputs in updates:
                if message["type"] == "done":
                    if not message["success"]:
                        return _error_response(message["error"])
                    return _json({"data": outputs, "session_id": self.session.id})
        raise RuntimeError("the job ended without a result")  # pragma: no cover (a bug of ours)

    async def stream(self) -> AsyncIterator[bytes]:
        """The job's messages as Server-Sent Events (the response is already 200)."""
        async with contextlib.aclosing(self.updates()) as updates:
            async for message, outputs in updates:
                for event in self._events(message, outputs):
                    yield event

    async def stream_response(self, request: Request) -> Response:
        """The job as Server-Sent Events, or, when it fails before its first event (bad input,
        or an app error of a function that answers at once), a JSON error with the status
        ``run()`` gives. A client that leaves meanwhile cancels the job."""
        updates = self.updates()
        first: list[tuple[dict[str, Any], list[Any]]] = []

        async def take_first() -> None:
            first.append(await anext(updates))

        try:
            stayed = await unless_disconnected(request, take_first())
        except BaseException:
            await updates.aclose()
            raise
        if not stayed or not first:
            await updates.aclose()
            return Response(status_code=499)  # nobody reads it
        message, outputs = first[0]
        if message["type"] == "done" and not message["success"]:
            await updates.aclose()
            return _error_response(message["error"])

        async def events() -> AsyncIterator[bytes]:
            async with contextlib.aclosing(updates):
                for event in self._events(message, outputs):
                    yield event
                async for later, values in updates:
                    for event in self._events(later, values):
                        yield event

        return StreamingResponse(events(), media_type="text/event-stream")

    def _events(self, message: dict[str, Any], outputs: list[Any]) -> list[bytes]:
        kind = message["type"]
        if kind == "output":
            return [_sse("output", {"data": outputs})]
        if kind in ("queued", "started", "progress", "log"):
            return [_sse(kind, {k: v for k, v in message.items() if k != "type"})]
        if kind == "done":
            if message["success"]:
                return [_sse("done", {"data": outputs, "session_id": self.session.id})]
            error = message["error"]
            return [_sse("error", {**error, "status": error_status(error)})]
        return []


def _listed(runtime: Runtime) -> str:
    """The endpoints a 404 names: the documented ones (an undocumented one stays unlisted)."""
    public = [
        name
        for name, dependency in runtime.graph.api_dependencies().items()
        if dependency.api_visibility == "public"
    ]
    return f"endpoints: {', '.join(sorted(public))}" if public else "this app lists no endpoints"


def _session_expired(runtime: Runtime, session_id: str) -> Response:
    stats = runtime.session_stats()
    shown = session_id if len(session_id) <= 64 else session_id[:64] + "..."  # echo no essays
    message = (
        f"the session {shown!r} has expired (or never existed), and its State values "
        f"with it: an API session is kept {stats['api_idle_seconds']:g} s after its last call, "
        f"and only the {stats['api_cap']:g} most recently used are kept. Call again without "
        '"session_id" to start a new session (its State values start from their defaults).'
    )
    return _json({"error": message, "title": "Session expired", "kind": "session_expired"}, 410)


def _error_response(error: dict[str, Any]) -> Response:
    return _json(
        {"error": error["message"], "title": error.get("title"), "kind": error.get("kind", "app")},
        error_status(error),
    )


async def unless_disconnected(request: Request, work: Awaitable[None]) -> bool:
    """Await ``work`` unless the client goes away first: then it is cancelled (which stops
    the job) and the answer is False."""
    task = asyncio.ensure_future(work)
    gone = asyncio.ensure_future(_disconnected(request))
    try:
        await asyncio.wait((task, gone), return_when=asyncio.FIRST_COMPLETED)
    finally:
        gone.cancel()
        if not task.done():
            task.cancel()
            await asyncio.gather(task, return_exceptions=True)
    if task.cancelled():
        return False
    task.result()  # an error of ours is raised
    return True


async def _disconnected(request: Request) -> None:
    # The body was read: the next message the server has for us is the disconnect.
    while (await request.receive())["type"] != "http.disconnect":
        pass


def _sse(event: str, data: Any) -> bytes:
    return b"event: " + event.encode() + b"\ndata: " + orjson.dumps(data) + b"\n\n"
