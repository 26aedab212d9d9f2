from __future__ import annotations

import math

import pytest

import blocks as gr
from blocks.exceptions import ValidationError
from blocks.testing import update_sent


def test_number_gives_a_float_without_precision():
    value = gr.Number().preprocess(3)
    assert value == 3.0 and isinstance(value, float)


def test_number_with_precision_zero_gives_an_int():
    value = gr.Number(precision=0).preprocess(3.6)
    assert value == 4 and isinstance(value, int)


def test_number_rounds_to_its_precision_both_ways():
    number = gr.Number(precision=2)
    assert number.preprocess(1.23456) == 1.23
    assert number.postprocess(1.23456) == 1.23


def test_number_treats_null_as_empty():
    assert gr.Number().preprocess(None) is None
    assert gr.Number().postprocess(None) is None


def test_number_refuses_numeric_text_and_says_to_send_a_number():
    with pytest.raises(ValidationError, match=r"Age: expected a number, got the text '3'.*quotes"):
        gr.Number(label="Age").preprocess("3")


def test_number_refuses_a_boolean():
    with pytest.raises(ValidationError, match="expected a number, got the boolean true"):
        gr.Number().preprocess(True)


@pytest.mark.parametrize("payload", [math.nan, math.inf, -math.inf])
def test_number_refuses_nan_and_infinities(payload: float):
    with pytest.raises(ValidationError, match="finite"):
        gr.Number().preprocess(payload)


def test_number_refuses_an_int_too_large_for_a_float():
    with pytest.raises(ValidationError, match="too large"):
        gr.Number().preprocess(10**400)


def test_number_outside_its_range_is_refused_with_the_label_and_the_range():
    with pytest.raises(ValidationError, match="Age: 130 is outside the range 0 to 120"):
        gr.Number(label="Age", minimum=0, maximum=120).preprocess(130)


def test_number_below_its_minimum_is_refused_naming_the_minimum():
    with pytest.raises(ValidationError, match="-1 is less than the minimum 0"):
        gr.Number(minimum=0).preprocess(-1)


def test_number_above_its_maximum_is_refused_naming_the_maximum():
    with pytest.raises(ValidationError, match=r"2\.5 is greater than the maximum 2"):
        gr.Number(maximum=2).preprocess(2.5)


def test_number_accepts_the_ends_of_its_range():
    number = gr.Number(minimum=0, maximum=1)
    assert number.preprocess(0) == 0
    assert number.preprocess(1) == 1


def test_number_shows_numpy_numbers_and_numeric_text_returned_by_a_function():
    np = pytest.importorskip("numpy")
    assert gr.Number(precision=0).postprocess(np.int64(7)) == 7
    assert gr.Number().postprocess("2.5") == 2.5


def test_number_shows_nan_returned_by_a_function_as_empty():
    assert gr.Number().postprocess(math.nan) is None


def test_number_refuses_to_show_something_that_is_not_a_number():
    with pytest.raises(TypeError, match="return an int or a float"):
        gr.Number().postprocess({"a": 1})


def test_number_refuses_a_minimum_above_its_maximum():
    with pytest.raises(ValueError, match="greater than its maximum"):
        gr.Number(minimum=2, maximum=1)


def test_number_api_info_includes_its_range():
    assert gr.Number().api_info() == {"type": "number"}
    assert gr.Number(minimum=0, maximum=2).api_info() == {
        "type": "number",
        "minimum": 0,
        "maximum": 2,
    }


@pytest.mark.parametrize("kwargs", [{}, {"minimum": 10}, {"maximum": -5}, {"precision": 0}])
def test_number_example_payload_is_accepted(kwargs: dict):
    number = gr.Number(**kwargs)
    value = number.preprocess(number.example_payload())
    assert isinstance(value, (int, float))
    assert kwargs.get("minimum", value) <= value <= kwargs.get("maximum", value)
    if kwargs.get("precision") == 0:
        assert isinstance(value, int)


def test_number_props_carry_its_settings():
    props = gr.Number(5, precision=1, minimum=0, maximum=10, step=0.5).get_props()
    assert props["value"] == 5.0
    assert (props["precision"], props["minimum"], props["maximum"], props["step"]) == (
        1,
        0,
        10,
        0.5,
    )


def test_number_events_include_change_input_and_submit():
    assert {"change", "input", "submit", "focus", "blur"} <= set(gr.Number.EVENTS)


def test_a_returned_number_updates_only_the_arguments_given_explicitly():
    assert update_sent(gr.Number(3, label="N")) == {"value": 3, "label": "N"}
