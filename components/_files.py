"""What the file components share: their events, ``file_types``, and FileData in and out."""

from __future__ import annotations

import os
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from blocks.graph.events import EventListener
from blocks.graph.filestore import current_cache
from blocks.protocol.files import guess_mime, is_url, url_data

if TYPE_CHECKING:
    from blocks.components.base import Component
    from blocks.runtime.files import StoredFile

__all__ = [
    "FILE_DATA_SCHEMA",
    "Clearable",
    "Downloadable",
    "NamedString",
    "Stoppable",
    "Uploadable",
    "check_file_types",
    "example_file",
    "file_output",
    "resolve_file",
]

CATEGORIES = ("file", "image", "video", "audio", "text")

FILE_DATA_SCHEMA: dict[str, Any] = {
    "type": "object",
    "description": 'a file: upload it with POST /upload and send the object it returns (its "id")',
    "properties": {
        "id": {"type": ["string", "null"]},
        "url": {"type": "string"},
        "orig_name": {"type": ["string", "null"]},
        "size": {"type": ["integer", "null"]},
        "mime_type": {"type": ["string", "null"]},
    },
    "required": ["id"],
}


class Uploadable:
    upload = EventListener("upload", "The user uploaded a file.")


class Clearable:
    clear = EventListener("clear", "The user cleared the value.")


class Downloadable:
    download = EventListener("download", "The user downloaded a file (gr.DownloadData).")


class Stoppable:
    stop = EventListener("stop", "The user pressed the stop button.")


class NamedString(str):
    """A path that also answers ``.name`` (older apps read ``file.name``)."""

    name: str

    def __new__(cls, value: str) -> NamedString:
        string = super().__new__(cls, value)
        string.name = value
        return string


def check_file_types(file_types: Sequence[str] | None, owner: str) -> list[str] | None:
    """``file_types`` as given, after checking each entry is a category, an extension or a
    MIME type (ValueError otherwise)."""
    if file_types is None:
        return None
    if isinstance(file_types, str):
        file_types = [file_types]
    checked = []
    for entry in file_types:
        ok = isinstance(entry, str) and (
            entry in CATEGORIES or entry.startswith(".") or "/" in entry
        )
        if not ok:
            hint = f" (did you mean '.{entry}'?)" if isinstance(entry, str) and entry else ""
            raise ValueError(
                f"{owner} file_types entries must be one of {', '.join(CATEGORIES)}, an "
                f"extension like '.pdf' or a MIME type like 'image/png'; got {entry!r}{hint}"
            )
        checked.append(entry)
    return checked


def accepts(file_types: list[str] | None, name: str, mime_type: str | None) -> bool:
    """Whether a file of this name and type fits ``file_types``."""
    if not file_types:
        return True
    lowered = name.lower()
    mime = (mime_type or guess_mime(name) or "").lower()
    for entry in file_types:
        rule = entry.lower()
        if rule == "file":
            return True
        if rule in CATEGORIES and mime.startswith(rule + "/"):
            return True
        if rule.startswith(".") and lowered.endswith(rule):
            return True
        if rule.endswith("/*") and mime.startswith(rule[:-1]):
            return True
        if "/" in rule and mime == rule:
            return True
    return False


def resolve_file(component: Component, payload: Any, file_types: list[str] | None) -> StoredFile:
    """The cached file a client means; ValidationError naming ``component`` when it is not
    an uploaded file or not of an accepted type."""
    from blocks.exceptions import ValidationError

    try:
        stored = current_cache().resolve_info(payload)
    except ValidationError as exc:
        raise component.invalid(str(exc)) from None
    if not accepts(file_types, stored.name, stored.mime_type):
        allowed = ", ".join(file_types or ())
        raise component.invalid(f"{stored.name} is not an accepted file type ({allowed})")
    return stored


def file_output(value: Any, owner: Any) -> dict[str, Any]:
    """What a listener returned for a file -> its FileData: a path (copied into the cache),
    a URL (shown as is), or a FileData dict (of this cache, or with a ``path`` or ``url``)."""
    cache = current_cache()
    if isinstance(value, (str, os.PathLike)):
        text = os.fspath(value)
        return url_data(text) if is_url(text) else cache.add_path(text)
    if isinstance(value, dict):
        if value.get("id") is not None and value["id"] in cache:
            return cache.data_of(value["id"])
        orig_name = value.get("orig_name")
        if value.get("path"):
            return cache.add_path(value["path"], orig_name=orig_name)
        if is_url(value.get("url")):
            return url_data(value["url"], orig_name)
        if value.get("id") is not None:
            raise ValueError(
                f"{owner!r} cannot show the file {value.get('orig_name') or value['id']!r}: "
                "this app holds no file with that id (it may have expired)"
            )
    raise TypeError(
        f"{owner!r} cannot show {type(value).__name__} {str(value)[:60]!r}: return a file "
        "path, a URL or a FileData dict"
    )


def example_file(file_types: list[str] | None) -> dict[str, Any]:
    """A small file of an accepted type, stored in the current cache: a valid example payload."""
    image = bytes.fromhex(
        "89504e470d0a1a0a0000000d4948445200000001000000010802000000907753de0000000c4944"
        "4154789c63f8ffff3f0005fe02fe0def46b80000000049454e44ae426082"
    )
    candidates = [("example.png", image), ("example.txt", b"Hello!!\n")]
    for entry in file_types or ():
        if entry.startswith("."):
            candidates.append((f"example{entry}", b"example\n"))
    for name, data in candidates:
        if accepts(file_types, name, None):
            return current_cache().add_bytes(data, name)
    suffix = Path(str(file_types[0] if file_types else "")).suffix
    return current_cache().add_bytes(b"example\n", f"example{suffix}")
