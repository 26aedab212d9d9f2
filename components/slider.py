"""Slider: a number picked between a minimum and a maximum, on steps."""

from __future__ import annotations

import math
import random
from decimal import Decimal
from typing import Any

from blocks.components._checks import check_number, show_number
from blocks.components.base import Changeable, FormComponent, Inputable, Releasable

__all__ = ["Slider"]


class Slider(FormComponent, Changeable, Inputable, Releasable):
    """A number within ``[minimum, maximum]``, moved by ``step``.

    ``step`` defaults to the power of ten giving about a hundred steps (0.01 for 0..2, 10 for
    1..2048), as in the reference. ``value`` defaults to ``minimum`` (or a random step with
    ``randomize=True``). The listener gets an ``int`` when the step, the minimum and the value
    are whole, else a ``float``; a value is passed as sent (never snapped to the step).
    """

    PROPS = ("minimum", "maximum", "step", "precision", "randomize", "show_reset_button")

    def __init__(
        self,
        minimum: float = 0,
        maximum: float = 100,
        value: float | Any | None = None,
        *,
        step: float | None = None,
        precision: int | None = None,
        randomize: bool = False,
        show_reset_button: bool = True,
        **kwargs: Any,
    ) -> None:
        if minimum > maximum:
            raise ValueError(f"Slider minimum ({minimum}) is greater than its maximum ({maximum})")
        if step is None:
            # As the reference: the power of ten that gives about a hundred steps or more.
            difference = maximum - minimum
            step = 10 ** math.floor(math.log10(difference) - 2) if difference > 0 else 1
        if step <= 0:
            raise ValueError(f"Slider step must be positive, got {step}")
        if precision is not None and (not isinstance(precision, int) or precision < 0):
            raise ValueError(f"Slider precision must be None or an int >= 0, got {precision!r}")
        self.minimum = minimum
        self.maximum = maximum
        self.step = step
        self.precision = precision
        self.randomize = randomize
        self.show_reset_button = show_reset_button
        if randomize:
            value = self._random_value
        elif value is None:
            value = minimum
        super().__init__(value=value, **kwargs)

    def preprocess(self, payload: Any) -> float | int | None:
        if payload is None:
            return None
        number = check_number(self, payload)
        # A browser may compute an end as 0.30000000000000004: a sliver of a step is tolerated.
        slack = self.step * 1e-9
        if not self.minimum - slack <= number <= self.maximum + slack:
            raise self.invalid(
                f"{show_number(number)} is outside the range "
                f"{show_number(self.minimum)} to {show_number(self.maximum)}"
            )
        # Kept as sent, like the reference: an initial value off the step grid (512 on a
        # slider of 1..2048) must reach the function unchanged.
        return self._shape(min(max(number, self.minimum), self.maximum))

    def postprocess(self, value: Any) -> float | int | None:
        if value is None:
            return None
        try:
            number = float(value)
        except (TypeError, ValueError):
            raise TypeError(f"{self!r} cannot show {value!r}: return an int or a float") from None
        if not math.isfinite(number):  # NaN cannot travel in JSON
            return None
        return self._shape(number)

    def api_info(self) -> dict[str, Any]:
        return {
            "type": "number",
            "minimum": self.minimum,
            "maximum": self.maximum,
            "description": f"numeric value between {self.minimum} and {self.maximum}",
        }

    def example_payload(self) -> float:
        return self.minimum

    def _snap(self, number: float) -> float:
        # 0.1 * 3 is 0.30000000000000004: keep only the decimals the grid has.
        decimals = max(_decimals(self.minimum), _decimals(self.step))
        steps = round((number - self.minimum) / self.step)
        snapped = round(self.minimum + steps * self.step, decimals)
        if snapped > self.maximum:  # the maximum is off the grid: take the step below it
            snapped = round(snapped - self.step, decimals)
        return max(snapped, self.minimum)

    def _shape(self, number: float) -> float | int:
        if self.precision is not None:
            number = round(number, self.precision)
            return int(number) if self.precision == 0 else float(number)
        whole_grid = float(self.step).is_integer() and float(self.minimum).is_integer()
        if whole_grid and float(number).is_integer():
            return int(number)
        return float(number)

    def _random_value(self) -> float | int:
        steps = int((self.maximum - self.minimum) / self.step)
        return self._shape(self._snap(self.minimum + random.randint(0, steps) * self.step))


def _decimals(number: float) -> int:
    exponent = Decimal(repr(number)).as_tuple().exponent
    return max(0, -exponent) if isinstance(exponent, int) else 0
