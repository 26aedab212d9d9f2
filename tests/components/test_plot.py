from __future__ import annotations

import base64
import io
import json
import threading

import altair as alt
import matplotlib.pyplot as plt
import pandas as pd
import plotly.graph_objects as go
import plotly.io
import pytest
from matplotlib.figure import Figure
from PIL import Image

import blocks as gr
from blocks.exceptions import ValidationError
from blocks.testing import TestClient


def figure(width: float = 4, height: float = 3, dpi: int = 50) -> Figure:
    fig = Figure(figsize=(width, height), dpi=dpi)
    fig.subplots().plot([1, 3, 2])
    return fig


def picture(payload: dict) -> Image.Image:
    head, data = payload["plot"].split(",", 1)
    assert head.endswith(";base64")
    return Image.open(io.BytesIO(base64.b64decode(data)))


def test_a_matplotlib_figure_is_sent_as_a_webp_picture_of_the_figures_size():
    payload = gr.Plot().postprocess(figure(4, 3, dpi=50))
    assert payload["type"] == "matplotlib"
    assert payload["plot"].startswith("data:image/webp;base64,")
    shown = picture(payload)
    assert (shown.format, shown.size) == ("WEBP", (200, 150))


def test_format_png_sends_a_png_and_svg_an_svg_document():
    png = picture(gr.Plot(format="png").postprocess(figure(2, 1, dpi=100)))
    assert (png.format, png.size) == ("PNG", (200, 100))
    svg = gr.Plot(format="svg").postprocess(figure())["plot"]
    assert svg.startswith("data:image/svg+xml;base64,")
    assert b"<svg" in base64.b64decode(svg.split(",", 1)[1])


def test_an_unknown_format_is_refused_naming_the_ones_there_are():
    with pytest.raises(ValueError, match="png, webp"):
        gr.Plot(format="bmp")


def test_pyplot_stands_for_its_current_figure():
    fig = plt.figure(figsize=(3, 2), dpi=40)
    try:
        plt.plot([1, 2])
        assert picture(gr.Plot(format="png").postprocess(plt)).size == (120, 80)
    finally:
        plt.close(fig)


def test_figures_drawn_on_several_threads_at_once_each_come_out_whole():
    plot = gr.Plot(format="png")
    sizes: list[tuple[int, int]] = []
    lock = threading.Lock()

    def draw(width: int) -> None:
        size = picture(plot.postprocess(figure(width, 2, dpi=20))).size
        with lock:
            sizes.append(size)

    threads = [threading.Thread(target=draw, args=(w,)) for w in (2, 3, 4, 5)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sorted(sizes) == [(40, 40), (60, 40), (80, 40), (100, 40)]


def test_a_plotly_figure_is_sent_as_its_json_which_reads_back_as_the_same_figure():
    fig = go.Figure(go.Bar(x=["a", "b"], y=[3, 5]), layout={"title": {"text": "Cups"}})
    payload = gr.Plot().postprocess(fig)
    assert payload["type"] == "plotly"
    assert plotly.io.from_json(payload["plot"]).to_dict() == fig.to_dict()


def test_an_altair_chart_is_sent_as_its_vega_lite_spec_with_its_chart_kind():
    data = {"a": [1, 2, 3], "b": [4, 5, 6]}
    chart = alt.Chart(pd.DataFrame(data)).mark_point().encode(x="a", y="b")
    payload = gr.Plot().postprocess(chart)
    assert (payload["type"], payload["chart"]) == ("altair", "scatter")
    spec = json.loads(payload["plot"])
    assert spec["$schema"].startswith("https://vega.github.io/schema/vega-lite/")
    assert spec["encoding"]["x"]["field"] == "a"
    [values] = spec["datasets"].values()
    assert values == [{"a": 1, "b": 4}, {"a": 2, "b": 5}, {"a": 3, "b": 6}]


def test_a_layered_altair_chart_has_no_chart_kind():
    base = alt.Chart(alt.Data(values=[{"a": 1, "b": 2}])).encode(x="a:Q", y="b:Q")
    payload = gr.Plot().postprocess(base.mark_line() + base.mark_point())
    assert payload["type"] == "altair" and "chart" not in payload


def test_none_shows_no_plot():
    assert gr.Plot().postprocess(None) is None


def test_a_value_that_is_no_plot_is_refused_naming_the_kinds_accepted():
    with pytest.raises(TypeError, match=r"matplotlib Figure .* plotly Figure or an altair Chart"):
        gr.Plot().postprocess([1, 2, 3])


def test_a_bokeh_figure_is_refused_saying_bokeh_is_not_supported():
    # Any object of the bokeh package (which is not installed here) is one.
    bokeh_figure = type("figure", (), {"__module__": "bokeh.plotting._figure"})()
    with pytest.raises(TypeError, match=r"does not show bokeh figures.*matplotlib"):
        gr.Plot().postprocess(bokeh_figure)


def test_a_payload_handed_back_is_shown_as_it_is():
    payload = gr.Plot().postprocess(go.Figure(go.Scatter(y=[1, 2])))
    plot = gr.Plot()
    assert plot.postprocess(plot.preprocess(payload)) == payload


@pytest.mark.parametrize(
    ("payload", "problem"),
    [
        ("a plot", "expected a plot object"),
        ({"type": "bokeh", "plot": "{}"}, "type must be one of matplotlib, plotly, altair"),
        ({"type": "plotly", "plot": {"data": []}}, "plot must be text"),
    ],
)
def test_a_client_payload_that_is_no_plot_is_refused(payload, problem):
    with pytest.raises(ValidationError, match=problem):
        gr.Plot(label="Chart").preprocess(payload)


def test_the_api_describes_the_plot_payload_and_its_example_fits_it():
    plot = gr.Plot()
    info = plot.api_info()
    assert info["required"] == ["type", "plot"]
    assert info["properties"]["type"]["enum"] == ["matplotlib", "plotly", "altair"]
    example = plot.example_payload()
    assert plot.preprocess(example) == example
    assert json.loads(example["plot"])["data"][0]["type"] == "bar"


def test_a_plot_is_labelled_plot_unless_given_a_label():
    assert gr.Plot().get_props()["label"] == "Plot"
    assert gr.Plot(label="Sales").get_props()["label"] == "Sales"


def test_a_listener_returning_a_figure_updates_the_plot_on_the_page():
    with gr.Blocks() as demo:
        points = gr.Number(value=3)
        plot = gr.Plot()
        points.change(lambda n: go.Figure(go.Scatter(y=list(range(int(n))))), points, plot)
    with TestClient(demo) as client:
        client.change(points, 4)
        shown = json.loads(client.value(plot)["plot"])
        assert shown["data"][0]["y"] == [0, 1, 2, 3]


def test_a_chat_reply_that_is_a_plot_is_a_plot_part_of_the_message():
    chat = gr.ChatInterface(lambda message, history: gr.Plot(figure(), label="Chart"))
    with TestClient(chat) as client:
        client.set(chat.textbox, "draw")
        client.submit(chat.textbox)
        [part] = client.value(chat.chatbot)[-1]["content"]
    assert (part["type"], part["component"], part["props"]) == (
        "component",
        "plot",
        {"label": "Chart"},
    )
    assert part["value"]["type"] == "matplotlib"
    assert picture(part["value"]).size == (200, 150)


def test_a_plot_in_the_history_comes_back_to_the_chat_as_a_plot_and_returns_unchanged():
    chatbot = gr.Chatbot()
    wire = chatbot.postprocess([{"role": "assistant", "content": gr.Plot(figure(), label="A")}])
    [message] = chatbot.preprocess(wire)
    assert isinstance(message["content"], gr.Plot)
    assert message["content"].value["type"] == "matplotlib"
    assert chatbot.postprocess([message]) == wire
