from __future__ import annotations

import dataclasses
import datetime

import pytest

import blocks as gr
from blocks.testing import update_sent


def test_json_passes_any_json_value_from_a_client_through():
    payload = {"a": [1, 2.5, None, True, "x"]}
    assert gr.JSON().preprocess(payload) == payload
    assert gr.JSON().preprocess(None) is None


def test_json_parses_a_json_string_returned_by_a_function():
    assert gr.JSON().postprocess('{"a": [1, 2]}') == {"a": [1, 2]}


def test_json_keeps_a_string_that_is_not_json_as_text():
    assert gr.JSON().postprocess("not json") == "not json"


def test_json_shows_dicts_lists_and_numbers():
    assert gr.JSON().postprocess({"a": 1}) == {"a": 1}
    assert gr.JSON().postprocess([1, "b"]) == [1, "b"]
    assert gr.JSON().postprocess(3.5) == 3.5
    assert gr.JSON().postprocess(None) is None


def test_json_result_is_a_copy_unaffected_by_later_mutation():
    value = {"items": [1, 2]}
    shown = gr.JSON().postprocess(value)
    value["items"].append(3)
    assert shown == {"items": [1, 2]}


def test_json_turns_non_string_keys_into_strings_and_tuples_into_lists():
    assert gr.JSON().postprocess({1: (2, 3)}) == {"1": [2, 3]}


def test_json_shows_numpy_arrays_and_scalars():
    np = pytest.importorskip("numpy")
    shown = gr.JSON().postprocess({"a": np.arange(3), "b": np.float32(1.5)})
    assert shown == {"a": [0, 1, 2], "b": 1.5}
    assert gr.JSON().postprocess(np.arange(6).reshape(2, 3)[:, ::2]) == [[0, 2], [3, 5]]


def test_json_shows_dataclasses_datetimes_and_sets():
    @dataclasses.dataclass
    class Point:
        x: int
        day: datetime.date

    shown = gr.JSON().postprocess({"p": Point(1, datetime.date(2024, 1, 2)), "s": {2, 1}})
    assert shown == {"p": {"x": 1, "day": "2024-01-02"}, "s": [1, 2]}


def test_json_shows_anything_else_as_its_text():
    class Thing:
        def __str__(self) -> str:
            return "a thing"

    assert gr.JSON().postprocess({"t": Thing()}) == {"t": "a thing"}


def test_json_initial_value_is_copied_into_the_props():
    value = {"a": [1]}
    props = gr.JSON(value).get_props()
    value["a"].append(2)
    assert props["value"] == {"a": [1]}


def test_json_defaults_match_gradio():
    props = gr.JSON().get_props()
    assert props["open"] is False
    assert props["show_indices"] is False
    assert props["max_height"] == 500


def test_json_api_info_accepts_anything_and_its_example_is_accepted():
    json = gr.JSON()
    assert "type" not in json.api_info()
    assert json.preprocess(json.example_payload()) == {"foo": "bar"}


def test_json_has_a_change_event():
    assert "change" in gr.JSON.EVENTS


def test_a_returned_json_updates_only_the_arguments_given_explicitly():
    assert update_sent(gr.JSON({"a": 1}, open=True)) == {"value": {"a": 1}, "open": True}


def test_with_parse_strings_false_a_returned_string_stays_a_string():
    assert gr.JSON(parse_strings=False).postprocess("42") == "42"
    assert gr.JSON().postprocess("42") == 42
