"""Timer: an invisible component whose page fires ``tick`` every ``value`` seconds."""

from __future__ import annotations

import math
from typing import Any

from blocks.components.base import Component
from blocks.graph.events import BoundEvent, EventListener

__all__ = ["Timer"]


class _TickEvent(BoundEvent):
    """``timer.tick(fn, inputs, outputs)``: like any event, but with no progress shown unless
    asked for (a tick every second would flash a spinner on its outputs)."""

    def __call__(self, *args: Any, **kwargs: Any) -> Any:
        kwargs.setdefault("show_progress", "hidden")
        return super().__call__(*args, **kwargs)


class _Tick(EventListener):
    def __get__(self, instance: Any, owner: type) -> Any:
        if instance is None:
            return self
        return _TickEvent(instance, self.name)


class Timer(Component):
    """Ticks at regular intervals while ``active``; never shown. ``value`` is the interval in
    seconds (what a listener reading the timer receives); ``gr.update(active=False)`` stops it,
    ``gr.update(value=0.5)`` changes the interval. Each page has its own timer; ticks that come
    while the previous tick's listener still runs are skipped (trigger_mode "once")."""

    PROPS = ("active",)
    tick = _Tick("tick", "The timer's interval passed (while it is active).")

    def __init__(
        self,
        value: float = 1,
        *,
        active: bool = True,
        render: bool = True,
        key: int | str | None = None,
    ) -> None:
        _check_interval(value)
        if not isinstance(active, bool):
            raise TypeError(f"Timer active must be True or False, got {active!r}")
        self.active = active
        super().__init__(value=value, render=render, key=key)

    def preprocess(self, payload: Any) -> float | None:
        if payload is None:
            return None
        if isinstance(payload, bool) or not isinstance(payload, (int, float)):
            raise self.invalid(f"the interval must be a number of seconds, got {payload!r}")
        return float(payload)

    def postprocess(self, value: Any) -> float | None:
        if value is None:
            return None
        _check_interval(value)
        return float(value)

    def api_info(self) -> dict[str, Any]:
        return {"type": "number"}

    def example_payload(self) -> float:
        return 1.0


def _check_interval(value: Any) -> None:
    if callable(value):
        return
    number_like = isinstance(value, (int, float)) and not isinstance(value, bool)
    if not number_like or not math.isfinite(value) or value <= 0:
        raise ValueError(f"Timer value is the interval in seconds, a number > 0; got {value!r}")
