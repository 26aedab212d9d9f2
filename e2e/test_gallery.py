"""Gallery (and ImageSlider) in a real browser: the examples' grids, the preview with the
mouse and the keyboard, uploads, a gallery in a chat reply, the slider's divider."""

import re
from pathlib import Path

import pytest
from PIL import Image
from playwright.sync_api import Page, expect
from test_accessibility import serious_violations

GENERATED = "examples/gallery_generated.py"
UPLOAD = "examples/gallery_upload.py"
CHAT = "examples/gallery_chat.py"
SLIDER = "examples/gallery_slider.py"


@pytest.fixture(scope="session")
def browser_context_args(browser_context_args):
    # The axe audit is injected as an inline script, which the app's CSP refuses (as it should).
    return {**browser_context_args, "bypass_csp": True}


def open_app(page: Page, launch_app, path: str) -> Page:
    page.goto(launch_app(path))
    expect(page.locator(".app")).to_be_visible()
    return page


def pictures(page: Page):
    return page.get_by_role("group", name="Pictures")


# ---------------------------------------------------------------------- the grid


def test_the_gallery_shows_its_pictures_in_columns_with_their_captions(page: Page, launch_app):
    page.set_viewport_size({"width": 1280, "height": 900})
    open_app(page, launch_app, GENERATED)
    grid = pictures(page).get_by_role("list", name="Pictures")
    expect(grid.get_by_role("listitem")).to_have_count(8)
    for name in ("Circle 1", "Square 2", "Triangle 3"):
        expect(grid.get_by_role("button", name=name, exact=True)).to_be_visible()
    expect(grid.get_by_text("Diamond 4", exact=True)).to_be_visible()
    # columns=[2, 3, 4]: the last count holds for wide screens, so four to a row.
    tops = [round(grid.get_by_role("listitem").nth(i).bounding_box()["y"]) for i in range(5)]
    assert tops[0] == tops[1] == tops[2] == tops[3] < tops[4]
    page.set_viewport_size({"width": 500, "height": 900})  # the smallest screens: two
    tops = [grid.get_by_role("listitem").nth(i).evaluate("e => e.offsetTop") for i in range(3)]
    assert tops[0] == tops[1] < tops[2]


def test_clicking_a_thumbnail_selects_it_and_opens_the_preview(page: Page, launch_app):
    open_app(page, launch_app, GENERATED)
    pictures(page).get_by_role("button", name="Triangle 3").click()
    expect(page.get_by_role("textbox", name="Picked")).to_have_value("You picked #3: Triangle 3")
    dialog = page.get_by_role("dialog", name="Pictures preview")
    expect(dialog).to_be_visible()
    expect(dialog.get_by_role("img", name="Triangle 3")).to_be_visible()
    expect(dialog.get_by_text("3 of 8")).to_be_visible()
    expect(page.get_by_role("textbox", name="Preview")).to_have_value("open")
    expect(dialog.get_by_role("link", name="Download")).to_have_attribute(
        "href", re.compile(r"/file/[^/]+/image\.webp$")
    )
    dialog.get_by_role("button", name="Close").click()
    expect(dialog).to_be_hidden()
    expect(page.get_by_role("textbox", name="Preview")).to_have_value("closed")
    expect(pictures(page).get_by_role("button", name="Triangle 3")).to_be_focused()


def test_a_listener_returning_no_selected_index_closes_the_preview(page: Page, launch_app):
    open_app(page, launch_app, GENERATED)
    pictures(page).get_by_role("button", name="Square 2").click()
    dialog = page.get_by_role("dialog", name="Pictures preview")
    expect(dialog).to_be_visible()
    page.get_by_role("button", name="Deselect").click()
    expect(dialog).to_be_hidden()
    thumb = pictures(page).get_by_role("button", name="Square 2")
    expect(thumb).not_to_have_attribute("aria-current", "true")
    # The next click opens it again.
    thumb.click()
    expect(dialog).to_be_visible()


def test_the_preview_moves_with_the_arrow_keys_and_closes_with_escape(page: Page, launch_app):
    open_app(page, launch_app, GENERATED)
    picked = page.get_by_role("textbox", name="Picked")
    thumb = pictures(page).get_by_role("button", name="Square 2")
    thumb.focus()
    page.keyboard.press("Enter")
    dialog = page.get_by_role("dialog", name="Pictures preview")
    expect(dialog).to_be_focused()
    expect(picked).to_have_value("You picked #2: Square 2")
    page.keyboard.press("ArrowRight")
    expect(dialog.get_by_role("img", name="Triangle 3")).to_be_visible()
    expect(picked).to_have_value("You picked #3: Triangle 3")
    # Each move is a select (waited for: a select while one runs is dropped, as in the
    # reference's trigger_mode="once").
    page.keyboard.press("ArrowLeft")
    expect(picked).to_have_value("You picked #2: Square 2")
    page.keyboard.press("ArrowLeft")
    expect(picked).to_have_value("You picked #1: Circle 1")
    page.keyboard.press("ArrowLeft")  # past the first: around to the last
    expect(dialog.get_by_role("img", name="Diamond 8")).to_be_visible()
    expect(picked).to_have_value("You picked #8: Diamond 8")
    dialog.get_by_role("button", name="Next").click()
    expect(dialog.get_by_role("img", name="Circle 1")).to_be_visible()
    dialog.get_by_role("button", name="Previous").press("Escape")
    expect(dialog).to_be_hidden()
    # The focus is back on the thumbnail of the picture last shown.
    expect(pictures(page).get_by_role("button", name="Circle 1")).to_be_focused()


def test_two_hundred_pictures_render_and_load_only_as_they_scroll_into_view(page: Page, launch_app):
    open_app(page, launch_app, GENERATED)
    page.get_by_role("spinbutton", name="How many").fill("200")
    page.get_by_role("spinbutton", name="How many").press("Enter")
    page.get_by_role("button", name="Generate").click()
    grid = pictures(page).get_by_role("list", name="Pictures")
    expect(grid.get_by_role("listitem")).to_have_count(200)
    images = grid.locator("img")
    assert images.evaluate_all("all => all.every((img) => img.loading === 'lazy')")
    last = grid.get_by_role("button", name="Diamond 200")
    assert not last.locator("img").evaluate("img => img.complete && img.naturalWidth > 0")
    last.click()
    expect(page.get_by_role("textbox", name="Picked")).to_have_value("You picked #200: Diamond 200")
    expect(
        page.get_by_role("dialog", name="Pictures preview").get_by_text("200 of 200")
    ).to_be_visible()


# ---------------------------------------------------------------------- uploads


def test_uploaded_pictures_reach_the_function_and_clear_empties_the_gallery(
    page: Page, launch_app, tmp_path: Path
):
    first, second = tmp_path / "wide.png", tmp_path / "tall.png"
    Image.new("RGB", (30, 20), "#f97316").save(first)
    Image.new("RGB", (10, 40), "#0ea5e9").save(second)
    open_app(page, launch_app, UPLOAD)
    yours = page.get_by_role("group", name="Your pictures")
    with page.expect_file_chooser() as chooser:
        yours.get_by_role("button", name=re.compile("click to upload")).click()
    chooser.value.set_files([str(first), str(second)])
    summary = page.get_by_role("textbox", name="Summary")
    expect(summary).to_have_value("1. untitled: 30×20\n2. untitled: 10×40")
    mirrored = page.get_by_role("group", name="Mirrored")
    expect(mirrored.get_by_role("button", name="Mirrored 2")).to_be_visible()
    expect(yours.get_by_role("button", name="Image 2")).to_be_visible()
    # More pictures are added to those already there.
    with page.expect_file_chooser() as chooser:
        yours.get_by_role("button", name="Add images").click()
    chooser.value.set_files([str(first)])
    expect(summary).to_have_value(re.compile(r"\n3\. untitled: 30×20$"))
    yours.get_by_role("button", name="Clear").click()
    expect(summary).to_have_value("No pictures yet.")


def test_a_file_that_is_not_a_picture_is_refused_before_it_is_sent(
    page: Page, launch_app, tmp_path: Path
):
    notes = tmp_path / "notes.txt"
    notes.write_text("hello")
    open_app(page, launch_app, UPLOAD)
    yours = page.get_by_role("group", name="Your pictures")
    yours.locator("input[type=file]").set_input_files(str(notes))
    expect(yours.get_by_role("alert")).to_contain_text("notes.txt")
    expect(yours.get_by_role("listitem")).to_have_count(0)


# ---------------------------------------------------------------------- in a chat


def test_a_gallery_in_a_chat_reply_shows_its_pictures(page: Page, launch_app):
    open_app(page, launch_app, CHAT)
    box = page.get_by_role("textbox", name="Message")
    box.fill("Show me 4 pictures")
    box.press("Enter")
    swatch = page.get_by_role("img", name="Swatch #0ea5e9")
    expect(swatch).to_be_visible()
    page.wait_for_function("(img) => img.naturalWidth > 0", arg=swatch.element_handle())
    expect(page.locator(".msg-gallery img")).to_have_count(4)


# ---------------------------------------------------------------------- ImageSlider


def test_the_image_slider_divider_follows_a_drag_and_the_arrow_keys(page: Page, launch_app):
    open_app(page, launch_app, SLIDER)
    divider = page.get_by_role("slider", name="Landscape comparison")
    expect(divider).to_have_attribute("aria-valuenow", "50")
    landscape = page.get_by_role("group", name="Landscape")
    expect(landscape.get_by_role("img", name="Landscape 2")).to_be_visible()
    box = landscape.locator(".slider-box").bounding_box()
    assert box is not None
    y = box["y"] + box["height"] / 2
    page.mouse.move(box["x"] + box["width"] / 2, y)
    page.mouse.down()
    page.mouse.move(box["x"] + box["width"] * 0.25, y, steps=5)
    page.mouse.up()
    expect(divider).to_have_attribute("aria-valuenow", "25")
    # What the divider uncovers: the second picture starts where it is.
    cover = landscape.locator(".slider-cover").evaluate("e => getComputedStyle(e).clipPath")
    assert cover == "inset(0px 0px 0px 25%)"
    expect(divider).to_be_focused()
    page.keyboard.press("ArrowRight")
    expect(divider).to_have_attribute("aria-valuenow", "26")
    page.keyboard.press("Shift+ArrowLeft")
    expect(divider).to_have_attribute("aria-valuenow", "16")
    page.keyboard.press("End")
    expect(divider).to_have_attribute("aria-valuenow", "100")
    expect(divider).to_have_attribute("aria-valuetext", "100% of the first image shown")


def test_a_pair_uploaded_into_the_image_slider_reaches_the_function(
    page: Page, launch_app, tmp_path: Path
):
    first, second = tmp_path / "first.png", tmp_path / "second.png"
    Image.new("RGB", (40, 30), "#f97316").save(first)
    Image.new("RGB", (20, 10), "#0ea5e9").save(second)
    open_app(page, launch_app, SLIDER)
    pair = page.get_by_role("group", name="Your pair")
    with page.expect_file_chooser() as chooser:
        pair.get_by_role("button", name="Upload the first image").click()
    chooser.value.set_files([str(first), str(second)])
    expect(page.get_by_role("textbox", name="Sizes")).to_have_value("First: 40×30, second: 20×10")
    divider = pair.get_by_role("slider", name="Your pair comparison")
    expect(divider).to_have_attribute("aria-valuenow", "30")  # slider_position=30
    pair.get_by_role("button", name="Clear").click()
    expect(pair.get_by_role("button", name="Upload the second image")).to_be_visible()


# ---------------------------------------------------------------------- accessibility


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_the_gallery_and_its_preview_have_no_serious_accessibility_violations(
    page: Page, launch_app, scheme
):
    page.emulate_media(color_scheme=scheme)
    open_app(page, launch_app, GENERATED)
    assert serious_violations(page) == []
    pictures(page).get_by_role("button", name="Circle 1").click()
    expect(page.get_by_role("dialog", name="Pictures preview")).to_be_visible()
    assert serious_violations(page) == []


@pytest.mark.parametrize("app", [UPLOAD, SLIDER])
def test_the_upload_and_slider_examples_have_no_serious_accessibility_violations(
    page: Page, launch_app, app
):
    open_app(page, launch_app, app)
    assert serious_violations(page) == []
