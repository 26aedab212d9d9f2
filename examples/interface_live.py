"""gr.Interface with live=True: no Submit button, the sum updates as the sliders move."""

import blocks as gr


def add(a, b):
    return a + b


demo = gr.Interface(
    fn=add,
    inputs=[
        gr.Slider(0, 10, value=2, step=1, label="a"),
        gr.Slider(0, 10, value=3, step=1, label="b"),
    ],
    outputs=gr.Number(label="Sum"),
    live=True,
    title="Live adder",
    flagging_mode="never",
)

if __name__ == "__main__":
    demo.launch()
