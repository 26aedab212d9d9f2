"""The queue protocol of the reference's client (``gradio_client``, protocol "sse_v3"), as an
adapter over our API calls: each join is an :class:`ApiCall` of our runtime, its messages
retold in the reference's words.

``POST {prefix}/queue/join`` with ``{"data", "fn_index", "session_hash"}`` starts the job of
the dependency whose id is ``fn_index`` and answers ``{"event_id"}``. ``GET
{prefix}/queue/data?session_hash=`` is one Server-Sent Events stream per session: ``data:
{"msg": ...}`` lines of ``estimation`` (queue rank), ``process_starts``, ``progress``, ``log``,
``process_generating`` (a generator's outputs: the first whole, then diffs) and
``process_completed`` (the outputs, or the error), a ``heartbeat`` when silent, and
``close_stream`` once no event of the session is left. ``POST {prefix}/cancel`` (and
``/reset``, which the client sends too) cancel a job by its event id.

The session hash is the client's: it names one of our API sessions (so a chat's history
carries over between its calls, as on our own API), kept as long as our API sessions are.
Messages wait for a reader; a session that has events but no reader for the resume grace
(``BLOCKS_RESUME_GRACE_SECONDS``) has them cancelled, and a generator's outputs waiting for
a reader are merged into one, so nobody reading never grows the server's memory.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import re
from collections import OrderedDict, deque
from collections.abc import AsyncIterator
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

import orjson
from starlette.requests import Request
from starlette.responses import Response, StreamingResponse

from blocks.graph.signature import FnKind, fn_kind
from blocks.protocol.diff import diff
from blocks.runtime.connection import HEARTBEAT_SECONDS
from blocks.runtime.engine import resume_grace_seconds
from blocks.server.api import ApiCall
from blocks.server.bodies import REFUSAL_HEADERS, BodyRefused, read_body

if TYPE_CHECKING:
    from blocks.graph.events import Dependency
    from blocks.runtime.engine import Runtime
    from blocks.server.gradio_files import FileAdapter

__all__ = ["GradioQueue"]

log = logging.getLogger("blocks")

_SESSION_HASH = re.compile(r"[A-Za-z0-9_-]{8,128}")
_MAX_CHANNELS = 10_000
_STREAM_HEADERS = {"Cache-Control": "no-cache", "X-Accel-Buffering": "no"}
# Our diff ops -> the reference's edit actions (its "append" grows a string or a list).
_ACTIONS = {"replace": "replace", "append": "append", "extend": "append"}
_CLOSE = b'data: {"msg":"close_stream"}\n\n'
_HEARTBEAT = b'data: {"msg":"heartbeat"}\n\n'


def _json(data: Any, status_code: int = 200) -> Response:
    return Response(orjson.dumps(data), status_code=status_code, media_type="application/json")


def _refuse(message: str, status_code: int, headers: dict[str, str] | None = None) -> Response:
    # "detail" is what the client shows of a refused request ("error" what our API says).
    body = orjson.dumps({"detail": message, "error": message})
    return Response(body, status_code, headers=headers, media_type="application/json")


@dataclass
class _Event:
    call: ApiCall
    streams: bool
    base_url: str
    outputs: list[Any] = field(default_factory=list)  # the visible ones, as they stand
    sent: list[Any] | None = None  # the outputs the client has, in its own form


@dataclass
class _Channel:
    """One session hash: its API session, its events and the messages waiting to be read
    (``None`` in place of a message: "a generator's outputs changed", rendered when sent)."""

    session_id: str | None = None
    events: dict[str, _Event] = field(default_factory=dict)
    outbox: deque[tuple[str, dict[str, Any] | None]] = field(default_factory=deque)
    wake: asyncio.Event = field(default_factory=asyncio.Event)
    reader: int = 0
    readers: int = 0
    abandon: asyncio.TimerHandle | None = None


class GradioQueue:
    """The join, data and cancel routes over ``runtime`` (files translated by ``files``)."""

    def __init__(self, runtime: Runtime, files: FileAdapter) -> None:
        self.runtime = runtime
        self.files = files
        self.channels: OrderedDict[str, _Channel] = OrderedDict()
        self.by_event: dict[str, _Channel] = {}
        self._tasks: set[asyncio.Task[None]] = set()

    # ------------------------------------------------------------------ routes

    async def join(self, request: Request) -> Response:
        try:
            payload = orjson.loads(await read_body(request) or b"{}")
        except BodyRefused as exc:
            return _refuse(exc.message, exc.status, REFUSAL_HEADERS)
        except orjson.JSONDecodeError as exc:
            return _refuse(f"request body is not valid JSON: {exc}", 400)
        if not isinstance(payload, dict) or not isinstance(payload.get("data"), list):
            return _refuse('expected {"data": [...], "fn_index": ..., "session_hash": ...}', 400)
        session_hash = payload.get("session_hash")
        if not isinstance(session_hash, str) or not _SESSION_HASH.fullmatch(session_hash):
            return _refuse('"session_hash" must be 8 to 128 letters, digits, "-" or "_"', 400)
        dependency = self._dependency(payload.get("fn_index"))
        if dependency is None:
            return _refuse(f"no API endpoint with fn_index {payload.get('fn_index')!r}", 404)
        data = payload["data"]
        if len(data) != len(dependency.inputs):
            return _refuse(
                f"{dependency.api_name} takes {len(dependency.inputs)} value(s) (gr.State "
                f"ones as null), got {len(data)}",
                400,
            )
        try:
            # State values live in the session: whatever the client sent for them is ignored.
            values = [
                None if block.TYPE == "state" else self.files.inbound(value)
                for block, value in zip(dependency.inputs, data, strict=True)
            ]
        except RecursionError:
            return _refuse("the values are nested too deeply", 400)
        channel = self._channel(session_hash)
        session = self.runtime.session_for_api(channel.session_id) if channel.session_id else None
        if session is None:
            session = self.runtime.session_for_api(None)
            channel.session_id = session.id
        call = ApiCall(self.runtime, dependency, session, values, keep=True)
        call.request = request
        streams = dependency.fn is not None and fn_kind(dependency.fn) in (
            FnKind.GENERATOR,
            FnKind.ASYNC_GENERATOR,
        )
        event = _Event(call, streams, str(request.base_url))
        channel.events[call.event_id] = event
        self.by_event[call.event_id] = channel
        task = asyncio.get_running_loop().create_task(self._follow(channel, event))
        self._tasks.add(task)
        task.add_done_callback(self._tasks.discard)
        if not channel.readers:
            self._schedule_abandon(channel)
        return _json({"event_id": call.event_id})

    async def data(self, request: Request) -> Response:
        channel = self.channels.get(request.query_params.get("session_hash", ""))
        return StreamingResponse(
            self._stream(channel) if channel is not None else _closed(),
            media_type="text/event-stream",
            headers=_STREAM_HEADERS,
        )

    async def cancel(self, request: Request) -> Response:
        """``/cancel`` and ``/reset``: the job of ``event_id`` (of ``session_hash``, when
        given) is cancelled; an event id is known only to whoever joined it."""
        try:
            payload = orjson.loads(await read_body(request, 64 * 1024) or b"{}")
        except (BodyRefused, orjson.JSONDecodeError):
            return _refuse('expected {"event_id": ...}', 400)
        event_id = payload.get("event_id") if isinstance(payload, dict) else None
        if not isinstance(event_id, str):
            return _json({"success": False})
        channel = self.by_event.get(event_id)
        named = payload.get("session_hash")
        if channel is None or (named is not None and self.channels.get(named) is not channel):
            return _json({"success": False})
        session = self.runtime.sessions.get(channel.session_id or "")
        cancelled = session is not None and self.runtime.cancel(session, event_id)
        return _json({"success": cancelled})

    # ------------------------------------------------------------------ events

    def _dependency(self, fn_index: Any) -> Dependency | None:
        if not isinstance(fn_index, int) or isinstance(fn_index, bool):
            return None
        for dependency in self.runtime.graph.api_dependencies().values():
            if dependency.id == fn_index:
                return dependency
        return None

    def _channel(self, session_hash: str) -> _Channel:
        channel = self.channels.get(session_hash)
        if channel is None:
            channel = self.channels[session_hash] = _Channel()
            if len(self.channels) > _MAX_CHANNELS:
                idle = [h for h, c in self.channels.items() if not c.events and not c.readers]
                for old in idle[: len(self.channels) - _MAX_CHANNELS]:
                    del self.channels[old]
        self.channels.move_to_end(session_hash)
        return channel

    async def _follow(self, channel: _Channel, event: _Event) -> None:
        try:
            async with contextlib.aclosing(event.call.updates()) as updates:
                async for message, outputs in updates:
                    event.outputs = outputs
                    self._record(channel, event, message)
        except Exception:  # pragma: no cover (a bug of ours: the client is told, not hung)
            log.exception("the reference client's event %s failed", event.call.event_id)
            error = {"message": "Something went wrong in the server.", "title": "Error"}
            self._record(channel, event, {"type": "done", "success": False, "error": error})

    def _record(self, channel: _Channel, event: _Event, message: dict[str, Any]) -> None:
        event_id = event.call.event_id
        if event_id not in channel.events:
            return  # abandoned
        kind = message["type"]
        tail = channel.outbox[-1] if channel.outbox else None
        if kind == "queued":
            told = {"rank": message["position"], "queue_size": message["size"]}
            said: dict[str, Any] = {"msg": "estimation", **told, "rank_eta": message["eta"]}
        elif kind == "started":
            said = {"msg": "process_starts", "eta": message.get("eta")}
        elif kind == "progress":
            said = {"msg": "progress", "progress_data": message["units"]}
        elif kind == "log":
            said = {"msg": "log", "log": message["message"], "level": message["level"]}
            said.update(title=message.get("title"), duration=message.get("duration"))
        elif kind == "output" or kind == "done":
            shown = message.get("success", True) and not message.get("cancelled")
            if event.streams and shown and tail != (event_id, None):
                channel.outbox.append((event_id, None))
            if kind == "output":
                channel.wake.set()
                return
            said = self._completed(event, message)
        else:
            return
        said["event_id"] = event_id
        if said["msg"] == "estimation" and tail is not None and tail[0] == event_id:
            told_before = tail[1]
            if told_before is not None and told_before["msg"] == "estimation":
                channel.outbox.pop()  # only the newest rank is worth reading
        channel.outbox.append((event_id, said))
        channel.wake.set()

    def _completed(self, event: _Event, message: dict[str, Any]) -> dict[str, Any]:
        if message.get("cancelled"):
            output: dict[str, Any] = {"error": "The job was cancelled.", "title": "Cancelled"}
            return {"msg": "process_completed", "output": output, "success": False}
        if not message["success"]:
            error = message["error"]
            output = {"error": error["message"], "title": error.get("title") or "Error"}
            output.update(duration=error.get("duration", 10), visible=error.get("visible", True))
            return {"msg": "process_completed", "output": output, "success": False}
        data = {"data": self._outputs(event), "is_generating": False}
        data.update(duration=message.get("duration"), average_duration=None)
        return {"msg": "process_completed", "output": data, "success": True}

    def _outputs(self, event: _Event) -> list[Any]:
        """Every output in the client's form, gr.State ones as None (it skips them)."""
        visible = iter(event.outputs)
        return [
            None if block.TYPE == "state" else self.files.outbound(next(visible), event.base_url)
            for block in event.call.dependency.outputs
        ]

    def _generating(self, event: _Event) -> dict[str, Any] | None:
        """The outputs as they now stand: whole the first time, then the edits from what the
        client has (None when nothing changed)."""
        current = self._outputs(event)
        if event.sent is None:
            data: list[Any] = current
        else:
            data = [
                [[_ACTIONS[op["op"]], op["path"], op.get("value")] for op in diff(old, new)]
                for old, new in zip(event.sent, current, strict=True)
            ]
            if not any(data):
                return None
        event.sent = current
        output = {"data": data, "is_generating": True}
        return {"msg": "process_generating", "output": output, "success": True}

    # ------------------------------------------------------------------ the stream

    async def _stream(self, channel: _Channel) -> AsyncIterator[bytes]:
        channel.reader += 1  # a newer reader takes over: the older one ends
        token = channel.reader
        channel.readers += 1
        if channel.abandon is not None:
            channel.abandon.cancel()
            channel.abandon = None
        channel.wake.set()
        try:
            while channel.reader == token:
                chunk = b"".join(self._drain(channel))
                if not channel.events:
                    yield chunk + _CLOSE
                    return
                if chunk:
                    yield chunk
                    continue
                channel.wake.clear()
                try:
                    await asyncio.wait_for(channel.wake.wait(), HEARTBEAT_SECONDS)
                except TimeoutError:
                    yield _HEARTBEAT
        finally:
            channel.readers -= 1
            if not channel.readers and channel.events:
                self._schedule_abandon(channel)

    def _drain(self, channel: _Channel) -> list[bytes]:
        frames = []
        while channel.outbox:
            event_id, said = channel.outbox.popleft()
            event = channel.events.get(event_id)
            if event is None:
                continue
            if said is None:
                said = self._generating(event)
                if said is None:
                    continue
                said["event_id"] = event_id
            frames.append(b"data: " + orjson.dumps(said) + b"\n\n")
            if said["msg"] == "process_completed":
                del channel.events[event_id]
                self.by_event.pop(event_id, None)
        return frames

    def _schedule_abandon(self, channel: _Channel) -> None:
        if channel.abandon is None:
            loop = asyncio.get_running_loop()
            channel.abandon = loop.call_later(resume_grace_seconds(), self._abandon, channel)

    def _abandon(self, channel: _Channel) -> None:
        """Nobody read this session's events for the grace: they are cancelled."""
        channel.abandon = None
        if channel.readers:
            return
        session = self.runtime.sessions.get(channel.session_id or "")
        for event_id in list(channel.events):
            self.by_event.pop(event_id, None)
            if session is not None:
                self.runtime.cancel(session, event_id)
        channel.events.clear()
        channel.outbox.clear()


async def _closed() -> AsyncIterator[bytes]:
    yield _CLOSE
