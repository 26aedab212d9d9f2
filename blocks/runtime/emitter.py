"""Server messages of one event, built as plain dicts on the hot path and numbered by the
session. Their shapes are the models of blocks/protocol.py (a test checks every builder
against them)."""

from __future__ import annotations

import asyncio
import logging
from typing import TYPE_CHECKING, Any

from blocks.exceptions import (
    BlocksError,
    Error,
    GraphError,
    ProtocolError,
    QueueFullError,
    ValidationError,
)

if TYPE_CHECKING:
    from blocks.runtime.session import Session

__all__ = ["Emitter", "error_info"]

log = logging.getLogger("blocks")


def error_info(
    exc: BaseException, *, title: str | None = None, show_details: bool = False
) -> dict[str, Any]:
    """What the user is shown for an exception: gr.Error and our own errors as they are,
    anything else generically unless the app shows errors."""
    if isinstance(exc, Error):
        return {
            "message": exc.message,
            "title": exc.title,
            "duration": exc.duration,
            "visible": exc.visible,
            "kind": "app",
        }
    if isinstance(exc, QueueFullError):
        return {"message": str(exc), "title": title or "Queue full", "kind": "queue_full"}
    if isinstance(exc, (ValidationError, ProtocolError, GraphError)):
        return {"message": str(exc), "title": title or "Invalid input", "kind": "validation"}
    if isinstance(exc, BlocksError):
        return {"message": str(exc), "title": title or "Error", "kind": "app"}
    message = (
        f"{type(exc).__name__}: {exc}"
        if show_details
        else ("Something went wrong in the app (its log has the details).")
    )
    return {"message": message, "title": title or "Error"}


class Emitter:
    """Sends the messages of one event to its session."""

    def __init__(self, session: Session, event_id: str) -> None:
        self.session = session
        self.event_id = event_id

    def _send(self, message: dict[str, Any]) -> None:
        message["event_id"] = self.event_id
        self.session.deliver(message)

    def queued(self, position: int, size: int, eta: float | None) -> None:
        self._send({"type": "queued", "position": position, "size": size, "eta": eta})

    def started(self, eta: float | None) -> None:
        self._send({"type": "started", "eta": eta})

    def output(self, patches: list[dict[str, Any]]) -> None:
        if patches:
            self._send({"type": "output", "patches": patches})

    def done(self, patches: list[dict[str, Any]], duration: float | None) -> None:
        self._send({"type": "done", "success": True, "patches": patches, "duration": duration})

    def cancelled(self) -> None:
        self._send({"type": "done", "success": True, "cancelled": True, "patches": []})

    def failed(
        self, exc: BaseException, *, title: str | None = None, show_details: bool = False
    ) -> None:
        if isinstance(exc, Error):
            if exc.print_exception:
                log.warning("gr.Error in event %s: %s", self.event_id, exc.message)
        elif not isinstance(exc, BlocksError):
            log.error("error in event %s", self.event_id, exc_info=exc)
        info = error_info(exc, title=title, show_details=show_details)
        self._send({"type": "done", "success": False, "error": info, "patches": []})

    def log(self, level: str, message: str, title: str | None, duration: float | None) -> None:
        self._send(
            {
                "type": "log",
                "level": level,
                "message": message,
                "title": title,
                "duration": duration,
            }
        )

    def progress(self, units: list[dict[str, Any]]) -> None:
        self._send({"type": "progress", "units": units})

    def reporter(self, loop: asyncio.AbstractEventLoop) -> _Reporter:
        return _Reporter(self, loop)


class _Reporter:
    """gr.Info / gr.Progress calls from the user's code (any thread) into the event loop."""

    def __init__(self, emitter: Emitter, loop: asyncio.AbstractEventLoop) -> None:
        self._emitter = emitter
        self._loop = loop

    def _call(self, method: Any, *args: Any) -> None:
        try:
            running = asyncio.get_running_loop()
        except RuntimeError:
            running = None
        if running is self._loop:
            method(*args)
        else:
            self._loop.call_soon_threadsafe(method, *args)

    def log(self, level: str, message: str, title: str | None, duration: float | None) -> None:
        self._call(self._emitter.log, level, message, title, duration)

    def progress(self, units: list[dict[str, Any]]) -> None:
        self._call(self._emitter.progress, units)
