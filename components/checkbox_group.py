"""CheckboxGroup: tick any number of a few choices, all shown."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any, Literal

from blocks.components._checks import describe
from blocks.components._choices import HasChoices, choice_schema, pick_choice
from blocks.components.base import Changeable, FormComponent, Inputable, Selectable

__all__ = ["CheckboxGroup"]


class CheckboxGroup(FormComponent, HasChoices, Changeable, Inputable, Selectable):
    """A checkbox per choice (a value or a ``(label, value)`` pair).

    Value: the list of ticked values, in the order of the choices as the page sends them, or
    their indices with ``type="index"``. As an output it also takes one value (that box alone
    is ticked) or None (none is). ``show_select_all`` adds a box that ticks or clears them all.
    A value that is not a choice is refused, naming the component.
    """

    PROPS = ("choices", "show_select_all", "rtl")

    def __init__(
        self,
        choices: Sequence[Any] | None = None,
        *,
        value: Any = None,
        type: Literal["value", "index"] = "value",
        show_select_all: bool = False,
        rtl: bool = False,
        **kwargs: Any,
    ) -> None:
        if type not in ("value", "index"):
            raise ValueError(f"CheckboxGroup type must be 'value' or 'index', got {type!r}")
        self.choices = choices  # normalised to [label, value] pairs by the setter
        self.type = type
        self.show_select_all = show_select_all
        self.rtl = rtl
        super().__init__(value=value, **kwargs)

    def preprocess(self, payload: Any) -> list[Any]:
        if payload is None:
            return []
        if not isinstance(payload, list):
            raise self.invalid(f"expected a list of choices, got {describe(payload)}")
        self.check_size(payload)
        by_index = self.type == "index"
        values = self.choice_values
        return [pick_choice(self, item, values, by_index=by_index) for item in payload]

    def postprocess(self, value: Any) -> list[Any]:
        if value is None:
            return []
        if isinstance(value, (list, tuple, set, frozenset)):
            return list(value)
        return [value]

    def api_info(self) -> dict[str, Any]:
        return {"type": "array", "items": choice_schema(self.choice_values)}

    def example_payload(self) -> list[Any]:
        return self.choice_values[:1]
