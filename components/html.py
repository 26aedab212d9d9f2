"""HTML: raw HTML shown in the page."""

from __future__ import annotations

from typing import Any

from blocks.components._checks import describe
from blocks.components.base import Changeable, Clickable, Component

__all__ = ["HTML"]


class HTML(Component, Changeable, Clickable):
    """HTML inserted into the page as given (no sanitising: only show HTML you trust).
    Value: ``str``."""

    PROPS = ("min_height", "max_height", "padding")

    def __init__(
        self,
        value: str | Any = "",
        *,
        show_label: bool = False,
        min_height: int | None = None,
        max_height: int | None = None,
        container: bool = False,
        padding: bool = True,
        **kwargs: Any,
    ) -> None:
        self.min_height = min_height
        self.max_height = max_height
        self.padding = padding
        super().__init__(value=value, show_label=show_label, container=container, **kwargs)

    def preprocess(self, payload: Any) -> str | None:
        if payload is None:
            return None
        if not isinstance(payload, str):
            raise self.invalid(f"expected text, got {describe(payload)}")
        self.check_size(payload)
        return payload

    def postprocess(self, value: Any) -> str | None:
        return None if value is None else str(value)

    def api_info(self) -> dict[str, Any]:
        return {"type": "string"}

    def example_payload(self) -> str:
        return "<p>Hello</p>"
