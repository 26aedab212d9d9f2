from __future__ import annotations

import pytest

import blocks as gr
from blocks.exceptions import ValidationError
from blocks.testing import update_sent


def test_textbox_passes_text_through_both_ways():
    box = gr.Textbox()
    assert box.preprocess("hi") == "hi"
    assert box.postprocess("hi") == "hi"


def test_textbox_shows_what_a_function_returns_as_text():
    assert gr.Textbox().postprocess(42) == "42"


def test_textbox_treats_null_as_empty():
    box = gr.Textbox()
    assert box.preprocess(None) is None
    assert box.postprocess(None) is None


def test_textbox_refuses_a_value_that_is_not_text_naming_its_label():
    with pytest.raises(ValidationError, match="Name: expected text, got a list"):
        gr.Textbox(label="Name").preprocess(["a"])


def test_textbox_refuses_text_longer_than_max_length():
    with pytest.raises(ValidationError, match="longer than 3 characters"):
        gr.Textbox(max_length=3).preprocess("abcd")


def test_textbox_refuses_an_unknown_type():
    with pytest.raises(ValueError, match="'text', 'password' or 'email'"):
        gr.Textbox(type="number")


def test_textbox_api_info_is_a_string_and_its_example_is_accepted():
    box = gr.Textbox()
    assert box.api_info() == {"type": "string"}
    assert box.preprocess(box.example_payload()) == box.example_payload()


def test_textbox_props_carry_its_settings_and_initial_value():
    props = gr.Textbox("hello", lines=3, placeholder="Type", label="Msg").get_props()
    assert props["value"] == "hello"
    assert props["lines"] == 3
    assert props["max_lines"] == 20
    assert props["placeholder"] == "Type"
    assert props["label"] == "Msg"
    assert props["show_label"] is True


def test_textbox_with_a_callable_value_sends_no_initial_value():
    box = gr.Textbox(lambda: "now")
    assert box.get_props()["value"] is None
    assert box.get_props()["value_is_callable"] is True
    assert box.initial_value() == "now"


def test_a_returned_textbox_updates_only_the_arguments_given_explicitly():
    assert update_sent(gr.Textbox("hi", label="Name")) == {"value": "hi", "label": "Name"}
    assert update_sent(gr.Textbox()) == {}
