"""ColorPicker: choose a colour; the value is its hex code."""

from __future__ import annotations

import re
from typing import Any

from blocks.components._checks import describe
from blocks.components.base import Changeable, Component, Focusable, Inputable, Submittable

__all__ = ["ColorPicker"]

_SHORT_HEX = re.compile(r"#([0-9a-fA-F])([0-9a-fA-F])([0-9a-fA-F])")
_HEX = re.compile(r"#[0-9a-fA-F]{6}([0-9a-fA-F]{2})?")
# Any CSS colour an app may show ("rebeccapurple", "rgb(1 2 3 / 50%)") fits in this.
_MAX_COLOR_CHARS = 64


class ColorPicker(Component, Changeable, Inputable, Submittable, Focusable):
    """A colour swatch that opens the system's colour chooser, beside its hex code (which can
    be typed; Enter submits). Value: ``str``, ``"#rrggbb"`` as the page sends it.

    As an output it takes any CSS colour; ``"#f80"`` is sent as ``"#ff8800"``, other forms
    (``"red"``) as they are and shown as that colour. A client's value is text of at most 64
    characters (a colour an output showed comes back as it was sent).
    """

    def __init__(self, value: str | Any = None, **kwargs: Any) -> None:
        super().__init__(value=value, **kwargs)

    def preprocess(self, payload: Any) -> str | None:
        if payload is None:
            return None
        if not isinstance(payload, str):
            raise self.invalid(f"expected a colour like '#ff8800', got {describe(payload)}")
        if len(payload) > _MAX_COLOR_CHARS:
            raise self.invalid(
                f"a colour is at most {_MAX_COLOR_CHARS} characters, got {len(payload)}"
            )
        return payload

    def postprocess(self, value: Any) -> str | None:
        if value is None:
            return None
        text = str(value).strip()
        short = _SHORT_HEX.fullmatch(text)
        if short:
            return "#" + "".join(digit * 2 for digit in short.groups()).lower()
        return text.lower() if _HEX.fullmatch(text) else text

    def api_info(self) -> dict[str, Any]:
        return {"type": "string", "description": "a hex colour, '#rrggbb'"}

    def example_payload(self) -> str:
        return "#000000"
