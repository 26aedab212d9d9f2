"""Compare two pictures with gr.ImageSlider: drag the divider (or move it with the arrow keys)
to see a picture against its blurred copy, then upload a pair of your own."""

from PIL import Image, ImageDraw, ImageFilter

import blocks as gr


def scene() -> Image.Image:
    """A small landscape: a sky, a sun and two hills."""
    image = Image.new("RGB", (360, 240), "#7dd3fc")
    draw = ImageDraw.Draw(image)
    draw.ellipse([250, 30, 310, 90], fill="#fde047")
    draw.polygon([(0, 240), (0, 150), (120, 90), (240, 170), (240, 240)], fill="#16a34a")
    draw.polygon([(120, 240), (260, 120), (360, 180), (360, 240)], fill="#15803d")
    draw.rectangle([40, 170, 80, 210], fill="#b45309")
    return image


def blurred(radius):
    original = scene()
    return original, original.filter(ImageFilter.GaussianBlur(radius))


def sizes(pair):
    first, second = pair or (None, None)
    if first is None or second is None:
        return "Upload both pictures."
    return f"First: {first.width}×{first.height}, second: {second.width}×{second.height}"


with gr.Blocks(title="Compare pictures") as demo:
    gr.Markdown("## Original and blurred\nDrag the divider to compare them.")
    radius = gr.Slider(0, 10, value=4, step=1, label="Blur radius")
    comparison = gr.ImageSlider(blurred(4), label="Landscape", max_height=400)
    radius.change(blurred, radius, comparison)
    gr.Markdown("## Your own pair")
    pair = gr.ImageSlider(label="Your pair", type="pil", interactive=True, slider_position=30)
    summary = gr.Textbox(label="Sizes", interactive=False)
    pair.upload(sizes, pair, summary)

if __name__ == "__main__":
    demo.launch()
