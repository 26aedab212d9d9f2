"""Where the frontend files are: inside the installed package, or beside it in a checkout."""

from __future__ import annotations

import hashlib
from functools import lru_cache
from pathlib import Path

__all__ = ["frontend_dir", "frontend_version"]


@lru_cache(maxsize=1)
def frontend_dir() -> Path:
    package = Path(__file__).resolve().parent.parent
    for candidate in (package / "frontend", package.parent / "frontend"):
        if (candidate / "index.html").is_file():
            return candidate
    raise FileNotFoundError(
        f"the Blocks frontend is missing (looked in {package / 'frontend'} and "
        f"{package.parent / 'frontend'}); reinstall the package"
    )


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
