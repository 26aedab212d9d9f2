"""``gr.themes``: themes for an app, ``theme=`` on ``gr.Blocks`` or ``launch()``.

Built-in themes (``Base``, ``Default``, ``Origin``, ``Soft``, ``Monochrome``, ``Glass``,
``Ocean``, ``Citrus``) take ``primary_hue``, ``secondary_hue``, ``neutral_hue``, ``text_size``,
``spacing_size``, ``radius_size``, ``font`` and ``font_mono``; ``.set(...)`` refines any of the
variables, for light mode and (``_dark``) dark mode. See blocks/themes/css.py for how a theme
becomes the page's CSS.
"""

from __future__ import annotations

from blocks.themes import colors, fonts, sizes, utils
from blocks.themes.base import Base, Theme, ThemeClass
from blocks.themes.builtin import (
    Citrus,
    Default,
    Glass,
    Monochrome,
    Ocean,
    Origin,
    Soft,
    theme_from,
)
from blocks.themes.colors import Color
from blocks.themes.css import theme_stylesheet
from blocks.themes.fonts import Font, GoogleFont, LocalFont
from blocks.themes.sizes import Size

__all__ = [
    "Base",
    "Citrus",
    "Color",
    "Default",
    "Font",
    "Glass",
    "GoogleFont",
    "LocalFont",
    "Monochrome",
    "Ocean",
    "Origin",
    "Size",
    "Soft",
    "Theme",
    "ThemeClass",
    "colors",
    "fonts",
    "sizes",
    "theme_from",
    "theme_stylesheet",
    "utils",
]
