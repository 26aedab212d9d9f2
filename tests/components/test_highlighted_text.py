from __future__ import annotations

import pytest

import blocks as gr
from blocks.exceptions import ValidationError
from blocks.testing import TestClient


def test_highlighted_text_sends_pairs_as_tokens_with_their_category():
    shown = gr.HighlightedText().postprocess([("The ", None), ("fox", "noun"), ("ran", 0.5)])
    assert shown == [
        {"token": "The ", "class_or_confidence": None},
        {"token": "fox", "class_or_confidence": "noun"},
        {"token": "ran", "class_or_confidence": 0.5},
    ]


def test_highlighted_text_turns_entities_into_spans_of_the_whole_text():
    value = {
        "text": "Ada met Bob in Paris",
        "entities": [
            {"entity": "LOC", "start": 15, "end": 20},
            {"entity_group": "PER", "start": 0, "end": 3},
        ],
    }
    shown = gr.HighlightedText().postprocess(value)
    assert [(s["token"], s["class_or_confidence"]) for s in shown] == [
        ("Ada", "PER"),
        (" met Bob in ", None),
        ("Paris", "LOC"),
    ]
    assert "".join(s["token"] for s in shown) == value["text"]


def test_highlighted_text_with_no_entities_shows_the_text_plain():
    shown = gr.HighlightedText().postprocess({"text": "nothing here", "entities": []})
    assert shown == [{"token": "nothing here", "class_or_confidence": None}]


def test_highlighted_text_refuses_a_dict_without_text_and_entities():
    with pytest.raises(ValueError, match="the keys 'text' and 'entities'"):
        gr.HighlightedText().postprocess({"text": "x"})


def test_highlighted_text_refuses_spans_that_are_not_pairs():
    with pytest.raises(TypeError, match=r"\(text, category\) pairs"):
        gr.HighlightedText().postprocess([("a", "b", "c")])
    with pytest.raises(TypeError, match="list of"):
        gr.HighlightedText().postprocess("plain text")


def test_highlighted_text_combines_adjacent_spans_of_one_category():
    text = gr.HighlightedText(combine_adjacent=True, adjacent_separator=" ")
    shown = text.postprocess([("New", "LOC"), ("York", "LOC"), ("is", None), ("big", None)])
    assert [(s["token"], s["class_or_confidence"]) for s in shown] == [
        ("New York", "LOC"),
        ("is big", None),
    ]


def test_highlighted_text_strips_spans_without_show_whitespaces():
    shown = gr.HighlightedText(show_whitespaces=False).postprocess([(" a ", "x")])
    assert shown == [{"token": "a", "class_or_confidence": "x"}]


def test_highlighted_text_as_input_gives_text_category_tuples():
    text = gr.HighlightedText()
    assert text.preprocess(text.example_payload()) == [("The", None), ("quick", "adj")]
    assert text.preprocess(None) is None


def test_highlighted_text_takes_back_what_it_sent():
    text = gr.HighlightedText()
    shown = text.postprocess([("a", "x"), ("b", None)])
    assert text.postprocess(text.preprocess(shown)) == shown
    assert text.postprocess(shown) == shown


def test_highlighted_text_refuses_a_malformed_payload_naming_the_component():
    text = gr.HighlightedText(label="Entities")
    with pytest.raises(ValidationError, match="Entities: expected a list of spans"):
        text.preprocess({"token": "a"})
    with pytest.raises(ValidationError, match="each span must be an object with a text token"):
        text.preprocess([["a", "b"]])
    with pytest.raises(ValidationError, match="category must be text or a number"):
        text.preprocess([{"token": "a", "class_or_confidence": ["x"]}])


def test_highlighted_text_refuses_an_oversized_payload():
    text = gr.HighlightedText()
    with pytest.raises(ValidationError, match="too large"):
        text.preprocess([{"token": "x" * 600_000}, {"token": "y" * 600_000}])


def test_highlighted_text_refuses_a_color_map_that_is_not_a_mapping_of_colours():
    with pytest.raises(TypeError, match="color_map must map categories to colours"):
        gr.HighlightedText(color_map=["red"])


def test_highlighted_text_props_carry_legend_and_colours():
    props = gr.HighlightedText(color_map={"PER": "red"}, show_legend=True).get_props()
    assert props["color_map"] == {"PER": "red"}
    assert props["show_legend"] is True


def test_highlighted_text_events_are_change_and_select():
    assert {"change", "select"} <= set(gr.HighlightedText.EVENTS)


def test_a_listener_highlights_text():
    with gr.Blocks() as demo:
        text = gr.Textbox()
        marked = gr.HighlightedText()
        text.change(lambda t: [(word, "w") for word in t.split()], text, marked)
    with TestClient(demo) as client:
        client.change(text, "a b")
        assert client.value(marked) == [
            {"token": "a", "class_or_confidence": "w"},
            {"token": "b", "class_or_confidence": "w"},
        ]
