"""Upload pictures into a gallery: the listener gets them as PIL images with their captions,
sums them up and shows them mirrored in a second gallery."""

from PIL import ImageOps

import blocks as gr


def summarize(pictures):
    if not pictures:
        return "No pictures yet."
    return "\n".join(
        f"{number}. {caption or 'untitled'}: {image.width}×{image.height}"
        for number, (image, caption) in enumerate(pictures, 1)
    )


def mirror(pictures):
    return [
        (ImageOps.mirror(image), f"Mirrored {number}")
        for number, (image, _) in enumerate(pictures or [], 1)
    ]


with gr.Blocks(title="Upload pictures") as demo:
    gr.Markdown("## Your pictures\nDrop pictures on the gallery, paste them, or click it.")
    uploads = gr.Gallery(
        label="Your pictures", type="pil", interactive=True, file_types=["image"], columns=4
    )
    summary = gr.Textbox(label="Summary", lines=4, interactive=False)
    mirrored = gr.Gallery(label="Mirrored", columns=4)
    uploads.change(summarize, uploads, summary)
    uploads.upload(mirror, uploads, mirrored)

if __name__ == "__main__":
    demo.launch()
