"""Dataframe: a table of values, shown as a grid the user may sort, search and edit."""

from __future__ import annotations

import copy
import warnings
from collections.abc import Sequence
from typing import Any, ClassVar, Literal

from blocks.components._files import file_output
from blocks.components._table import column_kinds, table_payload
from blocks.components._table_checks import (
    DATATYPES,
    TYPES,
    as_type,
    checked_table,
    column_datatypes,
)
from blocks.components.base import Changeable, Component, Inputable, Selectable
from blocks.graph.events import EventListener
from blocks.protocol.files import is_url

__all__ = ["Dataframe"]

Count = int | tuple[int, str] | list[Any]
Limits = tuple[int | None, int | None] | None

_SEARCH = ("none", "search", "filter")
_BUTTONS = ("fullscreen", "copy")
# What a new row holds in a column of each datatype (the reference's empty cells).
_EMPTY_CELL: dict[str, Any] = {"number": 0, "bool": False}
_TABLE_SCHEMA: dict[str, Any] = {
    "type": "object",
    "description": "a table: column names and rows of cells",
    "properties": {
        "headers": {"type": "array", "items": {"type": "string"}},
        "data": {
            "type": "array",
            "items": {
                "type": "array",
                "items": {"type": ["string", "number", "boolean", "null"]},
            },
        },
        "metadata": {
            "type": ["object", "null"],
            "description": 'per cell "display_value" and "styling" (CSS), rows of text',
        },
    },
    "required": ["headers", "data"],
}


class _Editable:
    edit = EventListener("edit", "The user edited a cell (gr.EditData: index, value, ...).")


class Dataframe(Component, Changeable, Inputable, Selectable, _Editable):
    """A table: as an output it shows a pandas DataFrame (or Styler), a polars DataFrame, a
    numpy array, a list of rows, a dict (``{"headers": [...], "data": [[...]]}`` or columns by
    name) or a ``.csv`` path; as an input the listener receives, by ``type``, a pandas
    DataFrame (the default), a numpy array (``"numpy"``), a list of rows (``"array"``) or a
    polars DataFrame (``"polars"``). pandas, polars and numpy are needed only for those.

    ``datatype`` (one for all columns or one per column: ``"str"``, ``"number"``, ``"bool"``,
    ``"date"``, ``"markdown"``, ``"html"``, ``"image"``, or ``"auto"`` from the value) decides
    how cells show and what a cell may hold: text in a number column is refused, naming the
    column and the row. ``row_count``/``col_count`` are a count or ``(count, "fixed")``: fixed
    ones cannot grow or shrink in the page (``row_limits``/``column_limits`` bound them
    instead). Sorting (a click on a header) and searching (``show_search``) only change the
    view: the value keeps its order, and ``.select`` gets ``gr.SelectData`` with ``index``
    ``[row, column]`` in the value, the cell's ``value``, its ``row_value`` and
    ``col_value``.
    """

    PROPS = (
        "headers",
        "row_count",
        "col_count",
        "row_limits",
        "column_limits",
        "datatype",
        "type",
        "latex_delimiters",
        "max_height",
        "wrap",
        "line_breaks",
        "column_widths",
        "show_fullscreen_button",
        "show_copy_button",
        "show_row_numbers",
        "max_chars",
        "show_search",
        "pinned_columns",
        "static_columns",
    )
    # Characters a client's table may hold in all (one WebSocket message is at most 16 MiB).
    MAX_PAYLOAD_CHARS: ClassVar[int] = 16_000_000

    def __init__(
        self,
        value: Any = None,
        *,
        headers: Sequence[str] | None = None,
        row_count: Count | None = None,
        row_limits: Limits = None,
        col_count: Count | None = None,
        column_count: Count | None = None,
        column_limits: Limits = None,
        datatype: str | Sequence[str] = "str",
        type: Literal["pandas", "numpy", "array", "polars"] = "pandas",
        latex_delimiters: list[dict[str, str | bool]] | None = None,
        max_height: int | str = 500,
        wrap: bool = False,
        line_breaks: bool = True,
        column_widths: Sequence[str | int] | None = None,
        show_fullscreen_button: bool = False,
        show_copy_button: bool = False,
        buttons: Sequence[str] | None = None,
        show_row_numbers: bool = False,
        max_chars: int | None = None,
        show_search: Literal["none", "search", "filter"] | None = "none",
        pinned_columns: int | None = None,
        static_columns: Sequence[int] | None = None,
        **kwargs: Any,
    ) -> None:
        if type not in TYPES:
            raise ValueError(f"Dataframe type must be one of {', '.join(TYPES)}, got {type!r}")
        if type == "polars":
            _needs("polars")
        self.type = type
        self.static_columns = _indices(static_columns, "static_columns")
        columns = column_count if column_count is not None else col_count
        self.row_count = _count(row_count, 1, "row_count")
        self.col_count = _count(columns, len(headers) if headers else 3, "col_count")
        if self.static_columns:
            self.col_count = [self.col_count[0], "fixed"]
        if headers is not None:
            if isinstance(headers, str):
                raise ValueError("Dataframe headers must be a list of column names, not a str")
            headers = [str(header) for header in headers]
            if columns is not None and len(headers) != self.col_count[0]:
                raise ValueError(
                    f"Dataframe has col_count {self.col_count[0]} but {len(headers)} headers: "
                    "give one header per column"
                )
        self.headers = headers or [str(i) for i in range(1, self.col_count[0] + 1)]
        self.row_limits = _limits(row_limits, "row_limits")
        self.column_limits = _limits(column_limits, "column_limits")
        self.datatype = _datatype(datatype, value)
        self.latex_delimiters = (
            [{"left": "$$", "right": "$$", "display": True}]
            if latex_delimiters is None
            else latex_delimiters
        )
        self.max_height = max_height
        self.wrap = wrap
        self.line_breaks = line_breaks
        self.column_widths = [_width(width) for width in column_widths or []]
        if buttons is not None:
            if isinstance(buttons, str) or any(button not in _BUTTONS for button in buttons):
                raise ValueError(
                    f'Dataframe(buttons=...) takes a list of "fullscreen", "copy": {buttons!r}'
                )
            show_fullscreen_button = "fullscreen" in buttons
            show_copy_button = "copy" in buttons
        self.show_fullscreen_button = bool(show_fullscreen_button)
        self.show_copy_button = bool(show_copy_button)
        self.show_row_numbers = show_row_numbers
        if max_chars is not None and (isinstance(max_chars, bool) or max_chars < 1):
            raise ValueError(f"Dataframe max_chars must be a positive int, got {max_chars!r}")
        self.max_chars = max_chars
        self.show_search = "none" if show_search is None else show_search
        if self.show_search not in _SEARCH:
            raise ValueError(
                f"Dataframe show_search must be one of {', '.join(_SEARCH)}, got {show_search!r}"
            )
        if pinned_columns is not None and (
            isinstance(pinned_columns, bool)
            or not isinstance(pinned_columns, int)
            or pinned_columns < 0
        ):
            raise ValueError(f"Dataframe pinned_columns must be an int >= 0: {pinned_columns!r}")
        if (
            pinned_columns is not None
            and self.col_count[1] == "fixed"
            and pinned_columns > self.col_count[0]
        ):
            raise ValueError(
                f"Dataframe pinned_columns ({pinned_columns}) cannot exceed its "
                f"{self.col_count[0]} fixed columns"
            )
        self.pinned_columns = pinned_columns
        super().__init__(value=value, **kwargs)

    # ------------------------------------------------------------------ in

    def preprocess(self, payload: Any) -> Any:
        """The table as ``type`` says (None stays None)."""
        if payload is None:
            return None
        headers, rows = checked_table(self, payload, self.datatype)
        return as_type(self, self.type, headers, rows)

    # ------------------------------------------------------------------ out

    def postprocess(self, value: Any) -> dict[str, Any]:
        if value is None:
            return self._empty()
        if type(value).__name__ == "Styler" and self.interactive:
            warnings.warn(
                "an editable Dataframe shows a Styler's values without its styles",
                UserWarning,
                stacklevel=2,
            )
        payload = table_payload(value, self.headers)
        kinds = column_datatypes(self.datatype, len(payload["headers"]))
        for index, kind in enumerate(kinds):
            if kind == "image":
                for row in payload["data"]:
                    row[index] = self._picture(row[index])
        return payload

    def _empty(self) -> dict[str, Any]:
        """No value: ``row_count`` rows of empty cells, for the user to fill in."""
        kinds = column_datatypes(self.datatype, len(self.headers))
        rows = [[_EMPTY_CELL.get(kind, "") for kind in kinds] for _ in range(self.row_count[0])]
        return {"headers": list(self.headers), "data": rows, "metadata": None}

    def _picture(self, cell: Any) -> Any:
        """An image cell: a path becomes the URL of the file, served from the app's cache
        (allowed_paths rules apply); URLs and empty cells stay as they are."""
        if not isinstance(cell, str) or not cell or is_url(cell) or cell.startswith("file/"):
            return cell
        return file_output(cell, self)["url"]

    def api_info(self) -> dict[str, Any]:
        return copy.deepcopy(_TABLE_SCHEMA)

    def example_payload(self) -> dict[str, Any]:
        kinds = column_datatypes(self.datatype, len(self.headers))
        sample = {"number": 1, "bool": True}
        return {
            "headers": list(self.headers),
            "data": [[sample.get(kind, "foo") for kind in kinds]],
            "metadata": None,
        }


def _needs(package: str) -> None:
    import importlib.util
    import sys

    try:
        missing = importlib.util.find_spec(package) is None
    except ValueError:  # in sys.modules without a spec: there only when it was imported
        missing = sys.modules.get(package) is None
    if missing:
        raise ModuleNotFoundError(
            f'Dataframe(type="{package}") needs {package}: pip install {package}', name=package
        )


def _count(count: Any, default: int, name: str) -> list[Any]:
    """``[n, "fixed" | "dynamic"]`` from an int, a pair or None."""
    if count is None:
        return [default, "dynamic"]
    if isinstance(count, (int, float)) and not isinstance(count, bool):
        pair: Any = (int(count), "dynamic")
    else:
        pair = count
    if (
        not isinstance(pair, (tuple, list))
        or len(pair) != 2
        or isinstance(pair[0], bool)
        or not isinstance(pair[0], int)
        or pair[0] < 0
        or pair[1] not in ("fixed", "dynamic")
    ):
        raise ValueError(
            f'Dataframe {name} must be a count or (count, "fixed" | "dynamic"), got {count!r}'
        )
    return [pair[0], pair[1]]


def _limits(limits: Any, name: str) -> list[int | None] | None:
    if limits is None:
        return None
    ok = isinstance(limits, (tuple, list)) and len(limits) == 2
    ok = ok and all(
        bound is None or (isinstance(bound, int) and not isinstance(bound, bool) and bound >= 0)
        for bound in limits
    )
    if not ok:
        raise ValueError(f"Dataframe {name} must be (minimum, maximum), ints or None: {limits!r}")
    low, high = limits
    if low is not None and high is not None and low > high:
        raise ValueError(f"Dataframe {name} minimum {low} is above its maximum {high}")
    return [low, high]


def _indices(indices: Any, name: str) -> list[int]:
    if indices is None:
        return []
    if isinstance(indices, (str, bytes)) or not all(
        isinstance(i, int) and not isinstance(i, bool) and i >= 0 for i in indices
    ):
        raise ValueError(f"Dataframe {name} must be a list of column indices: {indices!r}")
    return list(indices)


def _datatype(datatype: Any, value: Any) -> str | list[str]:
    if datatype == "auto":
        if value is None or callable(value):
            return "str"
        width = len(table_payload(value, [])["headers"])
        return column_kinds(value, width)
    kinds = [datatype] if isinstance(datatype, str) else list(datatype)
    unknown = [kind for kind in kinds if kind not in DATATYPES]
    if unknown:
        raise ValueError(
            f"Dataframe datatype must be one of {', '.join(DATATYPES)} (or 'auto'), one for "
            f"all columns or a list with one per column; got {unknown[0]!r}"
        )
    return datatype if isinstance(datatype, str) else kinds


def _width(width: str | int) -> str:
    if isinstance(width, str) and (width.endswith(("px", "%")) or width == "auto"):
        return width
    return f"{width}px"
