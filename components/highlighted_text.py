"""HighlightedText: text whose spans are marked with a category or a score."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from blocks.components._checks import describe
from blocks.components.base import Changeable, Component, Selectable

__all__ = ["HighlightedText"]

_TAG_TYPES = (str, int, float)


class HighlightedText(Component, Changeable, Selectable):
    """Text in spans, each with a category (a ``str``), a score (a ``float``, -1..1, shown as
    the strength of the colour) or None (plain text).

    As an output it takes a list of ``(text, category)`` pairs, or a named-entity dict
    ``{"text": str, "entities": [{"entity" or "entity_group", "start", "end"}, ...]}`` as
    token-classification models give; as an input it gives the list of ``(text, category)``
    tuples. ``combine_adjacent`` merges neighbouring spans of the same category (joined by
    ``adjacent_separator``); ``show_whitespaces=False`` strips each span.

    ``color_map`` maps categories to CSS colours (others get a palette colour); categories
    are named in a legend (``show_legend``) or after each span (``show_inline_category``).
    The spans are shown, not edited: ``interactive=True`` does not let users label text.
    """

    PROPS = ("color_map", "show_legend", "show_inline_category", "show_whitespaces", "rtl")

    def __init__(
        self,
        value: Any = None,
        *,
        color_map: dict[str, str] | None = None,
        show_legend: bool = False,
        show_inline_category: bool = True,
        combine_adjacent: bool = False,
        adjacent_separator: str = "",
        show_whitespaces: bool = True,
        rtl: bool = False,
        **kwargs: Any,
    ) -> None:
        if color_map is not None and not (
            isinstance(color_map, Mapping)
            and all(isinstance(color, str) for color in color_map.values())
        ):
            raise TypeError(
                f"HighlightedText color_map must map categories to colours, got {color_map!r}"
            )
        self.color_map = dict(color_map) if color_map is not None else None
        self.show_legend = show_legend
        self.show_inline_category = show_inline_category
        self.combine_adjacent = combine_adjacent
        self.adjacent_separator = adjacent_separator
        self.show_whitespaces = show_whitespaces
        self.rtl = rtl
        super().__init__(value=value, **kwargs)

    def preprocess(self, payload: Any) -> list[tuple[str, Any]] | None:
        if payload is None:
            return None
        if not isinstance(payload, list):
            raise self.invalid(f"expected a list of spans, got {describe(payload)}")
        self.check_size(payload)
        spans: list[tuple[str, Any]] = []
        size = 0
        for item in payload:
            if not isinstance(item, dict) or not isinstance(item.get("token"), str):
                raise self.invalid(
                    f"each span must be an object with a text token, got {describe(item)}"
                )
            tag = item.get("class_or_confidence")
            if tag is not None and (isinstance(tag, bool) or not isinstance(tag, _TAG_TYPES)):
                raise self.invalid(
                    f"a span's category must be text or a number, got {describe(tag)}"
                )
            size += len(item["token"]) + (len(tag) if isinstance(tag, str) else 0)
            if size > self.MAX_PAYLOAD_CHARS:
                raise self.invalid(
                    f"value is too large (more than {self.MAX_PAYLOAD_CHARS} characters)"
                )
            spans.append((item["token"], tag))
        return spans

    def postprocess(self, value: Any) -> list[dict[str, Any]] | None:
        if value is None:
            return None
        spans = _from_entities(value) if isinstance(value, Mapping) else _pairs(value)
        if self.combine_adjacent:
            spans = _combined(spans, self.adjacent_separator)
        return [
            {"token": text if self.show_whitespaces else text.strip(), "class_or_confidence": tag}
            for text, tag in spans
        ]

    def api_info(self) -> dict[str, Any]:
        return {
            "type": "array",
            "items": {
                "type": "object",
                "properties": {
                    "token": {"type": "string"},
                    "class_or_confidence": {"type": ["string", "number", "null"]},
                },
                "required": ["token"],
            },
        }

    def example_payload(self) -> list[dict[str, Any]]:
        return [
            {"token": "The", "class_or_confidence": None},
            {"token": "quick", "class_or_confidence": "adj"},
        ]


def _pairs(value: Any) -> list[tuple[str, Any]]:
    if isinstance(value, (str, bytes)) or not isinstance(value, Sequence):
        raise TypeError(
            "HighlightedText shows a list of (text, category) pairs or a dict with 'text' and "
            f"'entities', got {type(value).__name__}"
        )
    spans = []
    for item in value:
        if isinstance(item, Mapping) and "token" in item:  # the wire shape, given back
            text, tag = item["token"], item.get("class_or_confidence")
        elif isinstance(item, (tuple, list)) and len(item) == 2:
            text, tag = item
        else:
            raise TypeError(f"HighlightedText spans must be (text, category) pairs, got {item!r}")
        spans.append((str(text), _tag(tag)))
    return spans


def _tag(tag: Any) -> Any:
    if tag is None or isinstance(tag, str):
        return tag
    if isinstance(tag, bool):
        return str(tag)
    try:
        return float(tag)  # numpy scores too
    except (TypeError, ValueError):
        return str(tag)


def _from_entities(value: Mapping[str, Any]) -> list[tuple[str, Any]]:
    """``{"text", "entities": [{"entity"|"entity_group", "start", "end"}]}`` -> spans."""
    if "text" not in value or "entities" not in value:
        raise ValueError(
            "HighlightedText takes a dict with the keys 'text' and 'entities' "
            f"(got the keys {sorted(map(str, value))})"
        )
    text = str(value["text"])
    spans: list[tuple[str, Any]] = []
    index = 0
    for entity in sorted(value["entities"], key=lambda entity: entity["start"]):
        start, end = int(entity["start"]), int(entity["end"])
        if start > index:
            spans.append((text[index:start], None))
        category = entity.get("entity") or entity.get("entity_group")
        spans.append((text[max(start, index) : end], _tag(category)))
        index = max(index, end)
    if index < len(text) or not spans:
        spans.append((text[index:], None))
    return spans


def _combined(spans: list[tuple[str, Any]], separator: str) -> list[tuple[str, Any]]:
    merged: list[tuple[str, Any]] = []
    for text, tag in spans:
        if merged and merged[-1][1] == tag:
            merged[-1] = (merged[-1][0] + separator + text, tag)
        elif text or not merged:
            merged.append((text, tag))
    return merged
