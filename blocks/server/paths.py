"""Where the frontend files are: ``blocks/frontend`` (in a checkout, a link to ``frontend/``)."""

from __future__ import annotations

import hashlib
from functools import lru_cache
from pathlib import Path

__all__ = ["frontend_dir", "frontend_version"]


@lru_cache(maxsize=1)
def frontend_dir() -> Path:
    folder = Path(__file__).resolve().parent.parent / "frontend"
    if not (folder / "index.html").is_file():
        raise FileNotFoundError(f"the Blocks frontend is missing from {folder}; reinstall Blocks")
    return folder


@lru_cache(maxsize=1)
def frontend_version() -> str:
    """A short hash of the frontend files: part of static URLs, so browsers cache them forever
    and still fetch new ones after an upgrade."""
    digest = hashlib.sha256()
    root = frontend_dir()
    for path in sorted(root.rglob("*")):
        if path.is_file():
            digest.update(str(path.relative_to(root)).encode())
            stat = path.stat()
            digest.update(f"{stat.st_size}:{stat.st_mtime_ns}".encode())
    return digest.hexdigest()[:12]
