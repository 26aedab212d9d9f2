"""``gr.themes.Font``, ``GoogleFont`` and ``LocalFont``: font families for a theme.

The page loads nothing from other hosts (its Content-Security-Policy allows only its own
origin, and apps often run offline), so a ``GoogleFont`` is not fetched: it names the family,
which the browser uses when it is installed, and the fallbacks listed after it otherwise.
"""

from __future__ import annotations

from collections.abc import Iterable

__all__ = ["Font", "GoogleFont", "LocalFont", "font_stack"]

_GENERIC = frozenset(
    {"serif", "sans-serif", "monospace", "cursive", "fantasy", "system-ui", "ui-serif"}
    | {"ui-sans-serif", "ui-monospace", "ui-rounded", "math", "emoji", "fangsong"}
)


class Font:
    """A font family by name: generic families (``sans-serif``) stay bare, others are quoted."""

    def __init__(self, name: str) -> None:
        if not isinstance(name, str) or not name.strip():
            raise TypeError(f"a font name must be a non-empty string, got {name!r}")
        self.name = name.strip()

    def __str__(self) -> str:
        if self.name in _GENERIC:
            return self.name
        return "'" + self.name.replace("\\", "").replace("'", "\\'") + "'"

    def stylesheet(self) -> str | None:
        """The URL of a stylesheet that provides the font: none (see the module docstring)."""
        return None

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Font) and type(self) is type(other) and self.name == other.name

    def __hash__(self) -> int:
        return hash((type(self).__name__, self.name))

    def __repr__(self) -> str:
        return f"{type(self).__name__}({self.name!r})"


class GoogleFont(Font):
    """A Google Fonts family: used by name when installed, never downloaded (offline-safe)."""

    def __init__(self, name: str, weights: Iterable[int] = (400, 600)) -> None:
        super().__init__(name)
        self.weights = tuple(weights)


class LocalFont(Font):
    """A family the reference framework ships as files; here, used by name when installed."""

    def __init__(self, name: str, weights: Iterable[int] = (400, 600)) -> None:
        super().__init__(name)
        self.weights = tuple(weights)


def font_stack(value: Font | str | Iterable[Font | str], parameter: str) -> list[Font]:
    """``font=`` as a list of Fonts: one font, one name, or a sequence of either.

    A single string with commas (``"Inter, sans-serif"``) is split into its families."""
    items: list[Font | str]
    if isinstance(value, Font):
        items = [value]
    elif isinstance(value, str):
        items = [part.strip().strip("'\"") for part in value.split(",") if part.strip()]
    elif isinstance(value, Iterable):
        items = list(value)
    else:
        raise TypeError(
            f"{parameter} must be a font name, a gr.themes.Font or a list of them, got {value!r}"
        )
    if not items:
        raise ValueError(f"{parameter} must name at least one font family")
    stack: list[Font] = []
    for item in items:
        if isinstance(item, Font):
            stack.append(item)
        elif isinstance(item, str):
            stack.append(Font(item))
        else:
            raise TypeError(f"{parameter}: {item!r} is neither a font name nor a gr.themes.Font")
    return stack
