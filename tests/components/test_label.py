from __future__ import annotations

import pytest

import blocks as gr
from blocks.exceptions import ValidationError
from blocks.testing import TestClient


def test_label_shows_confidences_most_confident_first_with_the_top_class_as_label():
    shown = gr.Label().postprocess({"dog": 0.2, "cat": 0.7, "bird": 0.1})
    assert shown == {
        "label": "cat",
        "confidences": [
            {"label": "cat", "confidence": 0.7},
            {"label": "dog", "confidence": 0.2},
            {"label": "bird", "confidence": 0.1},
        ],
    }


def test_label_keeps_only_num_top_classes():
    shown = gr.Label(num_top_classes=2).postprocess({"a": 0.1, "b": 0.6, "c": 0.3})
    assert [item["label"] for item in shown["confidences"]] == ["b", "c"]


def test_label_shows_a_string_or_a_number_as_the_label_alone():
    assert gr.Label().postprocess("Cat") == {"label": "Cat"}
    assert gr.Label().postprocess(3.5) == {"label": "3.5"}


def test_label_shows_nothing_for_none_or_an_empty_dict():
    assert gr.Label().postprocess(None) == {}
    assert gr.Label().postprocess({}) == {}


def test_label_does_not_read_a_json_file_named_by_a_string(tmp_path):
    path = tmp_path / "secret.json"
    path.write_text('{"label": "secret"}')
    assert gr.Label().postprocess(str(path)) == {"label": str(path)}


def test_label_takes_its_own_wire_shape_back():
    label = gr.Label()
    shown = label.postprocess({"cat": 0.9, "dog": 0.1})
    assert label.postprocess(shown) == shown


def test_label_refuses_confidences_that_are_not_numbers_naming_the_class():
    with pytest.raises(TypeError, match="the confidence of 'cat' is 'high'"):
        gr.Label().postprocess({"cat": "high"})


def test_label_refuses_a_value_it_cannot_show():
    with pytest.raises(TypeError, match="dict of class -> confidence, a str label or a number"):
        gr.Label().postprocess(["cat"])


def test_label_as_input_gives_the_confidences_as_a_dict_or_the_label():
    label = gr.Label()
    assert label.preprocess(label.example_payload()) == {"Cat": 0.9, "Dog": 0.1}
    assert label.preprocess({"label": "Cat"}) == "Cat"
    assert label.preprocess({}) is None
    assert label.preprocess(None) is None


def test_label_refuses_a_malformed_payload_naming_the_component():
    label = gr.Label(label="Prediction")
    with pytest.raises(ValidationError, match="Prediction: expected an object with a label"):
        label.preprocess("cat")
    with pytest.raises(ValidationError, match="a confidence must be a number"):
        label.preprocess({"confidences": [{"label": "cat", "confidence": "x"}]})
    with pytest.raises(ValidationError, match="a label must be text or a number"):
        label.preprocess({"label": ["cat"]})


def test_label_refuses_num_top_classes_that_is_not_a_positive_int():
    with pytest.raises(ValueError, match="num_top_classes must be a positive int"):
        gr.Label(num_top_classes=0)


def test_label_props_carry_color_and_heading():
    props = gr.Label({"a": 1.0}, color="green", show_heading=False).get_props()
    assert props["color"] == "green"
    assert props["show_heading"] is False
    assert props["value"]["label"] == "a"


def test_label_events_are_change_and_select():
    assert {"change", "select"} <= set(gr.Label.EVENTS)


def test_a_classifier_listener_fills_a_label():
    with gr.Blocks() as demo:
        text = gr.Textbox()
        label = gr.Label()
        text.change(lambda t: {"long": len(t) / 10, "short": 1 - len(t) / 10}, text, label)
    with TestClient(demo) as client:
        client.change(text, "abcdefgh")
        assert client.value(label)["label"] == "long"
