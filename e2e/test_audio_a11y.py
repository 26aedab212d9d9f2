"""An axe audit of the Audio examples, empty and holding a value (separate from test_audio.py,
whose pages keep the app's CSP: this one must bypass it to inject axe)."""

import re

import pytest
from playwright.sync_api import Page, expect
from test_accessibility import serious_violations


@pytest.fixture(scope="session")
def browser_context_args(browser_context_args):
    return {**browser_context_args, "bypass_csp": True}


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_the_audio_examples_have_no_serious_accessibility_violations(
    page: Page, launch_app, scheme
):
    page.emulate_media(color_scheme=scheme)
    page.goto(launch_app("examples/audio_reverse.py"))
    expect(page.get_by_role("group", name="Your recording")).to_be_visible()
    assert serious_violations(page) == []
    page.goto(launch_app("examples/audio_tone.py"))
    page.get_by_role("button", name="Play tone").click()
    tone = page.get_by_role("group", name="Tone").locator("audio")
    expect(tone).to_have_attribute("src", re.compile(r"/audio\.wav$"))
    assert serious_violations(page) == []
