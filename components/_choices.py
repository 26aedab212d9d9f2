"""What Dropdown and Radio share: choices kept as [label, value] pairs, and picking one."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from blocks.components._checks import describe

if TYPE_CHECKING:
    from blocks.components.base import Component

__all__ = ["HasChoices", "choice_schema", "normalise_choices", "pick_choice"]

_SHOWN_CHOICES = 10


class HasChoices:
    """A ``choices`` property that normalises whatever is assigned (also by ``gr.update``)."""

    _choices: list[list[Any]]

    @property
    def choices(self) -> list[list[Any]]:
        """The choices as ``[label, value]`` pairs."""
        return self._choices

    @choices.setter
    def choices(self, choices: Sequence[Any] | None) -> None:
        self._choices = normalise_choices(choices)

    @property
    def offered_by_app(self) -> bool:
        """Whether every value the client can send is one of the app's own choices (checked
        by preprocess): such a value is not client data (blocks.runtime.provenance)."""
        return not getattr(self, "allow_custom_value", False)

    @property
    def choice_values(self) -> list[Any]:
        return [value for _, value in self._choices]


def normalise_choices(choices: Sequence[Any] | None) -> list[list[Any]]:
    """``["a", ("Label", "b")]`` -> ``[["a", "a"], ["Label", "b"]]`` (label, value pairs)."""
    if choices is None:
        return []
    if isinstance(choices, (str, bytes)) or not isinstance(choices, Sequence):
        raise TypeError(f"choices must be a list of values or of (label, value) pairs: {choices!r}")
    pairs: list[list[Any]] = []
    for choice in choices:
        if isinstance(choice, (tuple, list)):
            if len(choice) != 2:
                raise TypeError(f"a choice given as a pair must be (label, value), got {choice!r}")
            pairs.append([str(choice[0]), choice[1]])
        else:
            pairs.append([str(choice), choice])
    return pairs


def pick_choice(
    component: Component,
    payload: Any,
    values: list[Any],
    *,
    by_index: bool,
    allow_custom_value: bool = False,
) -> Any:
    """One choice sent by a client -> its value (or index); a ValidationError if it is none.

    A custom value (when allowed) is passed on as is, or as None when indices are asked for.
    """
    if isinstance(payload, (list, dict)):
        raise component.invalid(f"expected one choice, got {describe(payload)}")
    index = _index_of(payload, values)
    if index is None:
        if not allow_custom_value:
            raise _unknown_choice(component, payload, values)
        if isinstance(payload, str):
            component.check_size(payload)
        return None if by_index else payload
    return index if by_index else values[index]


def choice_schema(values: list[Any], *, allow_custom_value: bool = False) -> dict[str, Any]:
    """JSON schema of one choice."""
    types = {_json_type(value) for value in values}
    schema: dict[str, Any] = {}
    if len(types) == 1:
        schema["type"] = types.pop()
    if allow_custom_value:
        schema.setdefault("type", ["string", "number"])
    else:
        schema["enum"] = list(values)
    return schema


def _index_of(payload: Any, values: list[Any]) -> int | None:
    # `True == 1` in Python: a boolean only matches a boolean choice, a number a number.
    is_bool = isinstance(payload, bool)
    for index, value in enumerate(values):
        if payload == value and isinstance(value, bool) is is_bool:
            return index
    return None


def _unknown_choice(component: Component, payload: Any, values: list[Any]) -> Exception:
    if not values:
        return component.invalid(f"{payload!r} is not a valid choice: there are no choices")
    shown = ", ".join(repr(value) for value in values[:_SHOWN_CHOICES])
    if len(values) > _SHOWN_CHOICES:
        shown += f" and {len(values) - _SHOWN_CHOICES} more"
    return component.invalid(f"{payload!r} is not one of the choices: {shown}")


def _json_type(value: Any) -> str:
    if isinstance(value, bool):
        return "boolean"
    if isinstance(value, int):
        return "integer"
    if isinstance(value, float):
        return "number"
    return "string" if isinstance(value, str) else "null" if value is None else "object"
