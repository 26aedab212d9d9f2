"""JSON: any JSON value, shown as a collapsible tree."""

from __future__ import annotations

from typing import Any

import orjson

from blocks.components.base import Changeable, Component

__all__ = ["JSON"]

_OPTIONS = orjson.OPT_SERIALIZE_NUMPY | orjson.OPT_NON_STR_KEYS


class JSON(Component, Changeable):
    """A JSON value. As an output it also takes a JSON string (parsed, else shown as text),
    numpy arrays and scalars, dataclasses, datetimes, sets and pydantic models; anything else
    is shown as its ``str``. What is shown is a copy: mutating the returned object afterwards
    changes nothing on the page.

    ``open`` expands the whole tree at first; ``show_indices`` numbers list items.
    """

    PROPS = ("open", "show_indices", "height", "max_height", "min_height")

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
        # Already parsed JSON, and a fresh object: nothing to check beyond its size.
        if isinstance(payload, (str, list)):
            self.check_size(payload)
        return payload

    def postprocess(self, value: Any) -> Any:
        if value is None:
            return None
        if isinstance(value, (str, bytes)) and self.parse_strings:
            try:
                return orjson.loads(value)
            except orjson.JSONDecodeError:
                return value if isinstance(value, str) else value.decode(errors="replace")
        return orjson.loads(orjson.dumps(value, default=_fallback, option=_OPTIONS))

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
