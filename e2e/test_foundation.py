"""The foundation demo (examples/greet.py) and the streaming demo in a real browser."""

import re

import pytest
from playwright.sync_api import Page, expect


@pytest.fixture
def greet(page: Page, launch_app) -> Page:
    page.goto(launch_app("examples/greet.py"))
    return page


@pytest.fixture
def streaming(page: Page, launch_app) -> Page:
    page.goto(launch_app("examples/streaming.py"))
    return page


def test_typing_a_name_and_clicking_greet_shows_the_greeting_and_the_json(greet: Page):
    greet.get_by_role("textbox", name="Name").fill("Ada")
    greet.get_by_role("button", name="Greet").click()
    expect(greet.get_by_text("Hello Ada!!")).to_be_visible()
    expect(greet.get_by_text('"Ada"')).to_be_visible()


def test_pressing_enter_in_the_textbox_submits(greet: Page):
    box = greet.get_by_role("textbox", name="Name")
    box.fill("Bob")
    box.press("Enter")
    expect(greet.get_by_text("Hello Bob!!")).to_be_visible()


def test_the_slider_moves_with_the_keyboard_and_its_value_reaches_the_function(greet: Page):
    slider = greet.get_by_role("slider", name="Times")
    expect(slider).to_have_value("2")
    slider.focus()
    slider.press("ArrowRight")
    slider.press("ArrowRight")
    expect(slider).to_have_value("4")
    greet.get_by_role("textbox", name="Name").fill("Cy")
    greet.get_by_role("button", name="Greet").click()
    expect(greet.get_by_text("Hello Cy!!!!")).to_be_visible()


def test_dragging_the_slider_changes_its_value(greet: Page):
    slider = greet.get_by_role("slider", name="Times")
    box = slider.bounding_box()
    assert box is not None
    greet.mouse.click(box["x"] + box["width"] - 2, box["y"] + box["height"] / 2)
    expect(slider).to_have_value("5")


def test_an_empty_name_shows_the_gr_error_message_as_a_toast(greet: Page):
    greet.get_by_role("button", name="Greet").click()
    expect(greet.get_by_role("alert")).to_contain_text("Please enter a name")


def test_a_streamed_output_grows_while_the_function_yields(streaming: Page):
    streaming.get_by_role("button", name="Start").click()
    counted = streaming.get_by_role("textbox", name="Counted")
    expect(counted).to_have_value(re.compile(r"^0 1 2 "))
    early = counted.input_value()
    expect(counted).to_have_value(re.compile(r" 39 $"), timeout=10_000)
    assert len(early) < len(counted.input_value())


def test_stop_cancels_the_stream_and_keeps_what_arrived(streaming: Page):
    streaming.get_by_role("spinbutton", name="Count to").fill("10000")
    streaming.get_by_role("button", name="Start").click()
    counted = streaming.get_by_role("textbox", name="Counted")
    expect(counted).to_have_value(re.compile(r"^0 1 2 3 "))
    streaming.get_by_role("button", name="Stop").click()
    streaming.wait_for_timeout(300)
    stopped_at = counted.input_value()
    streaming.wait_for_timeout(300)
    assert counted.input_value() == stopped_at
    assert "9999" not in stopped_at


def test_a_visibility_update_hides_and_shows_a_component(streaming: Page):
    details = streaming.get_by_role("textbox", name="Details")
    expect(details).to_be_visible()
    streaming.get_by_role("checkbox", name="Show details").uncheck()
    expect(details).to_be_hidden()
    streaming.get_by_role("checkbox", name="Show details").check()
    expect(details).to_be_visible()


def test_info_and_warning_toasts_appear_without_stopping_the_function(streaming: Page):
    note = streaming.get_by_role("textbox", name="Note")
    note.fill("hello")
    note.press("Enter")
    expect(streaming.get_by_role("textbox", name="Shouted")).to_have_value("HELLO")
    expect(streaming.get_by_text("You wrote 5 characters")).to_be_visible()
    expect(streaming.get_by_text("This is a warning")).to_be_visible()


def test_on_a_phone_sized_screen_the_columns_stack(greet: Page):
    greet.set_viewport_size({"width": 375, "height": 800})
    name = greet.get_by_role("textbox", name="Name").bounding_box()
    button = greet.get_by_role("button", name="Greet").bounding_box()
    greet.get_by_role("textbox", name="Name").fill("Ada")
    greet.get_by_role("button", name="Greet").click()
    result = greet.get_by_text("Hello Ada!!").bounding_box()
    assert name and button and result
    assert result["y"] > button["y"]  # the output column sits below, not beside
