"""Checks shared by several components: how a payload is named in errors, and numbers."""

from __future__ import annotations

import math
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from blocks.components.base import Component

__all__ = ["check_number", "copy_button", "describe", "show_number"]


def describe(payload: Any) -> str:
    """How a payload is named in an error message: 'the text "3"', 'a list', 'null'."""
    if payload is None:
        return "null"
    if isinstance(payload, bool):
        return f"the boolean {str(payload).lower()}"
    if isinstance(payload, str):
        shown = payload if len(payload) <= 40 else payload[:37] + "..."
        return f"the text {shown!r}"
    if isinstance(payload, (int, float)):
        return f"the number {show_number(payload)}"
    if isinstance(payload, dict):
        return "an object"
    if isinstance(payload, list):
        return "a list"
    return f"a value of type {type(payload).__name__}"


def show_number(number: float) -> str:
    """A number as people write it: 2 rather than 2.0."""
    if isinstance(number, float) and number.is_integer() and abs(number) < 1e15:
        return str(int(number))
    return str(number)


def check_number(component: Component, payload: Any) -> float:
    """The payload if it is a finite int or float; a ValidationError otherwise."""
    if isinstance(payload, bool) or not isinstance(payload, (int, float)):
        hint = " (send it as a number, without quotes)" if _is_numeric_text(payload) else ""
        raise component.invalid(f"expected a number, got {describe(payload)}{hint}")
    try:
        finite = math.isfinite(payload)
    except OverflowError:  # an int too large for a float
        raise component.invalid("the number is too large") from None
    if not finite:
        raise component.invalid(f"expected a finite number, got {payload}")
    return payload


def _is_numeric_text(payload: Any) -> bool:
    if not isinstance(payload, str):
        return False
    try:
        float(payload)
    except ValueError:
        return False
    return True


def copy_button(buttons: Any, show_copy_button: bool, owner: str) -> bool:
    """Whether a copy button shows: the version-6 ``buttons=["copy"]``, or the older
    ``show_copy_button=True``. Anything else in ``buttons`` is a ValueError naming ``owner``."""
    if buttons is None:
        return bool(show_copy_button)
    if isinstance(buttons, str) or not isinstance(buttons, (list, tuple)):
        raise ValueError(f'{owner}(buttons=...) must be a list such as ["copy"], got {buttons!r}')
    unknown = [button for button in buttons if button != "copy"]
    if unknown:
        raise ValueError(
            f'{owner}(buttons=...) takes "copy" only (custom gr.Button entries are not '
            f"supported), got {unknown[0]!r}"
        )
    return bool(buttons) or bool(show_copy_button)
