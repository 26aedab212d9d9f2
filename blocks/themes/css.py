"""A theme as CSS: the reference framework's variables as custom properties (so an app's own
``css=`` may use ``var(--primary-500)`` or ``var(--block-background-fill)`` as it did there),
and our stylesheet's variables (frontend/style.css) set from them.

Light values go under ``:root``; dark values, where they differ, under the selector our
stylesheet uses for dark mode (``prefers-color-scheme: dark``). The page puts this ``<style>``
after style.css, so in each mode the theme's declarations win over the stylesheet's own.
"""

from __future__ import annotations

from blocks.themes.base import ThemeClass

__all__ = ["OUR_VARIABLES", "theme_stylesheet"]

DARK_MEDIA = "@media (prefers-color-scheme: dark)"

# Our variable <- the theme expression it takes (``*name`` as in theme values).
OUR_VARIABLES: dict[str, str] = {
    "body-bg": "*body_background_fill",
    "body-text": "*body_text_color",
    "muted": "*body_text_color_subdued",
    "label-text": "*block_label_text_color",
    "info-text": "*block_info_text_color",
    "block-bg": "*block_background_fill",
    "block-border": "*block_border_color",
    "panel-bg": "*panel_background_fill",
    "input-bg": "*input_background_fill",
    "input-border": "*input_border_color",
    "input-border-focus": "*input_border_color_focus",
    "accent": "*color_accent",
    "accent-soft": "*color_accent_soft",
    "ring": "color-mix(in srgb, *color_accent 25%, transparent)",
    "accent-fill": "*button_primary_background_fill",
    "accent-fill-hover": "*button_primary_background_fill_hover",
    "accent-text": "*button_primary_text_color",
    "accent-border": "*button_primary_border_color",
    "secondary-bg": "*button_secondary_background_fill",
    "secondary-bg-hover": "*button_secondary_background_fill_hover",
    "secondary-border": "*button_secondary_border_color",
    "secondary-text": "*button_secondary_text_color",
    "stop-fill": "*button_cancel_background_fill",
    "stop-fill-hover": "*button_cancel_background_fill_hover",
    "stop-text": "*button_cancel_text_color",
    "link": "*link_text_color",
    "code-bg": "*code_background_fill",
    "track": "*border_color_primary",
    "shadow": "*block_shadow",
    "error": "*error_icon_color",
    "radius": "*block_radius",
    "radius-sm": "*input_radius",
    "button-radius": "*button_large_radius",
    "gap": "*layout_gap",
    "pad": "calc(*spacing_xl + 2px)",
    "input-pad-y": "*spacing_lg",
    "text-size": "*body_text_size",
    # The emoji faces of style.css stay in front of the theme's fonts and behind them.
    "font": '"Blocks Emoji", *font, "Noto Color Emoji"',
    "font-mono": "*font_mono",
}


def _declarations(theme: ThemeClass, *, dark: bool) -> dict[str, str]:
    out = {name.replace("_", "-"): value for name, value in theme.resolved(dark=dark).items()}
    for ours, expression in OUR_VARIABLES.items():
        value = theme.resolve(expression, dark=dark)
        if value is None:
            out.pop(ours, None)
        else:
            out[ours] = value  # ours win where the names meet (--font, --radius-sm)
    return out


def theme_stylesheet(theme: ThemeClass | None) -> str:
    """The CSS of ``theme`` (empty for None: the stylesheet's own look)."""
    if theme is None:
        return ""
    light = _declarations(theme, dark=False)
    dark = _declarations(theme, dark=True)
    changed = {name: value for name, value in dark.items() if light.get(name) != value}
    lines = [f"/* theme: {theme.name} */", ":root {"]
    lines += [f"  --{name}: {value};" for name, value in light.items()]
    lines.append("}")
    if changed:
        lines += [f"{DARK_MEDIA} {{", "  :root {"]
        lines += [f"    --{name}: {value};" for name, value in changed.items()]
        lines += ["  }", "}"]
    return "\n".join(lines) + "\n"
