"""Where components put and find files, without knowing the file cache behind it.

The runtime sets the cache of the app it runs (``use_cache``); a component's pre- and
postprocess reach it with ``current_cache()``. Outside a running app the default cache is
used, made on first use by the factory the runtime registers (``set_default_cache``).
"""

from __future__ import annotations

import atexit
import os
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from pathlib import Path
from typing import Any, Protocol

__all__ = ["FileStore", "current_cache", "set_default_cache", "use_cache"]


class FileStore(Protocol):
    """What components use of the per-app file cache (blocks.runtime.files.FileCache)."""

    def add_path(
        self, path: str | os.PathLike[str], *, orig_name: str | None = None
    ) -> dict[str, Any]: ...

    def add_bytes(self, data: bytes, name: str, mime_type: str | None = None) -> dict[str, Any]: ...

    def data_of(self, file_id: str) -> dict[str, Any]: ...

    def path_of(self, file_id: Any) -> Path: ...

    def resolve(self, payload: Any) -> str: ...

    def resolve_info(self, payload: Any) -> Any: ...

    def close(self) -> None: ...

    def __contains__(self, file_id: object) -> bool: ...


_current: ContextVar[FileStore | None] = ContextVar("blocks_file_cache", default=None)
_factory: Callable[[], FileStore] | None = None
_default: FileStore | None = None
_lock = threading.Lock()


def set_default_cache(factory: Callable[[], FileStore]) -> None:
    """Register how to make the process-wide cache used outside a running app."""
    global _factory
    _factory = factory


def current_cache() -> FileStore:
    """The cache of the app running this code, else the process-wide default cache."""
    cache = _current.get()
    return cache if cache is not None else _default_cache()


def _default_cache() -> FileStore:
    global _default
    with _lock:
        if _default is None:
            if _factory is None:
                raise RuntimeError("no default file cache: `import blocks` registers one")
            _default = _factory()
            atexit.register(_default.close)
        return _default


@contextmanager
def use_cache(cache: FileStore) -> Iterator[FileStore]:
    """Make ``cache`` the current one for this context (and the tasks and threads it starts)."""
    token = _current.set(cache)
    try:
        yield cache
    finally:
        _current.reset(token)
