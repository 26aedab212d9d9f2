from __future__ import annotations

import pytest

import blocks as gr
from blocks.exceptions import ValidationError
from blocks.testing import TestClient


def test_code_passes_code_through_as_text():
    assert gr.Code().preprocess("x = 1\n") == "x = 1\n"
    assert gr.Code().preprocess(None) is None


def test_code_shows_returned_code_stripped_as_the_reference_does():
    assert gr.Code().postprocess("\n\nprint(1)\n  ") == "print(1)"
    assert gr.Code().postprocess(None) is None


def test_code_shows_the_text_of_a_file_named_in_a_one_element_tuple(tmp_path):
    path = tmp_path / "hello.py"
    path.write_text("print('hello')\n")
    assert gr.Code().postprocess((str(path),)) == "print('hello')"


def test_code_refuses_a_tuple_that_is_not_one_path():
    with pytest.raises(TypeError, match=r"one-element tuple \(path,\)"):
        gr.Code().postprocess(("a", "b"))


def test_code_refuses_a_payload_that_is_not_text_naming_its_label():
    with pytest.raises(ValidationError, match="Source: expected code as text, got a list"):
        gr.Code(label="Source").preprocess(["x"])


def test_code_refuses_oversized_code():
    code = gr.Code()
    with pytest.raises(ValidationError, match="too large"):
        code.preprocess("x" * (code.MAX_PAYLOAD_CHARS + 1))


def test_code_languages_are_the_references_and_none():
    assert {"python", "javascript", "json", "shell", "sql", None} <= set(gr.Code.languages)
    assert gr.Code(language="python").get_props()["language"] == "python"


def test_code_refuses_an_unknown_language_listing_the_known_ones():
    with pytest.raises(ValueError, match="'cobol' is not supported; use None or one of 'python'"):
        gr.Code(language="cobol")


def test_code_language_may_be_given_by_position_as_in_the_reference():
    assert gr.Code("x = 1", "python").language == "python"


def test_code_refuses_lines_that_are_not_a_positive_count():
    with pytest.raises(ValueError, match="lines must be a positive int"):
        gr.Code(lines=0)
    with pytest.raises(ValueError, match="max_lines must be None or an int >= lines"):
        gr.Code(lines=5, max_lines=2)


def test_code_props_carry_its_layout():
    props = gr.Code(lines=3, max_lines=10, wrap_lines=True, show_line_numbers=False).get_props()
    assert (props["lines"], props["max_lines"]) == (3, 10)
    assert props["wrap_lines"] is True
    assert props["show_line_numbers"] is False


def test_code_events_are_change_input_focus_and_blur():
    assert {"change", "input", "focus", "blur"} <= set(gr.Code.EVENTS)


def test_code_api_info_and_example_payload():
    code = gr.Code()
    assert code.api_info() == {"type": "string"}
    assert code.preprocess(code.example_payload()) == "print('Hello World')"


def test_a_listener_edits_code_and_returns_code():
    with gr.Blocks() as demo:
        source = gr.Code(language="python")
        upper = gr.Code(language="python")
        source.change(lambda text: text.upper(), source, upper)
    with TestClient(demo) as client:
        client.change(source, "x = 'a'\n")
        assert client.value(upper) == "X = 'A'"
