"""Flagging for ``gr.Interface``: the Flag button saves the inputs and outputs to a CSV file,
``<flagging_dir>/dataset1.csv``, as the reference framework does (``dataset2.csv`` and on when
an app with other components wrote that one first).

The file's header names each component (its label), then ``flag``, ``username`` and
``timestamp``. Pictures and files are copied into a folder per component beside it, and the
cell holds their path. Each row is written with one ``write()`` to a file opened with
O_APPEND, then fsynced before the user is told it was saved, so rows of concurrent users
never interleave and a saved row survives a crash; a row torn by a crash is ended before the
next one, so it cannot swallow it.
"""

from __future__ import annotations

import csv
import io
import os
import shutil
import threading
import time
import uuid
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import orjson

from blocks.components import Component

__all__ = ["CsvFlagLog"]

_FILE_TYPES = ("image", "file", "audio", "video", "model3d")


class CsvFlagLog:
    """Rows of flagged values in ``folder/dataset1.csv``."""

    def __init__(self, folder: str | os.PathLike[str], components: Sequence[Component]) -> None:
        self.folder = Path(folder)
        self.components = list(components)
        self.headers = [*_labels(self.components), "flag", "username", "timestamp"]
        self.path = self._file_for(self.headers)
        self._lock = threading.Lock()

    def _file_for(self, headers: list[str]) -> Path:
        """``dataset1.csv``, or the next ``datasetN.csv`` when an app with other components
        already wrote that one (its rows would not fit these headers)."""
        number = 1
        while True:
            path = self.folder / f"dataset{number}.csv"
            if not path.exists():
                return path
            with path.open(newline="", encoding="utf-8") as file:
                if next(csv.reader(file), None) == headers:
                    return path
            number += 1

    def flag(self, values: Sequence[Any], flag: str = "", username: str | None = None) -> int:
        """Append one row (values in the order of the components); returns how many rows
        the file holds. When this returns, the row is on disk."""
        if len(values) != len(self.components):
            raise ValueError(f"expected {len(self.components)} values, got {len(values)}")
        cells = [
            self._cell(component, header, value)
            for component, header, value in zip(self.components, self.headers, values, strict=False)
        ]
        cells += [flag or "", username or "", time.strftime("%Y-%m-%d %H:%M:%S")]
        with self._lock:
            self._append(_csv_line(cells))
            return len(self.rows())

    def rows(self) -> list[dict[str, str]]:
        """Every whole row saved so far, keyed by header (oldest first)."""
        if not self.path.exists():
            return []
        with self.path.open(newline="", encoding="utf-8") as file:
            reader = csv.reader(file)
            header = next(reader, None)
            if header is None:
                return []
            return [
                dict(zip(header, row, strict=True)) for row in reader if len(row) == len(header)
            ]

    # ------------------------------------------------------------------ cells

    def _cell(self, component: Component, header: str, value: Any) -> str:
        if value is None:
            return ""
        if component.TYPE in _FILE_TYPES:
            return self._saved_file(header, value)
        if isinstance(value, str):
            return value
        return orjson.dumps(value, default=str).decode()

    def _saved_file(self, header: str, value: Any) -> str:
        """Copy a picture or a file into ``folder/<header>/`` and return its path there."""
        target = self.folder / _safe_name(header) / uuid.uuid4().hex
        target.mkdir(parents=True, exist_ok=True)
        if hasattr(value, "__array_interface__") and not hasattr(value, "save"):
            from PIL import Image as PIL

            value = PIL.fromarray(value)
        if hasattr(value, "save") and hasattr(value, "mode"):
            path = target / "image.png"
            value.save(path, format="PNG")
            return str(path)
        paths = value if isinstance(value, (list, tuple)) else [value]
        copied = []
        for item in paths:
            source = Path(os.fspath(item))
            destination = target / source.name
            shutil.copyfile(source, destination)
            copied.append(str(destination))
        return copied[0] if len(copied) == 1 else orjson.dumps(copied).decode()

    # ------------------------------------------------------------------ the file

    def _append(self, line: bytes) -> None:
        self.folder.mkdir(parents=True, exist_ok=True)
        descriptor = os.open(self.path, os.O_RDWR | os.O_APPEND | os.O_CREAT, 0o644)
        try:
            size = os.fstat(descriptor).st_size
            if size == 0:
                line = _csv_line(self.headers) + line
            elif os.pread(descriptor, 1, size - 1) != b"\n":
                line = b"\n" + line  # a crash tore the last row: end it first
            written = os.write(descriptor, line)
            if written != len(line):
                raise OSError(f"short write to {self.path}: {written} of {len(line)} bytes")
            os.fsync(descriptor)
        finally:
            os.close(descriptor)


def _labels(components: Sequence[Component]) -> list[str]:
    """One distinct header per component: its label, or its type and position."""
    seen: set[str] = set()
    labels = []
    for index, component in enumerate(components):
        label = component.label or f"{component.TYPE} {index}"
        while label in seen:
            label = f"{label} {index}"
        seen.add(label)
        labels.append(label)
    return labels


def _csv_line(cells: Sequence[str]) -> bytes:
    buffer = io.StringIO()
    csv.writer(buffer, lineterminator="\n").writerow(cells)
    return buffer.getvalue().encode("utf-8")


def _safe_name(header: str) -> str:
    cleaned = "".join(c if c.isalnum() or c in "-_ " else "_" for c in header).strip()
    return cleaned or "file"
