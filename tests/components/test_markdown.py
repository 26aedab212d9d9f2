from __future__ import annotations

import pytest

import blocks as gr
from blocks.exceptions import ValidationError
from blocks.testing import update_sent


def test_markdown_dedents_its_value_like_a_docstring():
    md = gr.Markdown(
        """
        # Title

            code
        text
        """
    )
    assert md.get_props()["value"] == "# Title\n\n    code\ntext"


def test_markdown_dedents_what_a_function_returns():
    assert gr.Markdown().postprocess("\n    a\n    b\n") == "a\nb"


def test_markdown_shows_other_values_as_text_and_null_as_empty():
    assert gr.Markdown().postprocess(3) == "3"
    assert gr.Markdown().postprocess(None) is None


def test_markdown_passes_text_from_a_client_through():
    assert gr.Markdown().preprocess("**hi**") == "**hi**"
    assert gr.Markdown().preprocess(None) is None


def test_markdown_refuses_a_value_that_is_not_text():
    with pytest.raises(ValidationError, match="expected text, got an object"):
        gr.Markdown().preprocess({"a": 1})


def test_markdown_defaults_match_gradio():
    props = gr.Markdown().get_props()
    assert props["value"] == ""
    assert props["sanitize_html"] is True
    assert props["line_breaks"] is False
    assert props["header_links"] is False
    assert props["show_copy_button"] is False
    assert props["container"] is False
    assert props["latex_delimiters"] == [{"left": "$$", "right": "$$", "display": True}]


def test_markdown_default_latex_delimiters_are_not_shared_between_instances():
    first = gr.Markdown()
    first.latex_delimiters.append({"left": "$", "right": "$", "display": False})
    assert len(gr.Markdown().latex_delimiters) == 1


def test_markdown_props_carry_its_settings():
    props = gr.Markdown("x", rtl=True, height=200, min_height=10, max_height="50vh").get_props()
    assert (props["rtl"], props["height"], props["min_height"], props["max_height"]) == (
        True,
        200,
        10,
        "50vh",
    )


def test_markdown_api_info_is_a_string_and_its_example_is_accepted():
    md = gr.Markdown()
    assert md.api_info() == {"type": "string"}
    assert md.preprocess(md.example_payload()) == md.example_payload()


def test_markdown_has_a_change_event():
    assert "change" in gr.Markdown.EVENTS


def test_a_returned_markdown_updates_only_the_arguments_given_explicitly():
    assert update_sent(gr.Markdown("# Hi", line_breaks=True)) == {
        "value": "# Hi",
        "line_breaks": True,
    }
