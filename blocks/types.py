"""Domain names shared across the engine: ids that must not be mixed up and callable aliases."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, Literal, NewType

__all__ = [
    "ApiVisibility",
    "BlockId",
    "DependencyId",
    "EventId",
    "Fn",
    "JSONValue",
    "SessionId",
    "ShowProgress",
    "TriggerMode",
]

BlockId = NewType("BlockId", int)
"""Id of a component or layout inside one app's graph."""

DependencyId = NewType("DependencyId", int)
"""Index of a dependency (one listener call) in the app's config."""

SessionId = NewType("SessionId", str)
"""Opaque id of one browser page (or API client) session, chosen by the server."""

EventId = NewType("EventId", str)
"""Id of one triggered event, chosen by the client, unique within its session."""

JSONValue = Any
"""A value that orjson can serialise."""

Fn = Callable[..., Any]

TriggerMode = Literal["once", "multiple", "always_last"]
ShowProgress = Literal["full", "minimal", "hidden"]
ApiVisibility = Literal["public", "undocumented", "private"]
