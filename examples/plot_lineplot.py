"""gr.LinePlot from a pandas DataFrame: x, y and a colour per series, with the series picked
and the days grouped by the controls."""

import numpy as np
import pandas as pd

import blocks as gr

rng = np.random.default_rng(7)
hours = pd.date_range("2024-03-01", periods=24 * 14, freq="h")
readings = pd.concat(
    pd.DataFrame(
        {
            "time": hours,
            "temperature": base
            + 6 * np.sin(np.arange(len(hours)) * 2 * np.pi / 24)
            + rng.normal(0, 1, len(hours)),
            "city": city,
        }
    )
    for city, base in [("Lisbon", 17), ("Oslo", 3), ("Cairo", 26)]
)


def pick(cities, group_by):
    shown = readings[readings["city"].isin(cities)]
    x_bin = None if group_by == "Hour" else "1d"
    return gr.LinePlot(shown, x_bin=x_bin, y_aggregate=None if x_bin is None else "mean")


with gr.Blocks(title="Temperatures") as demo:
    gr.Markdown("# Temperatures")
    with gr.Row():
        cities = gr.CheckboxGroup(
            ["Lisbon", "Oslo", "Cairo"], value=["Lisbon", "Oslo"], label="Cities"
        )
        group_by = gr.Radio(["Hour", "Day"], value="Hour", label="Group by")
    plot = gr.LinePlot(
        readings[readings["city"].isin(["Lisbon", "Oslo"])],
        x="time",
        y="temperature",
        color="city",
        title="Air temperature",
        y_title="°C",
        color_map={"Lisbon": "#f97316", "Oslo": "#2563eb", "Cairo": "#16a34a"},
        label="Temperature by city",
        caption="Hourly readings over two weeks",
    )
    gr.on([cities.change, group_by.change], pick, [cities, group_by], plot)

if __name__ == "__main__":
    demo.launch()
