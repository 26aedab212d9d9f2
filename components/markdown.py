"""Markdown: formatted text, with optional LaTeX."""

from __future__ import annotations

import inspect
from typing import Any

from blocks.components._checks import copy_button, describe
from blocks.components.base import Changeable, Component

__all__ = ["Markdown"]

_DEFAULT_LATEX_DELIMITERS = [{"left": "$$", "right": "$$", "display": True}]


class Markdown(Component, Changeable):
    """Markdown rendered in the page. Value: ``str``.

    The text is dedented like a docstring (``inspect.cleandoc``), so an indented triple-quoted
    string renders as written. ``sanitize_html`` strips scripts and event handlers from embedded
    HTML; ``line_breaks`` turns single newlines into line breaks; ``latex_delimiters`` is a list
    of ``{"left", "right", "display"}`` (default: ``$$ ... $$`` as display math).
    """

    PROPS = (
        "rtl",
        "latex_delimiters",
        "sanitize_html",
        "line_breaks",
        "header_links",
        "height",
        "max_height",
        "min_height",
        "show_copy_button",
    )

    def __init__(
        self,
        value: str | Any = "",
        *,
        rtl: bool = False,
        latex_delimiters: list[dict[str, str | bool]] | None = None,
        sanitize_html: bool = True,
        line_breaks: bool = False,
        header_links: bool = False,
        height: int | str | None = None,
        max_height: int | str | None = None,
        min_height: int | str | None = None,
        show_copy_button: bool = False,
        buttons: list[str] | None = None,
        container: bool = False,
        **kwargs: Any,
    ) -> None:
        self.rtl = rtl
        self.latex_delimiters = (
            [dict(d) for d in _DEFAULT_LATEX_DELIMITERS]
            if latex_delimiters is None
            else latex_delimiters
        )
        self.sanitize_html = sanitize_html
        self.line_breaks = line_breaks
        self.header_links = header_links
        self.height = height
        self.max_height = max_height
        self.min_height = min_height
        self.show_copy_button = copy_button(buttons, show_copy_button, "Markdown")
        super().__init__(value=value, container=container, **kwargs)

    def preprocess(self, payload: Any) -> str | None:
        if payload is None:
            return None
        if not isinstance(payload, str):
            raise self.invalid(f"expected text, got {describe(payload)}")
        self.check_size(payload)
        return payload

    def postprocess(self, value: Any) -> str | None:
        if value is None:
            return None
        return inspect.cleandoc(str(value))

    def api_info(self) -> dict[str, Any]:
        return {"type": "string"}

    def example_payload(self) -> str:
        return "# Hello!"
