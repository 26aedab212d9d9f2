"""MultimodalTextbox: text plus attached files."""

from __future__ import annotations

import os
from collections.abc import Sequence
from typing import Any, Literal

from blocks.components._checks import describe
from blocks.components._files import (
    FILE_DATA_SCHEMA,
    Stoppable,
    Uploadable,
    check_file_types,
    example_file,
    file_output,
    resolve_file,
)
from blocks.components.base import (
    Changeable,
    Focusable,
    FormComponent,
    Inputable,
    Selectable,
    Submittable,
)

__all__ = ["MultimodalTextbox"]

_COUNTS = ("single", "multiple", "directory")
_SOURCES = ("upload", "microphone")


class MultimodalTextbox(
    FormComponent,
    Changeable,
    Inputable,
    Selectable,
    Submittable,
    Focusable,
    Stoppable,
    Uploadable,
):
    """A message with attachments. Value: ``{"text": str, "files": [path, ...]}``.

    On the wire ``files`` holds FileData objects (upload first with POST /upload); the
    listener receives local paths. A listener may return such a dict (files as paths, URLs or
    FileData), or just a string. ``file_count="single"`` allows one attachment. Pasted text
    longer than ``max_plain_text_length`` characters is attached as a file by the page.
    Enter submits; Shift+Enter makes a new line.
    """

    PROPS = (
        "sources",
        "file_types",
        "file_count",
        "lines",
        "max_lines",
        "placeholder",
        "autofocus",
        "autoscroll",
        "text_align",
        "rtl",
        "submit_btn",
        "stop_btn",
        "max_plain_text_length",
    )

    def __init__(
        self,
        value: dict[str, Any] | str | Any | None = None,
        *,
        sources: Sequence[str] | str | None = None,
        file_types: Sequence[str] | None = None,
        file_count: Literal["single", "multiple", "directory"] = "single",
        lines: int = 1,
        max_lines: int = 20,
        placeholder: str | None = None,
        autofocus: bool = False,
        autoscroll: bool = True,
        text_align: Literal["left", "right"] | None = None,
        rtl: bool = False,
        submit_btn: str | bool | None = True,
        stop_btn: str | bool | None = False,
        max_plain_text_length: int = 1000,
        **kwargs: Any,
    ) -> None:
        if file_count not in _COUNTS:
            raise ValueError(
                f"MultimodalTextbox file_count must be one of {', '.join(_COUNTS)}, "
                f"got {file_count!r}"
            )
        sources = [sources] if isinstance(sources, str) else list(sources or ("upload",))
        unknown = [source for source in sources if source not in _SOURCES]
        if unknown:
            raise ValueError(
                f"MultimodalTextbox sources must be among {', '.join(_SOURCES)}, got {unknown}"
            )
        self.sources = sources
        self.file_types = check_file_types(file_types, "MultimodalTextbox")
        self.file_count = file_count
        self.lines = lines
        self.max_lines = max(max_lines, lines)
        self.placeholder = placeholder
        self.autofocus = autofocus
        self.autoscroll = autoscroll
        self.text_align = text_align
        self.rtl = rtl
        self.submit_btn = submit_btn
        self.stop_btn = stop_btn
        self.max_plain_text_length = max_plain_text_length
        super().__init__(value=value, **kwargs)

    def preprocess(self, payload: Any) -> dict[str, Any] | None:
        if payload is None:
            return None
        if isinstance(payload, str):
            payload = {"text": payload, "files": []}
        if not isinstance(payload, dict):
            raise self.invalid(f'expected {{"text": ..., "files": [...]}}, got {describe(payload)}')
        text = payload.get("text")
        text = "" if text is None else text
        if not isinstance(text, str):
            raise self.invalid(f'"text" must be text, got {describe(text)}')
        self.check_size(text)
        files = payload.get("files")
        files = [] if files is None else files
        if not isinstance(files, list):
            raise self.invalid(f'"files" must be a list of uploaded files, got {describe(files)}')
        self.check_size(files)
        if self.file_count == "single" and len(files) > 1:
            raise self.invalid(f"accepts one file, got {len(files)}")
        paths = [str(resolve_file(self, item, self.file_types).path) for item in files]
        return {"text": text, "files": paths}

    def postprocess(self, value: Any) -> dict[str, Any]:
        if value is None:
            return {"text": "", "files": []}
        if isinstance(value, str):
            return {"text": value, "files": []}
        if not isinstance(value, dict):
            raise TypeError(
                f'{self!r} cannot show {type(value).__name__}: return {{"text": str, '
                '"files": [paths]}} or a string'
            )
        text = value.get("text")
        files = value.get("files") or []
        if isinstance(files, (str, os.PathLike, dict)):
            files = [files]
        return {
            "text": "" if text is None else str(text),
            "files": [file_output(item, self) for item in files],
        }

    def api_info(self) -> dict[str, Any]:
        return {
            "type": "object",
            "properties": {
                "text": {"type": "string"},
                "files": {"type": "array", "items": FILE_DATA_SCHEMA},
            },
            "required": ["text"],
        }

    def example_payload(self) -> dict[str, Any]:
        return {"text": "Describe this file", "files": [example_file(self.file_types)]}
