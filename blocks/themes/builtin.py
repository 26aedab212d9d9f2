# ruff: noqa: E501  (a theme reads best with each CSS value on one line, as in the reference)
"""The built-in themes (``gr.themes.Default()``, ``Soft()``, ...), each a ``Base`` with its own
hues, sizes, fonts and ``set()`` values after the reference framework's, and
:func:`theme_from`, which reads the ``theme=`` argument of ``Blocks`` and ``launch()``."""

from __future__ import annotations

import warnings
from typing import Any, ClassVar

from blocks.themes import colors, fonts, sizes
from blocks.themes.base import Base, ThemeClass

__all__ = [
    "BUILTIN_THEMES",
    "Citrus",
    "Default",
    "Glass",
    "Monochrome",
    "Ocean",
    "Origin",
    "Soft",
    "theme_from",
]

_SANS = ("ui-sans-serif", "system-ui", "sans-serif")
_MONO = ("ui-monospace", "Consolas", "monospace")


class _Builtin(Base):
    """A built-in theme: Base with the theme's own ``defaults`` for the constructor's
    arguments (hues, sizes, fonts: any may be given, as for Base), then its ``looks``
    applied with ``set()``."""

    theme_name: ClassVar[str]
    defaults: ClassVar[dict[str, Any]]
    looks: ClassVar[dict[str, Any]]

    def __init__(self, **options: Any) -> None:
        super().__init__(**{**self.defaults, **options}, name=self.theme_name)
        self.set(**self.looks)


class Default(_Builtin):
    """The framework's default look: an orange primary colour on zinc greys."""

    theme_name = "default"
    defaults: ClassVar[dict[str, Any]] = {
        "primary_hue": colors.orange,
        "secondary_hue": colors.blue,
        "neutral_hue": colors.zinc,
        "spacing_size": sizes.spacing_md,
        "radius_size": sizes.radius_md,
        "text_size": sizes.text_md,
        "font": (fonts.GoogleFont("Source Sans Pro"), *_SANS),
        "font_mono": (fonts.GoogleFont("IBM Plex Mono"), *_MONO),
    }
    looks: ClassVar[dict[str, Any]] = dict(
        input_background_fill="white",
        input_background_fill_dark="*neutral_800",
        input_border_width="1px",
        input_border_color_focus="*primary_300",
        input_border_color_focus_dark="*primary_500",
        block_shadow="*shadow_drop",
        block_shadow_dark="none",
        button_primary_background_fill="*primary_600",
        button_primary_background_fill_hover="*primary_700",
        button_primary_background_fill_dark="*primary_600",
        button_primary_background_fill_hover_dark="*primary_700",
        button_primary_border_color_dark="*primary_600",
        button_secondary_background_fill="*neutral_100",
        button_secondary_background_fill_hover="*neutral_200",
        button_secondary_background_fill_dark="*neutral_700",
        button_secondary_background_fill_hover_dark="*neutral_600",
        button_secondary_border_color="*neutral_200",
        button_secondary_border_color_dark="*neutral_600",
        button_secondary_text_color="*neutral_800",
        button_secondary_text_color_dark="white",
        button_cancel_background_fill=colors.red.c600,
        button_cancel_background_fill_hover=colors.red.c700,
        button_cancel_background_fill_dark=colors.red.c600,
        button_cancel_background_fill_hover_dark=colors.red.c700,
        button_cancel_border_color="transparent",
        button_cancel_text_color="white",
        link_text_color="*primary_700",
        link_text_color_dark="*primary_400",
    )


class Origin(_Builtin):
    """The look of the framework's version 4: soft orange gradients, subdued colours."""

    theme_name = "origin"
    defaults: ClassVar[dict[str, Any]] = {
        "primary_hue": colors.orange,
        "secondary_hue": colors.blue,
        "neutral_hue": colors.gray,
        "spacing_size": sizes.spacing_md,
        "radius_size": sizes.radius_md,
        "text_size": sizes.text_md,
        "font": (fonts.GoogleFont("Source Sans Pro"), *_SANS),
        "font_mono": (fonts.GoogleFont("IBM Plex Mono"), *_MONO),
    }
    looks: ClassVar[dict[str, Any]] = dict(
        input_background_fill="white",
        input_background_fill_dark="*neutral_800",
        input_border_width="1px",
        block_shadow="*shadow_drop",
        button_shadow="*shadow_drop",
        button_shadow_hover="*shadow_drop_lg",
        button_primary_background_fill="linear-gradient(to bottom right, *primary_100, *primary_300)",
        button_primary_background_fill_dark="linear-gradient(to bottom right, *primary_500, *primary_600)",
        button_primary_background_fill_hover="linear-gradient(to bottom right, *primary_100, *primary_200)",
        button_primary_background_fill_hover_dark="linear-gradient(to bottom right, *primary_500, *primary_500)",
        button_primary_border_color="*primary_200",
        button_primary_border_color_dark="*primary_500",
        button_primary_text_color="*primary_700",
        button_primary_text_color_dark="white",
        button_secondary_background_fill="linear-gradient(to bottom right, *neutral_100, *neutral_200)",
        button_secondary_background_fill_dark="linear-gradient(to bottom right, *neutral_600, *neutral_700)",
        button_secondary_background_fill_hover="linear-gradient(to bottom right, *neutral_100, *neutral_100)",
        button_secondary_background_fill_hover_dark="linear-gradient(to bottom right, *neutral_600, *neutral_600)",
        button_secondary_border_color="*neutral_200",
        button_secondary_border_color_dark="*neutral_600",
        button_secondary_text_color="*neutral_800",
        button_secondary_text_color_dark="white",
        button_cancel_background_fill=f"linear-gradient(to bottom right, {colors.red.c100}, {colors.red.c200})",
        button_cancel_background_fill_dark=f"linear-gradient(to bottom right, {colors.red.c600}, {colors.red.c700})",
        button_cancel_background_fill_hover=f"linear-gradient(to bottom right, {colors.red.c100}, {colors.red.c100})",
        button_cancel_background_fill_hover_dark=f"linear-gradient(to bottom right, {colors.red.c600}, {colors.red.c600})",
        button_cancel_border_color=colors.red.c200,
        button_cancel_border_color_dark=colors.red.c600,
        button_cancel_text_color=colors.red.c700,
        button_cancel_text_color_dark="white",
    )


class Soft(_Builtin):
    """Indigo and white, rounder corners, labels set in the primary colour."""

    theme_name = "soft"
    defaults: ClassVar[dict[str, Any]] = {
        "primary_hue": colors.indigo,
        "secondary_hue": colors.indigo,
        "neutral_hue": colors.gray,
        "spacing_size": sizes.spacing_md,
        "radius_size": sizes.radius_md,
        "text_size": sizes.text_md,
        "font": (fonts.GoogleFont("Montserrat"), *_SANS),
        "font_mono": (fonts.GoogleFont("IBM Plex Mono"), *_MONO),
    }
    looks: ClassVar[dict[str, Any]] = dict(
        background_fill_primary="*neutral_50",
        block_background_fill="white",
        block_border_width="0px",
        block_radius="*radius_xl",
        input_radius="*radius_xl",
        button_large_radius="*radius_xl",
        shadow_drop="0 1px 4px 0 rgb(0 0 0 / 0.1)",
        shadow_drop_lg="0 2px 5px 0 rgb(0 0 0 / 0.1)",
        block_shadow="*shadow_drop",
        block_label_text_color="*primary_500",
        block_label_text_color_dark="white",
        block_label_text_weight="600",
        block_title_text_color="*primary_500",
        block_title_text_color_dark="white",
        input_background_fill="white",
        input_border_color="*neutral_50",
        input_shadow="*shadow_drop",
        button_shadow="*shadow_drop_lg",
        button_primary_background_fill="*primary_500",
        button_primary_background_fill_hover="*primary_400",
        button_primary_background_fill_hover_dark="*primary_500",
        button_primary_text_color="white",
        button_secondary_background_fill="white",
        button_secondary_background_fill_hover="*neutral_100",
        button_secondary_background_fill_hover_dark="*primary_500",
        button_secondary_text_color="*neutral_800",
        button_cancel_background_fill="*button_secondary_background_fill",
        button_cancel_background_fill_hover="*button_secondary_background_fill_hover",
        button_cancel_text_color="*button_secondary_text_color",
        checkbox_label_background_fill_selected="*primary_500",
        checkbox_label_text_color_selected="white",
        panel_border_width="1px",
    )


class Monochrome(_Builtin):
    """Black on white, square corners: the look of a newspaper."""

    theme_name = "monochrome"
    defaults: ClassVar[dict[str, Any]] = {
        "primary_hue": colors.neutral,
        "secondary_hue": colors.neutral,
        "neutral_hue": colors.neutral,
        "spacing_size": sizes.spacing_lg,
        "radius_size": sizes.radius_none,
        "text_size": sizes.text_md,
        "font": (fonts.LocalFont("Quicksand"), *_SANS),
        "font_mono": (fonts.LocalFont("IBM Plex Mono"), *_MONO),
    }
    looks: ClassVar[dict[str, Any]] = dict(
        body_text_color="*neutral_900",
        body_text_color_subdued="*neutral_700",
        block_label_text_color="*body_text_color",
        block_title_text_color="*body_text_color",
        background_fill_primary_dark="*neutral_900",
        background_fill_secondary_dark="*neutral_800",
        block_background_fill_dark="*neutral_800",
        input_background_fill_dark="*neutral_700",
        button_primary_background_fill="*neutral_900",
        button_primary_background_fill_hover="*neutral_700",
        button_primary_text_color="white",
        button_primary_background_fill_dark="*neutral_600",
        button_primary_background_fill_hover_dark="*neutral_600",
        button_secondary_background_fill="*button_primary_background_fill",
        button_secondary_background_fill_hover="*button_primary_background_fill_hover",
        button_secondary_text_color="*button_primary_text_color",
        button_cancel_background_fill="*button_primary_background_fill",
        button_cancel_background_fill_hover="*button_primary_background_fill_hover",
        button_cancel_text_color="*button_primary_text_color",
        block_border_width="0px",
        block_border_width_dark="1px",
        shadow_drop_lg="0 1px 4px 0 rgb(0 0 0 / 0.1)",
        block_shadow="*shadow_drop_lg",
        block_shadow_dark="none",
        block_label_text_weight="600",
    )


_GLOSSY = (
    "linear-gradient(180deg, *primary_50 0%, *primary_200 50%, *primary_300 50%, *primary_200 100%)"
)
_GLOSSY_DARK = "linear-gradient(180deg, *primary_400 0%, *primary_500 50%, *primary_600 50%, *primary_500 100%)"


class Glass(_Builtin):
    """Stone greys with glossy gradient buttons and a slight glow around blocks."""

    theme_name = "glass"
    defaults: ClassVar[dict[str, Any]] = {
        "primary_hue": colors.stone,
        "secondary_hue": colors.stone,
        "neutral_hue": colors.stone,
        "spacing_size": sizes.spacing_sm,
        "radius_size": sizes.radius_sm,
        "text_size": sizes.text_sm,
        "font": ("Optima", "Candara", "Noto Sans", "source-sans-pro", "sans-serif"),
        "font_mono": (fonts.GoogleFont("IBM Plex Mono"), *_MONO),
    }
    looks: ClassVar[dict[str, Any]] = dict(
        body_background_fill_dark="*primary_800",
        background_fill_secondary="*primary_100",
        background_fill_secondary_dark="*primary_800",
        background_fill_primary_dark="*neutral_700",
        block_background_fill="*primary_50",
        block_background_fill_dark="*primary_800",
        block_border_width="0px",
        block_shadow="*primary_400 0px 0px 3px 0px",
        border_color_primary_dark="*primary_500",
        button_primary_background_fill=_GLOSSY,
        button_primary_background_fill_hover=_GLOSSY.replace("*primary_50 0%", "*primary_100 0%"),
        button_primary_background_fill_dark=_GLOSSY_DARK,
        button_primary_background_fill_hover_dark=_GLOSSY_DARK,
        button_primary_text_color="*primary_800",
        button_primary_text_color_dark="white",
        button_primary_border_color="*primary_300",
        button_secondary_background_fill="*button_primary_background_fill",
        button_secondary_background_fill_hover="*button_primary_background_fill_hover",
        button_secondary_background_fill_dark="*button_primary_background_fill",
        button_secondary_background_fill_hover_dark="*button_primary_background_fill_hover",
        button_secondary_text_color="*primary_800",
        button_cancel_background_fill="*button_primary_background_fill",
        button_cancel_background_fill_hover="*button_primary_background_fill_hover",
        button_cancel_text_color="*button_secondary_text_color",
        input_background_fill="linear-gradient(0deg, *secondary_50 0%, white 100%)",
        input_background_fill_dark="*secondary_600",
        input_border_width="1px",
        block_label_text_color="*primary_500",
        block_title_text_color="*primary_500",
        block_label_text_weight="600",
    )


class Ocean(_Builtin):
    """Emerald and sky blue gradients on zinc greys, very round corners."""

    theme_name = "ocean"
    defaults: ClassVar[dict[str, Any]] = {
        "primary_hue": colors.emerald,
        "secondary_hue": colors.sky,
        "neutral_hue": colors.zinc,
        "spacing_size": sizes.spacing_md,
        "radius_size": sizes.radius_xxl,
        "text_size": sizes.text_md,
        "font": (fonts.GoogleFont("IBM Plex Sans"), *_SANS),
        "font_mono": (fonts.GoogleFont("Inter"), *_MONO),
    }
    looks: ClassVar[dict[str, Any]] = dict(
        button_border_width="0px",
        block_radius="*radius_md",
        input_radius="*radius_md",
        button_large_radius="*radius_md",
        block_shadow="*shadow_drop_lg",
        button_primary_background_fill="linear-gradient(120deg, *secondary_500 0%, *primary_300 60%, *primary_400 100%)",
        button_primary_background_fill_hover="linear-gradient(120deg, *secondary_400 0%, *primary_300 60%, *primary_300 100%)",
        button_primary_background_fill_dark="linear-gradient(120deg, *secondary_600 0%, *primary_500 60%, *primary_600 100%)",
        button_primary_background_fill_hover_dark="linear-gradient(120deg, *secondary_500 0%, *primary_500 60%, *primary_500 100%)",
        button_primary_text_color="*button_secondary_text_color",
        button_secondary_background_fill="linear-gradient(120deg, *neutral_300 0%, *neutral_100 60%, *neutral_200 100%)",
        button_secondary_background_fill_hover="linear-gradient(120deg, *neutral_200 0%, *neutral_100 60%, *neutral_100 100%)",
        button_secondary_background_fill_dark="linear-gradient(120deg, *neutral_700 0%, *neutral_600 60%, *neutral_700 100%)",
        button_secondary_background_fill_hover_dark="linear-gradient(120deg, *neutral_600 0%, *neutral_600 60%, *neutral_700 100%)",
        button_secondary_text_color="*neutral_900",
        button_secondary_text_color_dark="white",
    )


class Citrus(_Builtin):
    """Amber buttons with a 3D edge, stone greys, roomy spacing."""

    theme_name = "citrus"
    defaults: ClassVar[dict[str, Any]] = {
        "primary_hue": colors.amber,
        "secondary_hue": colors.amber,
        "neutral_hue": colors.stone,
        "spacing_size": sizes.spacing_lg,
        "radius_size": sizes.radius_md,
        "text_size": sizes.text_md,
        "font": (fonts.LocalFont("Ubuntu", weights=(400,)), *_SANS),
        "font_mono": (fonts.LocalFont("Roboto Mono"), *_MONO),
    }
    looks: ClassVar[dict[str, Any]] = dict(
        background_fill_primary="*neutral_50",
        block_background_fill="*neutral_100",
        block_background_fill_dark="*neutral_800",
        block_border_color="*neutral_300",
        block_border_color_dark="*neutral_700",
        block_shadow="0px 3px 0px 0px *neutral_300",
        block_shadow_dark="0px 3px 0px 0px *neutral_700",
        input_background_fill="*neutral_50",
        input_background_fill_dark="*neutral_900",
        input_border_width="1px",
        button_border_width="0px",
        button_primary_background_fill="*primary_500",
        button_primary_background_fill_hover="*primary_400",
        button_primary_background_fill_dark="*primary_600",
        button_primary_background_fill_hover_dark="*primary_500",
        button_primary_text_color="*neutral_900",
        button_primary_shadow="0px 3px 0px 0px *primary_400",
        button_primary_shadow_dark="0px 3px 0px 0px *primary_700",
        button_secondary_background_fill="*primary_400",
        button_secondary_background_fill_hover="*primary_300",
        button_secondary_background_fill_dark="*primary_500",
        button_secondary_background_fill_hover_dark="*primary_400",
        button_secondary_text_color="*neutral_900",
        button_secondary_text_color_dark="*neutral_900",
        button_cancel_background_fill=colors.red.c600,
        button_cancel_background_fill_dark=colors.red.c700,
        button_cancel_background_fill_hover=colors.red.c700,
        button_cancel_background_fill_hover_dark=colors.red.c800,
        button_cancel_text_color="white",
        button_cancel_text_color_dark="white",
    )


BUILTIN_THEMES: dict[str, type[Base]] = {
    "base": Base,
    "default": Default,
    "origin": Origin,
    "soft": Soft,
    "monochrome": Monochrome,
    "glass": Glass,
    "ocean": Ocean,
    "citrus": Citrus,
}


def theme_from(value: Any, parameter: str = "theme") -> ThemeClass | None:
    """The theme that ``theme=`` names: a theme object, a built-in theme's name (``"soft"``), or
    None (Blocks' own look). A name of a theme on the Hugging Face Hub (``"user/theme"``) is
    not downloaded: it warns and falls back to the default look, as the reference framework
    does when the Hub cannot be reached."""
    if value is None or isinstance(value, ThemeClass):
        return value
    if isinstance(value, type) and issubclass(value, ThemeClass):
        return value()
    if isinstance(value, str):
        key = value.strip().lower()
        if key in BUILTIN_THEMES:
            return BUILTIN_THEMES[key]()
        if "/" in key:
            warnings.warn(
                f"{parameter}={value!r}: themes on the Hugging Face Hub are not downloaded; "
                "using the default look",
                UserWarning,
                stacklevel=3,
            )
            return None
        raise ValueError(
            f"{parameter}={value!r} is not a built-in theme; use one of "
            f"{', '.join(repr(name) for name in BUILTIN_THEMES)} or a gr.themes theme object"
        )
    raise TypeError(f"{parameter} must be a gr.themes theme or a theme name, got {value!r}")
