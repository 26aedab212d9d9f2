"""Server messages of one event, built as plain dicts on the hot path by the typed builders of
blocks/protocol/outgoing.py and numbered by the session; and what a failure tells the user
(``error_info``) and the log."""

from __future__ import annotations

import asyncio
import logging
from typing import TYPE_CHECKING, Any, cast

from blocks.exceptions import (
    AppError,
    Error,
    ProtocolError,
    QueueFullError,
    TooManyEvents,
    ValidationError,
)
from blocks.protocol import outgoing
from blocks.protocol.outgoing import ErrorDict, LogLevel, ServerMessageDict
from blocks.runtime.execution import listener_name

if TYPE_CHECKING:
    from blocks.runtime.session import Session

__all__ = ["APP_ERROR_MESSAGE", "Emitter", "error_info", "is_app_error"]

log = logging.getLogger("blocks")

APP_ERROR_MESSAGE = "Something went wrong in the app (its log has the details)."


def is_app_error(exc: BaseException) -> bool:
    """The app failed (its code, or what it returned), as opposed to the client sending bad
    input, a full queue, or gr.Error raised on purpose: AppError/OutputError, a GraphError
    at request time, or any exception of the app's code."""
    return not isinstance(exc, (Error, QueueFullError, ValidationError, ProtocolError))


def error_info(
    exc: BaseException, *, title: str | None = None, show_details: bool = False
) -> ErrorDict:
    """What the user is shown for an exception (an ErrorInfo):

    - gr.Error: its message, kind "app";
    - the client's bad input (ValidationError, ProtocolError): the message, kind "validation";
    - a full queue: kind "queue_full"; a session with too many events: kind "too_many";
    - anything else is the app's failure, kind "app": a generic message, unless the app shows
      errors (``launch(show_error=True)``), then the details.
    """
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
    if isinstance(exc, TooManyEvents):
        return {"message": str(exc), "title": title or "Too many events", "kind": "too_many"}
    if isinstance(exc, (ValidationError, ProtocolError)):
        return {"message": str(exc), "title": title or "Invalid input", "kind": "validation"}
    if not show_details:
        message = APP_ERROR_MESSAGE
    elif isinstance(exc, AppError):
        message = str(exc)
    else:
        message = f"{type(exc).__name__}: {exc}"
    return {"message": message, "title": title or "Error", "kind": "app"}


class Emitter:
    """Sends the messages of one event to its session."""

    def __init__(self, session: Session, event_id: str) -> None:
        self.session = session
        self.event_id = event_id

    def _send(self, message: ServerMessageDict) -> None:
        # A TypedDict is a plain dict; deliver() numbers it (adds seq). No cast on the hot path.
        self.session.deliver(message)  # type: ignore[arg-type]

    def queued(self, position: int, size: int, eta: float | None) -> None:
        self._send(outgoing.queued(self.event_id, position, size, eta))

    def started(self, eta: float | None) -> None:
        self._send(outgoing.started(self.event_id, eta))

    def output(self, patches: list[dict[str, Any]]) -> None:
        if patches:
            self._send(outgoing.output(self.event_id, patches))

    def done(self, patches: list[dict[str, Any]], duration: float | None) -> None:
        self._send(outgoing.done(self.event_id, patches, duration))

    def cancelled(self) -> None:
        self._send(outgoing.cancelled(self.event_id))

    def failed(
        self, exc: BaseException, *, title: str | None = None, show_details: bool = False
    ) -> None:
        if isinstance(exc, Error):
            if exc.print_exception:
                log.warning("gr.Error in event %s: %s", self.event_id, exc.message)
        elif is_app_error(exc):
            log.error(
                "%s failed (event %s): %s: %s",
                self._listener(exc),
                self.event_id,
                type(exc).__name__,
                exc,
                exc_info=exc,
            )
        info = error_info(exc, title=title, show_details=show_details)
        self._send(outgoing.failed(self.event_id, info))

    def _listener(self, exc: BaseException) -> str:
        if isinstance(exc, AppError) and exc.listener:
            return exc.listener
        job = self.session.jobs.get(self.event_id)
        if job is not None:
            return listener_name(job.dependency)
        return "a listener"

    def log(self, level: str, message: str, title: str | None, duration: float | None) -> None:
        # gr.Info / gr.Warning / gr.Success / gr.Error(visible) give one of the levels.
        self._send(outgoing.log(self.event_id, cast(LogLevel, level), message, title, duration))

    def progress(self, units: list[dict[str, Any]]) -> None:
        self._send(outgoing.progress(self.event_id, units))

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
