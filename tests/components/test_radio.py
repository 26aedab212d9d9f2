from __future__ import annotations

import pytest

import blocks as gr
from blocks.exceptions import ValidationError
from blocks.testing import update_sent


def sizes(**kwargs) -> gr.Radio:
    return gr.Radio([("Small", "s"), ("Large", "l")], label="Size", **kwargs)


def test_radio_choices_are_kept_as_label_value_pairs():
    assert sizes().choices == [["Small", "s"], ["Large", "l"]]
    assert gr.Radio(["a"]).choices == [["a", "a"]]


def test_radio_value_defaults_to_nothing_chosen():
    assert sizes().value is None
    assert gr.Radio(["a", "b"], "b").value == "b"


def test_radio_passes_a_chosen_value_through():
    assert sizes().preprocess("l") == "l"
    assert sizes().preprocess(None) is None


def test_radio_with_type_index_gives_the_index_of_the_choice():
    assert sizes(type="index").preprocess("l") == 1


def test_radio_unknown_choice_is_refused_listing_the_choices():
    with pytest.raises(ValidationError) as caught:
        sizes().preprocess("Small")
    assert str(caught.value) == "Size: 'Small' is not one of the choices: 's', 'l'"


def test_radio_refuses_a_list():
    with pytest.raises(ValidationError, match="expected one choice, got a list"):
        sizes().preprocess(["s"])


def test_radio_refuses_an_unknown_type():
    with pytest.raises(ValueError, match="'value' or 'index'"):
        gr.Radio(["a"], type="label")


def test_radio_postprocess_passes_the_value_through():
    assert sizes().postprocess("s") == "s"
    assert sizes().postprocess(None) is None


def test_radio_api_info_lists_the_choice_values():
    assert sizes().api_info() == {"type": "string", "enum": ["s", "l"]}
    assert gr.Radio([1, 2]).api_info() == {"type": "integer", "enum": [1, 2]}


def test_radio_example_payload_is_accepted():
    radio = sizes()
    assert radio.preprocess(radio.example_payload()) == "s"


def test_radio_props_carry_its_choices():
    props = sizes(value="s", rtl=True).get_props()
    assert props["choices"] == [["Small", "s"], ["Large", "l"]]
    assert props["value"] == "s"
    assert props["rtl"] is True


def test_radio_events_are_change_input_and_select():
    assert {"change", "input", "select"} <= set(gr.Radio.EVENTS)


def test_a_returned_radio_updates_only_the_arguments_given_explicitly():
    # `type` only says how the server reads the value: the page has nothing to update.
    assert update_sent(gr.Radio(["a"], type="index")) == {"choices": [["a", "a"]]}
