"""``gr.validate``: what a listener's ``validator=`` function returns, and how it is read.

A validator takes the same inputs as the listener's fn and returns, for each input, a
``gr.validate(is_valid, message)`` (a list, one per input in order; a lone one speaks for the
first input). Anything else (``None``, ``True``, a value that is not a verdict) means "valid":
a validator that returns nothing lets everything through. When any verdict is invalid the fn
is not called: the page marks those inputs invalid with their messages, and the API answers
422 (``/v1/chat/completions``: 400). Pure: the runtime runs the validator
(blocks/runtime/validation.py), this module only builds and reads verdicts.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

__all__ = ["Invalid", "invalid_inputs", "is_verdict", "validate"]


def validate(is_valid: bool, message: str) -> dict[str, Any]:
    """The verdict on one input value: ``gr.validate(age >= 3, "Age must be at least 3")``.

    Returned by a ``validator=`` function, one per input (or a list of them); ``message`` is
    shown beside the input when ``is_valid`` is false.
    """
    if not isinstance(message, str):
        raise TypeError(f"gr.validate(is_valid, message): message must be a str, got {message!r}")
    return {"__type__": "validate", "is_valid": bool(is_valid), "message": message}


def is_verdict(value: Any) -> bool:
    """Whether ``value`` is what ``gr.validate`` returns."""
    return type(value) is dict and value.get("__type__") == "validate"


@dataclass(frozen=True)
class Invalid:
    """One input that failed its validation: its position among the listener's inputs."""

    index: int
    message: str


def invalid_inputs(returned: Any, input_count: int) -> list[Invalid]:
    """The inputs a validator's result declares invalid (empty: everything may run).

    ``returned`` is one verdict (for the first input), a list or tuple of verdicts (one per
    input, in order; entries that are not verdicts, such as ``None``, mean valid), or anything
    else (valid). A list longer than the inputs is a mistake of the app: ValueError.
    """
    if is_verdict(returned):
        verdicts: list[Any] = [returned]
    elif isinstance(returned, (list, tuple)):
        verdicts = list(returned)
    else:
        return []
    if len(verdicts) > max(input_count, 1):
        raise ValueError(
            f"the validator returned {len(verdicts)} verdicts for {input_count} input(s); "
            "return one gr.validate(...) per input, in the order of the listener's inputs"
        )
    invalid = []
    for index, verdict in enumerate(verdicts):
        if is_verdict(verdict) and not verdict.get("is_valid", True):
            invalid.append(Invalid(index, str(verdict.get("message") or "Invalid value")))
    return invalid
