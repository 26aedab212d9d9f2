from __future__ import annotations

import threading

import pytest

import blocks as gr
from blocks.testing import TestClient


def test_state_is_of_type_state():
    assert gr.State().TYPE == "state"


def test_state_props_never_carry_its_value():
    props = gr.State({"secret": 1}).get_props()
    assert "value" not in props
    assert "value_is_callable" not in props


def test_state_gives_each_session_a_deep_copy_of_its_initial_value():
    state = gr.State({"items": []})
    first = state.initial_value()
    first["items"].append(1)
    assert state.initial_value() == {"items": []}


def test_state_copies_its_initial_value_when_created():
    value = [1]
    state = gr.State(value)
    value.append(2)
    assert state.initial_value() == [1]


def test_state_calls_a_callable_initial_value_for_each_session():
    calls = []

    def make() -> list:
        calls.append(1)
        return []

    state = gr.State(make)
    assert state.initial_value() == [] and state.initial_value() == []
    assert len(calls) == 2


def test_state_refuses_an_initial_value_that_cannot_be_deep_copied():
    with pytest.raises(TypeError, match="Pass a function that creates the value"):
        gr.State(threading.Lock())


def test_state_pre_and_postprocess_pass_values_through_untouched():
    state = gr.State()
    thing = object()
    assert state.preprocess(thing) is thing
    assert state.postprocess(thing) is thing


def test_state_keeps_its_time_to_live_and_delete_callback():
    state = gr.State(time_to_live=10, delete_callback=print)
    assert state.time_to_live == 10
    assert state.delete_callback is print


def test_state_takes_render_as_its_second_positional_argument_like_gradio():
    with gr.Blocks():
        state = gr.State(1, False)
    assert state.id is None


def test_state_api_info_and_example_payload_are_empty():
    assert gr.State().api_info() == {}
    assert gr.State().example_payload() is None


def test_state_has_a_change_event():
    assert "change" in gr.State.EVENTS


def test_a_returned_state_sets_the_value_only_when_it_was_given_one():
    with gr.Blocks() as demo:
        state = gr.State("kept")
        settings = gr.Button()
        settings.click(lambda: gr.State(time_to_live=5), None, state)
        empty = gr.Button()
        empty.click(lambda: gr.State([], time_to_live=5), None, state)
    with TestClient(demo) as client:
        assert client.click(settings).done["patches"] == []  # a state lives on the server
        assert client.state(state) == "kept"
        client.click(empty)
        assert client.state(state) == []
