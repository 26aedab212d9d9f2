"""The outputs of cached examples, in memory and on disk under ``.blocks/cached_examples/``.

The folder's name is a digest of the function's code, the examples and the output types, so
editing any of them computes the outputs anew. ``outputs.json`` holds, per example, each
output as JSON, or as the name of a PNG beside it for a picture (PIL or numpy); a value that
is neither stays in memory only (computed again by the next process). Writes are atomic
(a temporary file, then a rename), so a crash leaves the previous cache whole.
"""

from __future__ import annotations

import hashlib
import inspect
import os
import threading
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

import orjson

from blocks.components import Component

__all__ = ["CACHE_FOLDER", "OutputCache", "call_to_completion", "fingerprint"]

CACHE_FOLDER = Path(".blocks") / "cached_examples"


def fingerprint(fn: Callable[..., Any]) -> str:
    """Changes when the function's code does."""
    target = inspect.unwrap(fn)
    code = getattr(target, "__code__", None)
    if code is None and not inspect.isroutine(target):
        code = getattr(type(target).__dict__.get("__call__"), "__code__", None)
    if code is None:
        return getattr(target, "__qualname__", repr(type(target)))
    return repr((code.co_code, code.co_consts, code.co_names))


def call_to_completion(fn: Callable[..., Any], values: list[Any]) -> Any:
    """Call ``fn(*values)`` and return its result; for a generator, its last yield; for a
    coroutine function, what it returns (run on a loop of its own)."""
    import asyncio  # only when examples are cached: `import blocks` stays free of it

    if inspect.isasyncgenfunction(fn):

        async def drain() -> Any:
            last = None
            async for item in fn(*values):
                last = item
            return last

        return asyncio.run(drain())
    result = fn(*values)
    if inspect.iscoroutine(result):
        return asyncio.run(result)
    if inspect.isgenerator(result):
        last = None
        for item in result:
            last = item
        return last
    return result


class OutputCache:
    """The outputs of each example (by index) of ``fn``."""

    def __init__(
        self, fn: Callable[..., Any], outputs: Sequence[Component], examples: list[list[Any]]
    ) -> None:
        self.fn = fn
        self.outputs = list(outputs)
        material = [fingerprint(fn), [c.TYPE for c in self.outputs], examples]
        digest = hashlib.sha256(orjson.dumps(material, default=str)).hexdigest()[:16]
        self.folder = CACHE_FOLDER / digest
        self._lock = threading.Lock()
        self._values: dict[int, list[Any]] = {}
        self._stored: dict[str, list[Any]] = self._read()

    def __contains__(self, index: int) -> bool:
        return index in self._values or str(index) in self._stored

    def put(self, index: int, result: Any) -> None:
        """Store what fn returned for example ``index`` (one value per output)."""
        values = self._split(result)
        with self._lock:
            self._values[index] = values
            self._stored[str(index)] = [
                self._storable(index, column, value) for column, value in enumerate(values)
            ]
            self._write()

    def get(self, index: int) -> list[Any]:
        """The outputs of example ``index``, one value per output component."""
        if index not in self._values:
            cells = self._stored.get(str(index))
            if cells is None:
                raise KeyError(f"example {index} has no cached outputs")
            self._values[index] = [self._loaded(cell) for cell in cells]
        return self._values[index]

    def shown(self, values: list[Any]) -> Any:
        """The values as a listener returns them to the outputs."""
        return values[0] if len(values) == 1 else tuple(values)

    # ------------------------------------------------------------------ storage

    def _split(self, result: Any) -> list[Any]:
        count = len(self.outputs)
        if count == 1:
            return [result]
        if not isinstance(result, (list, tuple)) or len(result) != count:
            raise ValueError(
                f"the example function returned {result!r:.80}; it has {count} outputs, so "
                f"it must return {count} values"
            )
        return list(result)

    def _storable(self, index: int, column: int, value: Any) -> dict[str, Any] | None:
        picture = _as_picture(value)
        if picture is not None:
            self.folder.mkdir(parents=True, exist_ok=True)
            name = f"{index}-{column}.png"
            picture.save(self.folder / name, format="PNG")
            return {"png": name}
        try:
            orjson.dumps(value)
        except TypeError:
            return None  # kept in memory only
        return {"json": value}

    def _loaded(self, cell: dict[str, Any] | None) -> Any:
        if cell is None:
            return None
        if "png" in cell:
            from PIL import Image as PIL

            with PIL.open(self.folder / Path(cell["png"]).name) as picture:
                picture.load()
                return picture.copy()
        return cell.get("json")

    def _read(self) -> dict[str, list[Any]]:
        path = self.folder / "outputs.json"
        try:
            stored = orjson.loads(path.read_bytes())
        except (OSError, orjson.JSONDecodeError):
            return {}
        if not isinstance(stored, dict):
            return {}
        # A value that was kept in memory only is not on disk: compute it again.
        return {k: v for k, v in stored.items() if isinstance(v, list) and None not in v}

    def _write(self) -> None:
        self.folder.mkdir(parents=True, exist_ok=True)
        temporary = self.folder / "outputs.json.tmp"
        temporary.write_bytes(orjson.dumps(self._stored))
        os.replace(temporary, self.folder / "outputs.json")


def _as_picture(value: Any) -> Any:
    """A PIL image for a PIL image or an image-shaped numpy array, else None."""
    if hasattr(value, "save") and hasattr(value, "mode") and hasattr(value, "size"):
        return value
    if hasattr(value, "__array_interface__") and getattr(value, "ndim", 0) in (2, 3):
        from PIL import Image as PIL

        return PIL.fromarray(value)
    return None
