from __future__ import annotations

import pytest

import blocks as gr
from blocks.exceptions import ValidationError
from blocks.testing import update_sent


def test_slider_value_defaults_to_its_minimum():
    assert gr.Slider(2, 8).value == 2
    assert gr.Slider(2, 8).get_props()["value"] == 2


def test_slider_step_defaults_to_the_power_of_ten_giving_about_a_hundred_steps():
    assert gr.Slider(0, 100).step == 1
    assert gr.Slider(0, 2).step == pytest.approx(0.01)
    assert gr.Slider(1, 2048).step == 10


def test_a_value_off_the_step_grid_reaches_the_function_unchanged():
    assert gr.Slider(1, 2048, value=512, step=10).preprocess(512) == 512


def test_slider_takes_minimum_maximum_and_value_positionally_like_gradio():
    slider = gr.Slider(1, 5, 3)
    assert (slider.minimum, slider.maximum, slider.value) == (1, 5, 3)


def test_slider_value_outside_range_is_refused_with_the_range_in_the_message():
    slider = gr.Slider(0, 2, label="Temperature")
    with pytest.raises(ValidationError) as caught:
        slider.preprocess(3)
    assert str(caught.value) == "Temperature: 3 is outside the range 0 to 2"
    with pytest.raises(ValidationError, match="-1 is outside the range 0 to 2"):
        slider.preprocess(-1)


def test_slider_refuses_text_and_booleans():
    slider = gr.Slider(label="Level")
    with pytest.raises(ValidationError, match="Level: expected a number, got the text '5'"):
        slider.preprocess("5")
    with pytest.raises(ValidationError, match="expected a number"):
        slider.preprocess(False)


def test_slider_gives_an_int_on_an_integral_grid():
    value = gr.Slider(0, 10, step=1).preprocess(7.0)
    assert value == 7 and isinstance(value, int)


def test_slider_gives_a_float_on_a_fractional_grid():
    value = gr.Slider(0, 1, step=0.5).preprocess(1)
    assert value == 1.0 and isinstance(value, float)


def test_slider_tolerates_float_error_at_the_ends_of_its_range():
    assert gr.Slider(0, 0.3, step=0.1).preprocess(0.1 * 3) == 0.3


def test_slider_with_precision_zero_gives_an_int():
    value = gr.Slider(0, 1, step=0.25, precision=0).preprocess(0.75)
    assert value == 1 and isinstance(value, int)


def test_slider_treats_null_as_empty():
    assert gr.Slider().preprocess(None) is None
    assert gr.Slider().postprocess(None) is None


def test_slider_postprocess_gives_an_int_for_a_whole_value_on_an_integral_grid():
    assert gr.Slider(0, 10, step=1).postprocess(4.0) == 4
    assert isinstance(gr.Slider(0, 10, step=1).postprocess(4.0), int)
    assert gr.Slider(0, 1, step=0.1).postprocess(0.5) == 0.5


def test_slider_randomize_picks_a_value_on_the_grid_for_each_page():
    slider = gr.Slider(0, 10, step=2, randomize=True)
    assert slider.get_props()["value_is_callable"] is True
    assert all(slider.initial_value() in {0, 2, 4, 6, 8, 10} for _ in range(20))


def test_slider_refuses_a_minimum_above_its_maximum_and_a_non_positive_step():
    with pytest.raises(ValueError, match="greater than its maximum"):
        gr.Slider(5, 1)
    with pytest.raises(ValueError, match="step must be positive"):
        gr.Slider(0, 1, step=0)


def test_slider_api_info_is_a_number_with_its_range():
    info = gr.Slider(0, 2).api_info()
    assert info["type"] == "number"
    assert (info["minimum"], info["maximum"]) == (0, 2)


def test_slider_example_payload_is_accepted():
    slider = gr.Slider(0.5, 2.5)
    assert slider.preprocess(slider.example_payload()) == 0.5


def test_slider_props_carry_its_range_and_step():
    props = gr.Slider(0, 2, 1, step=0.5, label="T").get_props()
    assert (props["minimum"], props["maximum"], props["step"], props["value"]) == (0, 2, 0.5, 1)
    assert props["label"] == "T"


def test_slider_events_are_change_input_and_release():
    assert {"change", "input", "release"} <= set(gr.Slider.EVENTS)


def test_a_returned_slider_updates_only_the_arguments_given_explicitly():
    assert update_sent(gr.Slider(0, 2, label="T")) == {"minimum": 0, "maximum": 2, "label": "T"}
