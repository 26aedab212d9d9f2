"""Number: a numeric field."""

from __future__ import annotations

import math
from typing import Any

from blocks.components._checks import check_number, show_number
from blocks.components.base import Changeable, Focusable, FormComponent, Inputable, Submittable

__all__ = ["Number"]


class Number(FormComponent, Changeable, Inputable, Submittable, Focusable):
    """Numeric input or output. Value: ``float``, or ``int`` when ``precision=0``.

    ``precision`` is the number of decimals the value is rounded to (None: not rounded);
    ``minimum``/``maximum`` bound what a user may send; ``step`` is the arrow-key increment.
    """

    PROPS = ("precision", "minimum", "maximum", "step", "placeholder")

    def __init__(
        self,
        value: float | Any | None = None,
        *,
        precision: int | None = None,
        minimum: float | None = None,
        maximum: float | None = None,
        step: float = 1,
        placeholder: str | None = None,
        **kwargs: Any,
    ) -> None:
        if precision is not None and (not isinstance(precision, int) or precision < 0):
            raise ValueError(f"Number precision must be None or an int >= 0, got {precision!r}")
        if minimum is not None and maximum is not None and minimum > maximum:
            raise ValueError(f"Number minimum ({minimum}) is greater than its maximum ({maximum})")
        self.precision = precision
        self.minimum = minimum
        self.maximum = maximum
        self.step = step
        self.placeholder = placeholder
        super().__init__(value=value, **kwargs)

    def preprocess(self, payload: Any) -> float | int | None:
        if payload is None:
            return None
        number = check_number(self, payload)
        too_low = self.minimum is not None and number < self.minimum
        too_high = self.maximum is not None and number > self.maximum
        if too_low or too_high:
            raise self.invalid(f"{show_number(number)} is {self._range_text()}")
        return self._round(number)

    def postprocess(self, value: Any) -> float | int | None:
        """Rounds to ``precision``. NaN and infinities cannot travel in JSON: shown empty."""
        if value is None:
            return None
        try:
            number = float(value)
        except (TypeError, ValueError):
            raise TypeError(f"{self!r} cannot show {value!r}: return an int or a float") from None
        if not math.isfinite(number):
            return None
        return self._round(number)

    def api_info(self) -> dict[str, Any]:
        schema: dict[str, Any] = {"type": "number"}
        if self.minimum is not None:
            schema["minimum"] = self.minimum
        if self.maximum is not None:
            schema["maximum"] = self.maximum
        return schema

    def example_payload(self) -> float:
        example: float = 3
        if self.minimum is not None:
            example = max(example, self.minimum)
        if self.maximum is not None:
            example = min(example, self.maximum)
        return example

    def _round(self, number: float) -> float | int:
        if self.precision is None:
            return float(number)
        if self.precision == 0:
            return round(number)
        return round(float(number), self.precision)

    def _range_text(self) -> str:
        low, high = self.minimum, self.maximum
        if low is not None and high is not None:
            return f"outside the range {show_number(low)} to {show_number(high)}"
        if low is not None:
            return f"less than the minimum {show_number(low)}"
        assert high is not None
        return f"greater than the maximum {show_number(high)}"
