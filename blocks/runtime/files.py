"""The per-app file cache: where uploaded and produced files live, and the only way to name them.

A file enters the cache by an upload (``save_upload``/``open_upload``), from a path a listener
returned (``add_path``) or from bytes (``add_bytes``). Each gets an opaque random id; the wire
form of a file is a FileData dict::

    {"id": "kq3...", "url": "file/kq3.../cat.png", "orig_name": "cat.png",
     "size": 1234, "mime_type": "image/png"}

``url`` is relative so the page resolves it under any root path; the server path never leaves
the process. A client names a file by its id only: ids are keys of a dict, never joined to a
path, and a path sent by a client is refused. Content is stored once per sha256 and name.

The runtime sets the cache of the app it runs (``use_cache``); components reach it with
``current_cache()`` (blocks.graph.filestore, so they need not know this module). Outside an
app a process-wide cache in a temp folder is used.
"""

from __future__ import annotations

import hashlib
import os
import secrets
import shutil
import tempfile
import threading
import time
from collections.abc import AsyncIterable, Callable, Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Literal
from urllib.parse import quote

from blocks.exceptions import ValidationError
from blocks.graph.filestore import current_cache, use_cache
from blocks.protocol.files import (
    NOT_UPLOADED,
    guess_extension,
    guess_mime,
    human_size,
    is_mime_type,
    safe_name,
)
from blocks.runtime.servable import PathNotAllowed, ServePolicy

__all__ = [
    "FileCache",
    "FileTooLarge",
    "PathNotAllowed",
    "StoredFile",
    "Upload",
    "clean_periodically",
    "current_cache",
    "use_cache",
]

_COPY_CHUNK = 1024 * 1024
_ID_MAX_CHARS = 64


class FileTooLarge(ValidationError):
    """An uploaded file is larger than ``max_file_size``."""

    def __init__(self, name: str, limit: int) -> None:
        super().__init__(f"{name} is larger than the limit of {human_size(limit)}")
        self.name = name
        self.limit = limit


@dataclass
class StoredFile:
    """A file of the cache: ``path`` on disk, ``name`` shown to users."""

    id: str
    path: Path
    name: str
    size: int
    mime_type: str | None
    digest: str
    added: float

    def data(self) -> dict[str, Any]:
        """The wire FileData (without the server path)."""
        return {
            "id": self.id,
            "url": f"file/{self.id}/{quote(self.name)}",
            "orig_name": self.name,
            "size": self.size,
            "mime_type": self.mime_type,
        }


class FileCache:
    """One app's files, in the folder ``root``, each served only by the id issued for it.

    ``max_file_size`` (bytes) limits uploads. Which paths a listener may return is the rule of
    blocks.runtime.servable (``allowed_paths``, ``blocked_paths``, never hidden files, keys or
    a path the client sent). ``clock`` gives the time used by ``cleanup``.
    """

    def __init__(
        self,
        root: str | os.PathLike[str],
        max_file_size: int | None = None,
        *,
        allowed_paths: Iterable[str | os.PathLike[str]] = (),
        blocked_paths: Iterable[str | os.PathLike[str]] = (),
        clock: Callable[[], float] = time.time,
    ) -> None:
        self.root = Path(root).resolve()
        self.root.mkdir(parents=True, exist_ok=True)
        self.max_file_size = max_file_size
        self.policy = ServePolicy(self.root, allowed_paths, blocked_paths)
        self.clock = clock
        self._partial = self.root / ".partial"
        self._by_id: dict[str, StoredFile] = {}
        self._by_key: dict[tuple[str, str], StoredFile] = {}
        self._by_path: dict[Path, StoredFile] = {}
        self._lock = threading.Lock()
        self._owns_root = False

    @classmethod
    def temporary(cls, max_file_size: int | None = None, **kwargs: Any) -> FileCache:
        """A cache in a new temp folder (under ``$BLOCKS_TEMP_DIR`` or ``$GRADIO_TEMP_DIR``
        when set), removed by ``close()``."""
        parent = os.environ.get("BLOCKS_TEMP_DIR") or os.environ.get("GRADIO_TEMP_DIR")
        if parent:
            Path(parent).mkdir(parents=True, exist_ok=True)
        cache = cls(tempfile.mkdtemp(prefix="blocks-", dir=parent), max_file_size, **kwargs)
        cache._owns_root = True
        return cache

    def close(self) -> None:
        """Forget every file; a temporary cache also removes its folder."""
        with self._lock:
            self._by_id.clear()
            self._by_key.clear()
            self._by_path.clear()
        if self._owns_root:
            shutil.rmtree(self.root, ignore_errors=True)

    # ------------------------------------------------------------------ adding files

    def add_path(
        self, path: str | os.PathLike[str], *, orig_name: str | None = None
    ) -> dict[str, Any]:
        """Copy a file a listener produced into the cache; its FileData."""
        source = Path(path)
        resolved = source.resolve()
        self.policy.check(path, resolved)
        with self._lock:
            known = self._by_path.get(resolved)
            if known is not None and resolved.is_file():
                return known.data()
        if not resolved.is_file():
            raise FileNotFoundError(f"cannot show {str(path)!r}: there is no such file")
        upload = self.open_upload(orig_name or source.name, max_size=None, shared=True)
        try:
            with resolved.open("rb") as file:
                while chunk := file.read(_COPY_CHUNK):
                    upload.write(chunk)
        except BaseException:
            upload.abort()
            raise
        return upload.finish()

    def add_bytes(self, data: bytes, name: str, mime_type: str | None = None) -> dict[str, Any]:
        """Store ``data`` as a file named ``name``; its FileData."""
        if mime_type and not Path(name).suffix:
            name += guess_extension(mime_type)
        upload = self.open_upload(name, mime_type, max_size=None, shared=True)
        upload.write(data)
        return upload.finish()

    async def save_upload(
        self,
        chunks: AsyncIterable[bytes],
        filename: str | None,
        content_type: str | None = None,
    ) -> dict[str, Any]:
        """Stream an upload to disk; FileTooLarge (partial file removed) past the limit."""
        upload = self.open_upload(filename, content_type)
        try:
            async for chunk in chunks:
                upload.write(chunk)
        except BaseException:
            upload.abort()
            raise
        return upload.finish()

    def open_upload(
        self,
        filename: str | None,
        content_type: str | None = None,
        *,
        max_size: int | Literal["cache"] | None = "cache",
        shared: bool = False,
    ) -> Upload:
        """A writer for one incoming file: ``write`` chunks, then ``finish`` (or ``abort``).
        ``max_size`` in bytes (None: no limit); by default the cache's ``max_file_size``.

        Content is stored once however often it arrives, but each upload gets an id of its
        own: an uploader learns nothing from the id (such as that someone else uploaded the
        same file). Files the app produces (``shared=True``) reuse the id of identical ones."""
        limit = self.max_file_size if max_size == "cache" else max_size
        assert not isinstance(limit, str)
        self._partial.mkdir(exist_ok=True)
        return Upload(self, safe_name(filename), content_type, limit, shared=shared)

    def _store(
        self, temp: Path, digest: str, name: str, size: int, mime: str | None, shared: bool
    ) -> StoredFile:
        with self._lock:
            existing = self._by_key.get((digest, name))
            if existing is not None and existing.path.is_file():
                temp.unlink(missing_ok=True)
                if shared:
                    existing.added = self.clock()
                    return existing
                stored = StoredFile(
                    secrets.token_urlsafe(16), existing.path, name, size, mime, digest, self.clock()
                )
                self._by_id[stored.id] = stored
                return stored
            folder = self.root / digest
            folder.mkdir(exist_ok=True)
            path = folder / name
            os.replace(temp, path)
            stored = StoredFile(
                secrets.token_urlsafe(16), path, name, size, mime, digest, self.clock()
            )
            self._by_id[stored.id] = stored
            self._by_key[(digest, name)] = stored
            self._by_path[path] = stored
            return stored

    # ------------------------------------------------------------------ finding files

    def get(self, file_id: Any) -> StoredFile | None:
        """The file issued with this id, or None (for any other value, whatever it holds)."""
        if not isinstance(file_id, str) or len(file_id) > _ID_MAX_CHARS:
            return None
        with self._lock:
            return self._by_id.get(file_id)

    def info(self, file_id: Any) -> StoredFile:
        """The file issued with this id; ValidationError for anything else."""
        stored = self.get(file_id)
        if stored is None or not stored.path.is_file():
            raise ValidationError(
                "unknown file id (the file may have expired: upload it again)"
                if isinstance(file_id, str) and not _looks_like_path(file_id)
                else NOT_UPLOADED
            )
        return stored

    def path_of(self, file_id: Any) -> Path:
        """Where the file issued with this id is on disk."""
        return self.info(file_id).path

    def resolve_info(self, payload: Any) -> StoredFile:
        """The file a client means by a FileData dict or an id string (by id only)."""
        if isinstance(payload, dict):
            if payload.get("id") is not None:
                return self.info(payload["id"])
            if "path" in payload or "url" in payload:
                raise ValidationError(NOT_UPLOADED)
            raise ValidationError(
                'expected a file: an object with the "id" that POST /upload returned'
            )
        if isinstance(payload, str):
            return self.info(payload)
        raise ValidationError(
            'expected a file: an object with the "id" that POST /upload returned, '
            f"got {type(payload).__name__}"
        )

    def resolve(self, payload: Any) -> str:
        """The local path of the file a client means (FileData dict or id string)."""
        return str(self.resolve_info(payload).path)

    def data_of(self, file_id: str) -> dict[str, Any]:
        """The FileData of an issued id."""
        return self.info(file_id).data()

    def __contains__(self, file_id: object) -> bool:
        return self.get(file_id) is not None

    def __len__(self) -> int:
        return len(self._by_id)

    # ------------------------------------------------------------------ cleanup

    def cleanup(self, max_age_seconds: float) -> int:
        """Delete files added more than ``max_age_seconds`` ago; how many were deleted."""
        now = self.clock()
        with self._lock:
            old = [s for s in self._by_id.values() if now - s.added > max_age_seconds]
            for stored in old:
                del self._by_id[stored.id]
            # A path stays while an id issued for it (another upload of it) is still young.
            kept = {stored.path: stored for stored in self._by_id.values()}
            gone = {stored.path: stored for stored in old if stored.path not in kept}
            for path, stored in gone.items():
                self._by_key.pop((stored.digest, stored.name), None)
                self._by_path.pop(path, None)
            for path, stored in kept.items():
                key = (stored.digest, stored.name)
                if getattr(self._by_key.get(key), "id", None) not in self._by_id:
                    self._by_key[key] = stored
                if getattr(self._by_path.get(path), "id", None) not in self._by_id:
                    self._by_path[path] = stored
        for path in gone:
            path.unlink(missing_ok=True)
            try:
                path.parent.rmdir()
            except OSError:
                pass  # another name of the same content is still there
        if self._partial.is_dir():
            for partial in self._partial.iterdir():
                try:
                    if now - partial.stat().st_mtime > max_age_seconds:
                        partial.unlink()
                except OSError:
                    pass
        return len(old)


class Upload:
    """One file being written into the cache, hashed and size-checked as it arrives."""

    def __init__(
        self,
        cache: FileCache,
        name: str,
        content_type: str | None,
        limit: int | None,
        *,
        shared: bool = False,
    ) -> None:
        self.cache = cache
        self.name = name
        self.limit = limit
        self.shared = shared
        self.size = 0
        mime = guess_mime(name)
        if mime is None and content_type and is_mime_type(content_type.split(";")[0]):
            mime = content_type.split(";")[0].strip().lower()
        self.mime_type = mime
        self._hash = hashlib.sha256()
        fd, temp = tempfile.mkstemp(dir=cache._partial)
        self.temp = Path(temp)
        self._file = os.fdopen(fd, "wb", buffering=_COPY_CHUNK)

    def write(self, data: bytes) -> None:
        self.size += len(data)
        if self.limit is not None and self.size > self.limit:
            self.abort()
            raise FileTooLarge(self.name, self.limit)
        self._hash.update(data)
        self._file.write(data)

    def finish(self) -> dict[str, Any]:
        """Close the file and add it to the cache; its FileData."""
        self._file.close()
        digest = self._hash.hexdigest()
        stored = self.cache._store(
            self.temp, digest, self.name, self.size, self.mime_type, self.shared
        )
        return stored.data()

    def abort(self) -> None:
        """Drop the partial file."""
        self._file.close()
        self.temp.unlink(missing_ok=True)


def _looks_like_path(text: str) -> bool:
    return any(mark in text for mark in ("/", "\\", ".", "~", ":"))


async def clean_periodically(cache: FileCache, frequency: float, age: float) -> None:
    """``delete_cache=(frequency, age)``: every ``frequency`` seconds delete files older than
    ``age`` seconds. Runs until cancelled."""
    while True:
        await _sleep(frequency)
        cache.cleanup(age)


async def _sleep(seconds: float) -> None:
    import asyncio  # the event loop's module loads with the server, not with `import blocks`

    await asyncio.sleep(seconds)
