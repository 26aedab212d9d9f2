from __future__ import annotations

import pytest

import blocks as gr
from blocks.exceptions import ValidationError
from blocks.testing import update_sent


def test_checkbox_passes_booleans_through():
    box = gr.Checkbox()
    assert box.preprocess(True) is True
    assert box.preprocess(False) is False


def test_checkbox_reads_null_as_unticked():
    assert gr.Checkbox().preprocess(None) is False


def test_checkbox_refuses_anything_but_a_boolean_naming_its_label():
    with pytest.raises(ValidationError, match="Agree: expected true or false, got the number 1"):
        gr.Checkbox(label="Agree").preprocess(1)
    with pytest.raises(ValidationError, match="got the text 'true'"):
        gr.Checkbox().preprocess("true")


def test_checkbox_shows_any_returned_value_as_a_boolean():
    assert gr.Checkbox().postprocess(1) is True
    assert gr.Checkbox().postprocess([]) is False
    assert gr.Checkbox().postprocess(None) is None


def test_checkbox_defaults_to_unticked():
    assert gr.Checkbox().get_props()["value"] is False
    assert gr.Checkbox(True).get_props()["value"] is True


def test_checkbox_api_info_is_a_boolean_and_its_example_is_accepted():
    box = gr.Checkbox()
    assert box.api_info() == {"type": "boolean"}
    assert box.preprocess(box.example_payload()) is True


def test_checkbox_events_are_change_input_and_select():
    assert {"change", "input", "select"} <= set(gr.Checkbox.EVENTS)


def test_a_returned_checkbox_updates_only_the_arguments_given_explicitly():
    assert update_sent(gr.Checkbox(True, label="A")) == {"value": True, "label": "A"}
