"""Examples of a ChatInterface: their shapes, and the disk cache of their answers.

An example is a string, a ``{"text", "files"}`` dict, or a list whose head is the message and
whose tail are values for the additional inputs. A cached example's answer is computed once
(at construction for ``cache_mode="eager"``, on first use for ``"lazy"``), stored on disk under
a key made of the examples, the function's code and the additional inputs' defaults, and served
to every user without calling the function again.
"""

from __future__ import annotations

import hashlib
import inspect
import os
import threading
import warnings
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import orjson

__all__ = ["ChatExample", "ExampleCache", "normalize_examples"]


@dataclass
class ChatExample:
    message: Any  # str, or {"text", "files"} when multimodal
    additional: list[Any]
    label: str | None = None
    icon: str | None = None

    def card(self) -> dict[str, Any]:
        """The Chatbot example card for this example."""
        message = self.message
        card: dict[str, Any] = {}
        if isinstance(message, dict):
            card["text"] = message.get("text") or ""
            if message.get("files"):
                card["files"] = list(message["files"])
        else:
            card["text"] = str(message)
        if self.label:
            card["label"] = self.label
        if self.icon:
            card["icon"] = self.icon
        return card


def normalize_examples(
    examples: list[Any] | None,
    labels: list[str] | None,
    icons: list[str] | None,
    *,
    multimodal: bool,
    additional_count: int,
) -> list[ChatExample]:
    if not examples:
        if labels or icons:
            raise ValueError("example_labels/example_icons were given without examples")
        return []
    if not isinstance(examples, (list, tuple)):
        raise TypeError(f"examples must be a list, got {type(examples).__name__}")
    for name, values in (("example_labels", labels), ("example_icons", icons)):
        if values is not None and len(values) != len(examples):
            raise ValueError(
                f"{name} has {len(values)} item(s) but there are {len(examples)} examples; "
                "give one per example"
            )
    normalized = []
    for index, example in enumerate(examples):
        additional: list[Any] = []
        if isinstance(example, (list, tuple)):
            if not example:
                raise ValueError(f"example {index} is empty")
            example, *additional = example
            if len(additional) > additional_count:
                raise ValueError(
                    f"example {index} has {len(additional)} additional value(s) but the chat "
                    f"has {additional_count} additional input(s)"
                )
        message = _message(example, index, multimodal)
        normalized.append(
            ChatExample(
                message,
                additional,
                labels[index] if labels else None,
                icons[index] if icons else None,
            )
        )
    return normalized


def _message(example: Any, index: int, multimodal: bool) -> Any:
    if isinstance(example, dict):
        if "text" not in example and "files" not in example:
            raise ValueError(f"example {index} must have 'text' and/or 'files': {example!r}")
        text = example.get("text") or ""
        files = [str(f) for f in example.get("files") or []]
        files = [f for f in files if _exists_or_warn(f, index)]
        if files and not multimodal:
            raise ValueError(f"example {index} has files; files need multimodal=True")
        return {"text": text, "files": files} if multimodal else text
    if isinstance(example, str):
        return {"text": example, "files": []} if multimodal else example
    raise TypeError(f"example {index} must be a string, a dict or a list, got {example!r:.80}")


def _exists_or_warn(file: str, index: int) -> bool:
    """A missing example file is a warning, as in the reference: the example shows without it."""
    if file.startswith(("http://", "https://")) or os.path.isfile(file):
        return True
    warnings.warn(
        f"example {index}: the file {file!r} does not exist; the example is shown without it",
        UserWarning,
        stacklevel=7,  # to the line that made the ChatInterface
    )
    return False


def function_fingerprint(fn: Any) -> str:
    """Changes when the function's code does."""
    target = inspect.unwrap(fn)
    code = getattr(target, "__code__", None)
    if code is None:
        try:
            return inspect.getsource(target)
        except (OSError, TypeError):
            return repr(target)
    return repr((code.co_code, code.co_consts, code.co_names))


class ExampleCache:
    """Answers of the examples, by index, kept in memory and in one JSON file."""

    def __init__(self, folder: str | os.PathLike[str], key_material: Any) -> None:
        digest = hashlib.sha256(orjson.dumps(key_material, default=str)).hexdigest()[:16]
        self.path = Path(folder) / f"{digest}.json"
        self._lock = threading.Lock()
        self._answers: dict[int, Any] = {}
        if self.path.exists():
            try:
                loaded = orjson.loads(self.path.read_bytes())
                self._answers = {int(k): v for k, v in loaded.items()}
            except (orjson.JSONDecodeError, ValueError, AttributeError):
                self._answers = {}  # a damaged cache is recomputed

    def get(self, index: int) -> Any | None:
        return self._answers.get(index)

    def put(self, index: int, answer: Any) -> None:
        with self._lock:
            self._answers[index] = answer
            self.path.parent.mkdir(parents=True, exist_ok=True)
            temporary = self.path.with_suffix(".tmp")
            temporary.write_bytes(
                orjson.dumps({str(k): v for k, v in self._answers.items()}, default=str)
            )
            os.replace(temporary, self.path)

    def __contains__(self, index: int) -> bool:
        return index in self._answers
