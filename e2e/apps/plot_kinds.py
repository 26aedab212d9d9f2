"""Every kind of plot for e2e/test_plots.py: gr.Plot with an altair chart (and a kind picked
from a radio), a ScatterPlot whose x range can be dragged, a BarPlot with aggregated bars, and a
plot whose figure cannot be drawn."""

import json

import altair as alt
import pandas as pd
import plotly.graph_objects as go
from matplotlib.figure import Figure

import blocks as gr

POINTS = pd.DataFrame(
    {
        "height": [150, 160, 170, 180, 190, 165, 175],
        "weight": [50, 60, 65, 80, 90, 58, 72],
        "group": ["a", "b", "a", "b", "a", "b", "a"],
    }
)
SALES = pd.DataFrame(
    {
        "fruit": ["apple", "pear", "apple", "plum", "pear", "apple"],
        "sold": [3, 5, 4, 2, 1, 6],
        "shop": ["north", "north", "south", "south", "south", "north"],
    }
)


def figure(kind):
    if kind == "matplotlib":
        fig = Figure(figsize=(4, 3), dpi=100)
        fig.subplots().bar(["a", "b", "c"], [3, 1, 2])
        return fig
    if kind == "plotly":
        return go.Figure(go.Bar(x=["a", "b", "c"], y=[3, 1, 2]))
    return alt.Chart(POINTS).mark_point().encode(x="height", y="weight", color="group")


def selected(event: gr.SelectData):
    return json.dumps({"index": event.index, "value": event.value})


with gr.Blocks(title="Plots") as demo:
    kind = gr.Radio(["matplotlib", "plotly", "altair"], value="altair", label="Kind")
    chosen = gr.Plot(figure("altair"), label="Chosen plot")
    kind.change(figure, kind, chosen)
    scatter = gr.ScatterPlot(
        POINTS, x="height", y="weight", color="group", label="Heights and weights", height=240
    )
    picked = gr.Textbox(label="Selected range")
    scatter.select(selected, None, picked)
    gr.BarPlot(
        SALES,
        x="fruit",
        y="sold",
        color="shop",
        y_aggregate="sum",
        sort="-y",
        label="Fruit sold",
        caption="Sold this week, by shop",
    )
    gr.Plot({"type": "plotly", "plot": "{not json"}, label="Broken plot")

if __name__ == "__main__":
    demo.launch()
