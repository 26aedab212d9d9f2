"""Every exception Blocks raises.

User-facing (raise these from your functions; the message is shown to that user)::

    Error                     gr.Error: stops fn, message shown in the UI and the API

Internal (raised by the framework)::

    BlocksError
    ├── AppError              the app itself failed at request time: a bug of the app, never
    │   │                     of the client (HTTP 500, a generic message unless show_error)
    │   └── OutputError       what a listener returned does not fit its outputs (a wrong number
    │                         of values, a value its component cannot postprocess)
    ├── GraphError            the app was wired wrongly (bad inputs/outputs, unknown block ...)
    ├── ValidationError       a value from a client does not fit its component
    │   ├── FileTooLarge      an upload is over launch(max_file_size=...)  (blocks.files)
    │   └── TooManyEvents     a page or API session has too many events waiting or running
    ├── ProtocolError         a client message is malformed or out of order (blocks.protocol)
    ├── QueueFullError        queue(max_size=N) already has N jobs waiting
    ├── InvalidTransition     a job or connection state machine was asked an illegal move
    ├── PathNotAllowed        a function returned a file outside the allowed folders (blocks.files)

Only ValidationError and ProtocolError are the client's fault (HTTP 4xx, "Invalid input", their
message written for the person who sent the input). Everything else that goes wrong while a
listener runs, AppError or an exception of the app's own code, is an app error: the details and
the listener's name go to the server log (logger ``blocks``).
"""

from __future__ import annotations

from blocks.protocol.errors import BlocksError, ProtocolError

__all__ = [
    "AppError",
    "BlocksError",
    "Error",
    "GraphError",
    "InvalidTransition",
    "OutputError",
    "ProtocolError",
    "QueueFullError",
    "TooManyEvents",
    "ValidationError",
]


class Error(Exception):
    """Raise inside a listener to stop it and show ``message`` to the user.

    ``title`` heads the toast, ``duration`` is how long it stays in seconds (None: until
    closed), ``visible=False`` logs it without a toast, ``print_exception`` also logs the traceback.
    """

    def __init__(
        self,
        message: str = "Error raised.",
        duration: float | None = 10,
        visible: bool = True,
        title: str = "Error",
        print_exception: bool = True,
    ) -> None:
        super().__init__(message)
        self.message = message
        self.duration = duration
        self.visible = visible
        self.title = title
        self.print_exception = print_exception

    def __str__(self) -> str:
        return self.message


class AppError(BlocksError):
    """The app failed while running a listener; ``listener`` names it (its function, and
    its api_name when that differs). The message is for the app's developer (the log, or the
    page when the app shows errors), not for the user."""

    def __init__(self, message: str, *, listener: str | None = None) -> None:
        super().__init__(message)
        self.listener = listener


class OutputError(AppError):
    """What a listener returned or yielded cannot become its outputs: a wrong number of
    values, a value for a block that is not an output, a bad ``gr.update``, or a value its
    component's postprocess refuses (that exception is the ``__cause__``)."""


class GraphError(BlocksError):
    """The app's graph is wired wrongly; raised while building it, never at request time."""


class ValidationError(BlocksError):
    """A value sent by a client does not fit its component; the message says what was expected."""


class TooManyEvents(ValidationError):
    """A page or API session already has the most events it may have waiting or running
    (HTTP 429: the client should wait for some to finish)."""


class QueueFullError(BlocksError):
    """The queue already holds ``max_size`` waiting jobs."""


class InvalidTransition(BlocksError):
    """A state machine was asked for a move that its current state does not allow."""
