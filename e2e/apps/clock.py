"""value=fn with every=: a counter the page refreshes every 0.3 s; and demo.load(every=)."""

import itertools

import blocks as gr

ticks = itertools.count(1)
beats = itertools.count(1)

with gr.Blocks() as demo:
    gr.Number(value=lambda: next(ticks), every=0.3, label="Ticks")
    heartbeat = gr.Textbox(label="Heartbeat")
    demo.load(lambda: f"beat {next(beats)}", None, heartbeat, every=0.3)

if __name__ == "__main__":
    demo.launch()
