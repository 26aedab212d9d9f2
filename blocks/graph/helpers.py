"""What a running listener can reach: toasts, progress, the request, and event data.

``gr.Info/Warning/Success`` send a toast to the page of the job running in this thread or task;
``gr.Progress()`` as a parameter default reports progress; a parameter annotated ``gr.Request``
receives the request; one annotated with an EventData class receives what the user acted on.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from contextvars import ContextVar
from dataclasses import dataclass, field
from typing import Any, Protocol, TypeVar

__all__ = [
    "EditData",
    "EventData",
    "Info",
    "KeyUpData",
    "LikeData",
    "Progress",
    "Request",
    "RetryData",
    "SelectData",
    "Success",
    "UndoData",
    "Warning",
    "current_reporter",
]

T = TypeVar("T")


class Reporter(Protocol):
    """Where a running job sends progress and toasts; safe to call from any thread."""

    def log(self, level: str, message: str, title: str | None, duration: float | None) -> None: ...

    def progress(self, units: list[dict[str, Any]]) -> None: ...


current_reporter: ContextVar[Reporter | None] = ContextVar("blocks_reporter", default=None)


def _log(level: str, message: str, title: str | None, duration: float | None) -> None:
    reporter = current_reporter.get()
    if reporter is None:
        # Called outside a listener (e.g. at import): nothing to show it on.
        return
    reporter.log(level, message, title, duration)


def Info(message: str = "Info issued.", duration: float | None = 10, title: str = "Info") -> None:
    """Show an info toast to the user whose event is running."""
    _log("info", message, title, duration)


def Warning(
    message: str = "Warning issued.", duration: float | None = 10, title: str = "Warning"
) -> None:
    """Show a warning toast to the user whose event is running."""
    _log("warning", message, title, duration)


def Success(message: str = "Success.", duration: float | None = 10, title: str = "Success") -> None:
    """Show a success toast to the user whose event is running."""
    _log("success", message, title, duration)


class Progress:
    """Use as a default value, ``def fn(x, progress=gr.Progress()):``, then call
    ``progress(0.5, desc="Halfway")`` or wrap an iterable in ``progress.tqdm(items)``."""

    def __init__(self, track_tqdm: bool = False) -> None:
        self.track_tqdm = track_tqdm
        self._reporter: Reporter | None = None

    def _bound(self, reporter: Reporter | None) -> Progress:
        bound = Progress(self.track_tqdm)
        bound._reporter = reporter
        return bound

    def __call__(
        self,
        progress: float | tuple[int, int | None] | None,
        desc: str | None = None,
        total: int | None = None,
        unit: str = "steps",
    ) -> float | tuple[int, int | None] | None:
        unit_info: dict[str, Any]
        if isinstance(progress, tuple):
            index, length = progress
            unit_info = {"index": index, "length": length, "unit": unit, "desc": desc}
        else:
            unit_info = {"progress": progress, "unit": unit, "desc": desc}
            if total is not None and progress is not None:
                unit_info = {"index": int(progress), "length": total, "unit": unit, "desc": desc}
        if self._reporter is not None:
            self._reporter.progress([unit_info])
        return progress

    def tqdm(
        self,
        iterable: Iterable[T],
        desc: str | None = None,
        total: int | None = None,
        unit: str = "steps",
        **_: Any,
    ) -> Iterator[T]:
        """Yield the items of ``iterable``, reporting progress after each."""
        if total is None and hasattr(iterable, "__len__"):
            total = len(iterable)  # type: ignore[arg-type]
        self((0, total), desc=desc, unit=unit)
        for index, item in enumerate(iterable, start=1):
            yield item
            self((index, total), desc=desc, unit=unit)


@dataclass
class Request:
    """The HTTP or WebSocket request behind an event: annotate a parameter ``gr.Request``."""

    headers: dict[str, str] = field(default_factory=dict)
    client_host: str | None = None
    query_params: dict[str, str] = field(default_factory=dict)
    session_hash: str | None = None
    path: str = "/"
    username: str | None = None

    @property
    def client(self) -> Any:
        return _Client(self.client_host)

    @property
    def request(self) -> Request:
        return self


@dataclass
class _Client:
    host: str | None


class EventData:
    """What the user acted on; annotate a parameter with a subclass to receive it."""

    def __init__(self, target: Any, data: Any) -> None:
        self.target = target
        self._data = data if isinstance(data, dict) else {"value": data}

    def __repr__(self) -> str:
        return f"{type(self).__name__}({self._data!r})"


class SelectData(EventData):
    """``index`` and ``value`` of what was selected, and whether it is now ``selected``."""

    def __init__(self, target: Any, data: Any) -> None:
        super().__init__(target, data)
        self.index = self._data.get("index")
        self.value = self._data.get("value")
        self.row_value = self._data.get("row_value")
        self.col_value = self._data.get("col_value")
        self.selected = self._data.get("selected", True)


class KeyUpData(EventData):
    def __init__(self, target: Any, data: Any) -> None:
        super().__init__(target, data)
        self.key = self._data.get("key")
        self.input_value = self._data.get("input_value")


class LikeData(EventData):
    """The message liked: ``index``, ``value``, and ``liked`` (True, False or an option)."""

    def __init__(self, target: Any, data: Any) -> None:
        super().__init__(target, data)
        self.index = self._data.get("index")
        self.value = self._data.get("value")
        self.liked = self._data.get("liked", True)


class RetryData(EventData):
    def __init__(self, target: Any, data: Any) -> None:
        super().__init__(target, data)
        self.index = self._data.get("index")
        self.value = self._data.get("value")


class UndoData(RetryData):
    pass


class EditData(EventData):
    def __init__(self, target: Any, data: Any) -> None:
        super().__init__(target, data)
        self.index = self._data.get("index")
        self.value = self._data.get("value")
        self.previous_value = self._data.get("previous_value")
