"""A chat that answers with a gallery: ask for pictures ("show me 4 pictures") and the reply is
a gr.Gallery of that many swatches, each with its caption."""

import re

from PIL import Image

import blocks as gr

COLOURS = ["#f97316", "#0ea5e9", "#22c55e", "#a855f7", "#ef4444", "#eab308"]


def reply(message, history):
    found = re.search(r"\d+", message)
    count = max(1, min(len(COLOURS), int(found.group()) if found else 3))
    swatches = [
        (Image.new("RGB", (96, 96), colour), f"Swatch {colour}") for colour in COLOURS[:count]
    ]
    return gr.Gallery(swatches, columns=3, label=f"{count} swatches")


demo = gr.ChatInterface(
    reply,
    title="Swatches",
    description="Ask for a number of pictures.",
    examples=["Show me 3 pictures", "Show me 6 pictures"],
)

if __name__ == "__main__":
    demo.launch()
