"""gr.Video and gr.Model3D in a real browser: an uploaded clip and a recording from chromium's
fake webcam reach the function, the player's events fire, SRT subtitles play as a WebVTT
track; a model is drawn by three.js (loaded only then), an uploaded one reaches the function,
and both show inside chat messages. Chromium's headless WebGL is SwiftShader's, on by default."""

from __future__ import annotations

import io
import re
from pathlib import Path

import pytest
from PIL import Image
from playwright.sync_api import Browser, Locator, Page, expect
from test_accessibility import serious_violations

import blocks as gr

WEBCAM = "examples/video_webcam.py"
SUBTITLES = "examples/video_subtitles.py"
MODELS = "examples/model3d_viewer.py"
CHAT = "examples/model3d_chat.py"
WORLD = Path(gr.media.get_video("world.mp4"))
CUBE = "\n".join(
    [
        *(f"v {x} {y} {z}" for x in (-1, 1) for y in (-1, 1) for z in (-1, 1)),
        *("f 1 2 4 3", "f 5 7 8 6", "f 1 5 6 2", "f 3 4 8 7", "f 1 3 7 5", "f 2 6 8 4", ""),
    ]
)


def upload(page: Page, button: Locator, path: Path) -> None:
    with page.expect_file_chooser() as chooser:
        button.click()
    chooser.value.set_files(str(path))


def events(page: Page) -> Locator:
    return page.get_by_role("textbox", name="Events")


def drawn(model: Locator) -> Image.Image:
    """What the model's canvas shows, once three.js has drawn it."""
    expect(model).to_have_attribute("data-state", "ready")
    canvas = model.get_by_role("img")
    expect(canvas).to_be_visible()
    return Image.open(io.BytesIO(canvas.screenshot()))


def has_a_shape(picture: Image.Image) -> bool:
    """More than one colour: something was drawn over the background."""
    colours = picture.convert("RGB").getcolors(maxcolors=1 << 16)
    return colours is None or len(colours) > 1


# ---------------------------------------------------------------------- Video


def test_an_uploaded_video_reaches_the_function_and_plays_to_its_end(page: Page, launch_app):
    page.goto(launch_app(WEBCAM))
    clip = page.get_by_role("group", name="Clip")
    upload(page, clip.get_by_role("button", name="Upload video (Clip)"), WORLD)
    player = clip.locator("video[aria-label='Clip']")
    expect(player).to_have_attribute("src", re.compile(r"/file/.+/world\.mp4$"))
    expect(player).to_have_attribute("controls", "")
    expect(page.get_by_role("textbox", name="Details")).to_have_value(
        f"world.mp4: {WORLD.stat().st_size} bytes"
    )
    expect(events(page)).to_have_value("upload")
    player.evaluate("(video) => { video.muted = true; return video.play(); }")
    expect(events(page)).to_have_value("upload\nplay\nend")
    clip.get_by_role("button", name="Clear").click()
    expect(page.get_by_role("textbox", name="Details")).to_have_value("No video yet.")
    expect(events(page)).to_have_value("upload\nplay\nend\nclear")
    expect(clip.get_by_role("button", name="Upload video (Clip)")).to_be_visible()


def test_a_recording_from_the_webcam_reaches_the_function(page: Page, launch_app):
    page.context.grant_permissions(["camera", "microphone"])
    page.goto(launch_app(WEBCAM))
    clip = page.get_by_role("group", name="Clip")
    clip.get_by_role("button", name="Record", exact=True).click()
    stop = clip.get_by_role("button", name="Stop recording")
    expect(stop).to_have_attribute("aria-pressed", "true")
    expect(clip.get_by_label("Webcam preview")).to_be_visible()
    expect(clip.get_by_text("Recording 0:01")).to_be_visible()
    stop.click()
    details = page.get_by_role("textbox", name="Details")
    expect(details).to_have_value(re.compile(r"^recording\.webm: \d+ bytes$"))
    assert int(details.input_value().split(": ")[1].split()[0]) > 1000
    expect(events(page)).to_have_value("start_recording\nstop_recording")
    expect(clip.locator("video[aria-label='Clip']")).to_have_attribute(
        "src", re.compile(r"/recording\.webm$")
    )
    expect(clip.get_by_label("Webcam preview")).to_be_hidden()


def test_srt_subtitles_play_as_a_webvtt_track_of_the_output(page: Page, launch_app, tmp_path):
    srt = tmp_path / "words.srt"
    srt.write_text(
        "1\n00:00:00,000 --> 00:00:01,500\nHello there\n\n2\n00:00:01,500 --> 00:00:02,000\nBye\n"
    )
    page.goto(launch_app(SUBTITLES))
    given = page.get_by_role("group", name="In")
    upload(page, given.get_by_role("button", name="Upload video (In)"), WORLD)
    expect(given.get_by_label("In", exact=True)).to_have_attribute(
        "src", re.compile(r"world\.mp4$")
    )
    with page.expect_file_chooser() as chooser:
        page.get_by_role("button", name="Upload file").click()
    chooser.value.set_files(str(srt))
    expect(page.get_by_text("words.srt")).to_be_visible()
    page.get_by_role("button", name="Submit").click()
    track = page.get_by_role("group", name="Out").locator("video track")
    expect(track).to_have_attribute("src", re.compile(r"/words\.vtt$"))
    expect(track).to_have_attribute("kind", "subtitles")
    cues = track.evaluate(
        """(track) => new Promise((done) => {
            const read = () => done([...track.track.cues].map((cue) => cue.text));
            if (track.readyState === 2) read();
            else track.addEventListener("load", read);
        })"""
    )
    assert cues == ["Hello there", "Bye"]


def test_a_video_page_loads_no_3d_library(page: Page, launch_app):
    requested: list[str] = []
    page.on("request", lambda request: requested.append(request.url))
    page.goto(launch_app(WEBCAM))
    expect(page.get_by_role("group", name="Clip")).to_be_visible()
    page.wait_for_load_state("networkidle")
    assert any(url.endswith("/components/video.js") for url in requested)
    assert not [url for url in requested if "/vendor/three/" in url or "model3d" in url]


# ---------------------------------------------------------------------- Model3D


@pytest.mark.parametrize("example", ["Duck.glb", "Fox.gltf", "Bunny.obj", "sofia.stl"])
def test_an_example_model_is_drawn_by_three_loaded_only_then(page: Page, launch_app, example):
    requested: list[str] = []
    page.on("request", lambda request: requested.append(request.url))
    page.goto(launch_app(MODELS))
    given = page.get_by_role("group", name="Upload a model")
    expect(given.get_by_role("button", name="Upload 3D model (Upload a model)")).to_be_visible()
    page.wait_for_load_state("networkidle")
    assert not [url for url in requested if "/vendor/three/" in url]
    page.locator("blocks-dataset").get_by_role("button", name=example).click()
    assert has_a_shape(drawn(given))
    expect(
        given.get_by_role("img", name=re.compile(f"Upload a model: {re.escape(example)}"))
    ).to_be_visible()
    expect(given.get_by_role("status")).to_be_hidden()
    assert [url for url in requested if "/vendor/three/" in url] != []


def test_an_uploaded_model_reaches_the_function_and_is_drawn(page: Page, launch_app, tmp_path):
    cube = tmp_path / "cube.obj"
    cube.write_text(CUBE)
    page.goto(launch_app(MODELS))
    given = page.get_by_role("group", name="Upload a model")
    upload(page, given.get_by_role("button", name="Upload 3D model (Upload a model)"), cube)
    expect(given.get_by_role("img", name=re.compile("cube.obj"))).to_be_visible()
    page.get_by_role("button", name="Submit").click()
    shown = page.get_by_role("group", name="3D Model")
    expect(shown.get_by_role("img", name=re.compile("3D Model: cube.obj"))).to_be_visible()
    picture = drawn(shown)
    assert has_a_shape(picture)
    shown.get_by_role("button", name="Reset view").click()
    expect(shown.get_by_role("link", name="Download")).to_have_attribute(
        "href", re.compile(r"/cube\.obj$")
    )


def test_a_file_that_is_not_a_model_is_refused_in_the_page(page: Page, launch_app, tmp_path):
    notes = tmp_path / "notes.txt"
    notes.write_text("not a model")
    page.goto(launch_app(MODELS))
    given = page.get_by_role("group", name="Upload a model")
    upload(page, given.get_by_role("button", name="Upload 3D model (Upload a model)"), notes)
    expect(given.get_by_role("alert")).to_have_text(
        "notes.txt is not a 3D model Blocks can show (.obj, .glb, .gltf, .stl, .ply)"
    )


def test_without_webgl_the_model_says_so_and_offers_the_file(browser: Browser, launch_app):
    context = browser.new_context()
    context.add_init_script(
        "HTMLCanvasElement.prototype.getContext = function () { return null; };"
    )
    page = context.new_page()
    page.goto(launch_app(MODELS))
    page.locator("blocks-dataset").get_by_role("button", name="Duck.glb").click()
    given = page.get_by_role("group", name="Upload a model")
    expect(given.get_by_role("status")).to_have_text(
        re.compile("^This 3D model cannot be shown: the browser has WebGL turned off")
    )
    expect(given.get_by_role("link", name="Download")).to_be_visible()
    context.close()


# ---------------------------------------------------------------------- in chat messages


def test_a_chat_reply_shows_a_3d_model_and_a_video_player(page: Page, launch_app):
    page.goto(launch_app(CHAT))
    box = page.get_by_role("textbox", name="Message")
    box.fill("Show me a duck")
    box.press("Enter")
    log = page.get_by_role("log")
    model = log.locator("blocks-model3d")
    assert has_a_shape(drawn(model))
    size = model.get_by_role("img").bounding_box()
    assert size is not None and size["width"] >= 300  # a bubble is as wide as its content
    expect(model.get_by_role("img", name=re.compile("^Duck: Duck.glb"))).to_be_visible()
    expect(model.get_by_role("button", name="Upload 3D model")).to_have_count(0)
    box.fill("Show me a video")
    box.press("Enter")
    player = log.locator("video")
    expect(player).to_have_attribute("src", re.compile(r"/world\.mp4$"))
    expect(player).to_have_attribute("controls", "")


# ---------------------------------------------------------------------- accessibility


@pytest.mark.parametrize("app", [WEBCAM, MODELS])
def test_the_video_and_model_pages_have_no_serious_accessibility_problem(
    browser: Browser, launch_app, app
):
    # The axe audit is an inline script, which the app's CSP refuses (as it should).
    context = browser.new_context(bypass_csp=True)
    page = context.new_page()
    page.goto(launch_app(app))
    if app == MODELS:
        page.locator("blocks-dataset").get_by_role("button", name="Duck.glb").click()
        expect(page.locator("blocks-model3d").first).to_have_attribute("data-state", "ready")
    assert serious_violations(page) == []
    context.close()
