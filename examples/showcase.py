"""The Blocks showcase: a ChatInterface nested in a layout, with streaming, examples,
additional inputs and outputs. Replies come from an offline responder (no model download), or
from a real model when BLOCKS_LLM_BASE_URL points at an OpenAI-compatible endpoint."""

import time

from PIL import Image, ImageDraw
from responder import model_configured, model_reply, offline_reply, stream_words

import blocks as gr


def picture(prompt: str) -> Image.Image:
    image = Image.new("RGB", (320, 200), (37, 99, 235))
    draw = ImageDraw.Draw(image)
    draw.ellipse((110, 50, 210, 150), fill=(250, 204, 21))
    draw.text((12, 12), prompt[:40], fill="white")
    return image


def respond(message, history, system, temperature, speed):
    started = time.perf_counter()
    if "image" in message.lower() or "picture" in message.lower():
        stats = {"kind": "image", "seconds": round(time.perf_counter() - started, 3)}
        yield gr.Image(value=picture(message)), stats
        return
    if model_configured():
        stream = model_reply(message, history, system, temperature)
    else:
        stream = stream_words(offline_reply(message, history, temperature), 0.2 / speed)
    reply = ""
    for reply in stream:
        yield reply, {"words": len(reply.split()), "streaming": True}
    yield (
        reply,
        {
            "words": len(reply.split()),
            "seconds": round(time.perf_counter() - started, 2),
            "source": "model" if model_configured() else "offline responder",
        },
    )


with gr.Blocks(title="Blocks showcase", fill_height=True) as demo:
    gr.Markdown("# Blocks showcase\nA `ChatInterface` nested in a layout. Try the examples.")
    # scale=1: with fill_height, this row (and the chat in it) takes the rest of the window.
    with gr.Row(equal_height=True, scale=1):
        with gr.Column(scale=3):
            stats = gr.JSON(label="Reply stats", render=False)
            system = gr.Textbox(
                label="System prompt", value="You are a helpful assistant.", render=False
            )
            temperature = gr.Slider(0, 2, value=0.7, step=0.1, label="Temperature", render=False)
            speed = gr.Slider(1, 20, value=8, step=1, label="Streaming speed", render=False)
            gr.ChatInterface(
                fn=respond,
                additional_inputs=[system, temperature, speed],
                additional_outputs=[stats],
                additional_inputs_accordion="Settings",
                examples=[
                    ["Show me some code", "You are terse.", 0.3, 10],
                    ["Draw a table"],
                    ["Some math please"],
                    ["Make me an image of the sun"],
                ],
                example_labels=["Code", "Table", "Math", "Image"],
                example_icons=["💻", "📊", "➗", "🖼️"],
                editable=True,
                flagging_mode="manual",
            )
        with gr.Column(scale=1):
            gr.Markdown("### What just happened")
            stats.render()

if __name__ == "__main__":
    demo.launch()
