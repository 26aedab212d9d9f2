"""A gallery of generated pictures with captions: pick how many, press Generate, click one to
see it large (Previous / Next or the arrow keys move through them, Escape closes) and read
which one you picked."""

import colorsys

from PIL import Image, ImageDraw

import blocks as gr

SHAPES = ["Circle", "Square", "Triangle", "Diamond"]


def picture(index: int, count: int) -> Image.Image:
    """A small picture: a shape in a colour of its own on a lighter background."""
    red, green, blue = colorsys.hsv_to_rgb(index / max(count, 1), 0.6, 0.9)
    colour = (round(red * 255), round(green * 255), round(blue * 255))
    image = Image.new("RGB", (160, 160), tuple(round(c + (255 - c) * 0.7) for c in colour))
    draw = ImageDraw.Draw(image)
    shape = SHAPES[index % len(SHAPES)]
    if shape == "Circle":
        draw.ellipse([30, 30, 130, 130], fill=colour)
    elif shape == "Square":
        draw.rectangle([35, 35, 125, 125], fill=colour)
    elif shape == "Triangle":
        draw.polygon([(80, 25), (135, 130), (25, 130)], fill=colour)
    else:
        draw.polygon([(80, 20), (140, 80), (80, 140), (20, 80)], fill=colour)
    return image


def generate(count):
    count = int(count)
    return [(picture(i, count), f"{SHAPES[i % len(SHAPES)]} {i + 1}") for i in range(count)]


def picked(evt: gr.SelectData):
    return f"You picked #{evt.index + 1}: {evt.value['caption']}"


with gr.Blocks(title="Generated gallery") as demo:
    gr.Markdown("## Generated pictures\nClick a picture to see it large.")
    with gr.Row():
        count = gr.Slider(1, 200, value=8, step=1, label="How many")
        generate_button = gr.Button("Generate", variant="primary")
        deselect_button = gr.Button("Deselect")
    gallery = gr.Gallery(generate(8), label="Pictures", columns=[2, 3, 4], object_fit="cover")
    choice = gr.Textbox(label="Picked", interactive=False)
    preview = gr.Textbox(label="Preview", interactive=False)
    generate_button.click(generate, count, gallery)
    deselect_button.click(lambda: gr.Gallery(selected_index=None), None, gallery)
    gallery.select(picked, None, choice)
    gallery.preview_open(lambda: "open", None, preview)
    gallery.preview_close(lambda: "closed", None, preview)

if __name__ == "__main__":
    demo.launch()
