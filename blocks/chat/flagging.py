"""Durable flag records: one JSON line per Like/Dislike/flag, appended and synced to disk
before the user is told it was saved."""

from __future__ import annotations

import os
import threading
import time
from pathlib import Path
from typing import Any

import orjson

__all__ = ["FlagLog"]


class FlagLog:
    """Append-only ``flags.jsonl`` under ``folder``. Each record is written with one
    ``write()`` to a file opened with O_APPEND, then fsynced: records of concurrent users never
    interleave (one process: a lock; several: O_APPEND keeps each write whole)."""

    def __init__(self, folder: str | os.PathLike[str]) -> None:
        self.folder = Path(folder)
        self.path = self.folder / "flags.jsonl"
        self._lock = threading.Lock()

    def write(
        self,
        *,
        conversation: list[Any],
        index: Any,
        value: Any,
        flag: Any,
        session: str | None = None,
    ) -> dict[str, Any]:
        record = {
            "timestamp": time.time(),
            "session": session,
            "index": index,
            "value": value,
            "flag": flag,
            "conversation": conversation,
        }
        line = orjson.dumps(record, default=str) + b"\n"
        with self._lock:
            self.folder.mkdir(parents=True, exist_ok=True)
            descriptor = os.open(self.path, os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o644)
            try:
                written = os.write(descriptor, line)
                if written != len(line):
                    raise OSError(f"short write to {self.path}: {written} of {len(line)} bytes")
                os.fsync(descriptor)
            finally:
                os.close(descriptor)
        return record

    def records(self) -> list[dict[str, Any]]:
        """Every record written so far (oldest first)."""
        if not self.path.exists():
            return []
        return [orjson.loads(line) for line in self.path.read_bytes().splitlines() if line]
