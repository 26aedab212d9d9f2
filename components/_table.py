"""Table values -> the Dataframe wire payload ``{"headers", "data", "metadata"}``.

A listener may return a pandas DataFrame, Series or Styler, a polars DataFrame, a numpy array
(1-D: one column; 2-D; structured: named columns), a list of rows (a list of scalars is one
column, a list of dicts is records), a dict (the wire shape itself, or columns by name), the
path of a ``.csv``/``.tsv`` file, or None. pandas, polars and numpy are never imported here: a
value is recognised by the module its type comes from, which is loaded already.

Every cell becomes a JSON value: numpy scalars their Python value, NaN, NaT, NA and infinities
None, datetimes, dates and times ISO 8601 text, ``Decimal`` a float, anything else its ``str``.
Rows shorter than the widest are padded with None.
"""

from __future__ import annotations

import csv
import datetime
import math
import os
from collections.abc import Mapping
from decimal import Decimal
from pathlib import Path
from typing import Any

__all__ = ["column_kinds", "json_cell", "table_payload"]

Rows = list[list[Any]]

# JSON carries integers exactly, but the page's numbers lose precision past 2**53 and orjson
# refuses anything past 64 bits: larger ones are sent as text.
_MAX_INT = 2**63 - 1


def table_payload(value: Any, default_headers: list[str]) -> dict[str, Any]:
    """The wire payload for ``value``; headers come from the value, else ``default_headers``,
    cut or extended (``"4"``, ``"5"``...) to the width of the rows."""
    headers, rows, metadata = _table(value)
    width = max((len(row) for row in rows), default=0)
    for row in rows:
        if len(row) < width:
            row.extend([None] * (width - len(row)))
    shown = [str(h) for h in headers] if headers else list(default_headers)
    if rows:
        shown = shown[:width] + [str(i) for i in range(len(shown) + 1, width + 1)]
    return {"headers": shown, "data": rows, "metadata": metadata}


def _table(value: Any) -> tuple[list[Any] | None, Rows, dict[str, Any] | None]:
    if value is None:
        return None, [], None
    module = type(value).__module__.split(".")[0]
    if module == "pandas":
        return _pandas(value)
    if module == "polars":
        return _polars(value)
    if module == "numpy":
        return _numpy(value)
    if isinstance(value, Mapping):
        return _mapping(value)
    if isinstance(value, (list, tuple)):
        return _sequence(value)
    if isinstance(value, (str, os.PathLike)):
        return _csv_file(value)
    raise TypeError(
        "Dataframe shows a pandas or polars DataFrame, a numpy array, a list of rows, a dict "
        f"or the path of a .csv file; got {type(value).__name__}"
    )


# ---------------------------------------------------------------------- cells


def json_cell(value: Any) -> Any:
    """One cell as a JSON value (see the module docstring)."""
    kind = type(value)
    if kind is str or kind is bool or value is None:
        return value
    if kind is int:
        return value if -_MAX_INT <= value <= _MAX_INT else str(value)
    if kind is float:
        return value if math.isfinite(value) else None
    if hasattr(value, "dtype") and hasattr(value, "item"):  # numpy scalars
        if kind.__name__ in ("datetime64", "timedelta64"):  # .item() may give nanoseconds
            text = str(value)
            return None if text == "NaT" else text
        return json_cell(value.item())
    if isinstance(value, bool):
        return bool(value)
    if isinstance(value, int):
        return json_cell(int(value))
    if isinstance(value, float):
        return json_cell(float(value))
    if isinstance(value, (datetime.date, datetime.time)):
        # pandas NaT is a datetime that is unequal to itself.
        return None if value != value else value.isoformat()
    if isinstance(value, Decimal):
        return float(value) if value.is_finite() else None
    if isinstance(value, bytes):
        return value.decode(errors="replace")
    if kind.__name__ in ("NAType", "NaTType"):
        return None
    return str(value)


def _cells(values: list[Any]) -> list[Any]:
    return [json_cell(v) for v in values]


def _rows_of(columns: list[list[Any]], length: int) -> Rows:
    if not columns:
        return [[] for _ in range(length)]
    return [list(row) for row in zip(*columns, strict=True)]


# ---------------------------------------------------------------------- pandas


def _pandas(value: Any) -> tuple[list[Any] | None, Rows, dict[str, Any] | None]:
    kind = type(value).__name__
    if kind == "Styler":
        from blocks.components._table_style import styled

        frame, metadata = styled(value)
        headers, rows, _ = _pandas(frame)
        return headers, rows, metadata
    if kind == "Series":
        value = value.to_frame()
    elif kind != "DataFrame":
        raise TypeError(f"Dataframe cannot show a pandas {kind}: give a DataFrame")
    columns = [_pandas_column(value.iloc[:, index]) for index in range(value.shape[1])]
    return list(value.columns), _rows_of(columns, len(value)), None


def _pandas_column(series: Any) -> list[Any]:
    dtype = series.dtype
    values = series.tolist()
    if type(dtype).__module__ == "numpy" and dtype.kind in "iub":
        return values if dtype.kind != "u" or dtype.itemsize < 8 else _cells(values)
    return _cells(values)


# ---------------------------------------------------------------------- polars


def _polars(value: Any) -> tuple[list[Any] | None, Rows, dict[str, Any] | None]:
    kind = type(value).__name__
    if kind == "Series":
        value = value.to_frame()
    elif kind == "LazyFrame":
        value = value.collect()
    elif kind != "DataFrame":
        raise TypeError(f"Dataframe cannot show a polars {kind}: give a DataFrame")
    columns = [_cells(value.get_column(name).to_list()) for name in value.columns]
    return list(value.columns), _rows_of(columns, value.height), None


# ---------------------------------------------------------------------- numpy


def _numpy(value: Any) -> tuple[list[Any] | None, Rows, dict[str, Any] | None]:
    if not hasattr(value, "ndim"):  # a numpy scalar: one cell
        return None, [[json_cell(value)]], None
    if value.dtype.names:  # a structured array: its fields are the columns
        if value.ndim != 1:
            raise TypeError(f"Dataframe shows 1-D structured arrays, got {value.ndim} dimensions")
        rows = [_cells(list(record)) for record in value.tolist()]
        return list(value.dtype.names), rows, None
    if value.ndim == 0:
        return None, [[json_cell(value.item())]], None
    if value.ndim == 1:
        value = value.reshape(-1, 1)
    if value.ndim != 2:
        raise TypeError(f"Dataframe shows 1-D or 2-D arrays, got {value.ndim} dimensions")
    if value.dtype.kind == "M":  # tolist() would give nanoseconds as ints
        import numpy

        text = numpy.datetime_as_string(value).tolist()
        return None, [[None if c == "NaT" else c for c in row] for row in text], None
    if value.dtype.kind in "ib" or (value.dtype.kind == "u" and value.dtype.itemsize < 8):
        return None, value.tolist(), None
    return None, [_cells(row) for row in value.tolist()], None


# ---------------------------------------------------------------------- plain Python


def _mapping(value: Mapping[Any, Any]) -> tuple[list[Any] | None, Rows, dict[str, Any] | None]:
    if "data" in value and set(value) <= {"headers", "data", "metadata"}:
        headers, rows, _ = _sequence(value["data"] or [])
        given = value.get("headers")
        return (list(given) if given else headers), rows, _metadata(value.get("metadata"))
    if not value:
        return None, [], None
    columns = [_column_of(name, column) for name, column in value.items()]
    lengths = {len(column) for column in columns}
    if len(lengths) > 1:
        sizes = ", ".join(f"{name!r}: {len(c)}" for name, c in zip(value, columns, strict=True))
        raise ValueError(f"Dataframe columns must have the same length, got {sizes}")
    return list(value), _rows_of(columns, lengths.pop()), None


def _column_of(name: Any, column: Any) -> list[Any]:
    if isinstance(column, (str, bytes)) or not hasattr(column, "__iter__"):
        return [json_cell(column)]
    if hasattr(column, "tolist"):  # numpy arrays, pandas and polars series
        return _cells(list(column.tolist()))
    if isinstance(column, Mapping):
        raise TypeError(f"Dataframe column {name!r} is a dict: give a list of cells")
    return _cells(list(column))


def _sequence(value: Any) -> tuple[list[Any] | None, Rows, dict[str, Any] | None]:
    if not isinstance(value, (list, tuple)):
        if type(value).__module__.split(".")[0] == "numpy":
            return _numpy(value)
        raise TypeError(f"Dataframe data must be a list of rows, got {type(value).__name__}")
    items = list(value)
    if items and all(isinstance(item, Mapping) for item in items):
        headers = list(dict.fromkeys(key for item in items for key in item))
        return headers, [[json_cell(item.get(k)) for k in headers] for item in items], None
    rows = []
    for item in items:
        if isinstance(item, (list, tuple)):
            rows.append(_cells(list(item)))
        elif hasattr(item, "tolist") and getattr(item, "ndim", 0) == 1:
            rows.append(_cells(item.tolist()))
        else:
            rows.append([json_cell(item)])
    return None, rows, None


def _metadata(metadata: Any) -> dict[str, Any] | None:
    """The display values and cell styles of a wire payload, as lists of lists of text."""
    if not isinstance(metadata, Mapping):
        return None
    kept: dict[str, Any] = {}
    for key in ("display_value", "styling"):
        grid = metadata.get(key)
        if isinstance(grid, (list, tuple)):
            kept[key] = [
                [None if c is None else str(c) for c in row]
                if isinstance(row, (list, tuple))
                else []
                for row in grid
            ]
    return kept or None


def _csv_file(value: str | os.PathLike[str]) -> tuple[list[Any] | None, Rows, None]:
    path = Path(value)
    if path.suffix.lower() not in (".csv", ".tsv") or not path.is_file():
        shown = str(value) if len(str(value)) <= 60 else str(value)[:57] + "..."
        raise TypeError(
            f"Dataframe reads a str only as the path of a .csv or .tsv file, got {shown!r}"
        )
    delimiter = "\t" if path.suffix.lower() == ".tsv" else ","
    with path.open(newline="", encoding="utf-8-sig") as file:
        lines = list(csv.reader(file, delimiter=delimiter))
    if not lines:
        return None, [], None
    headers, rows = lines[0], lines[1:]
    width = max([len(headers), *(len(row) for row in rows)])
    columns = [[row[i] if i < len(row) else "" for row in rows] for i in range(width)]
    return headers, _rows_of([_csv_column(column) for column in columns], len(rows)), None


def _csv_column(cells: list[str]) -> list[Any]:
    """A CSV column's cells: numbers when every non-empty one is a number (empty ones None)."""
    for parse in (int, float):
        try:
            return [parse(c) if c.strip() else None for c in cells]
        except ValueError:
            continue
    return cells


# ---------------------------------------------------------------------- datatype="auto"


def column_kinds(value: Any, width: int) -> list[str]:
    """The datatype of each column for ``datatype="auto"``: from the dtypes of a pandas or
    polars frame or a numpy array, else from the cells of the wire payload."""
    dtypes = _dtypes(value)
    if dtypes is not None and len(dtypes) == width:
        return dtypes
    rows = table_payload(value, [])["data"]
    kinds = []
    for index in range(width):
        cells = [row[index] for row in rows if row[index] is not None]
        if cells and all(isinstance(c, bool) for c in cells):
            kinds.append("bool")
        elif cells and all(isinstance(c, (int, float)) and not isinstance(c, bool) for c in cells):
            kinds.append("number")
        else:
            kinds.append("str")
    return kinds


def _dtypes(value: Any) -> list[str] | None:
    module = type(value).__module__.split(".")[0]
    if module == "pandas" and type(value).__name__ == "Styler":
        value = value.data
    if module == "pandas" and type(value).__name__ == "DataFrame":
        return [_kind_of(str(dtype)) for dtype in value.dtypes]
    if module == "polars" and type(value).__name__ == "DataFrame":
        return [_kind_of(str(dtype)) for dtype in value.dtypes]
    if module == "numpy" and getattr(value, "ndim", 0) == 2:
        return [_kind_of(str(value.dtype))] * value.shape[1]
    return None


def _kind_of(dtype: str) -> str:
    name = dtype.lower()
    if name.startswith("bool"):
        return "bool"
    if name.startswith(("int", "uint", "float", "decimal")):
        return "number"
    if name.startswith(("datetime", "date", "timestamp")):
        return "date"
    return "str"
