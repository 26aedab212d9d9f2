"""A MultimodalTextbox with the microphone source: the function reports what it received."""

import os

import blocks as gr


def describe(message):
    files = message["files"]
    sizes = [os.path.getsize(path) for path in files]
    names = [os.path.basename(path) for path in files]
    return f"{message['text']} | {len(files)} file(s): {names} {sizes}"


with gr.Blocks() as demo:
    box = gr.MultimodalTextbox(label="Message", sources=["upload", "microphone"])
    out = gr.Textbox(label="Received")
    box.submit(describe, box, out)

if __name__ == "__main__":
    demo.launch()
