"""Button: something to click; its value is its text."""

from __future__ import annotations

from typing import Any, Literal

from blocks.components.base import Clickable, Component

__all__ = ["Button"]


class Button(Component, Clickable):
    """A clickable button. ``link`` makes it open a URL; ``icon`` shows an image before the text."""

    PROPS = ("variant", "size", "icon", "link")

    def __init__(
        self,
        value: str = "Run",
        *,
        variant: Literal["primary", "secondary", "stop", "huggingface"] = "secondary",
        size: Literal["sm", "md", "lg"] = "lg",
        icon: str | None = None,
        link: str | None = None,
        **kwargs: Any,
    ) -> None:
        if variant not in ("primary", "secondary", "stop", "huggingface"):
            raise ValueError(
                f"Button variant must be 'primary', 'secondary' or 'stop', got {variant!r}"
            )
        if size not in ("sm", "md", "lg"):
            raise ValueError(f"Button size must be 'sm', 'md' or 'lg', got {size!r}")
        self.variant = variant
        self.size = size
        self.icon = icon
        self.link = link
        kwargs.setdefault("min_width", None)
        super().__init__(value=value, **kwargs)

    def preprocess(self, payload: Any) -> str | None:
        return None if payload is None else str(payload)

    def postprocess(self, value: Any) -> str | None:
        return None if value is None else str(value)

    def api_info(self) -> dict[str, Any]:
        return {"type": "string"}

    def example_payload(self) -> str:
        return "Run"
