"""File: upload files, or offer them for download."""

from __future__ import annotations

import os
from collections.abc import Sequence
from typing import Any, Literal

from blocks.components._files import (
    FILE_DATA_SCHEMA,
    Clearable,
    Downloadable,
    NamedString,
    Uploadable,
    check_file_types,
    example_file,
    file_output,
    resolve_file,
)
from blocks.components.base import Changeable, Component, Selectable
from blocks.graph.events import EventListener

__all__ = ["File"]

_COUNTS = ("single", "multiple", "directory")
_TYPES = ("filepath", "binary")


class File(Component, Changeable, Selectable, Clearable, Uploadable, Downloadable):
    """One or more files. The listener receives (``type``) the path of each file (a ``str``
    that also has ``.name``) or its bytes: one for ``file_count="single"``, a list for
    ``"multiple"`` and ``"directory"``. ``file_types`` limits what may be uploaded: categories
    ("image", "video", "audio", "text", "file"), extensions (".pdf") or MIME types.

    A listener may return a path, a URL, a FileData dict or a list of them; each is offered
    for download.
    """

    PROPS = ("file_count", "file_types", "type", "height", "allow_reordering")

    delete = EventListener(
        "delete", "The user removed one of the files (event data: its FileData and index)."
    )

    def __init__(
        self,
        value: Any = None,
        *,
        file_count: Literal["single", "multiple", "directory"] = "single",
        file_types: Sequence[str] | None = None,
        type: Literal["filepath", "binary"] = "filepath",
        height: int | str | None = None,
        allow_reordering: bool = False,
        **kwargs: Any,
    ) -> None:
        if file_count not in _COUNTS:
            raise ValueError(
                f"File file_count must be one of {', '.join(_COUNTS)}, got {file_count!r}"
            )
        if type not in _TYPES:
            raise ValueError(f"File type must be 'filepath' or 'binary', got {type!r}")
        self.file_count = file_count
        self.file_types = check_file_types(file_types, "File")
        self.type = type
        self.height = height
        self.allow_reordering = allow_reordering
        super().__init__(value=value, **kwargs)

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
