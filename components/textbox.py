"""Textbox: one or more lines of text."""

from __future__ import annotations

from typing import Any, Literal

from blocks.components._checks import copy_button
from blocks.components.base import (
    Changeable,
    Focusable,
    FormComponent,
    Inputable,
    Selectable,
    Submittable,
)
from blocks.graph.events import EventListener

__all__ = ["Textbox"]


class Textbox(FormComponent, Changeable, Inputable, Focusable, Submittable, Selectable):
    """Text input or output. Value: ``str``.

    Enter submits when ``lines == 1``; with more lines Enter submits and Shift+Enter makes a new
    line (``submit_on_enter=False`` makes Enter a new line).
    """

    PROPS = (
        "lines",
        "max_lines",
        "placeholder",
        "type",
        "autofocus",
        "autoscroll",
        "max_length",
        "text_align",
        "rtl",
        "show_copy_button",
        "submit_on_enter",
        "submit_btn",
        "stop_btn",
    )
    stop = EventListener("stop", "The user clicked the stop button (see stop_btn).")

    def __init__(
        self,
        value: str | Any | None = None,
        *,
        lines: int = 1,
        max_lines: int | None = None,
        placeholder: str | None = None,
        type: Literal["text", "password", "email"] = "text",
        autofocus: bool = False,
        autoscroll: bool = True,
        max_length: int | None = None,
        text_align: Literal["left", "right"] | None = None,
        rtl: bool = False,
        show_copy_button: bool = False,
        buttons: list[str] | None = None,
        submit_on_enter: bool = True,
        submit_btn: str | bool | None = False,
        stop_btn: str | bool | None = False,
        **kwargs: Any,
    ) -> None:
        if type not in ("text", "password", "email"):
            raise ValueError(f"Textbox type must be 'text', 'password' or 'email', got {type!r}")
        self.lines = lines
        self.max_lines = max_lines if max_lines is not None else max(lines, 20)
        self.placeholder = placeholder
        self.type = type
        self.autofocus = autofocus
        self.autoscroll = autoscroll
        self.max_length = max_length
        self.text_align = text_align
        self.rtl = rtl
        self.show_copy_button = copy_button(buttons, show_copy_button, "Textbox")
        self.submit_on_enter = submit_on_enter
        # A button inside the box that submits (True: "Submit", or its text), and one that
        # replaces it while a job the box submitted runs (True: "Stop") and fires `stop`.
        self.submit_btn = _button_text(submit_btn, "Submit")
        self.stop_btn = _button_text(stop_btn, "Stop")
        super().__init__(value=value, **kwargs)

    def preprocess(self, payload: Any) -> str | None:
        if payload is None:
            return None
        if not isinstance(payload, str):
            raise self.invalid(f"expected text, got {_kind(payload)}")
        self.check_size(payload)
        if self.max_length is not None and len(payload) > self.max_length:
            raise self.invalid(f"text is longer than {self.max_length} characters")
        return payload

    def postprocess(self, value: Any) -> str | None:
        return None if value is None else str(value)

    def api_info(self) -> dict[str, Any]:
        return {"type": "string"}

    def example_payload(self) -> str:
        return "Hello!!"


def _button_text(value: str | bool | None, default: str) -> str | None:
    if value is True:
        return default
    if value is False or value is None:
        return None
    if not isinstance(value, str):
        raise TypeError(f"submit_btn/stop_btn must be True, False or a label, got {value!r}")
    return value


def _kind(value: Any) -> str:
    return {dict: "an object", list: "a list", bool: "a boolean"}.get(
        type(value), type(value).__name__
    )
