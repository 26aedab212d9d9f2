"""What a listener's function is and what it takes: the one place that reads signatures.

``fn_kind`` says how to run a function (sync, async, generator, async generator); ``ArgPlan``
says which parameters are injected (a ``gr.Request``, a ``gr.Progress()`` default, an EventData)
and how many take input values. The runtime runs listeners with them, and ChatInterface calls
the user's function with ``listener_arguments``, so both inject the same things the same way.
"""

from __future__ import annotations

import inspect
import typing
import warnings
from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from blocks.graph.block import Block
from blocks.graph.helpers import EventData, Progress, Request

__all__ = ["ArgPlan", "FnKind", "fn_kind", "listener_arguments"]


class FnKind:
    SYNC = "sync"
    ASYNC = "async"
    GENERATOR = "generator"
    ASYNC_GENERATOR = "async_generator"


def fn_kind(fn: Callable[..., Any]) -> str:
    target = inspect.unwrap(fn)
    call = getattr(target, "__call__", None)  # noqa: B004
    if not inspect.isfunction(target) and not inspect.ismethod(target) and call is not None:
        target = call
    if inspect.isasyncgenfunction(target):
        return FnKind.ASYNC_GENERATOR
    if inspect.isgeneratorfunction(target):
        return FnKind.GENERATOR
    if inspect.iscoroutinefunction(target):
        return FnKind.ASYNC
    return FnKind.SYNC


@dataclass(frozen=True)
class ArgPlan:
    """Which parameters of fn are injected (request, progress, event data) and how many are
    filled by input values."""

    request_params: tuple[str, ...] = ()
    progress_params: tuple[tuple[str, Progress], ...] = ()
    event_data_params: tuple[tuple[str, type[EventData]], ...] = ()
    positional_slots: int | None = None  # None: *args accepts any number
    required_slots: int = 0  # positional parameters without a default

    @staticmethod
    @lru_cache(maxsize=1024)
    def of(fn: Callable[..., Any]) -> ArgPlan:
        try:
            signature = inspect.signature(fn)
        except (TypeError, ValueError):
            return ArgPlan()
        try:
            hints = typing.get_type_hints(fn)
        except Exception:
            hints = {}
        request, progress, event_data = [], [], []
        slots: int | None = 0
        required = 0
        for name, param in signature.parameters.items():
            hint = hints.get(name, param.annotation)
            if _is_class(hint, Request):
                request.append(name)
            elif isinstance(param.default, Progress):
                progress.append((name, param.default))
            elif _is_class(hint, EventData):
                event_data.append((name, hint))
            elif param.kind is inspect.Parameter.VAR_POSITIONAL:
                slots = None
            elif (
                param.kind
                in (
                    inspect.Parameter.POSITIONAL_ONLY,
                    inspect.Parameter.POSITIONAL_OR_KEYWORD,
                )
                and slots is not None
            ):
                slots += 1
                if param.default is inspect.Parameter.empty:
                    required += 1
        return ArgPlan(tuple(request), tuple(progress), tuple(event_data), slots, required)

    def check_inputs(self, count: int, fn: Callable[..., Any]) -> None:
        """Warn when ``fn`` cannot take ``count`` input values (found when the app is built,
        instead of as a TypeError the first time a user clicks)."""
        name = getattr(fn, "__name__", repr(fn))
        if self.positional_slots is not None and count > self.positional_slots:
            warnings.warn(
                f"{name}() takes {self.positional_slots} input value(s) but its listener has "
                f"{count} inputs; the extra ones will fail when it runs",
                UserWarning,
                stacklevel=4,
            )
        elif count < self.required_slots:
            warnings.warn(
                f"{name}() needs {self.required_slots} input value(s) but its listener has "
                f"{count} inputs",
                UserWarning,
                stacklevel=4,
            )

    def build(
        self,
        values: list[Any],
        *,
        request: Request | None,
        reporter: Any,
        target: Block | None,
        event_data: Any,
    ) -> tuple[list[Any], dict[str, Any]]:
        kwargs: dict[str, Any] = {}
        for name in self.request_params:
            kwargs[name] = request
        for name, progress in self.progress_params:
            kwargs[name] = progress._bound(reporter)
        for name, cls in self.event_data_params:
            kwargs[name] = cls(target, event_data)
        return values, kwargs


def listener_arguments(
    fn: Callable[..., Any],
    values: list[Any],
    *,
    request: Request | None = None,
    progress: Progress | None = None,
) -> tuple[list[Any], dict[str, Any]]:
    """``(args, kwargs)`` to call ``fn`` on behalf of a running listener, injected as the runtime
    injects the listener's own: ``values`` by position, the listener's ``request``, and for a
    ``gr.Progress()`` parameter a Progress that reports where the listener's ``progress``
    (the one the runtime gave it) reports; an EventData parameter gets an empty one (the
    listener's event is not the callee's). Pure: nothing is read from the running context."""
    reporter = progress._reporter if progress is not None else None
    return ArgPlan.of(fn).build(
        values, request=request, reporter=reporter, target=None, event_data=None
    )


def _is_class(hint: Any, cls: type) -> bool:
    return isinstance(hint, type) and issubclass(hint, cls)
