from __future__ import annotations

import pytest

import blocks as gr
from blocks.exceptions import ValidationError
from blocks.testing import TestClient


def test_color_picker_passes_the_hex_code_through():
    assert gr.ColorPicker().preprocess("#ff8800") == "#ff8800"
    assert gr.ColorPicker().preprocess(None) is None


def test_color_picker_sends_short_and_upper_case_hex_codes_in_full_lower_case():
    picker = gr.ColorPicker()
    assert picker.postprocess("#F80") == "#ff8800"
    assert picker.postprocess("#FF8800") == "#ff8800"
    assert picker.postprocess(None) is None


def test_color_picker_sends_other_css_colours_as_they_are_and_takes_them_back():
    picker = gr.ColorPicker()
    assert picker.postprocess("rebeccapurple") == "rebeccapurple"
    assert picker.preprocess(picker.postprocess("rebeccapurple")) == "rebeccapurple"


def test_color_picker_refuses_a_payload_that_is_not_text_naming_its_label():
    with pytest.raises(
        ValidationError, match="Colour: expected a colour like '#ff8800', got the number 3"
    ):
        gr.ColorPicker(label="Colour").preprocess(3)


def test_color_picker_refuses_text_too_long_to_be_a_colour():
    with pytest.raises(ValidationError, match="at most 64 characters"):
        gr.ColorPicker().preprocess("#" * 65)


def test_color_picker_events_are_change_input_submit_focus_and_blur():
    assert {"change", "input", "submit", "focus", "blur"} <= set(gr.ColorPicker.EVENTS)


def test_color_picker_api_info_and_example_payload():
    picker = gr.ColorPicker()
    assert picker.api_info()["type"] == "string"
    assert picker.preprocess(picker.example_payload()) == "#000000"


def test_a_listener_turns_the_picker_to_another_colour():
    with gr.Blocks() as demo:
        picker = gr.ColorPicker("#000000")
        button = gr.Button()
        button.click(lambda color: "#FFF" if color == "#000000" else "#000", picker, picker)
    with TestClient(demo) as client:
        client.click(button)
        assert client.value(picker) == "#ffffff"
