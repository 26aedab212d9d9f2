"""A matplotlib figure in gr.Plot: a damped wave redrawn as the sliders move.

The figure is made with matplotlib.figure.Figure, not pyplot: listeners run on worker threads,
and a Figure of its own needs none of pyplot's global state. The server draws it to a picture.
"""

import numpy as np
from matplotlib.figure import Figure

import blocks as gr


def wave(frequency, damping):
    t = np.linspace(0, 10, 500)
    fig = Figure(figsize=(6, 3.5), dpi=100)
    ax = fig.subplots()
    ax.plot(t, np.exp(-damping * t) * np.cos(frequency * t), color="#f97316")
    ax.set_xlabel("time (s)")
    ax.set_ylabel("amplitude")
    ax.set_title(f"frequency {frequency:g}, damping {damping:g}")
    ax.grid(alpha=0.3)
    fig.tight_layout()
    return fig


with gr.Blocks(title="Damped wave") as demo:
    gr.Markdown("# A damped wave")
    with gr.Row():
        frequency = gr.Slider(1, 10, value=3, step=1, label="Frequency")
        damping = gr.Slider(0, 1, value=0.2, step=0.1, label="Damping")
    plot = gr.Plot(label="Wave", format="png")
    gr.on([frequency.change, damping.change, demo.load], wave, [frequency, damping], plot)

if __name__ == "__main__":
    demo.launch()
