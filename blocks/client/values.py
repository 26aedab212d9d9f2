"""What the server's messages mean to the client, sans-I/O: patches applied to the values
it holds (without changing earlier snapshots of them) and a job's status from a message."""

from __future__ import annotations

from typing import Any

from blocks.client.errors import ClientError
from blocks.client.jobs import ProgressUnit, Status, StatusUpdate

__all__ = ["apply_copying", "status_of"]


def status_of(message: dict[str, Any]) -> StatusUpdate | None:
    """The status a ``queued``, ``started``, ``progress`` or ``log`` message reports (None
    for other messages)."""
    kind = message.get("type")
    if kind == "queued":
        return StatusUpdate(
            Status.IN_QUEUE,
            rank=message.get("position"),
            queue_size=message.get("size"),
            eta=message.get("eta"),
        )
    if kind == "started":
        return StatusUpdate(Status.PROCESSING, eta=message.get("eta"))
    if kind == "progress":
        units = [ProgressUnit(**_unit(unit)) for unit in message.get("units") or []]
        return StatusUpdate(Status.PROGRESS, progress_data=units)
    if kind == "log":
        return StatusUpdate(
            Status.LOG, log=(str(message.get("message")), str(message.get("level")))
        )
    return None


def _unit(unit: dict[str, Any]) -> dict[str, Any]:
    return {key: unit.get(key) for key in ("index", "length", "unit", "progress", "desc")}


def apply_copying(value: Any, ops: list[dict[str, Any]]) -> Any:
    """``ops`` (docs/protocol.md) applied to ``value`` without changing it: the containers on
    each op's path are copied, so snapshots taken earlier keep what they held."""
    for op in ops:
        value = _at(value, list(op.get("path") or []), op["op"], op.get("value"))
    return value


def _at(value: Any, path: list[Any], kind: str, operand: Any) -> Any:
    if not path:
        if kind == "replace":
            return operand
        if kind == "append" and isinstance(value, str):
            return value + operand
        if kind == "extend" and isinstance(value, list):
            return [*value, *operand]
        raise ClientError(f"the app sent {kind!r} for a {type(value).__name__}")
    key, rest = path[0], path[1:]
    if isinstance(value, list):
        copy: Any = list(value)
        if not rest and kind == "replace" and key == len(copy):
            copy.append(operand)
            return copy
    elif isinstance(value, dict):
        copy = dict(value)
    else:
        raise ClientError(f"the app sent a patch into a {type(value).__name__}")
    copy[key] = operand if not rest and kind == "replace" else _at(value[key], rest, kind, operand)
    return copy
