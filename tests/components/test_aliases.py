"""The reference's other names for components are the same classes, or thin subclasses that
keep their original's type (so the page and the API treat them as the original)."""

from __future__ import annotations

import blocks as gr
from blocks.testing import TestClient


def test_the_alias_names_are_the_same_classes():
    assert gr.Text is gr.Textbox
    assert gr.Json is gr.JSON
    assert gr.Highlight is gr.HighlightedText
    assert gr.Highlightedtext is gr.HighlightedText
    assert gr.Checkboxgroup is gr.CheckboxGroup
    assert gr.TabItem is gr.Tab


def test_textarea_is_a_textbox_of_seven_lines():
    area = gr.TextArea(label="Notes")
    assert isinstance(area, gr.Textbox)
    assert area.TYPE == "textbox"
    assert area.lines == 7
    assert gr.TextArea(lines=3).lines == 3


def test_files_is_a_file_component_taking_several_files():
    files = gr.Files(label="Attachments")
    assert isinstance(files, gr.File)
    assert files.TYPE == "file"
    assert files.file_count == "multiple"


def test_a_textarea_is_drawn_and_described_as_a_textbox():
    with gr.Blocks() as demo:
        area = gr.TextArea(label="Notes")
        echo = gr.Text(label="Echo")
        area.change(lambda text: text, area, echo)
    blocks = demo.config()["blocks"]
    assert blocks[str(area.id)]["type"] == "textbox"
    assert blocks[str(area.id)]["props"]["lines"] == 7
    with TestClient(demo) as client:
        assert client.props(area)["lines"] == 7
        client.change(area, "hello\nworld")
        assert client.value(echo) == "hello\nworld"


def test_tab_items_make_tabs():
    with gr.Blocks() as demo:
        with gr.Tabs():
            with gr.TabItem("First"):
                gr.Markdown("one")
            with gr.TabItem("Second"):
                gr.Markdown("two")
    assert [tab.label for tab in demo.children[0].children] == ["First", "Second"]
