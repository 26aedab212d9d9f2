"""JSON: any JSON value, shown as a collapsible tree."""

from __future__ import annotations

from typing import Any, ClassVar

import orjson

from blocks.components.base import Changeable, Component

__all__ = ["JSON", "MAX_DEPTH"]

_OPTIONS = orjson.OPT_SERIALIZE_NUMPY | orjson.OPT_NON_STR_KEYS

# How deeply lists and objects may nest, in and out. The page's frames wrap a value in a few
# more levels, and orjson refuses past 254: far below both, and above any real document.
MAX_DEPTH = 100


class JSON(Component, Changeable):
    """A JSON value. As an output it also takes a JSON string (parsed, else shown as text),
    numpy arrays and scalars, dataclasses, datetimes, sets and pydantic models; anything else
    is shown as its ``str``. What is shown is a copy: mutating the returned object afterwards
    changes nothing on the page.

    ``open`` expands the whole tree at first; ``show_indices`` numbers list items.

    Lists and objects may nest ``MAX_DEPTH`` (100) levels deep: a client's deeper value is
    refused as invalid input, a returned JSON text deeper than that is shown as text, and any
    other deeper value is the listener's error, said as such. A client's value is also capped
    at ``MAX_PAYLOAD_CHARS`` items and characters in all.
    """

    PROPS = ("open", "show_indices", "height", "max_height", "min_height")
    MAX_DEPTH: ClassVar[int] = MAX_DEPTH

    def __init__(
        self,
        value: Any = None,
        *,
        open: bool = False,
        show_indices: bool = False,
        height: int | str | None = None,
        max_height: int | str | None = 500,
        min_height: int | str | None = None,
        parse_strings: bool = True,
        **kwargs: Any,
    ) -> None:
        # A returned str is read as JSON text (as the reference does); parse_strings=False keeps
        # strings as strings ("42" stays "42"), for values that are text, not JSON documents.
        self.parse_strings = parse_strings
        self.open = open
        self.show_indices = show_indices
        self.height = height
        self.max_height = max_height
        self.min_height = min_height
        super().__init__(value=value, **kwargs)

    def preprocess(self, payload: Any) -> Any:
        # Already parsed JSON, and a fresh object: nothing to check beyond its size and depth
        # (a value the app echoes back must be one its output can show).
        problem = _measure(payload, self.MAX_DEPTH, self.MAX_PAYLOAD_CHARS)
        if problem is not None:
            raise self.invalid(problem)
        return payload

    def postprocess(self, value: Any) -> Any:
        if value is None:
            return None
        if isinstance(value, (str, bytes)) and self.parse_strings:
            text = value if isinstance(value, str) else value.decode(errors="replace")
            try:
                shown = orjson.loads(value)
            except orjson.JSONDecodeError:
                return text
            # Text nested too deeply to show as a tree is shown as text, as invalid JSON is.
            return text if _too_deeply_nested(shown, value, self.MAX_DEPTH) else shown
        try:
            encoded = orjson.dumps(value, default=_fallback, option=_OPTIONS)
        except orjson.JSONEncodeError as exc:
            if "ecursion" in str(exc):  # orjson's own limit (254 levels)
                raise ValueError(_too_deep(self.MAX_DEPTH)) from None
            raise
        shown = orjson.loads(encoded)
        if _too_deeply_nested(shown, encoded, self.MAX_DEPTH):
            raise ValueError(_too_deep(self.MAX_DEPTH))
        return shown

    def api_info(self) -> dict[str, Any]:
        return {"description": "any valid JSON value"}

    def example_payload(self) -> Any:
        return {"foo": "bar"}


def _fallback(value: Any) -> Any:
    """What orjson cannot serialise by itself."""
    if isinstance(value, (set, frozenset)):
        try:
            return sorted(value)
        except TypeError:
            return list(value)
    if hasattr(value, "model_dump"):  # pydantic models
        return value.model_dump(mode="json")
    if hasattr(value, "tolist"):  # numpy arrays orjson does not take natively (e.g. non-contiguous)
        return value.tolist()
    return str(value)


def _too_deep(limit: int) -> str:
    return f"the value is nested more than {limit} levels deep (lists and objects)"


def _too_deeply_nested(value: Any, text: str | bytes, limit: int) -> bool:
    """Whether ``value``, parsed from ``text``, nests past ``limit``. Only a text with that
    many brackets can: most values are not walked at all."""
    if isinstance(text, str):
        brackets = text.count("[") + text.count("{")
    else:
        brackets = text.count(b"[") + text.count(b"{")
    return brackets > limit and _measure(value, limit, None) is not None


def _measure(value: Any, max_depth: int, max_size: int | None) -> str | None:
    """What is wrong with a JSON value, if anything: nested deeper than ``max_depth``, or (with
    ``max_size``) larger than that many items and characters in all, objects and lists alike.
    Iterative, so no depth can exhaust the stack; it stops as soon as a limit is passed, and
    only containers are visited (a list of a million numbers is one step)."""
    if not isinstance(value, (list, dict)):
        too_long = max_size is not None and isinstance(value, str) and len(value) > max_size
        return f"value is too large (more than {max_size:,} characters)" if too_long else None
    size = 0
    stack: list[tuple[Any, int]] = [(value, 0)]
    while stack:
        item, depth = stack.pop()
        if depth >= max_depth:
            return _too_deep(max_depth)
        size += len(item)
        if type(item) is dict:
            size += sum(len(key) for key in item if type(key) is str)
            item = item.values()
        for child in item:
            kind = type(child)
            if kind is str:
                size += len(child)
            elif kind is list or kind is dict:
                stack.append((child, depth + 1))
        if max_size is not None and size > max_size:
            return f"value is too large (more than {max_size:,} items and characters)"
    return None
