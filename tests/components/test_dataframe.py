"""gr.Dataframe: every kind of table a listener returns becomes the wire
``{"headers", "data", "metadata"}`` with JSON cells; a client's table reaches the listener as
``type`` says, its cells checked and coerced by datatype; the templates, the shortcuts, a
table inside a chat message, and a round trip through blocks.Client against a real server."""

from __future__ import annotations

import datetime
import sys
from decimal import Decimal

import numpy as np
import orjson
import pandas as pd
import polars as pl
import pytest

import blocks as gr
from blocks.client import ClientError
from blocks.exceptions import ValidationError
from blocks.interface.shortcuts import as_component
from blocks.runtime.files import FileCache, use_cache
from blocks.testing import TestClient


def _table(headers, data):
    return {"headers": headers, "data": data, "metadata": None}


# ---------------------------------------------------------------------- out


def test_a_pandas_frame_becomes_headers_and_rows_of_json_cells():
    frame = pd.DataFrame(
        {
            "n": [1, 2],
            "x": [1.5, float("nan")],
            "name": ["a", None],
            "when": pd.to_datetime(["2024-01-02 03:04:05", None]),
            "ok": [True, False],
        }
    )
    shown = gr.Dataframe().postprocess(frame)
    assert shown == _table(
        ["n", "x", "name", "when", "ok"],
        [[1, 1.5, "a", "2024-01-02T03:04:05", True], [2, None, None, None, False]],
    )
    orjson.dumps(shown)  # every cell is JSON


def test_a_pandas_series_is_one_column_named_after_it_and_the_index_is_dropped():
    series = pd.Series([3, 4], name="count", index=["a", "b"])
    assert gr.Dataframe().postprocess(series) == _table(["count"], [[3], [4]])


def test_pandas_nullable_and_categorical_columns_become_plain_cells():
    frame = pd.DataFrame({"n": pd.array([1, None], dtype="Int64"), "c": pd.Categorical(["x", "y"])})
    assert gr.Dataframe().postprocess(frame)["data"] == [[1, "x"], [None, "y"]]


def test_a_styler_shows_its_formatted_text_and_styles_without_its_hidden_columns():
    frame = pd.DataFrame({"price": [1.23456, 2.5], "secret": [1, 2], "name": ["a", "b"]})
    styler = frame.style.format({"price": "{:.2f}"}).hide(["secret"], axis=1)
    styler = styler.map(lambda v: "color: red" if v == "b" else "", subset=["name"])
    shown = gr.Dataframe(interactive=False).postprocess(styler)
    assert shown["headers"] == ["price", "name"]
    assert shown["data"] == [[1.23456, "a"], [2.5, "b"]]
    assert shown["metadata"]["display_value"] == [["1.23", "a"], ["2.50", "b"]]
    assert shown["metadata"]["styling"][1] == ["", "color: red"]


def test_an_editable_dataframe_warns_that_a_styler_is_shown_without_its_styles():
    with pytest.warns(UserWarning, match="without its styles"):
        gr.Dataframe(interactive=True).postprocess(pd.DataFrame({"a": [1]}).style)


def test_a_polars_frame_becomes_headers_and_rows():
    frame = pl.DataFrame({"a": [1, None], "b": ["x", "y"], "d": [datetime.date(2024, 5, 6), None]})
    assert gr.Dataframe().postprocess(frame) == _table(
        ["a", "b", "d"], [[1, "x", "2024-05-06"], [None, "y", None]]
    )


def test_numpy_arrays_of_one_or_two_dimensions_and_of_records_become_rows():
    dataframe = gr.Dataframe(headers=["p", "q"])
    assert dataframe.postprocess(np.array([[1, 2], [3, 4]])) == _table(["p", "q"], [[1, 2], [3, 4]])
    assert dataframe.postprocess(np.array([0.5, np.inf, np.nan])) == _table(
        ["p"], [[0.5], [None], [None]]
    )
    records = np.array([(1, 2.5)], dtype=[("id", "i4"), ("score", "f8")])
    assert dataframe.postprocess(records) == _table(["id", "score"], [[1, 2.5]])
    days = np.array(["2024-01-01", "NaT"], dtype="datetime64[ns]")
    assert dataframe.postprocess(days)["data"] == [["2024-01-01T00:00:00.000000000"], [None]]


def test_an_array_of_three_dimensions_is_refused():
    with pytest.raises(TypeError, match="1-D or 2-D"):
        gr.Dataframe().postprocess(np.zeros((2, 2, 2)))


def test_lists_of_rows_scalars_and_records_become_rows_and_short_rows_are_padded():
    dataframe = gr.Dataframe()
    assert dataframe.postprocess([[1, 2, 3], [4]]) == _table(
        ["1", "2", "3"], [[1, 2, 3], [4, None, None]]
    )
    assert dataframe.postprocess([7, 8]) == _table(["1"], [[7], [8]])
    assert dataframe.postprocess([{"a": 1}, {"b": 2}]) == _table(["a", "b"], [[1, None], [None, 2]])


def test_the_constructors_headers_are_cut_or_extended_to_the_width_of_the_rows():
    dataframe = gr.Dataframe(headers=["a", "b", "c"])
    assert dataframe.postprocess([[1, 2]])["headers"] == ["a", "b"]
    assert dataframe.postprocess([[1, 2, 3, 4, 5]])["headers"] == ["a", "b", "c", "4", "5"]


def test_a_dict_is_the_wire_shape_or_columns_by_name():
    dataframe = gr.Dataframe()
    wire = {"headers": ["a"], "data": [[1]], "metadata": {"display_value": [["one"]]}}
    assert dataframe.postprocess(wire) == {
        "headers": ["a"],
        "data": [[1]],
        "metadata": {"display_value": [["one"]]},
    }
    assert dataframe.postprocess({"x": [1, 2], "y": ("a", "b")}) == _table(
        ["x", "y"], [[1, "a"], [2, "b"]]
    )
    with pytest.raises(ValueError, match="same length"):
        dataframe.postprocess({"x": [1, 2], "y": [1]})


def test_odd_cells_become_json_values():
    row = [
        np.int64(3),
        np.float32(2.5),
        np.bool_(True),
        np.datetime64("2024-01-01"),
        2**70,
        Decimal("1.5"),
        b"bytes",
        datetime.time(12, 30),
        pd.NaT,
        pd.NA,
        complex(1, 2),
    ]
    assert gr.Dataframe().postprocess([row])["data"] == [
        [3, 2.5, True, "2024-01-01", str(2**70), 1.5, "bytes", "12:30:00", None, None, "(1+2j)"]
    ]


def test_a_csv_path_is_read_with_numbers_as_numbers(tmp_path):
    path = tmp_path / "scores.csv"
    path.write_text("name,score,note\nada,3,\nbob,4.5,hi\n")
    assert gr.Dataframe().postprocess(str(path)) == _table(
        ["name", "score", "note"], [["ada", 3, ""], ["bob", 4.5, "hi"]]
    )


def test_a_str_that_is_not_a_csv_file_is_refused_and_not_read(tmp_path):
    secret = tmp_path / "secret.txt"
    secret.write_text("a,b\n1,2\n")
    for value in ("hello", str(secret), str(tmp_path / "missing.csv")):
        with pytest.raises(TypeError, match=r"\.csv or \.tsv"):
            gr.Dataframe().postprocess(value)


def test_no_value_shows_row_count_empty_rows_of_each_datatype():
    dataframe = gr.Dataframe(headers=["n", "ok", "s"], datatype=["number", "bool", "str"])
    assert dataframe.postprocess(None) == _table(["n", "ok", "s"], [[0, False, ""]])
    assert gr.Dataframe(row_count=2, col_count=2).postprocess(None) == _table(
        ["1", "2"], [["", ""], ["", ""]]
    )


def test_an_empty_frame_keeps_its_headers_and_has_no_rows():
    assert gr.Dataframe().postprocess(pd.DataFrame(columns=["a", "b"])) == _table(["a", "b"], [])


def test_image_cells_show_a_file_the_app_names_from_the_cache_and_urls_as_they_are(tmp_path):
    picture = tmp_path / "cat.png"
    picture.write_bytes(b"\x89PNG\r\n\x1a\n")
    with use_cache(FileCache(tmp_path / "cache")) as cache:
        shown = gr.Dataframe(datatype=["str", "image"]).postprocess(
            [["cat", str(picture)], ["web", "https://example.com/dog.png"], ["none", ""]]
        )
        cell = shown["data"][0][1]
        assert cell.startswith("file/") and cell.endswith("/cat.png")
        assert cache.path_of(cell.split("/")[1]).read_bytes() == picture.read_bytes()
    assert [row[1] for row in shown["data"][1:]] == ["https://example.com/dog.png", ""]


# ---------------------------------------------------------------------- in


PAYLOAD = _table(["name", "price"], [["apple", "1.5"], ["pear", 2]])


def test_the_listener_receives_a_pandas_frame_by_default():
    frame = gr.Dataframe(datatype=["str", "number"]).preprocess(PAYLOAD)
    assert isinstance(frame, pd.DataFrame)
    assert list(frame.columns) == ["name", "price"]
    assert frame["price"].tolist() == [1.5, 2.0]


def test_the_listener_receives_numpy_a_list_of_rows_or_polars_as_type_says():
    numbers = _table(["a", "b"], [[1, 2], [3, 4]])
    array = gr.Dataframe(type="numpy").preprocess(numbers)
    assert isinstance(array, np.ndarray) and array.tolist() == [[1, 2], [3, 4]]
    assert gr.Dataframe(type="array", datatype=["str", "number"]).preprocess(PAYLOAD) == [
        ["apple", 1.5],
        ["pear", 2],
    ]
    frame = gr.Dataframe(type="polars", datatype=["str", "number"]).preprocess(PAYLOAD)
    assert isinstance(frame, pl.DataFrame)
    assert frame.columns == ["name", "price"] and frame["price"].to_list() == [1.5, 2.0]


def test_a_str_column_keeps_cells_as_sent_and_polars_takes_mixed_ones_as_text():
    mixed = _table(["a"], [[5], ["five"]])
    assert gr.Dataframe(type="array").preprocess(mixed) == [[5], ["five"]]
    assert gr.Dataframe(type="polars").preprocess(mixed)["a"].to_list() == ["5", "five"]


def test_an_empty_table_keeps_its_columns_and_none_stays_none():
    for empty in ([], [[]]):
        frame = gr.Dataframe().preprocess(_table(["a", "b"], empty))
        assert list(frame.columns) == ["a", "b"] and len(frame) == 0
    assert gr.Dataframe(type="numpy").preprocess(_table(["a", "b"], [])).shape == (0, 2)
    assert gr.Dataframe().preprocess(None) is None


def test_missing_headers_are_numbered():
    assert list(gr.Dataframe().preprocess({"data": [[1, 2]]}).columns) == ["1", "2"]


def test_number_and_bool_cells_are_coerced_from_text():
    dataframe = gr.Dataframe(type="array", datatype=["number", "bool"])
    rows = dataframe.preprocess(
        _table(
            ["n", "b"],
            [["3", "true"], [" 2.5 ", "No"], ["", ""], [None, 1], ["-1e3", False]],
        )
    )
    assert rows == [[3, True], [2.5, False], [None, None], [None, True], [-1000.0, False]]


@pytest.mark.parametrize(
    ("datatype", "cell", "message"),
    [
        ("number", "abc", "column 'b', row 2: the text 'abc' is not a number"),
        ("number", True, "column 'b', row 2: the boolean true is not a number"),
        ("number", "nan", "column 'b', row 2: the text 'nan' is not a number"),
        ("bool", "maybe", "column 'b', row 2: the text 'maybe' is not true or false"),
        ("str", [1], "column 'b', row 2: a cell must be text, a number, a boolean or null"),
    ],
)
def test_a_cell_that_does_not_fit_its_column_is_refused_naming_the_column_and_row(
    datatype, cell, message
):
    dataframe = gr.Dataframe(label="Prices", datatype=["str", datatype])
    with pytest.raises(ValidationError, match=f"^Prices: {message}"):
        dataframe.preprocess(
            _table(["a", "b"], [["x", 1 if datatype == "number" else ""], ["y", cell]])
        )


@pytest.mark.parametrize(
    ("payload", "message"),
    [
        ([["a"]], 'expected an object with "headers" and "data", got a list'),
        ({"headers": ["a"], "data": "x"}, '"data" must be a list of rows'),
        ({"headers": "a", "data": []}, '"headers" must be a list of names'),
        ({"headers": ["a", None], "data": []}, "header 2 must be text, got null"),
        ({"headers": ["a"], "data": [[1], "row"]}, "row 2 must be a list of cells"),
        ({"headers": ["a", "b"], "data": [[1]]}, "row 1 has 1 cell, but the table has 2 columns"),
    ],
)
def test_a_malformed_payload_is_refused_clearly(payload, message):
    with pytest.raises(ValidationError, match=message):
        gr.Dataframe().preprocess(payload)


def test_a_table_too_large_is_refused():
    with pytest.raises(ValidationError, match="more than 1,000,000 cells"):
        gr.Dataframe().preprocess(_table(["a", "b", "c"], [[1, 2, 3]] * 400_000))


def test_polars_needs_distinct_column_names():
    with pytest.raises(ValidationError, match="distinct column names"):
        gr.Dataframe(type="polars").preprocess(_table(["a", "a"], [[1, 2]]))


def test_a_missing_library_is_named_with_how_to_install_it(monkeypatch):
    monkeypatch.setitem(sys.modules, "pandas", None)
    with pytest.raises(ModuleNotFoundError, match="needs pandas: pip install pandas"):
        gr.Dataframe().preprocess(PAYLOAD)
    monkeypatch.setitem(sys.modules, "polars", None)
    with pytest.raises(ModuleNotFoundError, match="needs polars: pip install polars"):
        gr.Dataframe(type="polars")


# ---------------------------------------------------------------------- the constructor


def test_counts_are_normalised_to_a_count_and_whether_it_is_fixed():
    dataframe = gr.Dataframe(row_count=(3, "fixed"), col_count=2)
    assert dataframe.row_count == [3, "fixed"]
    assert dataframe.col_count == [2, "dynamic"]
    assert dataframe.headers == ["1", "2"]
    assert gr.Dataframe(headers=["a", "b"]).col_count == [2, "dynamic"]
    assert gr.Dataframe(column_count=4).col_count == [4, "dynamic"]
    assert gr.Dataframe(static_columns=[0]).col_count == [3, "fixed"]


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"type": "dict"}, "type must be one of pandas, numpy, array, polars"),
        ({"datatype": ["str", "money"]}, "datatype must be one of"),
        ({"headers": ["a"], "col_count": 2}, "col_count 2 but 1 headers"),
        ({"row_count": (2, "sometimes")}, 'row_count must be a count or \\(count, "fixed"'),
        ({"row_limits": (5, 2)}, "minimum 5 is above its maximum 2"),
        ({"show_search": "find"}, "show_search must be one of none, search, filter"),
        ({"buttons": ["share"]}, 'takes a list of "fullscreen", "copy"'),
        ({"col_count": (2, "fixed"), "pinned_columns": 3}, "cannot exceed its 2 fixed columns"),
        ({"static_columns": ["a"]}, "static_columns must be a list of column indices"),
        ({"max_chars": 0}, "max_chars must be a positive int"),
    ],
)
def test_arguments_that_do_not_fit_are_refused_when_the_dataframe_is_made(kwargs, message):
    with pytest.raises(ValueError, match=message):
        gr.Dataframe(**kwargs)


def test_the_options_reach_the_page_as_properties():
    dataframe = gr.Dataframe(
        column_widths=[100, "20%"],
        buttons=["copy"],
        show_search=None,
        pinned_columns=1,
        wrap=True,
        max_chars=10,
    )
    props = dataframe.get_props()
    assert props["column_widths"] == ["100px", "20%"]
    assert (props["show_copy_button"], props["show_fullscreen_button"]) == (True, False)
    assert (props["show_search"], props["pinned_columns"], props["wrap"]) == ("none", 1, True)
    assert props["latex_delimiters"] == [{"left": "$$", "right": "$$", "display": True}]


def test_datatype_auto_follows_the_dtypes_of_the_value():
    frame = pd.DataFrame(
        {"n": [1], "x": [0.5], "s": ["a"], "t": pd.to_datetime(["2024-01-01"]), "b": [True]}
    )
    assert gr.Dataframe(frame, datatype="auto").datatype == [
        "number",
        "number",
        "str",
        "date",
        "bool",
    ]
    assert gr.Dataframe([[1, "a", False]], datatype="auto").datatype == ["number", "str", "bool"]


def test_the_api_schema_is_an_object_of_headers_data_and_metadata_and_the_example_fits():
    dataframe = gr.Dataframe(headers=["a", "b"], datatype=["str", "number"])
    info = dataframe.api_info()
    assert info["type"] == "object"
    assert set(info["properties"]) == {"headers", "data", "metadata"}
    assert info["required"] == ["headers", "data"]
    example = dataframe.example_payload()
    assert example["headers"] == ["a", "b"]
    assert dataframe.preprocess(example).values.tolist() == [["foo", 1]]


# ---------------------------------------------------------------------- templates, shortcuts


def test_the_templates_are_dataframes_with_their_own_defaults():
    assert gr.DataFrame is gr.Dataframe
    assert (gr.Numpy().type, gr.Matrix().type, gr.List().type) == ("numpy", "array", "array")
    assert gr.List().col_count == [1, "dynamic"]
    assert {gr.Numpy.TYPE, gr.Matrix.TYPE, gr.List.TYPE} == {"dataframe"}


def test_interface_shortcuts_make_dataframes_and_their_templates():
    made = [as_component(name, "inputs") for name in ("dataframe", "numpy", "matrix", "list")]
    assert [type(c) for c in made] == [gr.Dataframe, gr.Numpy, gr.Matrix, gr.List]


# ---------------------------------------------------------------------- in an app


def _total(table):
    return float(table["price"].sum())


def test_a_table_set_on_the_page_reaches_the_listener_and_a_bad_cell_is_refused():
    with gr.Blocks() as demo:
        table = gr.Dataframe(headers=["name", "price"], datatype=["str", "number"])
        total = gr.Number()
        table.change(_total, table, total)
    with TestClient(demo) as client:
        client.change(table, _table(["name", "price"], [["a", "1.5"], ["b", 2]]))
        assert client.value(total) == 3.5
        [run] = client.change(table, _table(["name", "price"], [["a", "lots"]]))
        assert "column 'price', row 1: the text 'lots' is not a number" in (run.error or "")


def test_a_dataframe_in_a_chat_message_is_sent_as_a_component_part_and_read_back():
    frame = pd.DataFrame({"planet": ["Mars"], "moons": [2]})
    chatbot = gr.Chatbot()
    [message] = chatbot.postprocess(
        [{"role": "assistant", "content": gr.Dataframe(value=frame, label="Planets")}]
    )
    [part] = message["content"]
    assert part["component"] == "dataframe"
    assert part["value"] == _table(["planet", "moons"], [["Mars", 2]])
    assert part["props"]["label"] == "Planets"
    [back] = chatbot.preprocess([message])
    shown = back["content"]
    assert isinstance(shown, gr.Dataframe)
    assert shown.value.to_dict("list") == {"planet": ["Mars"], "moons": [2]}


# ---------------------------------------------------------------------- over the network


@pytest.fixture(scope="module")
def url():
    with gr.Blocks() as demo:
        table = gr.Dataframe(headers=["name", "price"], datatype=["str", "number"])
        total = gr.Number()
        gr.Button().click(_total, table, total, api_name="total")
        gr.Button().click(lambda t: t * 2, gr.Numpy(), gr.Dataframe(), api_name="double")
    demo.launch(server_port=0, prevent_thread_lock=True, quiet=True)
    yield demo.local_url
    demo.close()


def test_a_client_sends_a_table_and_receives_one(url):
    with gr.Client(url) as client:
        assert (
            client.predict(_table(["name", "price"], [["a", 1], ["b", "2.5"]]), api_name="/total")
            == 3.5
        )
        doubled = client.predict(_table(["x", "y"], [[1, 2]]), api_name="/double")
        assert doubled == _table(["1", "2"], [[2, 4]])


def test_a_client_sending_a_bad_cell_is_told_which_one(url):
    with gr.Client(url) as client, pytest.raises(ClientError, match="column 'price', row 2"):
        client.predict(_table(["name", "price"], [["a", 1], ["b", "two"]]), api_name="/total")
