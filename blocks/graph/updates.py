"""What a listener can return besides plain values: property updates and skips."""

from __future__ import annotations

from typing import Any

__all__ = ["is_update", "skip", "update"]


def update(**props: Any) -> dict[str, Any]:
    """Change properties of an output for this user's page: ``gr.update(visible=False)``.

    ``value=`` sets the value too. Returned in place of the output's value.
    """
    return {"__type__": "update", **props}


def skip() -> dict[str, Any]:
    """Leave this output unchanged."""
    return {"__type__": "update"}


def is_update(value: Any) -> bool:
    return type(value) is dict and value.get("__type__") == "update"
