"""Themed apps in a real browser, in light and in dark mode: the primary button and the page
take the theme's colours (examples/theme_custom.py, examples/theme_soft.py). Screenshots go to
BLOCKS_SCREENSHOTS (default: a temporary folder) for a person to look at."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

import pytest
from playwright.sync_api import Page, expect

import blocks as gr

SHOTS = Path(os.environ.get("BLOCKS_SCREENSHOTS") or tempfile.gettempdir()) / "blocks-themes"


def _rgb(hex_color: str) -> str:
    value = hex_color.lstrip("#")
    r, g, b = (int(value[i : i + 2], 16) for i in (0, 2, 4))
    return f"rgb({r}, {g}, {b})"


def _colours(page: Page, button: str) -> dict[str, str]:
    """The computed background of the page and of a button, and the button's text colour."""
    locator = page.get_by_role("button", name=button)
    expect(locator).to_be_visible()
    return {
        "body": page.evaluate("getComputedStyle(document.body).backgroundColor"),
        "button": locator.evaluate("el => getComputedStyle(el).backgroundColor"),
        "text": locator.evaluate("el => getComputedStyle(el).color"),
    }


def _shoot(page: Page, name: str) -> None:
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SHOTS / f"{name}.png"), full_page=True)


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_the_custom_theme_colours_the_primary_button_and_the_page(
    page: Page, launch_app, scheme: str
):
    teal, slate = gr.themes.colors.teal, gr.themes.colors.slate
    expected = {
        "light": {"body": slate.c50, "button": teal.c700, "text": "#ffffff"},
        "dark": {"body": slate.c950, "button": teal.c500, "text": slate.c950},
    }[scheme]
    page.emulate_media(color_scheme=scheme)
    page.goto(launch_app("examples/theme_custom.py"))
    assert _colours(page, "Reverse") == {k: _rgb(v) for k, v in expected.items()}
    # The theme's secondary hue reaches the secondary button too, and the app still works.
    secondary = page.get_by_role("button", name="Clear")
    assert secondary.evaluate("el => getComputedStyle(el).backgroundColor") == _rgb(
        gr.themes.colors.amber.c200 if scheme == "light" else gr.themes.colors.slate.c600
    )
    page.get_by_role("button", name="Reverse").click()
    expect(page.get_by_role("textbox", name="Reversed")).to_have_value("!semeht ,olleH")
    _shoot(page, f"custom-{scheme}")


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_the_soft_theme_given_to_launch_colours_the_page(page: Page, launch_app, scheme: str):
    indigo, gray = gr.themes.colors.indigo, gr.themes.colors.gray
    page.emulate_media(color_scheme=scheme)
    page.goto(launch_app("examples/theme_soft.py"))
    colours = _colours(page, "Greet")
    assert colours["button"] == _rgb(indigo.c500 if scheme == "light" else indigo.c600)
    assert colours["body"] == _rgb(gray.c50 if scheme == "light" else gray.c950)
    label = page.get_by_text("Name", exact=True)
    assert label.evaluate("el => getComputedStyle(el).color") == _rgb(
        indigo.c500 if scheme == "light" else "#ffffff"
    )
    page.get_by_role("textbox", name="Name").fill("Ada")
    page.get_by_role("button", name="Greet").click()
    expect(page.get_by_role("textbox", name="Greeting")).to_have_value("Hello Ada!")
    _shoot(page, f"soft-{scheme}")
