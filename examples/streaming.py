"""Streaming, cancellation, visibility updates and toasts."""

import time

import blocks as gr


def count(limit, delay):
    text = ""
    for index in range(int(limit)):
        text += f"{index} "
        time.sleep(delay)
        yield text


def toggle(show):
    return gr.update(visible=show)


def notify(text):
    gr.Info(f"You wrote {len(text)} characters")
    gr.Warning("This is a warning")
    return text.upper()


with gr.Blocks(title="Streaming") as demo:
    with gr.Row():
        limit = gr.Number(value=40, label="Count to", minimum=1, maximum=10_000, precision=0)
        delay = gr.Slider(0, 0.2, value=0.05, step=0.01, label="Delay")
    with gr.Row():
        start = gr.Button("Start", variant="primary")
        stop = gr.Button("Stop", variant="stop")
    counted = gr.Textbox(label="Counted", lines=4)
    job = start.click(count, [limit, delay], counted)
    stop.click(None, None, None, cancels=[job])

    show = gr.Checkbox(value=True, label="Show details")
    details = gr.Textbox(label="Details", value="Now you see me")
    show.change(toggle, show, details)

    note = gr.Textbox(label="Note")
    shout = gr.Textbox(label="Shouted")
    note.submit(notify, note, shout)

if __name__ == "__main__":
    demo.launch()
