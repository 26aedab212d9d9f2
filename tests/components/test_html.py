from __future__ import annotations

import pytest

import blocks as gr
from blocks.exceptions import ValidationError
from blocks.testing import update_sent


def test_html_value_is_text_both_ways():
    html = gr.HTML("<b>hi</b>")
    assert html.get_props()["value"] == "<b>hi</b>"
    assert html.preprocess("<i>x</i>") == "<i>x</i>"
    assert html.postprocess(5) == "5"


def test_html_treats_null_as_empty():
    assert gr.HTML().preprocess(None) is None
    assert gr.HTML().postprocess(None) is None


def test_html_refuses_a_value_that_is_not_text():
    with pytest.raises(ValidationError, match="expected text, got a list"):
        gr.HTML().preprocess([])


def test_html_defaults_match_gradio():
    props = gr.HTML().get_props()
    assert props["value"] == ""
    assert props["show_label"] is False
    assert props["container"] is False
    assert props["padding"] is True


def test_html_api_info_is_a_string_and_its_example_is_accepted():
    html = gr.HTML()
    assert html.api_info() == {"type": "string"}
    assert html.preprocess(html.example_payload()) == html.example_payload()


def test_html_events_are_change_and_click():
    assert {"change", "click"} <= set(gr.HTML.EVENTS)


def test_a_returned_html_updates_only_the_arguments_given_explicitly():
    assert update_sent(gr.HTML("<p/>", max_height=100)) == {"value": "<p/>", "max_height": 100}
