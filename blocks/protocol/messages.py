"""The wire protocol between a page (or client) and the server, as typed messages.

One WebSocket per page carries every event of the page. Every message is a JSON object with a
``type``; client messages carry the protocol version ``v``; server messages carry ``seq``, a
number that grows by one per message of the session, so a reconnecting page can say what it
already has (``hello.last_seq``) and receive the rest. docs/protocol.md documents this module and
frontend/protocol.js mirrors its names.
"""

from __future__ import annotations

from typing import Annotated, Any, Literal

import orjson
from pydantic import BaseModel, ConfigDict, Field, TypeAdapter
from pydantic import ValidationError as PydanticValidationError

from blocks.protocol.errors import ProtocolError

__all__ = [
    "PROTOCOL_VERSION",
    "Ack",
    "Cancel",
    "ClientMessage",
    "Done",
    "ErrorInfo",
    "Heartbeat",
    "Hello",
    "InvalidInput",
    "Log",
    "Op",
    "Output",
    "Patch",
    "ProgressMessage",
    "ProgressUnit",
    "Queued",
    "RenderMessage",
    "Restarting",
    "ServerMessage",
    "Started",
    "Trigger",
    "Welcome",
    "encode",
    "parse_client_message",
]

PROTOCOL_VERSION = 1


class _Message(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


# ---------------------------------------------------------------- client -> server


class Hello(_Message):
    """First message of a connection. ``session_id`` set: resume that session after
    ``last_seq`` (the highest seq the page has applied). ``app``: the fingerprint of the
    config the page was made from; when it is not the server's, the socket is closed with
    ``STALE_PAGE`` and the page reloads."""

    type: Literal["hello"] = "hello"
    v: int = PROTOCOL_VERSION
    session_id: str | None = None
    last_seq: int = 0
    app: str | None = Field(default=None, max_length=64)


class Trigger(_Message):
    """Run dependency ``dep`` because ``event`` happened on block ``target``.

    ``data`` holds the wire values of the dependency's inputs, in order. ``versions`` maps an
    output block id to the server version of the value the page holds for it, unchanged since
    the server sent it; the server diffs against that value instead of resending it whole.
    """

    type: Literal["trigger"] = "trigger"
    v: int = PROTOCOL_VERSION
    event_id: str = Field(min_length=1, max_length=64)
    dep: int = Field(ge=0)
    target: int | None = None
    event: str = "click"
    data: list[Any] = Field(default_factory=list)
    event_data: Any = None
    versions: dict[int, int] = Field(default_factory=dict)


class Cancel(_Message):
    """Cancel the job of ``event_id`` (Stop button, page leaving an event behind)."""

    type: Literal["cancel"] = "cancel"
    v: int = PROTOCOL_VERSION
    event_id: str = Field(min_length=1, max_length=64)


class Ack(_Message):
    """The page has applied every message up to ``seq``; the server may forget them."""

    type: Literal["ack"] = "ack"
    v: int = PROTOCOL_VERSION
    seq: int = Field(ge=0)


ClientMessage = Annotated[Hello | Trigger | Cancel | Ack, Field(discriminator="type")]

# ---------------------------------------------------------------- server -> client


class Op(_Message):
    """One change to a value. ``path`` walks list indexes and dict keys from the value's root.

    - ``replace``: the value at path becomes ``value`` (path [] replaces the whole value)
    - ``append``: the string at path grows by the string ``value``
    - ``extend``: the list at path grows by the items of the list ``value``
    """

    op: Literal["replace", "append", "extend"]
    path: list[int | str] = Field(default_factory=list)
    value: Any = None


class Patch(_Message):
    """What changes on one block: its value (``ops``, applied in order, producing server
    version ``ver``) and/or its properties (``props``: visible, label, choices ...)."""

    id: int
    ops: list[Op] | None = None
    ver: int | None = None
    props: dict[str, Any] | None = None
    # A gr.State (whose value the page never sees) changed: the page fires its change listeners.
    changed: bool | None = None


class InvalidInput(_Message):
    """One input a listener's validator refused: the block and the message shown beside it."""

    id: int
    message: str


class ErrorInfo(_Message):
    """``kind``: "validation" (the input did not fit), "queue_full", or "app" (the function
    failed, or raised gr.Error)."""

    message: str
    kind: Literal["validation", "queue_full", "app"] = "app"
    title: str = "Error"
    duration: float | None = 10
    visible: bool = True
    # A validator= refused the inputs: which ones (block ids) and why, shown beside each.
    invalid: list[InvalidInput] | None = None


class ProgressUnit(_Message):
    index: int | None = None
    length: int | None = None
    unit: str = "steps"
    progress: float | None = None
    desc: str | None = None


class _ServerMessage(_Message):
    seq: int = 0


class Welcome(_ServerMessage):
    type: Literal["welcome"] = "welcome"
    v: int = PROTOCOL_VERSION
    session_id: str
    resumed: bool = False


class Queued(_ServerMessage):
    """The job waits: ``position`` jobs are ahead of it (0 = next), ``size`` wait in all."""

    type: Literal["queued"] = "queued"
    event_id: str
    position: int
    size: int
    eta: float | None = None


class Started(_ServerMessage):
    type: Literal["started"] = "started"
    event_id: str
    eta: float | None = None


class ProgressMessage(_ServerMessage):
    type: Literal["progress"] = "progress"
    event_id: str
    units: list[ProgressUnit]


class Output(_ServerMessage):
    """A partial result of a streaming job."""

    type: Literal["output"] = "output"
    event_id: str
    patches: list[Patch]


class Done(_ServerMessage):
    """The job ended: ``success`` with its last ``patches``, or with ``error``.

    ``cancelled`` is true when it was stopped; the outputs keep what was streamed so far."""

    type: Literal["done"] = "done"
    event_id: str
    success: bool
    patches: list[Patch] = Field(default_factory=list)
    error: ErrorInfo | None = None
    cancelled: bool = False
    duration: float | None = None


class Log(_ServerMessage):
    """A toast: gr.Info / gr.Warning / gr.Success, or an error not tied to an output."""

    type: Literal["log"] = "log"
    event_id: str | None = None
    level: Literal["info", "warning", "success", "error"] = "info"
    message: str
    title: str | None = None
    duration: float | None = 10


class RenderMessage(_ServerMessage):
    """A @gr.render run built new blocks for this page: mount ``layout`` (the place ``id``
    with its new children) instead of what the place held, with ``blocks`` (configs, as in
    the page config) and ``dependencies`` (their listeners, replacing the previous run's).
    ``kept`` lists the ids of keyed blocks that also were in the previous run: the page keeps
    the value (and its version) it holds for them."""

    type: Literal["render"] = "render"
    event_id: str
    id: int
    layout: dict[str, Any]
    blocks: dict[str, Any] = Field(default_factory=dict)
    dependencies: list[dict[str, Any]] = Field(default_factory=list)
    kept: list[int] = Field(default_factory=list)


class Heartbeat(_ServerMessage):
    type: Literal["heartbeat"] = "heartbeat"


class Restarting(_ServerMessage):
    """The server is stopping (SIGTERM): it takes no new job, lets running ones finish for a
    while, then closes the connection; the page says so and reconnects with backoff."""

    type: Literal["restarting"] = "restarting"


ServerMessage = Annotated[
    Welcome
    | Queued
    | Started
    | ProgressMessage
    | Output
    | Done
    | Log
    | RenderMessage
    | Heartbeat
    | Restarting,
    Field(discriminator="type"),
]

_client_adapter: TypeAdapter[Hello | Trigger | Cancel | Ack] = TypeAdapter(ClientMessage)
_server_adapter: TypeAdapter[Any] = TypeAdapter(ServerMessage)


def parse_client_message(raw: str | bytes) -> Hello | Trigger | Cancel | Ack:
    """Parse one client frame; a malformed one raises ProtocolError saying what is wrong."""
    try:
        data = orjson.loads(raw)
    except orjson.JSONDecodeError as exc:
        raise ProtocolError(f"message is not valid JSON: {exc}") from None
    if not isinstance(data, dict):
        raise ProtocolError(f"message must be a JSON object, got {type(data).__name__}")
    version = data.get("v", PROTOCOL_VERSION)
    if version != PROTOCOL_VERSION:
        raise ProtocolError(
            f"protocol version {version!r} is not supported; this server speaks {PROTOCOL_VERSION}"
        )
    try:
        return _client_adapter.validate_python(data)
    except PydanticValidationError as exc:
        problems = "; ".join(
            f"{'.'.join(str(p) for p in err['loc']) or 'message'}: {err['msg']}"
            for err in exc.errors()[:5]
        )
        raise ProtocolError(
            f"invalid {data.get('type', 'untyped')!r} message: {problems}"
        ) from None


def parse_server_message(raw: str | bytes) -> Any:
    """Parse one server frame (used by Python clients and tests)."""
    return _server_adapter.validate_python(orjson.loads(raw))


def encode(message: _Message) -> bytes:
    """Serialise a message compactly (defaults left out, except each message's ``type``)."""
    data = message.model_dump(mode="python", exclude_defaults=True)
    data["type"] = message.type  # type: ignore[attr-defined]
    return orjson.dumps(data)
