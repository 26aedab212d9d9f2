"""``gr.themes.Base``: a theme, the values of the framework's theme variables in light and dark
mode, built from three hues, three size scales and two font stacks, then refined with
``.set(name=value, name_dark=value)``. ``blocks/themes/css.py`` renders it as CSS.

Values are CSS in which ``*name`` refers to another variable in the same mode; a reference is
resolved when the theme is rendered, so ``.set(primary_500=...)`` moves every variable that
refers to it.
"""

from __future__ import annotations

import difflib
import json
import re
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from blocks.themes import colors, fonts, sizes
from blocks.themes.variables import CORE_NAMES, DEFAULTS, DEFAULTS_DARK, VARIABLE_NAMES

__all__ = ["Base", "Theme", "ThemeClass"]

REFERENCE = re.compile(r"\*([A-Za-z_][A-Za-z0-9_]*)")
# Words that read as references in themes written for the reference framework (``*white``)
# but are plain CSS colours there too.
_CSS_WORDS = frozenset({"white", "black", "transparent", "none", "inherit", "currentColor"})
FontArg = fonts.Font | str | Iterable[fonts.Font | str]


class ThemeClass:
    """The values of a theme and what can be done with them: set, resolve, save, load."""

    name: str

    def __init__(self) -> None:
        self.name = "theme"
        self._light: dict[str, str] = {}
        self._dark: dict[str, str] = {}
        self._font: list[fonts.Font] = []
        self._font_mono: list[fonts.Font] = []

    # ------------------------------------------------------------------ values

    def set(self, **values: Any) -> ThemeClass:
        """Set theme variables by name (``button_primary_background_fill="*primary_500"``,
        ``body_background_fill_dark="#0b0f19"``); ``None`` leaves a variable as it is.
        Returns the theme, so calls chain."""
        checked: list[tuple[str, str, bool]] = []
        for key, value in values.items():
            name, dark = (key[:-5], True) if key.endswith("_dark") else (key, False)
            if name not in VARIABLE_NAMES:
                close = difflib.get_close_matches(key, _all_keys(), n=3, cutoff=0.6)
                hint = f"; did you mean {', '.join(close)}?" if close else ""
                raise TypeError(
                    f"{type(self).__name__}.set() got an unknown variable {key!r}{hint}"
                )
            if value is None:
                continue
            checked.append((name, _css_value(key, value), dark))
        for name, text, dark in checked:
            (self._dark if dark else self._light)[name] = text
        return self

    def value(self, name: str, *, dark: bool = False) -> str | None:
        """The value of ``name`` as set (with its ``*references``), or None if it has none."""
        if dark:
            if name in self._dark:
                return self._dark[name]
            # As in the reference: a light value set alone leaves a distinct dark default.
            if name in DEFAULTS_DARK:
                return DEFAULTS_DARK[name]
        return self._light.get(name, DEFAULTS.get(name) or None)

    def resolve(self, text: str, *, dark: bool = False) -> str | None:
        """``text`` with every ``*reference`` replaced by its value in that mode; None when a
        reference has no value (the variable is then left out, as the browser would)."""
        return _Resolver(self, dark).expand(text, ())

    def resolved(self, *, dark: bool = False) -> dict[str, str]:
        """Every variable that has a value, fully resolved, in definition order."""
        resolver = _Resolver(self, dark)
        names = [*sorted(CORE_NAMES), *DEFAULTS]
        out: dict[str, str] = {}
        for name in names:
            text = resolver.variable(name, ())
            if text is not None:
                out[name] = text
        return out

    def __getattr__(self, key: str) -> Any:
        # Reached only for names that are not attributes: theme.primary_500, theme.font.
        if key.startswith("_"):
            raise AttributeError(key)
        name, dark = (key[:-5], True) if key.endswith("_dark") else (key, False)
        if name in VARIABLE_NAMES:
            return self.value(name, dark=dark)
        raise AttributeError(f"{type(self).__name__!r} has no attribute or theme variable {key!r}")

    # ------------------------------------------------------------------ saving, loading

    def to_dict(self) -> dict[str, Any]:
        """The theme as plain data (``{"theme": {name: value, name_dark: value}}``)."""
        theme: dict[str, Any] = {**self._light, **{f"{k}_dark": v for k, v in self._dark.items()}}
        theme["name"] = self.name
        return {"theme": theme}

    @classmethod
    def from_dict(cls, theme: dict[str, Any]) -> ThemeClass:
        """A theme from :meth:`to_dict`'s data; unknown names are errors."""
        values = dict(theme.get("theme", theme))
        name = values.pop("name", "theme")
        values = {k: v for k, v in values.items() if not k.startswith("_")}
        new = Base()
        new.set(**values)
        new.name = str(name)
        return new

    def dump(self, filename: str | Path) -> None:
        """Write the theme to a JSON file."""
        Path(filename).write_text(json.dumps(self.to_dict(), indent=2), encoding="utf-8")

    @classmethod
    def load(cls, path: str | Path) -> ThemeClass:
        """Read a theme written by :meth:`dump`."""
        return cls.from_dict(json.loads(Path(path).read_text(encoding="utf-8")))

    @classmethod
    def from_hub(cls, repo_name: str, hf_token: str | None = None) -> ThemeClass:
        """Themes on the Hugging Face Hub cannot be loaded: Blocks fetches nothing at run time."""
        raise ValueError(
            f"cannot load the theme {repo_name!r} from the Hugging Face Hub: Blocks does not "
            "download themes. Use a built-in theme (gr.themes.Soft(), ...), build one with "
            "gr.themes.Base(...).set(...), or save one with theme.dump() and use "
            "gr.themes.Base.load(path)."
        )

    def push_to_hub(self, *args: Any, **kwargs: Any) -> str:
        """Not available: Blocks does not upload themes. Save one with :meth:`dump`."""
        raise NotImplementedError("Blocks does not upload themes; save one with theme.dump(path)")

    def __repr__(self) -> str:
        return f"<{type(self).__name__} theme {self.name!r}>"


class Base(ThemeClass):
    """A theme from hues (``gr.themes.colors.*`` or their names), sizes (``gr.themes.sizes.*``
    or ``"sm"``/``"md"``/``"lg"``) and fonts (names or ``gr.themes.GoogleFont``), with plain
    defaults; the starting point for custom themes."""

    def __init__(
        self,
        *,
        primary_hue: colors.Color | str = colors.blue,
        secondary_hue: colors.Color | str = colors.blue,
        neutral_hue: colors.Color | str = colors.gray,
        text_size: sizes.Size | str = sizes.text_md,
        spacing_size: sizes.Size | str = sizes.spacing_md,
        radius_size: sizes.Size | str = sizes.radius_md,
        font: FontArg = (
            fonts.GoogleFont("Source Sans Pro"),
            "ui-sans-serif",
            "system-ui",
            "sans-serif",
        ),
        font_mono: FontArg = (
            fonts.GoogleFont("IBM Plex Mono"),
            "ui-monospace",
            "Consolas",
            "monospace",
        ),
        name: str = "base",
    ) -> None:
        super().__init__()
        self.name = name
        for prefix, hue in (
            ("primary", primary_hue),
            ("secondary", secondary_hue),
            ("neutral", neutral_hue),
        ):
            color = _color(hue, f"{prefix}_hue")
            for shade in colors.SHADES:
                self._light[f"{prefix}_{shade}"] = _css_value(prefix, getattr(color, f"c{shade}"))
        for kind, size in (("text", text_size), ("spacing", spacing_size), ("radius", radius_size)):
            scale = _size(size, kind)
            for step in sizes.STEPS:
                self._light[f"{kind}_{step}"] = _css_value(kind, getattr(scale, step))
        self._font = fonts.font_stack(font, "font")
        self._font_mono = fonts.font_stack(font_mono, "font_mono")
        self._light["font"] = ", ".join(str(f) for f in self._font)
        self._light["font_mono"] = ", ".join(str(f) for f in self._font_mono)


Theme = Base


class _Resolver:
    """Expands ``*references`` in one mode, remembering what it has expanded."""

    def __init__(self, theme: ThemeClass, dark: bool) -> None:
        self.theme = theme
        self.dark = dark
        self.cache: dict[str, str | None] = {}

    def variable(self, name: str, chain: tuple[str, ...]) -> str | None:
        if name in self.cache:
            return self.cache[name]
        if name in chain:
            cycle = " -> ".join((*chain, name))
            raise ValueError(f"theme variables refer to each other in a circle: {cycle}")
        text = self.theme.value(name, dark=self.dark)
        result = None if text is None else self.expand(text, (*chain, name))
        self.cache[name] = result
        return result

    def expand(self, text: str, chain: tuple[str, ...]) -> str | None:
        missing = False

        def replace(match: re.Match[str]) -> str:
            nonlocal missing
            ref = match.group(1)
            if ref in _CSS_WORDS and ref not in VARIABLE_NAMES:
                return ref
            value = self.variable(ref, chain) if ref in VARIABLE_NAMES else None
            if value is None:
                missing = True
                return ""
            return value

        out = REFERENCE.sub(replace, text)
        return None if missing else out


def _all_keys() -> list[str]:
    return [*VARIABLE_NAMES, *(f"{n}_dark" for n in VARIABLE_NAMES)]


def _css_value(key: str, value: Any) -> str:
    """A theme value as CSS text: strings and numbers; no ``{``, ``}`` or ``;`` inside, which
    would end the declaration (one trailing ``;``, common in themes, is dropped)."""
    if isinstance(value, bool) or not isinstance(value, (str, int, float)):
        raise TypeError(f"theme variable {key} must be a CSS value (a string), got {value!r}")
    text = str(value).strip().removesuffix(";").strip()
    if any(ch in text for ch in "{};") or "</" in text:
        raise ValueError(f"theme variable {key}={value!r} is not a single CSS value")
    if key.endswith("_dark") and REFERENCE.search(text):
        for ref in REFERENCE.findall(text):
            if ref.endswith("_dark"):
                raise ValueError(
                    f"theme variable {key}={value!r}: refer to {ref[:-5]!r}, without _dark; "
                    "a dark-mode value refers to the dark-mode values already"
                )
    for ref in REFERENCE.findall(text):
        base = ref[:-5] if ref.endswith("_dark") else ref
        if base not in VARIABLE_NAMES and ref not in _CSS_WORDS:
            close = difflib.get_close_matches(base, list(VARIABLE_NAMES), n=3)
            hint = f"; did you mean {', '.join('*' + c for c in close)}?" if close else ""
            raise ValueError(f"theme variable {key}={value!r} refers to unknown *{ref}{hint}")
    return text


def _color(value: colors.Color | str, parameter: str) -> colors.Color:
    if isinstance(value, colors.Color):
        return value
    if isinstance(value, str):
        return colors.color_named(value, parameter)
    raise TypeError(f"{parameter} must be a colour name or a gr.themes.Color, got {value!r}")


def _size(value: sizes.Size | str, kind: str) -> sizes.Size:
    parameter = f"{kind}_size"
    if isinstance(value, sizes.Size):
        return value
    if isinstance(value, str):
        return sizes.size_named(value, kind, parameter)
    raise TypeError(f"{parameter} must be a size name or a gr.themes.Size, got {value!r}")
