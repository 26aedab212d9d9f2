"""A clock driven by gr.Timer: it ticks every second; Stop, Start and the interval slider
change the timer with updates."""

import time

import blocks as gr

with gr.Blocks() as demo:
    timer = gr.Timer(1)
    clock = gr.Textbox(label="Time")
    ticks = gr.Number(value=0, label="Ticks", precision=0)

    def tick(count):
        return time.strftime("%H:%M:%S"), count + 1

    timer.tick(tick, ticks, [clock, ticks])
    with gr.Row():
        stop = gr.Button("Stop")
        start = gr.Button("Start")
    interval = gr.Slider(0.2, 2, value=1, step=0.1, label="Interval (seconds)")
    stop.click(lambda: gr.Timer(active=False), None, timer)
    start.click(lambda: gr.Timer(active=True), None, timer)
    interval.change(lambda seconds: gr.Timer(value=seconds), interval, timer)

if __name__ == "__main__":
    demo.launch()
