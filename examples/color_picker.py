"""A ColorPicker: pick a colour (or type its hex code) to see its RGB values; a button turns
the picker to the complementary colour."""

import blocks as gr


def describe(color):
    if not color:
        return "No colour chosen"
    red, green, blue = (int(color[i : i + 2], 16) for i in (1, 3, 5))
    return f"{color} is rgb({red}, {green}, {blue})"


def complement(color):
    red, green, blue = (255 - int(color[i : i + 2], 16) for i in (1, 3, 5))
    return f"#{red:02x}{green:02x}{blue:02x}"


with gr.Blocks(title="Colours") as demo:
    gr.Markdown("# Pick a colour")
    color = gr.ColorPicker(
        value="#f97316", label="Colour", info="Click the swatch, or type a hex code."
    )
    details = gr.Textbox(label="RGB", value=describe("#f97316"), interactive=False)
    flip = gr.Button("Complementary colour")
    color.change(describe, color, details)
    flip.click(complement, color, color)

if __name__ == "__main__":
    demo.launch()
