"""Server messages as typed builders: each returns the plain dict the hot path sends, typed as
a TypedDict mirroring its pydantic model in protocol/messages.py (tests/test_protocol.py checks
both: the keys match the model's fields, and every builder's output validates against it).

Plain dicts at runtime, so building one costs no model validation (and importing this module
loads no pydantic). The session adds ``seq`` when it numbers a message. Imports nothing of ours.
"""

from __future__ import annotations

from typing import Any, Literal, NotRequired, TypedDict

__all__ = [
    "DoneDict",
    "ErrorDict",
    "HeartbeatDict",
    "InvalidInputDict",
    "LogDict",
    "OutputDict",
    "ProgressDict",
    "QueuedDict",
    "RenderDict",
    "RestartingDict",
    "ServerMessageDict",
    "StartedDict",
    "WelcomeDict",
    "cancelled",
    "done",
    "failed",
    "heartbeat",
    "log",
    "output",
    "progress",
    "queued",
    "rendered",
    "restarting",
    "started",
    "welcome",
]

ErrorKind = Literal["validation", "too_many", "queue_full", "app"]
LogLevel = Literal["info", "warning", "success", "error"]
# Patches and progress units are built elsewhere as dicts (runtime/patches.py, graph/helpers.py)
# in the shapes of messages.Patch and messages.ProgressUnit.
PatchDict = dict[str, Any]
ProgressUnitDict = dict[str, Any]


class InvalidInputDict(TypedDict):
    """messages.InvalidInput"""

    id: int
    message: str


class ErrorDict(TypedDict):
    """messages.ErrorInfo"""

    message: str
    kind: ErrorKind
    title: str
    duration: NotRequired[float | None]
    visible: NotRequired[bool]
    invalid: NotRequired[list[InvalidInputDict]]


class WelcomeDict(TypedDict):
    """messages.Welcome"""

    type: Literal["welcome"]
    v: int
    session_id: str
    resumed: bool
    seq: NotRequired[int]


class QueuedDict(TypedDict):
    """messages.Queued"""

    type: Literal["queued"]
    event_id: str
    position: int
    size: int
    eta: float | None
    seq: NotRequired[int]


class StartedDict(TypedDict):
    """messages.Started"""

    type: Literal["started"]
    event_id: str
    eta: float | None
    seq: NotRequired[int]


class ProgressDict(TypedDict):
    """messages.ProgressMessage"""

    type: Literal["progress"]
    event_id: str
    units: list[ProgressUnitDict]
    seq: NotRequired[int]


class OutputDict(TypedDict):
    """messages.Output"""

    type: Literal["output"]
    event_id: str
    patches: list[PatchDict]
    seq: NotRequired[int]


class DoneDict(TypedDict):
    """messages.Done"""

    type: Literal["done"]
    event_id: str
    success: bool
    patches: list[PatchDict]
    error: NotRequired[ErrorDict | None]
    cancelled: NotRequired[bool]
    duration: NotRequired[float | None]
    seq: NotRequired[int]


class LogDict(TypedDict):
    """messages.Log"""

    type: Literal["log"]
    event_id: str | None
    level: LogLevel
    message: str
    title: str | None
    duration: float | None
    seq: NotRequired[int]


class RenderDict(TypedDict):
    """messages.RenderMessage"""

    type: Literal["render"]
    event_id: str
    id: int
    layout: dict[str, Any]
    blocks: dict[str, Any]
    dependencies: list[dict[str, Any]]
    kept: list[int]
    seq: NotRequired[int]


class HeartbeatDict(TypedDict):
    """messages.Heartbeat"""

    type: Literal["heartbeat"]
    seq: NotRequired[int]


class RestartingDict(TypedDict):
    """messages.Restarting"""

    type: Literal["restarting"]
    seq: NotRequired[int]


ServerMessageDict = (
    WelcomeDict
    | QueuedDict
    | StartedDict
    | ProgressDict
    | OutputDict
    | DoneDict
    | LogDict
    | RenderDict
    | HeartbeatDict
    | RestartingDict
)


def welcome(session_id: str, *, resumed: bool, version: int, seq: int | None = None) -> WelcomeDict:
    """The answer to a hello (``version``: messages.PROTOCOL_VERSION; ``seq``: the last number
    the session gave, after which a replay follows)."""
    message: WelcomeDict = {
        "type": "welcome",
        "v": version,
        "session_id": session_id,
        "resumed": resumed,
    }
    if seq is not None:
        message["seq"] = seq
    return message


def queued(event_id: str, position: int, size: int, eta: float | None) -> QueuedDict:
    return {"type": "queued", "event_id": event_id, "position": position, "size": size, "eta": eta}


def started(event_id: str, eta: float | None) -> StartedDict:
    return {"type": "started", "event_id": event_id, "eta": eta}


def progress(event_id: str, units: list[ProgressUnitDict]) -> ProgressDict:
    return {"type": "progress", "event_id": event_id, "units": units}


def output(event_id: str, patches: list[PatchDict]) -> OutputDict:
    return {"type": "output", "event_id": event_id, "patches": patches}


def done(event_id: str, patches: list[PatchDict], duration: float | None) -> DoneDict:
    return {
        "type": "done",
        "event_id": event_id,
        "success": True,
        "patches": patches,
        "duration": duration,
    }


def cancelled(event_id: str) -> DoneDict:
    return {"type": "done", "event_id": event_id, "success": True, "cancelled": True, "patches": []}


def failed(event_id: str, error: ErrorDict) -> DoneDict:
    return {"type": "done", "event_id": event_id, "success": False, "error": error, "patches": []}


def log(
    event_id: str | None,
    level: LogLevel,
    message: str,
    title: str | None,
    duration: float | None,
) -> LogDict:
    return {
        "type": "log",
        "event_id": event_id,
        "level": level,
        "message": message,
        "title": title,
        "duration": duration,
    }


def rendered(event_id: str, fragment: dict[str, Any], kept: list[int]) -> RenderDict:
    """A @gr.render run's new subtree; ``fragment`` is its config (``layout``, ``blocks``,
    ``dependencies``: graph/render.py), ``layout["id"]`` the place it goes."""
    return {
        "type": "render",
        "event_id": event_id,
        "id": fragment["layout"]["id"],
        "layout": fragment["layout"],
        "blocks": fragment["blocks"],
        "dependencies": fragment["dependencies"],
        "kept": kept,
    }


def heartbeat() -> HeartbeatDict:
    return {"type": "heartbeat"}


def restarting() -> RestartingDict:
    return {"type": "restarting"}
