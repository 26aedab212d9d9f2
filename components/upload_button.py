"""UploadButton: a button that opens the file picker and uploads what the user picks."""

from __future__ import annotations

import os
from collections.abc import Sequence
from typing import Any, Literal

from blocks.components._files import (
    FILE_DATA_SCHEMA,
    NamedString,
    Uploadable,
    check_file_types,
    example_file,
    file_output,
    resolve_file,
)
from blocks.components.base import Clickable, Component
from blocks.components.download_button import check_button_style, icon_data

__all__ = ["UploadButton"]

_COUNTS = ("single", "multiple", "directory")
_TYPES = ("filepath", "binary")


class UploadButton(Component, Clickable, Uploadable):
    """A button (its text is ``label``) that opens the file picker; the picked files are
    uploaded (POST /upload) and become its value, and ``.upload`` fires.

    The listener receives (``type``) the path of each file (a ``str`` that also has ``.name``)
    or its bytes: one for ``file_count="single"``, a list for ``"multiple"`` and
    ``"directory"``. ``file_types`` limits what may be picked: categories ("image", "video",
    "audio", "text", "file"), extensions (".pdf") or MIME types. A listener may return a
    path, a URL or a FileData dict (a list of them for several files).
    """

    PROPS = ("variant", "size", "icon", "file_count", "file_types", "type")

    def __init__(
        self,
        label: str = "Upload a File",
        value: Any = None,
        *,
        variant: Literal["primary", "secondary", "stop", "huggingface"] = "secondary",
        size: Literal["sm", "md", "lg"] = "lg",
        icon: str | None = None,
        type: Literal["filepath", "binary"] = "filepath",
        file_count: Literal["single", "multiple", "directory"] = "single",
        file_types: Sequence[str] | None = None,
        interactive: bool = True,
        **kwargs: Any,
    ) -> None:
        check_button_style("UploadButton", variant, size)
        if file_count not in _COUNTS:
            raise ValueError(
                f"UploadButton file_count must be one of {', '.join(_COUNTS)}, got {file_count!r}"
            )
        if type not in _TYPES:
            raise ValueError(f"UploadButton type must be 'filepath' or 'binary', got {type!r}")
        self.variant = variant
        self.size = size
        self.icon = icon
        self.type = type
        self.file_count = file_count
        self.file_types = check_file_types(file_types, "UploadButton")
        kwargs.setdefault("min_width", None)
        super().__init__(value=value, label=label, interactive=interactive, **kwargs)

    @property
    def _many(self) -> bool:
        return self.file_count != "single"

    def preprocess(self, payload: Any) -> Any:
        if payload is None:
            return None
        if not self._many:
            if isinstance(payload, list):
                if len(payload) != 1:
                    raise self.invalid(f"accepts one file, got {len(payload)}")
                payload = payload[0]
            return self._one(payload)
        if not isinstance(payload, list):
            payload = [payload]
        self.check_size(payload)
        return [self._one(item) for item in payload]

    def _one(self, payload: Any) -> str | bytes:
        stored = resolve_file(self, payload, self.file_types)
        if self.type == "binary":
            return stored.path.read_bytes()
        return NamedString(str(stored.path))

    def postprocess(self, value: Any) -> dict[str, Any] | list[dict[str, Any]] | None:
        if value is None:
            return None
        if isinstance(value, (list, tuple)):
            files = [file_output(item, self) for item in value]
            return files[0] if len(files) == 1 and not self._many else files
        one = file_output(value if isinstance(value, dict) else os.fspath(value), self)
        return [one] if self._many else one

    def api_info(self) -> dict[str, Any]:
        if self._many:
            return {"type": ["array", "null"], "items": FILE_DATA_SCHEMA}
        return {**FILE_DATA_SCHEMA, "type": ["object", "null"]}

    def example_payload(self) -> Any:
        example = example_file(self.file_types)
        return [example] if self._many else example

    def get_props(self) -> dict[str, Any]:
        return self.wire_props(super().get_props())

    def wire_props(self, props: dict[str, Any]) -> dict[str, Any]:
        if "icon" in props:
            props = {**props, "icon": icon_data(props["icon"], self)}
        return props
