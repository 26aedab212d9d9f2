from __future__ import annotations

import pytest

import blocks as gr
from blocks.exceptions import ValidationError
from blocks.testing import TestClient, update_sent


def toppings(**kwargs) -> gr.CheckboxGroup:
    return gr.CheckboxGroup(
        [("Cheese", "c"), ("Olives", "o"), ("Ham", "h")], label="Toppings", **kwargs
    )


def test_checkbox_group_choices_are_kept_as_label_value_pairs():
    assert toppings().choices == [["Cheese", "c"], ["Olives", "o"], ["Ham", "h"]]
    assert gr.CheckboxGroup(["a", 2]).choices == [["a", "a"], ["2", 2]]


def test_checkbox_group_passes_the_ticked_values_as_a_list():
    assert toppings().preprocess(["c", "h"]) == ["c", "h"]
    assert toppings().preprocess([]) == []
    assert toppings().preprocess(None) == []


def test_checkbox_group_with_type_index_gives_the_indices_of_the_ticked_choices():
    assert toppings(type="index").preprocess(["h", "c"]) == [2, 0]


def test_checkbox_group_refuses_a_value_that_is_not_a_choice_listing_the_choices():
    with pytest.raises(ValidationError) as caught:
        toppings().preprocess(["c", "Cheese"])
    assert str(caught.value) == "Toppings: 'Cheese' is not one of the choices: 'c', 'o', 'h'"


def test_checkbox_group_refuses_a_single_value_that_is_not_in_a_list():
    with pytest.raises(
        ValidationError, match="Toppings: expected a list of choices, got the text 'c'"
    ):
        toppings().preprocess("c")


def test_checkbox_group_refuses_an_oversized_list():
    group = gr.CheckboxGroup(["a"])
    with pytest.raises(ValidationError, match="too large"):
        group.preprocess(["a"] * (group.MAX_PAYLOAD_CHARS + 1))


def test_checkbox_group_refuses_an_unknown_type():
    with pytest.raises(ValueError, match="'value' or 'index'"):
        gr.CheckboxGroup(["a"], type="label")


def test_checkbox_group_shows_one_returned_value_or_none_as_a_list():
    group = toppings()
    assert group.postprocess("c") == ["c"]
    assert group.postprocess(("c", "o")) == ["c", "o"]
    assert group.postprocess(None) == []


def test_checkbox_group_value_is_given_by_keyword_as_in_the_reference():
    assert toppings(value=["o"]).get_props()["value"] == ["o"]
    assert gr.CheckboxGroup(["a"]).get_props()["value"] == []


def test_checkbox_group_api_info_is_an_array_of_its_choice_values():
    assert toppings().api_info() == {
        "type": "array",
        "items": {"type": "string", "enum": ["c", "o", "h"]},
    }


def test_checkbox_group_example_payload_is_accepted():
    group = toppings()
    assert group.preprocess(group.example_payload()) == ["c"]
    assert gr.CheckboxGroup().example_payload() == []


def test_checkbox_group_props_carry_choices_and_select_all():
    props = toppings(show_select_all=True).get_props()
    assert props["choices"] == [["Cheese", "c"], ["Olives", "o"], ["Ham", "h"]]
    assert props["show_select_all"] is True


def test_checkbox_group_events_are_change_input_and_select():
    assert {"change", "input", "select"} <= set(gr.CheckboxGroup.EVENTS)


def test_returning_a_checkbox_group_with_new_choices_updates_them():
    assert update_sent(gr.CheckboxGroup(["x", "y"])) == {"choices": [["x", "x"], ["y", "y"]]}


def test_a_listener_gets_the_ticked_values_of_a_checkbox_group():
    with gr.Blocks() as demo:
        group = toppings()
        summary = gr.Textbox()
        group.change(lambda ticked: ",".join(ticked), group, summary)
    with TestClient(demo) as client:
        client.change(group, ["o", "h"])
        assert client.value(summary) == "o,h"
