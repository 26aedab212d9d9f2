"""Durable flag records: one JSON line per Like/Dislike/flag, appended and synced to disk
before the user is told it was saved.

A record holds what the server knows (the conversation, the message flagged, the option
chosen), never a credential: the page's session id is not stored. Each record is capped
(``BLOCKS_MAX_FLAG_SIZE``, 1 MiB by default), so a client cannot grow the log by megabytes a
click. A crash can tear only the last line; the reader skips it and the next write starts on a
line of its own, so every record the user was told about stays readable.
"""

from __future__ import annotations

import logging
import os
import re
import threading
import time
from pathlib import Path
from typing import Any

import orjson

__all__ = ["FLAG_SIZE_ENV", "MAX_FLAG_BYTES", "FlagLog", "FlagTooLarge", "max_flag_bytes"]

log = logging.getLogger("blocks")

# The default cap of one record (its JSON line); BLOCKS_MAX_FLAG_SIZE sets it.
MAX_FLAG_BYTES = 1024 * 1024
FLAG_SIZE_ENV = "BLOCKS_MAX_FLAG_SIZE"
_UNITS = {"": 1, "b": 1, "kb": 1024, "mb": 1024**2, "gb": 1024**3}


class FlagTooLarge(ValueError):
    """A flag record would be larger than the cap."""


def max_flag_bytes() -> int:
    """The cap of one flag record in bytes: ``BLOCKS_MAX_FLAG_SIZE`` (``65536``, ``"2mb"``),
    else 1 MiB."""
    text = os.environ.get(FLAG_SIZE_ENV, "").strip().lower().replace(" ", "")
    if not text:
        return MAX_FLAG_BYTES
    match = re.fullmatch(r"(\d+(?:\.\d+)?)([kmg]?b?)", text)
    if match is None or match.group(2) not in _UNITS or float(match.group(1)) < 1:
        raise ValueError(
            f"{FLAG_SIZE_ENV} must be a size in bytes such as 65536 or '2mb', got {text!r}"
        )
    return int(float(match.group(1)) * _UNITS[match.group(2)])


class FlagLog:
    """Append-only ``flags.jsonl`` under ``folder``. Each record is written with one
    ``write()`` to a file opened with O_APPEND, then fsynced: records of concurrent users never
    interleave (one process: a lock; several: O_APPEND keeps each write whole).

    ``max_bytes`` caps one record (default: ``max_flag_bytes()``)."""

    def __init__(self, folder: str | os.PathLike[str], *, max_bytes: int | None = None) -> None:
        self.folder = Path(folder)
        self.path = self.folder / "flags.jsonl"
        self.max_bytes = max_bytes if max_bytes is not None else max_flag_bytes()
        self._lock = threading.Lock()

    def write(
        self, *, conversation: list[Any], index: int, value: Any, flag: str
    ) -> dict[str, Any]:
        """Append one record and sync it to disk; FlagTooLarge (nothing written) past the cap.
        When this returns, the record survives a crash of the process or of the machine."""
        record = {
            "timestamp": time.time(),
            "index": index,
            "value": value,
            "flag": flag,
            "conversation": conversation,
        }
        line = orjson.dumps(record, default=str) + b"\n"
        if len(line) > self.max_bytes:
            raise FlagTooLarge(
                f"this conversation is too large to flag ({len(line):,} bytes; the limit is "
                f"{self.max_bytes:,}, set by {FLAG_SIZE_ENV})"
            )
        with self._lock:
            self._append(line)
        return record

    def _append(self, line: bytes) -> None:
        self.folder.mkdir(parents=True, exist_ok=True)
        created = not self.path.exists()
        descriptor = os.open(self.path, os.O_RDWR | os.O_APPEND | os.O_CREAT, 0o644)
        try:
            size = os.fstat(descriptor).st_size
            if size and os.pread(descriptor, 1, size - 1) != b"\n":
                # A crash tore the last line: end it, so this record gets a line of its own.
                line = b"\n" + line
            written = os.write(descriptor, line)
            if written != len(line):
                raise OSError(f"short write to {self.path}: {written} of {len(line)} bytes")
            os.fsync(descriptor)
        finally:
            os.close(descriptor)
        if created:
            _sync_folder(self.folder)  # the new file's name must survive a crash too

    def records(self) -> list[dict[str, Any]]:
        """Every whole record written so far (oldest first). A line a crash tore (cut short
        before its write was synced, so never reported saved) is skipped with a warning."""
        if not self.path.exists():
            return []
        records = []
        torn = 0
        for line in self.path.read_bytes().split(b"\n"):
            if not line.strip():
                continue
            try:
                record = orjson.loads(line)
            except orjson.JSONDecodeError:
                torn += 1
                continue
            if isinstance(record, dict):
                records.append(record)
            else:
                torn += 1
        if torn:
            log.warning("%s: skipped %d torn line(s) left by a crash", self.path, torn)
        return records


def _sync_folder(folder: Path) -> None:
    try:
        descriptor = os.open(folder, os.O_RDONLY)
    except OSError:
        return  # a platform without directory descriptors
    try:
        os.fsync(descriptor)
    except OSError:
        pass
    finally:
        os.close(descriptor)
