"""State: a value kept on the server for each session, never sent to the browser."""

from __future__ import annotations

import copy
from collections.abc import Callable
from typing import Any

from blocks.components.base import Changeable, Component

__all__ = ["State"]


class State(Component, Changeable):
    """A per-session value living on the server: each new page starts with a deep copy of
    ``value`` (or the result of calling it, when it is callable).

    ``time_to_live`` (seconds) clears a value that has not changed for that long;
    ``delete_callback(value)`` is called when a session's value is dropped.
    ``change`` fires when a listener stores a different value.
    """

    TYPE = "state"

    def __init__(
        self,
        value: Any = None,
        render: bool = True,
        *,
        time_to_live: float | None = None,
        delete_callback: Callable[[Any], None] | None = None,
    ) -> None:
        if not callable(value):
            try:
                value = copy.deepcopy(value)
            except Exception as exc:
                raise TypeError(
                    f"The initial value of gr.State is deep-copied for each session, and a "
                    f"{type(value).__name__} cannot be: {exc}. Pass a function that creates "
                    "the value instead (it is called once per session)."
                ) from exc
        self.time_to_live = time_to_live
        self.delete_callback = delete_callback
        super().__init__(value=value, render=render)

    def initial_value(self) -> Any:
        """A fresh copy of the initial value for a new session."""
        if callable(self.value):
            return self.value()
        return copy.deepcopy(self.value)

    def get_props(self) -> dict[str, Any]:
        props = super().get_props()
        # The value lives on the server only; the page never sees it.
        del props["value"], props["value_is_callable"]
        return props

    def api_info(self) -> dict[str, Any]:
        return {}

    def example_payload(self) -> Any:
        return None
