"""The Flag button(s) of an Interface and what they record.

Without ``flagging_options`` there is one "Flag" button; with them, one button per option
(a label, or a ``(label, value)`` pair), and the row records the option's value. Each click
saves the values shown in the inputs and outputs (csv_log.py, or the app's own
``flagging_callback``: any object with ``setup(components, flagging_dir)`` and
``flag(values, flag_option=..., username=...)``) and tells the user "Saved".
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from blocks.components import Button, Component
from blocks.graph.events import Dependency
from blocks.graph.helpers import Info, Request
from blocks.interface.flagging import CsvFlagLog

__all__ = ["FlagButtons"]


class FlagButtons:
    """Buttons (placed by ``place()``) whose clicks flag ``components``' values."""

    def __init__(
        self,
        components: Sequence[Component],
        folder: str,
        options: Sequence[str | tuple[str, str]] | None,
        callback: Any = None,
    ) -> None:
        self.components = list(components)
        self.options = _options(options)
        if callback is not None:
            if not callable(getattr(callback, "flag", None)):
                raise TypeError(
                    f"flagging_callback must have a flag(values, flag_option, username) "
                    f"method, got {callback!r:.80}"
                )
            setup = getattr(callback, "setup", None)
            if callable(setup):
                setup(self.components, folder)
        self.callback = callback
        self.log = CsvFlagLog(folder, self.components) if callback is None else None
        self.buttons: list[tuple[Button, str]] = []

    def place(self) -> None:
        """Create the buttons at the current place of the layout."""
        if not self.options:
            self.buttons = [(Button("Flag"), "")]
        else:
            self.buttons = [(Button(label), value) for label, value in self.options]

    def wire(self) -> None:
        """Each button flags the values shown now."""
        for button, value in self.buttons:
            button.click(
                self._flagger(value, tell=True),
                self.components,
                None,
                queue=False,
                show_progress="hidden",
                api_visibility="private",
            )

    def flag_after(self, predict: Dependency) -> None:
        """``flagging_mode="auto"``: every successful run is flagged."""
        predict.success(
            self._flagger("", tell=False),
            self.components,
            None,
            queue=False,
            show_progress="hidden",
            api_visibility="private",
        )

    def save(self, values: Sequence[Any], option: str = "", username: str | None = None) -> Any:
        """Record one flag (the components' values in order)."""
        if self.callback is not None:
            return self.callback.flag(list(values), flag_option=option, username=username)
        assert self.log is not None
        return self.log.flag(values, option, username)

    def _flagger(self, option: str, *, tell: bool) -> Callable[..., None]:
        def flag(*values: Any, request: Request) -> None:
            self.save(values, option, getattr(request, "username", None))
            if tell:
                Info("Saved", duration=2, title="Flag")

        return flag


def _options(options: Sequence[str | tuple[str, str]] | None) -> list[tuple[str, str]]:
    if options is None:
        return []
    if isinstance(options, str) or not isinstance(options, (list, tuple)):
        raise TypeError(
            f"flagging_options must be a list of labels or (label, value) pairs, got {options!r}"
        )
    normalized = []
    for option in options:
        if isinstance(option, str):
            normalized.append((option, option))
        elif isinstance(option, (list, tuple)) and len(option) == 2:
            normalized.append((str(option[0]), str(option[1])))
        else:
            raise TypeError(
                f"each flagging option must be a label or a (label, value) pair, got {option!r}"
            )
    return normalized
