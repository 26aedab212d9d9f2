"""Label: a classification result, the top class and the confidence of each class."""

from __future__ import annotations

import math
from collections.abc import Mapping
from typing import Any

from blocks.components._checks import describe
from blocks.components.base import Changeable, Component, Selectable

__all__ = ["Label"]

_LABEL_TYPES = (str, int, float)
# A shown label (a class name or a regression output) is at most this long, in and out.
_MAX_LABEL_CHARS = 10_000


class Label(Component, Changeable, Selectable):
    """The top class in large type and, below, a bar per class with its confidence.

    As an output it takes a ``dict`` of class -> confidence (sorted, most confident first, cut
    to ``num_top_classes``), a ``str`` class or a number (a regression output), or the wire
    shape ``{"label": ..., "confidences": [{"label", "confidence"}, ...]}``. As an input it
    gives back the ``dict`` of confidences when there are some, else the label. A string is
    always shown as a label: unlike the reference, a path to a ``.json`` file is not read (a
    listener echoing its user's text must not show a server's file).

    ``color`` paints the heading (a CSS colour); ``show_heading=False`` shows only the bars.
    """

    PROPS = ("num_top_classes", "color", "show_heading")

    def __init__(
        self,
        value: Any = None,
        *,
        num_top_classes: int | None = None,
        color: str | None = None,
        show_heading: bool = True,
        **kwargs: Any,
    ) -> None:
        if num_top_classes is not None and (
            not isinstance(num_top_classes, int) or num_top_classes < 1
        ):
            raise ValueError(
                f"Label num_top_classes must be a positive int, got {num_top_classes!r}"
            )
        self.num_top_classes = num_top_classes
        self.color = color
        self.show_heading = show_heading
        super().__init__(value=value, **kwargs)

    def preprocess(self, payload: Any) -> Any:
        if payload is None or payload == {}:
            return None
        if not isinstance(payload, dict):
            raise self.invalid(f"expected an object with a label, got {describe(payload)}")
        confidences = payload.get("confidences")
        if confidences is None:
            return self._label(payload.get("label"))
        if not isinstance(confidences, list):
            raise self.invalid(f"confidences must be a list, got {describe(confidences)}")
        self.check_size(confidences)
        result: dict[Any, float] = {}
        for item in confidences:
            if not isinstance(item, dict):
                raise self.invalid(f"each confidence must be an object, got {describe(item)}")
            label = self._label(item.get("label"))
            confidence = item.get("confidence")
            if isinstance(confidence, bool) or not isinstance(confidence, (int, float)):
                raise self.invalid(f"a confidence must be a number, got {describe(confidence)}")
            result[label] = float(confidence)
        return result

    def _label(self, label: Any) -> Any:
        if label is None or (isinstance(label, _LABEL_TYPES) and not isinstance(label, bool)):
            if isinstance(label, str) and len(label) > _MAX_LABEL_CHARS:
                raise self.invalid(f"a label is longer than {_MAX_LABEL_CHARS} characters")
            return label
        raise self.invalid(f"a label must be text or a number, got {describe(label)}")

    def postprocess(self, value: Any) -> dict[str, Any]:
        if value is None or (isinstance(value, Mapping) and not value):
            return {}
        if isinstance(value, (str, bool)) or _is_number(value):
            return {"label": str(value)}
        if not isinstance(value, Mapping):
            raise TypeError(
                "Label shows a dict of class -> confidence, a str label or a number; "
                f"got {type(value).__name__}"
            )
        if isinstance(value.get("confidences"), list):
            pairs = [(item["label"], item["confidence"]) for item in value["confidences"]]
        elif "label" in value and "confidences" in value and value["confidences"] is None:
            return {"label": value["label"]}
        else:
            pairs = list(value.items())
        ranked = sorted(
            ((_shown_label(label), _confidence(label, score)) for label, score in pairs),
            key=lambda pair: pair[1],
            reverse=True,
        )
        if self.num_top_classes is not None:
            ranked = ranked[: self.num_top_classes]
        return {
            "label": ranked[0][0],
            "confidences": [{"label": label, "confidence": score} for label, score in ranked],
        }

    def api_info(self) -> dict[str, Any]:
        label = {"type": ["string", "number", "null"]}
        return {
            "type": "object",
            "properties": {
                "label": label,
                "confidences": {
                    "type": ["array", "null"],
                    "items": {
                        "type": "object",
                        "properties": {"label": label, "confidence": {"type": "number"}},
                    },
                },
            },
        }

    def example_payload(self) -> dict[str, Any]:
        return {
            "label": "Cat",
            "confidences": [
                {"label": "Cat", "confidence": 0.9},
                {"label": "Dog", "confidence": 0.1},
            ],
        }


def _is_number(value: Any) -> bool:
    # numpy scalars too, without importing numpy: they convert with float().
    if isinstance(value, (int, float)):
        return True
    return type(value).__module__ == "numpy" and hasattr(value, "item")


def _shown_label(label: Any) -> str | int | float:
    if isinstance(label, _LABEL_TYPES) and not isinstance(label, bool):
        return label.item() if hasattr(label, "item") else label
    return str(label)


def _confidence(label: Any, score: Any) -> float:
    try:
        number = float(score)
    except (TypeError, ValueError):
        raise TypeError(
            f"Label confidences must be numbers: the confidence of {label!r} is {score!r}"
        ) from None
    if math.isnan(number):
        raise ValueError(f"Label confidence of {label!r} is NaN")
    return number
