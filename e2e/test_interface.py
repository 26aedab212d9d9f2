"""gr.Interface and gr.TabbedInterface apps (examples/interface_*.py) in a real browser."""

import io

import pytest
from PIL import Image
from playwright.sync_api import Page, expect


@pytest.fixture
def text_app(page: Page, launch_app) -> Page:
    page.goto(launch_app("examples/interface_text.py"))
    return page


def test_string_shortcuts_make_labelled_fields_and_submit_runs_the_function(text_app: Page):
    page = text_app
    expect(page.get_by_role("heading", level=1, name="Greeter")).to_be_visible()
    page.get_by_role("textbox", name="name").fill("Ada")
    page.get_by_role("slider", name="intensity").fill("3")
    page.get_by_role("button", name="Submit").click()
    expect(page.get_by_role("textbox", name="output")).to_have_value("Hello, Ada!!!")
    expect(page.get_by_text("Built with")).to_be_visible()


def test_clear_empties_the_inputs_and_the_output(text_app: Page):
    page = text_app
    page.get_by_role("textbox", name="name").fill("Bo")
    page.get_by_role("button", name="Submit").click()
    expect(page.get_by_role("textbox", name="output")).to_have_value("Hello, Bo")
    page.get_by_role("button", name="Clear").click()
    expect(page.get_by_role("textbox", name="name")).to_have_value("")
    expect(page.get_by_role("textbox", name="output")).to_have_value("")


def test_live_interface_has_no_submit_and_updates_when_a_slider_moves(page: Page, launch_app):
    page.goto(launch_app("examples/interface_live.py"))
    expect(page.get_by_role("button", name="Submit")).to_have_count(0)
    slider = page.get_by_role("slider", name="a")
    slider.focus()
    slider.press("ArrowRight")
    expect(page.get_by_role("spinbutton", name="Sum")).to_have_value("6")
    page.get_by_role("slider", name="b").fill("10")
    expect(page.get_by_role("spinbutton", name="Sum")).to_have_value("13")


def test_an_uploaded_image_comes_back_mirrored(page: Page, launch_app, tmp_path):
    page.goto(launch_app("examples/interface_image.py"))
    picture = Image.new("RGB", (40, 20), "white")
    picture.paste((255, 0, 0), (0, 0, 10, 20))  # red on the left
    path = tmp_path / "left.png"
    picture.save(path)
    page.locator("blocks-image").first.locator("input[type=file]").set_input_files(str(path))
    page.get_by_role("button", name="Submit").click()
    shown = page.get_by_role("img", name="Mirrored")
    expect(shown).to_be_visible()
    data = page.evaluate(
        "async (src) => { const r = await fetch(src); const b = new Uint8Array(await "
        "r.arrayBuffer()); return Array.from(b); }",
        shown.get_attribute("src"),
    )
    result = Image.open(io.BytesIO(bytes(data))).convert("RGB")
    assert result.size == (40, 20)
    assert result.getpixel((35, 10))[0] > 200 and result.getpixel((35, 10))[1] < 80
    assert result.getpixel((2, 10)) == (255, 255, 255)


def test_tabbed_interface_shows_each_interface_in_its_tab(page: Page, launch_app):
    page.goto(launch_app("examples/interface_tabbed.py"))
    expect(page.get_by_role("heading", level=1, name="Greetings")).to_be_visible()
    page.get_by_role("textbox", name="name").first.fill("Ann")
    page.get_by_role("button", name="Submit").first.click()
    expect(page.get_by_role("textbox", name="output").first).to_have_value("Hello Ann!")
    page.get_by_role("tab", name="Bye World").click()
    panel = page.get_by_role("tabpanel")
    panel.get_by_role("textbox", name="name").fill("Ben")
    panel.get_by_role("button", name="Submit").click()
    expect(panel.get_by_role("textbox", name="output")).to_have_value("Bye Ben!")
