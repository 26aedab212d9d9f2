"""Dropdown: pick one (or several) of a list of choices."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any, Literal

from blocks.components._checks import describe
from blocks.components._choices import HasChoices, choice_schema, pick_choice
from blocks.components.base import Changeable, Focusable, FormComponent, Inputable, Selectable

__all__ = ["Dropdown"]


class _FirstChoice:
    def __repr__(self) -> str:
        return "<the first choice>"


# As in Gradio: with no value given, the first choice is selected (none when multiselect).
_FIRST_CHOICE: Any = _FirstChoice()


class Dropdown(FormComponent, HasChoices, Changeable, Inputable, Selectable, Focusable):
    """A list of choices, each a value or a ``(label, value)`` pair.

    Value: the chosen value, or its index with ``type="index"``; with ``multiselect=True`` a
    list of them (at most ``max_choices``). Values that are not choices are refused unless
    ``allow_custom_value=True`` (their index is None).
    """

    PROPS = ("choices", "multiselect", "allow_custom_value", "max_choices", "filterable")

    def __init__(
        self,
        choices: Sequence[Any] | None = None,
        value: Any = _FIRST_CHOICE,
        *,
        type: Literal["value", "index"] = "value",
        multiselect: bool | None = None,
        allow_custom_value: bool = False,
        max_choices: int | None = None,
        filterable: bool = True,
        **kwargs: Any,
    ) -> None:
        if type not in ("value", "index"):
            raise ValueError(f"Dropdown type must be 'value' or 'index', got {type!r}")
        self.choices = choices  # normalised to [label, value] pairs by the setter
        self.type = type
        self.multiselect = bool(multiselect)
        self.allow_custom_value = allow_custom_value
        self.max_choices = max_choices
        self.filterable = filterable
        if value is _FIRST_CHOICE:
            value = [] if self.multiselect else (self.choice_values or [None])[0]
        super().__init__(value=value, **kwargs)

    def preprocess(self, payload: Any) -> Any:
        by_index = self.type == "index"
        if not self.multiselect:
            if payload is None:
                return None
            return pick_choice(
                self,
                payload,
                self.choice_values,
                by_index=by_index,
                allow_custom_value=self.allow_custom_value,
            )
        if payload is None:
            return []
        if not isinstance(payload, list):
            raise self.invalid(f"expected a list of choices, got {describe(payload)}")
        self.check_size(payload)
        if self.max_choices is not None and len(payload) > self.max_choices:
            raise self.invalid(
                f"at most {self.max_choices} choices can be selected, got {len(payload)}"
            )
        return [
            pick_choice(
                self,
                item,
                self.choice_values,
                by_index=by_index,
                allow_custom_value=self.allow_custom_value,
            )
            for item in payload
        ]

    def postprocess(self, value: Any) -> Any:
        if not self.multiselect:
            return value
        if value is None:
            return []
        return list(value) if isinstance(value, (list, tuple)) else [value]

    def api_info(self) -> dict[str, Any]:
        one = choice_schema(self.choice_values, allow_custom_value=self.allow_custom_value)
        if not self.multiselect:
            return one
        schema: dict[str, Any] = {"type": "array", "items": one}
        if self.max_choices is not None:
            schema["maxItems"] = self.max_choices
        return schema

    def example_payload(self) -> Any:
        first = self.choice_values[0] if self.choices else None
        if self.multiselect:
            return [] if first is None else [first]
        return first
