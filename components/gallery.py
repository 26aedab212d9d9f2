"""Gallery: a grid of pictures and videos, with captions and a preview of one at a time."""

from __future__ import annotations

import os
from collections.abc import Iterable, Sequence
from typing import Any, ClassVar, Literal

from blocks.components._checks import describe
from blocks.components._files import (
    FILE_DATA_SCHEMA,
    Uploadable,
    accepts,
    check_file_types,
    example_file,
    file_output,
    resolve_file,
)
from blocks.components._pictures import is_picture_object, picture_in, picture_out
from blocks.components.base import Changeable, Component, Selectable
from blocks.graph.events import EventListener
from blocks.protocol.files import guess_mime, is_url

__all__ = ["Gallery"]

_TYPES = ("numpy", "pil", "filepath")
_FITS = ("contain", "cover", "fill", "none", "scale-down")
_BUTTONS = ("download", "share", "fullscreen")
_MEDIA = ["image", "video"]  # what may be uploaded when file_types is not given

_ITEM_SCHEMA: dict[str, Any] = {
    "type": "object",
    "description": 'one picture or video: {"image": file} or {"video": file}, and a "caption"',
    "properties": {
        "image": FILE_DATA_SCHEMA,
        "video": FILE_DATA_SCHEMA,
        "caption": {"type": ["string", "null"]},
    },
}


class _Previewable:
    preview_open = EventListener("preview_open", "The user opened the preview of an item.")
    preview_close = EventListener("preview_close", "The user closed the preview.")


class Gallery(Component, Changeable, Selectable, Uploadable, _Previewable):
    """Pictures and videos in a grid; a click shows one large (the preview), where Previous,
    Next, the arrow keys and Escape move through them.

    A listener may return a list of items, each a PIL image, a numpy array, a file path, a URL
    (shown as is, never fetched) or a FileData dict, or an ``(item, caption)`` pair. Files whose
    type (by MIME type or extension) is video play as videos. Pictures in memory are stored in
    ``format``. As an input (``interactive=True``: the user uploads pictures and videos, of
    ``file_types`` when given), the listener receives a list of ``(media, caption)`` tuples:
    pictures as ``type`` says (a path, a PIL image or a numpy array), videos always as paths,
    and pictures shown from a URL as that URL (``type="filepath"`` only). An empty gallery
    gives None. ``.select`` gets ``gr.SelectData`` with the item's ``index`` and ``value``
    (``{"image": file, "caption": ...}``).
    """

    DECODES: ClassVar[bool] = True
    LABELLED = True
    PROPS = (
        "format",
        "file_types",
        "columns",
        "rows",
        "height",
        "allow_preview",
        "preview",
        "selected_index",
        "object_fit",
        "type",
        "show_download_button",
        "show_fullscreen_button",
        "show_share_button",
    )

    def __init__(
        self,
        value: Any = None,
        *,
        format: str = "webp",
        file_types: Sequence[str] | None = None,
        columns: int | Sequence[int] | None = 2,
        rows: int | Sequence[int] | None = None,
        height: int | float | str | None = None,
        allow_preview: bool = True,
        preview: bool | None = None,
        selected_index: int | None = None,
        object_fit: Literal["contain", "cover", "fill", "none", "scale-down"] | None = None,
        show_share_button: bool | None = None,
        show_download_button: bool | None = True,
        type: Literal["numpy", "pil", "filepath"] = "filepath",
        show_fullscreen_button: bool = True,
        buttons: Sequence[str] | None = None,
        **kwargs: Any,
    ) -> None:
        if type not in _TYPES:
            raise ValueError(f"Gallery type must be one of {', '.join(_TYPES)}, got {type!r}")
        if object_fit is not None and object_fit not in _FITS:
            raise ValueError(f"Gallery object_fit must be one of {', '.join(_FITS)} or None")
        if selected_index is not None and (
            isinstance(selected_index, bool) or not isinstance(selected_index, int)
        ):
            raise ValueError(f"Gallery selected_index must be an int or None: {selected_index!r}")
        if buttons is not None:
            if isinstance(buttons, str) or any(b not in _BUTTONS for b in buttons):
                raise ValueError(
                    f'Gallery(buttons=...) takes a list of "download", "share", "fullscreen": '
                    f"{buttons!r}"
                )
            show_download_button = "download" in buttons
            show_share_button = "share" in buttons
            show_fullscreen_button = "fullscreen" in buttons
        self.format = format.lower()
        self.file_types = check_file_types(file_types, "Gallery")
        self.columns = _per_breakpoint(columns, "columns")
        self.rows = _per_breakpoint(rows, "rows")
        self.height = height
        self.allow_preview = allow_preview
        self.preview = preview
        self.selected_index = selected_index
        self.object_fit = object_fit
        self.type = type
        self.show_download_button = bool(show_download_button)
        self.show_fullscreen_button = show_fullscreen_button
        self.show_share_button = bool(show_share_button)  # no Spaces to share to: accepted only
        super().__init__(value=value, **kwargs)

    # ------------------------------------------------------------------ in

    def preprocess(self, payload: Any) -> list[tuple[Any, str | None]] | None:
        if payload is None:
            return None
        if not isinstance(payload, list):
            raise self.invalid(f"expected a list of pictures and videos, got {describe(payload)}")
        self.check_size(payload)
        items = [self._item_in(index, item) for index, item in enumerate(payload)]
        return items or None

    def _item_in(self, index: int, item: Any) -> tuple[Any, str | None]:
        where = f"item {index + 1}"
        if not isinstance(item, dict):
            raise self.invalid(f"{where} is {describe(item)}, not a picture or a video")
        caption = item.get("caption")
        if caption is not None and not isinstance(caption, str):
            raise self.invalid(f"{where} has a caption that is {describe(caption)}, not text")
        data = item.get("image") or item.get("video")
        if data is None and ("id" in item or "url" in item):
            data = item  # a bare file, as a client may send one
        if not isinstance(data, dict):
            raise self.invalid(f'{where} has no file: expected {{"image": file, "caption": ...}}')
        allowed = self.file_types or _MEDIA
        url = data.get("url")
        if data.get("id") is None and is_url(url):
            # Shown from a URL (the app chose it); never fetched, so it stays a URL.
            name = str(data.get("orig_name") or url)
            if not accepts(allowed, name, data.get("mime_type")):
                raise self.invalid(f"{name} is not an accepted file type ({', '.join(allowed)})")
            if self.type != "filepath" and _kind(data.get("mime_type"), name) == "image":
                raise self.invalid(
                    f'{name} is shown from a URL, which Blocks does not fetch: use type="filepath"'
                )
            return url, caption
        stored = resolve_file(self, data, allowed)
        kind = _kind(stored.mime_type, stored.name)
        if kind != "image" or self.type == "filepath" or stored.mime_type == "image/svg+xml":
            return str(stored.path), caption
        return picture_in(self, data, self.type, None), caption

    # ------------------------------------------------------------------ out

    def postprocess(self, value: Any) -> list[dict[str, Any]]:
        if value is None:
            return []
        if (
            isinstance(value, (str, bytes, dict, os.PathLike))
            or is_picture_object(value)
            or not isinstance(value, Iterable)
        ):
            raise TypeError(
                f"{self!r} shows a list of pictures or videos (or (item, caption) pairs), got "
                f"{describe(value)}: put a single item in a list"
            )
        return [self._item_out(item) for item in value]

    def _item_out(self, item: Any) -> dict[str, Any]:
        caption = None
        if isinstance(item, (tuple, list)):
            if len(item) != 2:
                raise TypeError(
                    f"{self!r} takes (item, caption) pairs; got a {len(item)}-item sequence"
                )
            item, caption = item
        if isinstance(item, dict) and ("image" in item or "video" in item):
            caption = item.get("caption", caption)
            item = item.get("image") or item.get("video")
        if is_picture_object(item):
            data = picture_out(self, item, self.format)
        elif isinstance(item, (str, os.PathLike, dict)):
            data = file_output(item, self)
        else:
            raise TypeError(
                f"{self!r} cannot show {describe(item)}: give PIL images, numpy arrays, file "
                "paths, URLs or FileData dicts"
            )
        key = _kind(data.get("mime_type"), str(data.get("orig_name") or data.get("url") or ""))
        return {
            "video" if key == "video" else "image": data,
            "caption": None if caption is None else str(caption),
        }

    # ------------------------------------------------------------------ schema

    def api_info(self) -> dict[str, Any]:
        return {"type": ["array", "null"], "items": _ITEM_SCHEMA}

    def example_payload(self) -> list[dict[str, Any]]:
        data = example_file(self.file_types or ["image"])
        key = "video" if _kind(data.get("mime_type"), data["orig_name"]) == "video" else "image"
        return [{key: data, "caption": None}]


def _kind(mime_type: Any, name: str) -> str:
    """ "image", "video" or "file", by the MIME type, else the name's extension."""
    mime = mime_type if isinstance(mime_type, str) and mime_type else guess_mime(name) or ""
    if mime.startswith("video/"):
        return "video"
    return "image" if mime.startswith("image/") else "file"


def _per_breakpoint(count: Any, name: str) -> int | list[int] | None:
    """``columns``/``rows``: one count, or one per screen size (the last one repeats)."""
    if count is None:
        return None
    counts = [count] if isinstance(count, int) else list(count)
    if not counts or any(isinstance(c, bool) or not isinstance(c, int) or c < 1 for c in counts):
        raise ValueError(f"Gallery {name} must be a positive int or a list of them, got {count!r}")
    return counts[0] if isinstance(count, int) else counts
