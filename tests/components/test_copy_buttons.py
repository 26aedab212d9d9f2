"""The version-6 ``buttons=["copy"]`` of Textbox and Markdown, beside ``show_copy_button``."""

import pytest

import blocks as gr


@pytest.mark.parametrize("cls", [gr.Textbox, gr.Markdown])
def test_buttons_copy_shows_the_copy_button_as_show_copy_button_does(cls):
    assert cls(buttons=["copy"]).get_props()["show_copy_button"] is True
    assert cls(show_copy_button=True).get_props()["show_copy_button"] is True
    assert cls(buttons=[]).get_props()["show_copy_button"] is False
    assert cls().get_props()["show_copy_button"] is False


@pytest.mark.parametrize("buttons", [["share"], "copy", [gr.Button("x", render=False)]])
def test_other_buttons_are_a_clear_error(buttons):
    with pytest.raises(ValueError, match=r"Textbox\(buttons=\.\.\.\)"):
        gr.Textbox(buttons=buttons)
