"""Uploading components: a MultimodalTextbox, an Image and a File, with a small upload limit.

`launch(max_file_size="64kb")` makes a larger upload fail with the server's 413 message. The
"Slow prompt" box runs a slow stream (after a quick first step) so its Stop button shows.
"""

import time

import blocks as gr


def describe(message):
    files = message["files"]
    names = ", ".join(path.rsplit("/", 1)[-1] for path in files)
    return f"{len(files)} files: {names} | text: {message['text']}"


def image_size(image):
    return "" if image is None else f"{image.size[0]}x{image.size[1]}"


def count_files(files):
    return f"{len(files or [])} files"


def echo(message):
    return f"you said {message['text']}"


def slow(message):
    text = ""
    for index in range(200):
        text += f"{index} "
        time.sleep(0.05)
        yield text


with gr.Blocks(title="Uploads") as demo:
    box = gr.MultimodalTextbox(
        label="Message", placeholder="Type and attach", file_count="multiple"
    )
    received = gr.Textbox(label="Received")
    box.submit(describe, box, received)

    with gr.Row():
        photo = gr.Image(label="Photo", type="pil")
        size = gr.Textbox(label="Image size")
    photo.upload(image_size, photo, size)

    documents = gr.File(label="Documents", file_count="multiple")
    counted = gr.Textbox(label="Document count")
    documents.change(count_files, documents, counted)

    prompt = gr.MultimodalTextbox(label="Slow prompt", stop_btn=True)
    first = gr.Textbox(label="First step")
    stream = gr.Textbox(label="Stream")
    prompt.submit(echo, prompt, first).then(slow, prompt, stream)

if __name__ == "__main__":
    demo.launch(max_file_size="64kb")
