from __future__ import annotations

import sys

import pandas as pd
import polars as pl
import pytest

import blocks as gr
from blocks.components.native_plot import vega_lite_spec
from blocks.exceptions import ValidationError
from blocks.interface.shortcuts import as_component
from blocks.testing import TestClient

SALES = pd.DataFrame(
    {
        "day": pd.to_datetime(["2024-01-01", "2024-01-01", "2024-01-02"]),
        "sold": [3, 5, 4],
        "shop": ["north", "south", "north"],
        "price": [1.5, None, 2.0],
    }
)


def test_a_dataframe_is_sent_as_its_columns_rows_and_their_kinds_with_dates_in_ms():
    payload = gr.LinePlot(x="day", y="sold").postprocess(SALES)
    assert payload["columns"] == ["day", "sold", "shop", "price"]
    assert payload["data"] == [
        [1704067200000, 3, "north", 1.5],
        [1704067200000, 5, "south", None],
        [1704153600000, 4, "north", 2.0],
    ]
    assert payload["datatypes"] == {
        "day": "temporal",
        "sold": "quantitative",
        "shop": "nominal",
        "price": "quantitative",
    }
    assert payload["mark"] == "line"


@pytest.mark.parametrize(
    ("cls", "mark"), [(gr.LinePlot, "line"), (gr.ScatterPlot, "point"), (gr.BarPlot, "bar")]
)
def test_each_native_plot_draws_its_own_mark(cls, mark):
    payload = cls(x="shop", y="sold").postprocess(SALES)
    assert payload["mark"] == mark
    assert payload["spec"]["mark"]["type"] == mark


def test_the_chart_encodes_x_y_and_color_with_the_kind_of_each_column():
    spec = gr.ScatterPlot(x="price", y="sold", color="shop").postprocess(SALES)["spec"]
    encoding = spec["encoding"]
    assert (encoding["x"]["field"], encoding["x"]["type"]) == ("price", "quantitative")
    assert (encoding["y"]["field"], encoding["y"]["type"]) == ("sold", "quantitative")
    assert (encoding["color"]["field"], encoding["color"]["type"]) == ("shop", "nominal")
    assert spec["data"] == {"name": "table"}
    assert [field["field"] for field in encoding["tooltip"]] == ["price", "sold", "shop"]


def test_titles_default_to_the_column_names_and_the_chart_takes_its_title():
    plot = gr.BarPlot(x="shop", y="sold", title="Sales", y_title="Cups", color="shop")
    spec = plot.spec
    assert spec["title"] == "Sales"
    assert (spec["encoding"]["x"]["title"], spec["encoding"]["y"]["title"]) == ("shop", "Cups")


def test_a_colour_map_fixes_the_colour_of_each_series_and_the_legend_lists_some():
    spec = vega_lite_spec(
        {
            "x": "a",
            "y": "b",
            "color": "shop",
            "color_map": {"north": "#f00", "south": "green"},
            "colors_in_legend": ["north"],
        },
        "line",
    )
    color = spec["encoding"]["color"]
    assert color["scale"] == {"domain": ["north", "south"], "range": ["#f00", "green"]}
    assert color["legend"] == {"values": ["north"]}
    assert color["type"] == "nominal"


def test_bars_aggregate_y_and_the_tooltip_shows_the_aggregate():
    spec = gr.BarPlot(x="shop", y="sold", y_aggregate="mean", tooltip=["price"]).spec
    assert spec["encoding"]["y"]["aggregate"] == "mean"
    # Other columns would split the groups being averaged: the tooltip keeps to the axes.
    assert [f["field"] for f in spec["encoding"]["tooltip"]] == ["shop", "sold"]
    assert spec["encoding"]["tooltip"][1]["aggregate"] == "mean"


def test_more_tooltip_columns_are_shown_beside_the_axes_of_raw_points():
    spec = gr.ScatterPlot(x="price", y="sold", tooltip=["shop", "sold"]).spec
    assert [f["field"] for f in spec["encoding"]["tooltip"]] == ["price", "sold", "shop"]


def test_tooltip_all_shows_every_column_and_none_shows_no_tooltip():
    shown_all = gr.ScatterPlot(x="a", y="b", tooltip="all").spec
    assert shown_all["mark"]["tooltip"] == {"content": "data"}
    assert "tooltip" not in shown_all["encoding"]
    shown_none = gr.ScatterPlot(x="a", y="b", tooltip="none").spec
    assert "tooltip" not in shown_none["encoding"] and "tooltip" not in shown_none["mark"]


def test_a_numeric_x_bin_bins_x_and_sums_y_by_default():
    spec = gr.BarPlot(x="price", y="sold", x_bin=0.5).spec
    assert spec["encoding"]["x"]["bin"] == {"step": 0.5}
    assert spec["encoding"]["x"]["type"] == "quantitative"
    assert spec["encoding"]["y"]["aggregate"] == "sum"


def test_a_time_x_bin_groups_dates_into_steps_of_that_length():
    spec = gr.LinePlot(x="day", y="sold", x_bin="6h", y_aggregate="max").spec
    assert spec["transform"] == [
        {"calculate": 'floor(datum["day"] / 21600000) * 21600000', "as": "day"}
    ]
    assert spec["encoding"]["x"]["type"] == "temporal"
    assert spec["encoding"]["y"]["aggregate"] == "max"


@pytest.mark.parametrize(
    ("sort", "shown"),
    [("x", "ascending"), ("-x", "descending"), ("y", "y"), ("-y", "-y"), (["b", "a"], ["b", "a"])],
)
def test_sort_orders_the_x_values(sort, shown):
    assert gr.BarPlot(x="a", y="b", sort=sort).spec["encoding"]["x"]["sort"] == shown


def test_axis_limits_fix_either_end_and_clip_the_marks():
    spec = gr.ScatterPlot(x="a", y="b", x_lim=[0, None], y_lim=[None, 10]).spec
    assert spec["encoding"]["x"]["scale"] == {"zero": False, "domainMin": 0}
    assert spec["encoding"]["y"]["scale"] == {"zero": False, "domainMax": 10}
    assert spec["mark"]["clip"] is True


def test_date_limits_are_seconds_or_datetimes_drawn_on_a_millisecond_axis():
    plot = gr.LinePlot(x="day", y="sold", x_lim=["2024-01-01T00:00:00", 1704153600])
    assert plot.x_lim == [1704067200.0, 1704153600]
    scale = plot.postprocess(SALES)["spec"]["encoding"]["x"]["scale"]
    assert scale == {"domainMin": 1704067200000.0, "domainMax": 1704153600000}


def test_label_angles_and_hidden_x_labels_reach_the_axes():
    spec = gr.BarPlot(
        x="a", y="b", x_label_angle=45, y_label_angle=-10, x_axis_labels_visible=False
    ).spec
    assert spec["encoding"]["x"]["axis"] == {"labelAngle": 45, "labels": False}
    assert spec["encoding"]["y"]["axis"] == {"labelAngle": -10}


def test_height_and_width_size_the_chart_which_fills_its_block_otherwise():
    assert (gr.LinePlot(x="a", y="b").spec["width"], gr.LinePlot(x="a", y="b").spec["height"]) == (
        "container",
        300,
    )
    spec = gr.LinePlot(x="a", y="b", height=200, width=400).spec
    assert (spec["width"], spec["height"]) == (400, 200)


def test_column_names_with_dots_and_brackets_are_escaped_as_fields():
    spec = gr.LinePlot(x="speed.max", y="v[0]").spec
    assert spec["encoding"]["x"]["field"] == "speed\\.max"
    assert spec["encoding"]["y"]["field"] == "v\\[0\\]"


def test_without_the_data_the_chart_leaves_the_kind_of_x_and_color_to_the_page():
    spec = gr.LinePlot(x="day", y="sold", color="shop").spec
    assert "type" not in spec["encoding"]["x"] and "type" not in spec["encoding"]["color"]
    assert spec["encoding"]["y"]["type"] == "quantitative"


@pytest.mark.parametrize(
    ("kwargs", "problem"),
    [
        ({"y_aggregate": "total"}, "y_aggregate must be one of sum, mean"),
        ({"x_bin": "soon"}, "x_bin for dates must be a step such as '30m'"),
        ({"x_bin": -1}, "x_bin must be a positive number"),
        ({"sort": "z"}, "sort must be 'x', 'y', '-x', '-y'"),
        ({"tooltip": "some"}, "tooltip must be one of"),
        ({"x_lim": [1]}, r"x_lim must be \[min, max\]"),
        ({"y_lim": ["low", 3]}, "y_lim ends must be numbers"),
        ({"buttons": ["share"]}, "buttons may be"),
    ],
)
def test_settings_that_do_not_fit_are_refused_saying_what_would(kwargs, problem):
    with pytest.raises(ValueError, match=problem):
        gr.LinePlot(x="a", y="b", **kwargs)


def test_a_missing_column_is_refused_naming_the_columns_there_are():
    with pytest.raises(ValueError, match=r"y='cups' is not a column .* \['day', 'sold'"):
        gr.LinePlot(x="day", y="cups").postprocess(SALES)
    with pytest.raises(ValueError, match="needs x="):
        gr.LinePlot(y="sold").postprocess(SALES)


def test_a_value_that_is_no_dataframe_is_refused_naming_what_is_shown():
    with pytest.raises(TypeError, match="shows a pandas or polars DataFrame, or None"):
        gr.BarPlot(x="a", y="b").postprocess([[1, 2]])


def test_none_shows_an_empty_plot():
    assert gr.BarPlot(x="a", y="b").postprocess(None) is None


def test_a_polars_dataframe_is_sent_as_the_same_table():
    plot = gr.LinePlot(x="day", y="sold")
    frame = pl.from_dict(
        {
            "day": pl.Series(SALES["day"].to_list()).cast(pl.Datetime("ms")),
            "sold": [3, 5, 4],
            "shop": ["north", "south", "north"],
            "price": [1.5, None, 2.0],
        }
    )
    from_polars = plot.postprocess(frame)
    assert from_polars == plot.postprocess(SALES)


def test_the_listener_gets_the_table_back_as_a_pandas_dataframe_with_its_dates():
    plot = gr.LinePlot(x="day", y="sold")
    frame = plot.preprocess(plot.postprocess(SALES))
    pd.testing.assert_frame_equal(frame, SALES, check_dtype=False)
    assert str(frame["day"].dtype).startswith("datetime64")


@pytest.mark.parametrize(
    ("payload", "problem"),
    [
        ([1, 2], "expected a table object"),
        ({"columns": "a", "data": []}, "columns must be a list"),
        ({"columns": ["a"], "data": [[1, 2]]}, "each row must be a list of 1 cells"),
        ({"columns": ["a"], "data": [[{"x": 1}]]}, "a cell must be text, a number or null"),
        ({"columns": ["a"], "data": [], "datatypes": {"a": "odd"}}, "datatypes must map"),
    ],
)
def test_a_client_table_that_does_not_fit_is_refused(payload, problem):
    with pytest.raises(ValidationError, match=problem):
        gr.BarPlot(x="a", y="b", label="Sales").preprocess(payload)


def test_reading_the_plot_without_pandas_says_which_package_to_install(monkeypatch):
    plot = gr.LinePlot(x="a", y="b")
    monkeypatch.setitem(sys.modules, "pandas", None)
    with pytest.raises(ModuleNotFoundError, match="pip install pandas"):
        plot.preprocess(plot.example_payload())


def test_the_api_describes_the_table_and_its_example_reads_as_a_dataframe():
    plot = gr.ScatterPlot(x="height", y="weight")
    info = plot.api_info()
    assert info["required"] == ["columns", "data"]
    assert set(info["properties"]) >= {"columns", "data", "datatypes", "mark"}
    frame = plot.preprocess(plot.example_payload())
    assert list(frame.columns) == ["height", "weight"] and len(frame) == 3


def test_the_page_gets_the_chart_as_a_property_and_a_settings_update_redraws_it():
    with gr.Blocks() as demo:
        step = gr.Radio(["none", "1d"], value="none")
        plot = gr.LinePlot(SALES, x="day", y="sold")
        step.change(lambda s: gr.LinePlot(x_bin=None if s == "none" else s), step, plot)
    with TestClient(demo) as client:
        assert "bin" not in client.props(plot)["spec"]["encoding"]["x"]
        rows = client.value(plot)["data"]
        client.change(step, "1d")
        spec = client.props(plot)["spec"]
        assert spec["transform"][0]["as"] == "day"
        assert spec["encoding"]["y"]["aggregate"] == "sum"
        assert spec["encoding"]["x"]["field"] == "day"  # the plot's own x, kept
        assert client.value(plot)["data"] == rows


def test_a_plot_has_no_label_shown_unless_given_one():
    assert gr.LinePlot(x="a", y="b").show_label is False
    assert gr.LinePlot(x="a", y="b", label="Sales").show_label is True


def test_native_plots_fire_select_and_double_click():
    assert {"select", "double_click"} <= set(gr.ScatterPlot.EVENTS)


def test_the_interface_shortcuts_make_native_plots():
    assert type(as_component("lineplot", "outputs")) is gr.LinePlot
    assert type(as_component("scatterplot", "outputs")) is gr.ScatterPlot
    assert type(as_component("barplot", "outputs")) is gr.BarPlot


def test_a_native_plot_in_a_chat_message_carries_its_chart_in_its_value():
    chatbot = gr.Chatbot()
    plot = gr.BarPlot(SALES, x="shop", y="sold", label="Sold")
    wire = chatbot.postprocess([{"role": "assistant", "content": plot}])
    [part] = wire[0]["content"]
    assert (part["component"], part["props"]) == (
        "barplot",
        {"x": "shop", "y": "sold", "label": "Sold"},
    )
    assert part["value"]["spec"]["encoding"]["x"]["type"] == "nominal"
    [message] = chatbot.preprocess(wire)
    assert isinstance(message["content"], gr.BarPlot)
    assert chatbot.postprocess([message]) == wire
