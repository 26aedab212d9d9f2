from __future__ import annotations

import pytest

import blocks as gr
from blocks.testing import update_sent


def test_button_value_is_its_text():
    btn = gr.Button("Go")
    assert btn.value == "Go"
    assert btn.preprocess("Go") == "Go"
    assert btn.postprocess("Stop") == "Stop"


def test_button_defaults_to_run():
    assert gr.Button().get_props()["value"] == "Run"


def test_button_treats_null_as_empty():
    assert gr.Button().preprocess(None) is None
    assert gr.Button().postprocess(None) is None


def test_button_refuses_an_unknown_variant_or_size():
    with pytest.raises(ValueError, match="variant"):
        gr.Button(variant="danger")
    with pytest.raises(ValueError, match="size"):
        gr.Button(size="xl")


def test_button_api_info_is_a_string_and_its_example_is_accepted():
    btn = gr.Button()
    assert btn.api_info() == {"type": "string"}
    assert btn.preprocess(btn.example_payload()) == "Run"


def test_button_props_carry_its_variant_size_icon_and_link():
    props = gr.Button("Go", variant="primary", size="sm", link="/x").get_props()
    assert props["variant"] == "primary"
    assert props["size"] == "sm"
    assert props["icon"] is None
    assert props["link"] == "/x"
    assert props["min_width"] is None


def test_button_has_a_click_event():
    assert "click" in gr.Button.EVENTS


def test_a_returned_button_updates_only_the_arguments_given_explicitly():
    assert update_sent(gr.Button("Go", variant="stop")) == {"value": "Go", "variant": "stop"}
