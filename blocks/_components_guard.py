"""Import the component library, failing clearly if another ``components`` module hides it."""

from __future__ import annotations

import importlib
from pathlib import Path
from typing import Any

from .exceptions import ComponentsShadowedError

__all__ = ["components"]

_EXPECTED = Path(__file__).resolve().parent.parent / "components"


def _load() -> Any:
    try:
        module = importlib.import_module("components")
    except ImportError as exc:
        raise ComponentsShadowedError(
            f"Blocks could not import its component library `components`: {exc}"
        ) from exc
    if not hasattr(module, "Component") or not hasattr(module, "Textbox"):
        where = getattr(module, "__file__", None) or list(getattr(module, "__path__", []))
        raise ComponentsShadowedError(
            f"Another module named `components` ({where}) hides the Blocks component library "
            f"(expected at {_EXPECTED}). Rename your `components` folder or module, or run "
            "from another directory."
        )
    return module


components = _load()
