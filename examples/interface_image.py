"""gr.Interface with an image in and out: the function gets a PIL image and returns one."""

from PIL import ImageOps

import blocks as gr


def mirror(image, grayscale):
    flipped = ImageOps.mirror(image)
    return ImageOps.grayscale(flipped) if grayscale else flipped


demo = gr.Interface(
    fn=mirror,
    inputs=[gr.Image(type="pil", label="Photo"), gr.Checkbox(label="Grayscale")],
    outputs=gr.Image(type="pil", label="Mirrored"),
    title="Mirror",
    description="Upload a picture and press **Submit** to see it mirrored.",
    flagging_mode="never",
)

if __name__ == "__main__":
    demo.launch()
