"""Radio: pick one of a few choices, all shown."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any, Literal

from blocks.components._choices import HasChoices, choice_schema, pick_choice
from blocks.components.base import Changeable, FormComponent, Inputable, Selectable

__all__ = ["Radio"]


class Radio(FormComponent, HasChoices, Changeable, Inputable, Selectable):
    """Radio buttons, one per choice (a value or a ``(label, value)`` pair).

    Value: the chosen value, or its index with ``type="index"``; None when nothing is chosen.
    """

    PROPS = ("choices", "rtl")

    def __init__(
        self,
        choices: Sequence[Any] | None = None,
        value: Any = None,
        *,
        type: Literal["value", "index"] = "value",
        rtl: bool = False,
        **kwargs: Any,
    ) -> None:
        if type not in ("value", "index"):
            raise ValueError(f"Radio type must be 'value' or 'index', got {type!r}")
        self.choices = choices  # normalised to [label, value] pairs by the setter
        self.type = type
        self.rtl = rtl
        super().__init__(value=value, **kwargs)

    def preprocess(self, payload: Any) -> Any:
        if payload is None:
            return None
        return pick_choice(self, payload, self.choice_values, by_index=self.type == "index")

    def postprocess(self, value: Any) -> Any:
        return value

    def api_info(self) -> dict[str, Any]:
        return choice_schema(self.choice_values)

    def example_payload(self) -> Any:
        return self.choice_values[0] if self.choices else None
