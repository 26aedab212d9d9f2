"""Listeners with js=: one runs only in the page, one prepares the input for the server."""

import blocks as gr

with gr.Blocks() as demo:
    text = gr.Textbox(label="Text", value="stressed")
    reversed_text = gr.Textbox(label="Reversed")
    shouted = gr.Textbox(label="Shouted")
    once_count = gr.Number(label="Runs", value=0)
    gr.Button("Reverse").click(
        None, text, reversed_text, js="(x) => x.split('').reverse().join('')"
    )
    gr.Button("Shout").click(lambda x: x.upper(), text, shouted, js="(x) => x + '!'")

    def slow_count(n):
        import time

        time.sleep(0.5)
        return (n or 0) + 1

    gr.Button("Count").click(slow_count, once_count, once_count, trigger_mode="once")

if __name__ == "__main__":
    demo.launch()
