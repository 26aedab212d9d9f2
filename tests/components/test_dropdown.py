from __future__ import annotations

import pytest

import blocks as gr
from blocks.exceptions import ValidationError
from blocks.testing import update_sent


def fruit(**kwargs) -> gr.Dropdown:
    return gr.Dropdown(["apple", ("Banana!", "banana"), "cherry"], label="Fruit", **kwargs)


def test_dropdown_choices_are_kept_as_label_value_pairs():
    assert fruit().choices == [["apple", "apple"], ["Banana!", "banana"], ["cherry", "cherry"]]
    assert gr.Dropdown([1, 2]).choices == [["1", 1], ["2", 2]]


def test_dropdown_choices_updated_later_are_normalised_too():
    dropdown = fruit()
    dropdown.choices = ["x", ("Why", "y")]
    assert dropdown.choices == [["x", "x"], ["Why", "y"]]
    clone = dropdown.with_props({"choices": ["z"]})
    assert clone.get_props()["choices"] == [["z", "z"]]
    assert dropdown.choices == [["x", "x"], ["Why", "y"]]


def test_dropdown_refuses_choices_that_are_not_a_list():
    with pytest.raises(TypeError, match="choices must be a list"):
        gr.Dropdown("abc")
    with pytest.raises(TypeError, match=r"\(label, value\)"):
        gr.Dropdown([("a", "b", "c")])


def test_dropdown_value_defaults_to_the_first_choice_like_gradio():
    assert fruit().value == "apple"
    assert fruit(multiselect=True).value == []
    assert gr.Dropdown().value is None
    assert fruit(value=None).value is None


def test_dropdown_takes_choices_and_value_positionally():
    assert gr.Dropdown(["a", "b"], "b").value == "b"


def test_dropdown_passes_a_chosen_value_through():
    assert fruit().preprocess("banana") == "banana"


def test_dropdown_unknown_choice_is_refused_listing_the_choices():
    with pytest.raises(ValidationError) as caught:
        fruit().preprocess("kiwi")
    expected = "Fruit: 'kiwi' is not one of the choices: 'apple', 'banana', 'cherry'"
    assert str(caught.value) == expected


def test_dropdown_lists_only_the_first_ten_choices_in_an_error():
    dropdown = gr.Dropdown([str(n) for n in range(25)])
    with pytest.raises(ValidationError, match="and 15 more"):
        dropdown.preprocess("x")


def test_dropdown_does_not_take_a_boolean_for_a_number_choice():
    with pytest.raises(ValidationError, match="not one of the choices"):
        gr.Dropdown([0, 1]).preprocess(True)


def test_dropdown_accepts_a_custom_value_when_allowed():
    assert fruit(allow_custom_value=True).preprocess("kiwi") == "kiwi"


def test_dropdown_with_type_index_gives_the_index_of_the_choice():
    dropdown = fruit(type="index")
    assert dropdown.preprocess("banana") == 1
    assert fruit(type="index", allow_custom_value=True).preprocess("kiwi") is None


def test_dropdown_single_select_refuses_a_list():
    with pytest.raises(ValidationError, match="expected one choice, got a list"):
        fruit().preprocess(["apple"])


def test_dropdown_multiselect_gives_a_list():
    dropdown = fruit(multiselect=True)
    assert dropdown.preprocess(["cherry", "apple"]) == ["cherry", "apple"]
    assert dropdown.preprocess(None) == []
    assert fruit(multiselect=True, type="index").preprocess(["cherry", "apple"]) == [2, 0]


def test_dropdown_multiselect_refuses_a_single_value_and_unknown_choices():
    dropdown = fruit(multiselect=True)
    with pytest.raises(ValidationError, match="expected a list of choices, got the text 'apple'"):
        dropdown.preprocess("apple")
    with pytest.raises(ValidationError, match="'kiwi' is not one of the choices"):
        dropdown.preprocess(["apple", "kiwi"])


def test_dropdown_multiselect_refuses_more_than_max_choices():
    with pytest.raises(ValidationError, match="at most 2 choices can be selected, got 3"):
        fruit(multiselect=True, max_choices=2).preprocess(["apple", "banana", "cherry"])


def test_dropdown_postprocess_accepts_a_value_or_a_list():
    assert fruit().postprocess("apple") == "apple"
    assert fruit().postprocess(None) is None
    multi = fruit(multiselect=True)
    assert multi.postprocess("apple") == ["apple"]
    assert multi.postprocess(("apple", "cherry")) == ["apple", "cherry"]
    assert multi.postprocess(None) == []


def test_dropdown_postprocess_returns_a_fresh_list():
    chosen = ["apple"]
    shown = fruit(multiselect=True).postprocess(chosen)
    chosen.append("banana")
    assert shown == ["apple"]


def test_dropdown_refuses_an_unknown_type():
    with pytest.raises(ValueError, match="'value' or 'index'"):
        gr.Dropdown(["a"], type="label")


def test_dropdown_api_info_lists_the_choice_values():
    assert fruit().api_info() == {"type": "string", "enum": ["apple", "banana", "cherry"]}
    assert fruit(allow_custom_value=True).api_info() == {"type": "string"}
    assert fruit(multiselect=True, max_choices=2).api_info() == {
        "type": "array",
        "items": {"type": "string", "enum": ["apple", "banana", "cherry"]},
        "maxItems": 2,
    }


@pytest.mark.parametrize("kwargs", [{}, {"multiselect": True}, {"type": "index"}])
def test_dropdown_example_payload_is_accepted(kwargs: dict):
    dropdown = fruit(**kwargs)
    value = dropdown.preprocess(dropdown.example_payload())
    values = ["apple", "banana", "cherry"]
    if kwargs.get("multiselect"):
        assert isinstance(value, list) and set(value) <= set(values)
    elif kwargs.get("type") == "index":
        assert value in range(len(values))
    else:
        assert value in values


def test_dropdown_props_carry_its_choices_and_settings():
    props = fruit(multiselect=True, max_choices=2, filterable=False).get_props()
    assert props["choices"][1] == ["Banana!", "banana"]
    assert props["multiselect"] is True
    assert props["max_choices"] == 2
    assert props["filterable"] is False
    assert props["allow_custom_value"] is False
    assert props["value"] == []


def test_dropdown_events_include_change_input_select_focus_and_blur():
    assert {"change", "input", "select", "focus", "blur"} <= set(gr.Dropdown.EVENTS)


def test_a_returned_dropdown_updates_only_the_arguments_given_explicitly():
    assert update_sent(gr.Dropdown(["a"], label="L")) == {"choices": [["a", "a"]], "label": "L"}
