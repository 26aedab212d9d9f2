"""A Dataframe payload from a client -> checked, coerced rows, then the listener's value.

The payload is ``{"headers": [...], "data": [[...], ...], "metadata": ...}``. Every row must
have one cell per header, and each cell be text, a number, a boolean or null. Cells of a
``"number"`` column become numbers (``"3"`` -> 3, ``"2.5"`` -> 2.5, ``""`` -> None) and those of
a ``"bool"`` column booleans (``"true"``, 1...); anything else there is refused, naming the
column and the row (counted from 1). Other columns keep their cells as sent, as the reference
does.
"""

from __future__ import annotations

import importlib
import math
import re
from typing import TYPE_CHECKING, Any

from blocks.components._checks import describe

if TYPE_CHECKING:
    from blocks.components.base import Component

__all__ = ["DATATYPES", "TYPES", "as_type", "checked_table", "column_datatypes"]

DATATYPES = ("str", "number", "bool", "date", "markdown", "html", "image")
TYPES = ("pandas", "numpy", "array", "polars")

Rows = list[list[Any]]

# Cells a client may send in all, whatever the size of the message.
MAX_CELLS = 1_000_000
_NUMBER = re.compile(r"[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?")
_INTEGER = re.compile(r"[+-]?\d{1,18}")
_TRUE = ("true", "yes", "1")
_FALSE = ("false", "no", "0")
_SCALARS = (str, int, float, bool)


def checked_table(
    component: Component, payload: Any, datatype: str | list[str]
) -> tuple[list[str], Rows]:
    """``(headers, rows)`` of a client's payload, each cell checked and coerced by the
    datatype of its column (``datatype``: one for all, or one per column; columns past the
    end of the list are ``"str"``)."""
    if not isinstance(payload, dict):
        raise component.invalid(
            f'expected an object with "headers" and "data", got {describe(payload)}'
        )
    data = payload.get("data")
    if data is None:
        data = []
    if not isinstance(data, list):
        raise component.invalid(f'"data" must be a list of rows, got {describe(data)}')
    component.check_size(data)
    if data == [[]]:  # the reference's empty table
        data = []
    headers = _headers(component, payload.get("headers"), data)
    width = len(headers)
    if len(data) * max(width, 1) > MAX_CELLS:
        raise component.invalid(f"the table has more than {MAX_CELLS:,} cells")
    kinds = column_datatypes(datatype, width)
    rows: Rows = []
    size = 0
    for number, row in enumerate(data, start=1):
        if not isinstance(row, list):
            raise component.invalid(f"row {number} must be a list of cells, got {describe(row)}")
        if len(row) != width:
            raise component.invalid(
                f"row {number} has {_cells(len(row))}, but the table has {width} columns"
            )
        cells = []
        for index, cell in enumerate(row):
            if cell is not None and not isinstance(cell, _SCALARS):
                raise component.invalid(
                    f"{_where(headers, index, number)}: a cell must be text, a number, a "
                    f"boolean or null, got {describe(cell)}"
                )
            if type(cell) is str:
                size += len(cell)
            kind = kinds[index]
            if kind == "number":
                cell = _number(component, cell, headers, index, number)
            elif kind == "bool":
                cell = _boolean(component, cell, headers, index, number)
            cells.append(cell)
        rows.append(cells)
    if size > component.MAX_PAYLOAD_CHARS:
        raise component.invalid(
            f"the table holds more than {component.MAX_PAYLOAD_CHARS:,} characters"
        )
    return headers, rows


def column_datatypes(datatype: str | list[str], width: int) -> list[str]:
    """The datatype of each of ``width`` columns."""
    if isinstance(datatype, str):
        return [datatype] * width
    return [datatype[i] if i < len(datatype) else "str" for i in range(width)]


def _headers(component: Component, headers: Any, data: list[Any]) -> list[str]:
    if headers is None:
        first = data[0] if data and isinstance(data[0], list) else []
        return [str(i) for i in range(1, len(first) + 1)]
    if not isinstance(headers, list):
        raise component.invalid(f'"headers" must be a list of names, got {describe(headers)}')
    shown = []
    for index, header in enumerate(headers, start=1):
        if isinstance(header, bool) or not isinstance(header, (str, int, float)):
            raise component.invalid(f"header {index} must be text, got {describe(header)}")
        shown.append(header if isinstance(header, str) else str(header))
    return shown


def _cells(count: int) -> str:
    return "1 cell" if count == 1 else f"{count} cells"


def _where(headers: list[str], index: int, row: int) -> str:
    return f"column {headers[index]!r}, row {row}"


def _number(
    component: Component, cell: Any, headers: list[str], index: int, row: int
) -> int | float | None:
    if cell is None:
        return None
    if isinstance(cell, (int, float)) and not isinstance(cell, bool):
        return None if isinstance(cell, float) and math.isnan(cell) else cell
    if isinstance(cell, str):
        text = cell.strip()
        if not text:
            return None
        if len(text) <= 100 and _NUMBER.fullmatch(text):
            return int(text) if _INTEGER.fullmatch(text) else float(text)
    raise component.invalid(f"{_where(headers, index, row)}: {describe(cell)} is not a number")


def _boolean(
    component: Component, cell: Any, headers: list[str], index: int, row: int
) -> bool | None:
    if cell is None or isinstance(cell, bool):
        return cell
    if isinstance(cell, (int, float)) and cell in (0, 1):
        return bool(cell)
    if isinstance(cell, str):
        text = cell.strip().lower()
        if not text:
            return None
        if text in _TRUE:
            return True
        if text in _FALSE:
            return False
    raise component.invalid(f"{_where(headers, index, row)}: {describe(cell)} is not true or false")


# ---------------------------------------------------------------------- the listener's value


def _library(name: str, kind: str) -> Any:
    try:
        return importlib.import_module(name)
    except ModuleNotFoundError:
        raise ModuleNotFoundError(
            f'Dataframe(type="{kind}") needs {name}: pip install {name}', name=name
        ) from None


def as_type(component: Component, kind: str, headers: list[str], rows: Rows) -> Any:
    """Checked rows as the listener receives them: a pandas DataFrame, a numpy array, a
    polars DataFrame, or the list of rows itself (``"array"``)."""
    if kind == "array":
        return rows
    if kind == "pandas":
        pandas = _library("pandas", kind)
        return pandas.DataFrame(rows, columns=headers)
    if kind == "numpy":
        numpy = _library("numpy", kind)
        return numpy.array(rows) if rows else numpy.empty((0, len(headers)))
    if kind == "polars":
        polars = _library("polars", kind)
        if len(set(headers)) != len(headers):
            raise component.invalid('type="polars" needs distinct column names')
        return polars.DataFrame(
            rows, schema=headers, orient="row", strict=False, infer_schema_length=None
        )
    raise ValueError(f"unknown Dataframe type {kind!r}; expected one of {', '.join(TYPES)}")
