"""The foundation demo: a form in a Row of two Columns, an error toast, a JSON output."""

import blocks as gr


def greet(name, times):
    if not name:
        raise gr.Error("Please enter a name")
    return "Hello " + name + "!" * int(times), {"name": name, "times": times}


with gr.Blocks(title="Demo") as demo:
    with gr.Row():
        with gr.Column():
            name = gr.Textbox(label="Name", placeholder="Your name")
            times = gr.Slider(1, 5, value=2, step=1, label="Times")
            btn = gr.Button("Greet")
        with gr.Column():
            out = gr.Markdown()
            meta = gr.JSON(label="Meta")
    btn.click(greet, [name, times], [out, meta])
    name.submit(greet, [name, times], [out, meta])  # Enter in the textbox triggers too

if __name__ == "__main__":
    demo.launch()
