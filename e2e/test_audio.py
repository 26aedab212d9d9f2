"""gr.Audio in a real browser: an uploaded WAV and a recording from chromium's fake microphone
reach the function, a streamed melody plays chunk after chunk, a streaming microphone sends
chunks, and chat replies with audio show a player."""

import re
import wave

from playwright.sync_api import Page, expect

REVERSE = "examples/audio_reverse.py"
TONE = "examples/audio_tone.py"
STREAMS = "e2e/apps/audio_streams.py"


def _wav(path, seconds=1.0, rate=8000):
    with wave.open(str(path), "wb") as out:
        out.setnchannels(1)
        out.setsampwidth(2)
        out.setframerate(rate)
        out.writeframes(b"\x00\x10\x00\xf0" * int(seconds * rate / 2))
    return path


def test_an_uploaded_wav_reaches_the_function_and_its_reverse_plays(
    page: Page, launch_app, tmp_path
):
    page.goto(launch_app(REVERSE))
    recording = page.get_by_role("group", name="Your recording")
    with page.expect_file_chooser() as chooser:
        recording.get_by_role("button", name="Upload audio (Your recording)").click()
    chooser.value.set_files(str(_wav(tmp_path / "voice.wav", seconds=1.5)))
    expect(recording.locator("audio[aria-label='Your recording']")).to_have_attribute(
        "src", re.compile(r"/file/.+/voice\.wav$")
    )
    page.get_by_role("button", name="Reverse").click()
    expect(page.get_by_role("textbox", name="Details")).to_have_value(
        "1.5 s at 8000 Hz, 1 channel(s)"
    )
    reversed_audio = page.get_by_role("group", name="Reversed")
    expect(reversed_audio.locator("audio")).to_have_attribute("src", re.compile(r"audio\.wav$"))
    expect(reversed_audio.get_by_role("link", name="Download")).to_be_visible()
    recording.get_by_role("button", name="Clear").click()
    expect(recording.get_by_role("button", name="Upload audio (Your recording)")).to_be_visible()


def test_a_recording_from_the_microphone_reaches_the_function_as_a_wav(page: Page, launch_app):
    page.context.grant_permissions(["microphone"])
    page.goto(launch_app(REVERSE))
    recording = page.get_by_role("group", name="Your recording")
    recording.get_by_role("button", name="Record", exact=True).click()
    stop = recording.get_by_role("button", name="Stop recording")
    expect(stop).to_have_attribute("aria-pressed", "true")
    expect(recording.get_by_role("button", name="Pause recording")).to_be_visible()
    expect(recording.locator(".audio-timer")).to_have_text("0:01")
    stop.click()
    expect(recording.locator("audio")).to_have_attribute("src", re.compile(r"/recording\.wav$"))
    page.get_by_role("button", name="Reverse").click()
    details = page.get_by_role("textbox", name="Details")
    expect(details).to_have_value(re.compile(r"^\d+\.\d s at \d+ Hz, [12] channel\(s\)$"))
    seconds = float(details.input_value().split(" s ")[0])
    assert seconds >= 1.0  # the whole recording, not one batch of it


def test_a_streamed_melody_plays_every_chunk_then_the_player_holds_it(page: Page, launch_app):
    page.goto(launch_app(TONE))
    page.get_by_role("button", name="Stream a melody").click()
    melody = page.get_by_role("group", name="Melody")
    status = melody.get_by_role("status")
    expect(status).to_have_text(re.compile(r"^Stream: played [0-4] of [1-4] chunks?$"))
    expect(status).to_have_text("Stream: played 4 of 4 chunks", timeout=15_000)
    expect(melody.locator("audio")).to_have_attribute("src", re.compile(r"^blob:"))
    # Playing it again is a new stream: it counts from the start.
    page.get_by_role("button", name="Stream a melody").click()
    expect(status).to_have_text("Stream: played 4 of 4 chunks", timeout=15_000)


def test_a_streaming_microphone_sends_chunks_that_reach_the_function(page: Page, launch_app):
    page.context.grant_permissions(["microphone"])
    page.goto(launch_app(STREAMS))
    mic = page.get_by_role("group", name="Live microphone")
    mic.get_by_role("button", name="Record", exact=True).click()
    heard = page.get_by_role("textbox", name="Heard")
    expect(heard).to_have_value(re.compile(r"^[3-9]\d* chunk\(s\), \d+\.\d s at \d+ Hz$"))
    mic.get_by_role("button", name="Stop recording").click()
    expect(mic.get_by_role("status")).to_have_text(re.compile(r"^Streaming: \d+ chunks sent$"))
    sent = int(re.search(r"(\d+) chunks", mic.get_by_role("status").inner_text()).group(1))
    expect(heard).to_have_value(re.compile(rf"^{sent} chunk\(s\), "))


def test_chat_replies_with_audio_show_a_player(page: Page, launch_app):
    page.goto(launch_app(STREAMS))
    box = page.get_by_role("textbox", name="Message")
    box.fill("play")
    box.press("Enter")
    expect(page.locator("audio[aria-label='Beep']")).to_have_attribute(
        "src", re.compile(r"/beep\.wav$")
    )
    box.fill("file")
    box.press("Enter")
    expect(page.locator(".msg-audio audio")).to_have_count(2)
