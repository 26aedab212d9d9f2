"""The microphone source of a MultimodalTextbox records, uploads and sends a recording."""

import re

from playwright.sync_api import Page, expect


def test_recording_from_the_microphone_attaches_an_audio_file(page: Page, launch_app):
    page.context.grant_permissions(["microphone"])
    page.goto(launch_app("e2e/apps/recorder.py"))
    record = page.get_by_role("button", name="Record audio")
    record.click()
    stop = page.get_by_role("button", name="Stop recording")
    expect(stop).to_have_attribute("aria-pressed", "true")
    page.wait_for_timeout(700)
    stop.click()
    expect(page.get_by_role("button", name=re.compile(r"^Remove recording\."))).to_be_visible()
    box = page.get_by_role("textbox", name="Message")
    box.fill("voice note")
    box.press("Enter")
    received = page.get_by_role("textbox", name="Received")
    expect(received).to_have_value(
        re.compile(r"voice note \| 1 file\(s\): \['recording\.\w+'\] \[\d+\]")
    )
    size = int(re.search(r"\[(\d+)\]$", received.input_value()).group(1))
    assert size > 1000  # a real recording, not an empty file
