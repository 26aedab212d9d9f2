"""A greeting app in the built-in Soft theme: indigo buttons, rounder corners, labels in the
primary colour. The theme follows the visitor's light or dark mode."""

import blocks as gr


def greet(name):
    return f"Hello {name}!"


with gr.Blocks(title="Soft theme") as demo:
    gr.Markdown("# Soft theme")
    name = gr.Textbox(label="Name", placeholder="Your name")
    output = gr.Textbox(label="Greeting")
    with gr.Row():
        greet_btn = gr.Button("Greet", variant="primary")
        clear_btn = gr.Button("Clear")
    greet_btn.click(fn=greet, inputs=name, outputs=output)
    clear_btn.click(fn=lambda: ("", ""), inputs=None, outputs=[name, output])

if __name__ == "__main__":
    demo.launch(theme=gr.themes.Soft())
