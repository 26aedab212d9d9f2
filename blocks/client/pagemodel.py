"""A page without a browser: the values a page holds, the triggers it sends and what it does
with the server's messages. Sans-I/O; the in-process test client and the Python client drive
it, and frontend/events.js does the same in the browser."""

from __future__ import annotations

import copy
import itertools
from dataclasses import dataclass, field
from typing import Any

from blocks.protocol.diff import apply

__all__ = ["EventRun", "PageModel"]


@dataclass
class EventRun:
    """What one triggered event did, as the page saw it."""

    event_id: str
    dep: int
    messages: list[dict[str, Any]] = field(default_factory=list)
    chunks: list[dict[int, Any]] = field(default_factory=list)
    done: dict[str, Any] | None = None

    @property
    def success(self) -> bool:
        return self.done is not None and bool(self.done.get("success"))

    @property
    def cancelled(self) -> bool:
        return self.done is not None and bool(self.done.get("cancelled"))

    @property
    def error(self) -> str | None:
        if self.done is None or self.done.get("success"):
            return None
        return str((self.done.get("error") or {}).get("message"))

    @property
    def logs(self) -> list[dict[str, Any]]:
        return [m for m in self.messages if m["type"] == "log"]


class PageModel:
    """The state of one page of an app, from its config."""

    def __init__(self, config: dict[str, Any]) -> None:
        self.config = config
        self.dependencies: list[dict[str, Any]] = config["dependencies"]
        self.types = {int(k): v["type"] for k, v in config["blocks"].items()}
        self.props: dict[int, dict[str, Any]] = {
            int(k): dict(v["props"]) for k, v in config["blocks"].items()
        }
        self.values: dict[int, Any] = {
            block_id: copy.deepcopy(props.get("value")) for block_id, props in self.props.items()
        }
        self.versions: dict[int, int] = {}
        self.runs: dict[str, EventRun] = {}
        self._ids = itertools.count(1)

    # ------------------------------------------------------------------ user actions

    def set_value(self, block_id: int, value: Any) -> None:
        """The user changed a value (the server's version of it no longer applies)."""
        self.values[block_id] = value
        self.versions.pop(block_id, None)

    def listeners(self, block_id: int, event: str) -> list[int]:
        return [dep["id"] for dep in self.dependencies if [block_id, event] in dep["targets"]]

    def trigger(
        self,
        dep_id: int,
        *,
        target: int | None = None,
        event: str = "click",
        event_data: Any = None,
    ) -> dict[str, Any]:
        """The trigger message the page sends to run dependency ``dep_id``."""
        dep = self.dependencies[dep_id]
        event_id = f"e{next(self._ids)}"
        data = [
            None if self.types.get(block_id) == "state" else self.values.get(block_id)
            for block_id in dep["inputs"]
        ]
        versions = {
            block_id: self.versions[block_id]
            for block_id in dep["outputs"]
            if block_id in self.versions
        }
        self.runs[event_id] = EventRun(event_id, dep_id)
        return {
            "type": "trigger",
            "event_id": event_id,
            "dep": dep_id,
            "target": target,
            "event": event,
            "data": data,
            "event_data": event_data,
            "versions": versions,
        }

    # ------------------------------------------------------------------ server messages

    def receive(self, message: dict[str, Any]) -> list[int]:
        """Apply a server message; returns the dependencies to trigger next (chained ones)."""
        run = self.runs.get(message.get("event_id") or "")
        if run is not None:
            run.messages.append(message)
        kind = message["type"]
        follow: list[int] = []
        if kind in ("output", "done"):
            # A copy: ops apply in place, so the page's values must not share objects with the
            # recorded message, or a later extend would rewrite what an earlier run received.
            self._apply(copy.deepcopy(message.get("patches") or []))
            # A gr.State changed on the server: its change listeners run, as in the browser.
            for patch in message.get("patches") or []:
                if patch.get("changed"):
                    follow.extend(self.listeners(patch["id"], "change"))
            if run is not None and kind == "output":
                run.chunks.append(
                    {
                        block_id: copy.deepcopy(self.values.get(block_id))
                        for block_id in self.dependencies[run.dep]["outputs"]
                    }
                )
        if kind == "done" and run is not None:
            run.done = message
            return follow + self._chained(run)
        return follow

    def _apply(self, patches: list[dict[str, Any]]) -> None:
        for patch in patches:
            block_id = patch["id"]
            if patch.get("props"):
                self.props.setdefault(block_id, {}).update(patch["props"])
            if "ops" in patch:
                self.values[block_id] = apply(self.values.get(block_id), patch["ops"])
                if patch.get("ver") is not None:
                    self.versions[block_id] = patch["ver"]

    def _chained(self, run: EventRun) -> list[int]:
        if run.cancelled:
            return []
        outcome = "success" if run.success else "failure"
        return [
            dep["id"]
            for dep in self.dependencies
            if dep["trigger_after"] == run.dep and dep["trigger_only_on"] in (None, outcome)
        ]
