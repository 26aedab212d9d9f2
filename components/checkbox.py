"""Checkbox: a yes/no tick."""

from __future__ import annotations

from typing import Any

from blocks.components._checks import describe
from blocks.components.base import Changeable, FormComponent, Inputable, Selectable

__all__ = ["Checkbox"]


class Checkbox(FormComponent, Changeable, Inputable, Selectable):
    """A single tick box. Value: ``bool`` (an empty payload reads as ``False``)."""

    def __init__(self, value: bool | Any = False, **kwargs: Any) -> None:
        super().__init__(value=value, **kwargs)

    def preprocess(self, payload: Any) -> bool:
        if payload is None:
            return False
        if not isinstance(payload, bool):
            raise self.invalid(f"expected true or false, got {describe(payload)}")
        return payload

    def postprocess(self, value: Any) -> bool | None:
        return None if value is None else bool(value)

    def api_info(self) -> dict[str, Any]:
        return {"type": "boolean"}

    def example_payload(self) -> bool:
        return True
