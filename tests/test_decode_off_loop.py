"""Inputs that decode media (Image, Audio: DECODES) are preprocessed on a worker thread, so a
large upload never stalls the event loop; a text box is preprocessed on the loop at once."""

import threading

import blocks as gr
from blocks.testing import TestClient

SEEN: dict[str, str] = {}


class WatchedImage(gr.Image):
    TYPE = gr.Image.TYPE

    def preprocess(self, payload):
        SEEN["image"] = threading.current_thread().name
        return super().preprocess(payload)


class WatchedTextbox(gr.Textbox):
    TYPE = gr.Textbox.TYPE

    def preprocess(self, payload):
        SEEN["text"] = threading.current_thread().name
        return super().preprocess(payload)


def test_a_decoding_input_is_preprocessed_off_the_loop_and_text_on_it():
    assert gr.Image.DECODES and not gr.Textbox.DECODES
    with gr.Blocks() as demo:
        picture = WatchedImage()
        text = WatchedTextbox()
        out = gr.Textbox()
        go = gr.Button()
        go.click(lambda image, words: f"{image is None} {words}", [picture, text], out)
        say = gr.Button()
        say.click(lambda words: words, text, out)
    with TestClient(demo) as client:
        client.set(text, "hi")
        client.click(go)
        assert client.value(out) == "True hi"
        # The whole event's inputs were prepared on a worker, beside the loop.
        assert SEEN["image"].startswith("blocks-worker") and SEEN["text"] == SEEN["image"]
        client.click(say)
        assert not SEEN["text"].startswith("blocks-worker")  # text alone: on the loop
