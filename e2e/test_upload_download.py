"""UploadButton, DownloadButton, gr.Files and the gr.media samples in a real browser: picking
files, what the listener gets, removing and reordering files, and downloading each file."""

from __future__ import annotations

from pathlib import Path

import pytest
from playwright.sync_api import Page, expect
from test_accessibility import serious_violations

APP = "examples/upload_download.py"
MEDIA = "examples/media_samples.py"


@pytest.fixture(scope="session")
def browser_context_args(browser_context_args):
    # The axe audit is injected as an inline script, which the app's CSP refuses (as it should).
    return {**browser_context_args, "bypass_csp": True, "accept_downloads": True}


@pytest.fixture
def texts(tmp_path: Path) -> dict[str, Path]:
    files = {"a.txt": "alpha file\n", "b.txt": "bravo\n", "c.txt": "charlie!\n"}
    for name, text in files.items():
        (tmp_path / name).write_text(text)
    return {name: tmp_path / name for name in files}


def open_app(page: Page, url: str) -> Page:
    page.goto(url)
    expect(page.locator(".app")).to_be_visible()
    return page


def pick(page: Page, button_name: str, files: list[Path]) -> None:
    with page.expect_file_chooser() as chooser:
        page.get_by_role("button", name=button_name).click()
    chooser.value.set_files([str(path) for path in files])


# ---------------------------------------------------------------------- UploadButton


def test_the_picked_file_reaches_the_listener_which_offers_a_download(page, launch_app, texts):
    open_app(page, launch_app(APP))
    download = page.get_by_role("button", name="Download the result")
    expect(download).to_have_accessible_description("Nothing to download yet")
    with page.expect_file_chooser() as chooser:
        page.get_by_role("button", name="Upload a text file").click()
    expect(page.get_by_text("Choosing a file...")).to_be_visible()  # .click fired
    chooser.value.set_files(str(texts["a.txt"]))
    expect(page.get_by_text("Uploaded a.txt (11 bytes).")).to_be_visible()
    result = page.get_by_role("button", name="Download a_upper.txt")
    expect(result).to_be_enabled()
    expect(result).not_to_have_accessible_description("Nothing to download yet")


def test_the_download_button_saves_its_file_by_name_and_fires_click(page, launch_app, texts):
    open_app(page, launch_app(APP))
    pick(page, "Upload a text file", [texts["c.txt"]])
    with page.expect_download() as download:
        page.get_by_role("button", name="Download c_upper.txt").click()
    assert download.value.suggested_filename == "c_upper.txt"
    assert Path(download.value.path()).read_text() == "CHARLIE!\n"
    expect(page.get_by_role("spinbutton", name="Downloads")).to_have_value("1")


def test_a_file_of_a_type_the_button_refuses_is_not_uploaded_and_says_why(
    page, launch_app, tmp_path
):
    tool = tmp_path / "tool.exe"
    tool.write_bytes(b"MZ")
    open_app(page, launch_app(APP))
    pick(page, "Upload a text file", [tool])
    expect(page.get_by_role("alert")).to_have_text(
        "tool.exe: not an accepted file type (.txt, .md, .csv)"
    )
    download = page.get_by_role("button", name="Download the result")
    expect(download).to_have_accessible_description("Nothing to download yet")


def test_an_upload_over_the_server_limit_shows_the_servers_message(page, launch_app, texts):
    open_app(page, launch_app(APP, env={"BLOCKS_MAX_FILE_SIZE": "8"}))
    pick(page, "Upload a text file", [texts["a.txt"]])
    expect(page.get_by_role("alert")).to_contain_text("a.txt is larger than the limit")
    expect(page.get_by_role("button", name="Upload a text file")).to_be_enabled()
    expect(page.get_by_role("button", name="Download the result")).to_be_visible()


# ---------------------------------------------------------------------- Files


def test_several_files_are_uploaded_listed_and_one_is_removed(page, launch_app, texts):
    open_app(page, launch_app(APP))
    pick(page, "Add files", [texts["a.txt"], texts["b.txt"]])
    summary = page.get_by_role("textbox", name="Summary")
    expect(summary).to_have_value("a.txt: 11 bytes\nb.txt: 6 bytes")
    pick(page, "Upload files", [texts["c.txt"]])  # the list's own picker adds to it
    expect(summary).to_have_value("a.txt: 11 bytes\nb.txt: 6 bytes\nc.txt: 9 bytes")
    files = page.get_by_role("list", name="Your files")
    expect(files.get_by_role("listitem")).to_have_count(3)
    page.get_by_role("button", name="Remove b.txt").click()
    expect(files.get_by_role("listitem")).to_have_count(2)
    expect(summary).to_have_value("a.txt: 11 bytes\nc.txt: 9 bytes")
    expect(page.get_by_text("A file was removed; 2 left.")).to_be_visible()  # .delete fired


def test_files_are_reordered_by_keyboard_and_by_dragging(page, launch_app, texts):
    open_app(page, launch_app(APP))
    pick(page, "Add files", [texts["a.txt"], texts["b.txt"], texts["c.txt"]])
    summary = page.get_by_role("textbox", name="Summary")
    expect(summary).to_have_value("a.txt: 11 bytes\nb.txt: 6 bytes\nc.txt: 9 bytes")
    page.get_by_role("button", name="Reorder c.txt").press("ArrowUp")
    expect(summary).to_have_value("a.txt: 11 bytes\nc.txt: 9 bytes\nb.txt: 6 bytes")
    expect(page.get_by_role("button", name="Reorder c.txt")).to_be_focused()
    rows = page.get_by_role("list", name="Your files").get_by_role("listitem")
    rows.nth(0).drag_to(rows.nth(2))
    expect(summary).to_have_value("c.txt: 9 bytes\nb.txt: 6 bytes\na.txt: 11 bytes")
    expect(rows.nth(2)).to_contain_text("a.txt")


def test_each_listed_file_downloads_with_its_name_and_bytes(page, launch_app, texts):
    open_app(page, launch_app(APP))
    pick(page, "Add files", [texts["a.txt"], texts["b.txt"]])
    files = page.get_by_role("list", name="Your files")
    for name in ("a.txt", "b.txt"):
        with page.expect_download() as download:
            files.get_by_role("link", name=name).click()
        assert download.value.suggested_filename == name
        assert Path(download.value.path()).read_bytes() == texts[name].read_bytes()


def test_the_upload_and_download_page_has_no_serious_accessibility_violations(
    page, launch_app, texts
):
    open_app(page, launch_app(APP))
    pick(page, "Add files", [texts["a.txt"], texts["b.txt"]])
    expect(page.get_by_role("button", name="Reorder b.txt")).to_be_visible()
    assert serious_violations(page) == []


# ---------------------------------------------------------------------- gr.media


def test_the_sample_image_shows_and_the_sample_video_plays(page, launch_app):
    open_app(page, launch_app(MEDIA))
    tower = page.get_by_role("img", name="tower.jpg")
    expect(tower).to_be_visible()
    assert tower.evaluate("(img) => [img.naturalWidth, img.naturalHeight]") == [150, 200]
    href = page.get_by_role("link", name="world.mp4").get_attribute("href")
    shape = page.evaluate(
        """async (src) => {
            const video = document.createElement("video");
            video.muted = true;
            video.src = src;
            await new Promise((ok, fail) => {
                video.onloadeddata = ok;
                video.onerror = () => fail(new Error(`cannot play: ${video.error?.code}`));
            });
            return [video.videoWidth, video.videoHeight, Math.round(video.duration)];
        }""",
        href,
    )
    assert shape == [160, 120, 2]


def test_the_sample_video_downloads_with_its_bytes(page, launch_app):
    from blocks.media import get_video

    open_app(page, launch_app(MEDIA))
    with page.expect_download() as download:
        page.get_by_role("button", name="Download the video").click()
    assert download.value.suggested_filename == "world.mp4"
    assert Path(download.value.path()).read_bytes() == Path(get_video("world.mp4")).read_bytes()


def test_while_the_upload_runs_the_button_is_busy_with_a_progress_bar(page, launch_app, texts):
    open_app(page, launch_app(APP))
    held = []

    def hold(route):  # the upload waits until the test has seen the busy state
        held.append(route)

    page.route("**/upload", hold)
    pick(page, "Upload a text file", [texts["b.txt"]])
    busy = page.get_by_role("button", name="Uploading…")
    expect(busy).to_have_attribute("aria-busy", "true")
    expect(page.get_by_role("progressbar", name="Uploading b.txt")).to_be_visible()
    assert len(held) == 1
    held[0].continue_()
    expect(page.get_by_text("Uploaded b.txt (6 bytes).")).to_be_visible()
    expect(page.get_by_role("progressbar")).to_have_count(0)
    expect(page.get_by_role("button", name="Upload a text file")).to_have_attribute(
        "aria-busy", "false"
    )
