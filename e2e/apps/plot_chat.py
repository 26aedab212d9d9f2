"""A chat whose replies are plots (gr.Plot in a message), for e2e/test_plots.py."""

import plotly.graph_objects as go
from matplotlib.figure import Figure

import blocks as gr


def reply(message, history):
    values = [len(word) for word in message.split()] or [0]
    if "plotly" in message:
        return gr.Plot(go.Figure(go.Bar(y=values)), label="Word lengths (plotly)")
    fig = Figure(figsize=(4, 2.5), dpi=100)
    fig.subplots().bar(range(len(values)), values)
    return gr.Plot(fig, label="Word lengths", format="png")


demo = gr.ChatInterface(reply, title="Plot chat")

if __name__ == "__main__":
    demo.launch()
