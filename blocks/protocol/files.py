"""Pure helpers for file references (FileData): names, MIME types, URLs, sizes.

No I/O and nothing of ours: the page, the client and the server agree on these.
"""

from __future__ import annotations

import mimetypes
import re
from typing import Any
from urllib.parse import urlsplit

__all__ = [
    "NOT_UPLOADED",
    "guess_extension",
    "guess_mime",
    "human_size",
    "is_mime_type",
    "is_url",
    "safe_name",
    "url_data",
]

NOT_UPLOADED = "files must be uploaded first (POST /upload); paths are not accepted"

# Python's built-in table only (system mime.types files differ between machines), plus
# formats it lacks.
_MIME = mimetypes.MimeTypes(filenames=())
for _ext, _type in {
    ".webp": "image/webp",
    ".avif": "image/avif",
    ".heic": "image/heic",
    ".md": "text/markdown",
    ".jsonl": "application/jsonl",
    ".m4a": "audio/mp4",
    ".flac": "audio/flac",
    ".opus": "audio/ogg",
    ".ogg": "audio/ogg",
    ".oga": "audio/ogg",
    ".weba": "audio/webm",
    ".webm": "video/webm",
    ".mkv": "video/x-matroska",
    ".ogv": "video/ogg",
    ".yaml": "text/yaml",
    ".yml": "text/yaml",
    ".toml": "text/plain",
}.items():
    _MIME.add_type(_type, _ext)

_UNSAFE_CHARS = re.compile(r'[\x00-\x1f\x7f<>:"/\\|?*]')
_WINDOWS_RESERVED = {"con", "prn", "aux", "nul", *(f"com{i}" for i in range(10))} | {
    f"lpt{i}" for i in range(10)
}
_MIME_SHAPE = re.compile(r"^[\w.+-]+/[\w.+-]+$")


def human_size(size: int) -> str:
    """``5242880`` -> ``"5.0 MB"`` (powers of 1024, as ``launch(max_file_size="5mb")``)."""
    value = float(size)
    for unit in ("B", "KB", "MB", "GB"):
        if value < 1024 or unit == "GB":
            return f"{int(value)} B" if unit == "B" else f"{value:.1f} {unit}"
        value /= 1024
    raise AssertionError("unreachable")


def guess_mime(name: str) -> str | None:
    """The MIME type of a file name's extension, the same on every machine."""
    return _MIME.guess_type(name, strict=False)[0]


def guess_extension(mime_type: str) -> str:
    """The usual extension (with its dot) of a MIME type, or "" when it has none."""
    return _MIME.guess_extension(mime_type, strict=False) or ""


def is_mime_type(text: str) -> bool:
    """True when ``text`` has the shape ``type/subtype``."""
    return bool(_MIME_SHAPE.match(text))


def safe_name(name: str | None, default: str = "file") -> str:
    """A file name safe on any file system: no folders, separators, control characters or
    leading dots, at most 200 bytes, keeping the extension."""
    base = (name or "").replace("\\", "/").rsplit("/", 1)[-1]
    base = _UNSAFE_CHARS.sub("_", base).strip().lstrip(".").strip()
    if not base:
        return default
    stem, dot, ext = base.rpartition(".")
    if not dot:
        stem, ext = base, ""
    if stem.lower() in _WINDOWS_RESERVED:
        stem = "_" + stem
        base = f"{stem}.{ext}" if dot else stem
    if len(base.encode()) > 200:
        suffix = f".{ext}" if dot and len(ext.encode()) <= 20 else ""
        kept = (stem if suffix else base).encode()[: 200 - len(suffix.encode())]
        base = kept.decode(errors="ignore") + suffix
    return base or default


def is_url(value: Any) -> bool:
    """True for an ``http://`` or ``https://`` URL string (shown as is, never fetched)."""
    if not isinstance(value, str) or not value.startswith(("http://", "https://")):
        return False
    return bool(urlsplit(value).netloc)


def url_data(url: str, orig_name: str | None = None) -> dict[str, Any]:
    """The FileData of a file shown from a URL: no id, nothing stored."""
    name = orig_name or safe_name(urlsplit(url).path.rsplit("/", 1)[-1])
    return {"id": None, "url": url, "orig_name": name, "size": None, "mime_type": guess_mime(name)}
