"""DownloadButton: a button that downloads its value, a file, when clicked."""

from __future__ import annotations

import os
from typing import Any, Literal

from blocks.components._files import (
    FILE_DATA_SCHEMA,
    NamedString,
    example_file,
    file_output,
    resolve_file,
)
from blocks.components.base import Clickable, Component
from blocks.protocol.files import is_url

__all__ = ["DownloadButton"]

_VARIANTS = ("primary", "secondary", "stop", "huggingface")
_SIZES = ("sm", "md", "lg")


class DownloadButton(Component, Clickable):
    """A button (its text is ``label``) that downloads its value when clicked: a path (copied
    into the app's cache and served from there), a URL, or a FileData dict. A listener sets
    the file by returning a path to it (or ``gr.DownloadButton(value=path)``); with no file
    the button says there is nothing to download yet. ``.click`` fires on each click.

    As an input (rarely used) the listener receives the path of the file, or its URL.
    """

    PROPS = ("variant", "size", "icon")

    def __init__(
        self,
        label: str = "Download",
        value: Any = None,
        *,
        variant: Literal["primary", "secondary", "stop", "huggingface"] = "secondary",
        size: Literal["sm", "md", "lg"] = "lg",
        icon: str | None = None,
        interactive: bool = True,
        **kwargs: Any,
    ) -> None:
        check_button_style("DownloadButton", variant, size)
        self.variant = variant
        self.size = size
        self.icon = icon
        kwargs.setdefault("min_width", None)
        super().__init__(value=value, label=label, interactive=interactive, **kwargs)

    def preprocess(self, payload: Any) -> str | None:
        if payload is None:
            return None
        if isinstance(payload, dict) and payload.get("id") is None and is_url(payload.get("url")):
            return str(payload["url"])  # shown from its URL: nothing of ours to resolve
        if isinstance(payload, list):
            raise self.invalid(f"holds one file, got a list of {len(payload)}")
        return NamedString(str(resolve_file(self, payload, None).path))

    def postprocess(self, value: Any) -> dict[str, Any] | None:
        if value is None:
            return None
        if isinstance(value, (list, tuple)):
            if len(value) != 1:
                raise TypeError(f"{self!r} downloads one file, got a list of {len(value)}")
            value = value[0]
        return file_output(value if isinstance(value, dict) else os.fspath(value), self)

    def api_info(self) -> dict[str, Any]:
        return {**FILE_DATA_SCHEMA, "type": ["object", "null"]}

    def example_payload(self) -> dict[str, Any]:
        return example_file(None)

    def get_props(self) -> dict[str, Any]:
        return self.wire_props(super().get_props())

    def wire_props(self, props: dict[str, Any]) -> dict[str, Any]:
        if "icon" in props:
            props = {**props, "icon": icon_data(props["icon"], self)}
        return props


def check_button_style(owner: str, variant: str, size: str) -> None:
    """ValueError unless ``variant`` and ``size`` are ones a button has."""
    if variant not in _VARIANTS:
        raise ValueError(f"{owner} variant must be one of {', '.join(_VARIANTS)}, got {variant!r}")
    if size not in _SIZES:
        raise ValueError(f"{owner} size must be one of {', '.join(_SIZES)}, got {size!r}")


def icon_data(icon: Any, owner: Any) -> Any:
    """A button's ``icon`` as the page needs it: a URL as is, a local path as a served file."""
    if icon is None or (isinstance(icon, str) and (is_url(icon) or icon.startswith("data:"))):
        return icon
    if isinstance(icon, dict):
        return icon
    return file_output(os.fspath(icon), owner)
