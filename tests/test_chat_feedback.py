"""A chat without the optional packages, and what unlabelled components show."""

import subprocess
import sys
import textwrap
from pathlib import Path

import blocks as gr

PHOTO = Path(__file__).resolve().parent.parent / "examples" / "photo.png"


def test_a_chat_with_an_image_reply_answers_the_next_turn_without_numpy():
    # numpy made unimportable in a fresh interpreter: the history's image must not need it.
    script = textwrap.dedent(
        f"""
        import sys
        sys.modules["numpy"] = None
        import blocks as gr
        from blocks.testing import TestClient

        def bot(message, history):
            if message == "picture":
                return gr.Image({str(PHOTO)!r})
            return f"{{len(history)}} earlier: {{type(history[-1]['content']).__name__}}"

        demo = gr.ChatInterface(bot)
        with TestClient(demo) as client:
            page = client.new_page()
            for text in ("picture", "and now?"):
                page.set(demo.textbox, text)
                page.wait(page.submit(demo.textbox))
            print(page.value(demo.chatbot)[-1]["content"][0]["text"])
        """
    )
    done = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, timeout=60
    )
    assert done.returncode == 0, done.stderr[-2000:]
    assert done.stdout.strip().endswith("2 earlier: Image")


def test_an_image_of_type_numpy_in_the_history_names_the_missing_package():
    script = textwrap.dedent(
        f"""
        import sys
        sys.modules["numpy"] = None
        import blocks as gr
        from blocks.exceptions import ValidationError

        chatbot = gr.Chatbot()
        with gr.Blocks():
            wire = chatbot.postprocess(
                [{{"role": "assistant", "content": gr.Image({str(PHOTO)!r}, type="numpy")}}]
            )
            try:
                chatbot.preprocess(wire)
            except ValidationError as exc:
                print(exc)
        """
    )
    done = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, timeout=60
    )
    assert "needs the numpy package: pip install numpy" in done.stdout, done.stderr[-2000:]


def test_an_unlabelled_form_component_shows_its_class_name_as_its_label():
    props = gr.Number().get_props()
    assert props["label"] == "Number" and props["show_label"] is True
    assert gr.Textbox().label is None  # an Interface may still name it after its parameter


def test_a_labelled_or_hidden_label_is_kept():
    assert gr.Slider(label="Speed").get_props()["label"] == "Speed"
    hidden = gr.Textbox(show_label=False).get_props()
    assert hidden["show_label"] is False and hidden["label"] is None


def test_an_unlabelled_custom_textbox_of_a_chat_is_named_by_its_placeholder():
    demo = gr.ChatInterface(lambda m, h: m, textbox=gr.Textbox(placeholder="Ask me"))
    props = demo.textbox.get_props()
    assert props["show_label"] is False and props["label"] is None
