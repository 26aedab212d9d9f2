"""LinePlot, ScatterPlot and BarPlot: a table drawn as a Vega-Lite chart by the vendored
vega-embed.

The wire value is the reference's: ``{"columns", "data", "datatypes", "mark"}``, the rows of the
table with each column's kind ("quantitative", "temporal" or "nominal"; dates as milliseconds
since the epoch), plus ``"spec"``, the chart for that table. The chart is built here, from the
component's settings, by ``vega_lite_spec``, a pure function: the page gets it as the ``spec``
property (so a settings-only update, ``gr.LinePlot(x_lim=...)``, redraws without the data being
sent again) and fills in the kind of each column from the value; a plot inside a chat message has
no properties but its own, so its value carries the whole spec.
"""

from __future__ import annotations

import datetime
import json
import math
import re
from collections.abc import Mapping
from typing import Any, ClassVar, Literal

from blocks.components._checks import describe
from blocks.components.base import Component, Selectable
from blocks.graph.events import EventListener

__all__ = ["BarPlot", "LinePlot", "NativePlot", "ScatterPlot", "vega_lite_spec"]

DATATYPES = ("quantitative", "temporal", "nominal")
AGGREGATES = ("sum", "mean", "median", "min", "max", "count")
_SORTS = {"x": "ascending", "-x": "descending", "y": "y", "-y": "-y"}
_TOOLTIPS = ("axis", "none", "all")
_BUTTONS = ("fullscreen", "export")
# x_bin for dates: "30m", "1h", "1d"... (the reference's s, m, h, d; ms too).
_TIME_BIN = re.compile(r"\s*(\d+(?:\.\d*)?)\s*(ms|s|m|h|d)\s*")
_UNIT_MS = {"ms": 1, "s": 1_000, "m": 60_000, "h": 3_600_000, "d": 86_400_000}
_MARKS: dict[str, dict[str, Any]] = {
    "line": {"type": "line", "point": False},
    "point": {"type": "point", "filled": True, "size": 60},
    "bar": {"type": "bar"},
}
_SETTINGS = (
    *("x", "y", "color", "title", "x_title", "y_title", "color_title", "x_bin", "y_aggregate"),
    *("color_map", "colors_in_legend", "x_lim", "y_lim", "x_label_angle", "y_label_angle"),
    *("x_axis_labels_visible", "sort", "tooltip", "height", "width"),
)
_MAX_COLUMNS = 1_000


class NativePlot(Component, Selectable):
    """The shared base of LinePlot, ScatterPlot and BarPlot (the reference's NativePlot).

    ``value`` is a pandas (or polars) DataFrame with the ``x`` and ``y`` columns (x numeric,
    dates or text; y numeric), or None. Listeners reading the plot get a pandas DataFrame.
    ``color`` names a column to split series by (``color_map`` fixes series colours,
    ``colors_in_legend`` which series the legend lists); ``x_bin`` groups x values (a number for
    numeric x, "30m"/"1h"/"1d" for dates) and ``y_aggregate`` ("sum", the default when binning,
    "mean", "median", "min", "max", "count") combines the y values of each group. ``x_lim`` /
    ``y_lim`` fix the axes (``[0, None]`` fixes one end; dates as seconds since the epoch or
    datetimes); ``sort`` ("x", "y", "-x", "-y" or the categories in order) orders text x values;
    ``tooltip`` is "axis" (the default), "all", "none" or more columns to show beside the axes
    (for plots whose y is not aggregated: more columns would split the groups).
    ``buttons`` may hold "fullscreen" and "export" (a PNG of the chart). Events: select (a
    dragged x range, as ``[start, end]``; seconds for dates) and double_click.
    """

    TYPE: ClassVar[str] = "nativeplot"
    MARK: ClassVar[str] = "native"
    MAX_PAYLOAD_CHARS: ClassVar[int] = 5_000_000
    PROPS = (*_SETTINGS, "caption", "buttons", "spec")

    double_click = EventListener("double_click", "The user double-clicked the plot.")

    def __init__(
        self,
        value: Any = None,
        x: str | None = None,
        y: str | None = None,
        *,
        color: str | None = None,
        title: str | None = None,
        x_title: str | None = None,
        y_title: str | None = None,
        color_title: str | None = None,
        x_bin: str | float | None = None,
        y_aggregate: Literal["sum", "mean", "median", "min", "max", "count"] | None = None,
        color_map: dict[str, str] | None = None,
        colors_in_legend: list[str] | None = None,
        x_lim: list[Any] | None = None,
        y_lim: list[float | None] | None = None,
        x_label_angle: float = 0,
        y_label_angle: float = 0,
        x_axis_labels_visible: bool | Literal["hidden"] = True,
        caption: str | None = None,
        sort: Literal["x", "y", "-x", "-y"] | list[str] | None = None,
        tooltip: Literal["axis", "none", "all"] | list[str] = "axis",
        height: int | None = None,
        width: int | None = None,
        label: str | None = None,
        show_label: bool | None = None,
        buttons: list[str] | None = None,
        **kwargs: Any,
    ) -> None:
        self.x = x
        self.y = y
        self.color = color
        self.title = title
        self.x_title = x_title
        self.y_title = y_title
        self.color_title = color_title
        self.x_bin = x_bin
        self.y_aggregate = y_aggregate
        self.color_map = color_map
        self.colors_in_legend = colors_in_legend
        self.x_lim = _limits(x_lim, "x_lim", dates=True)
        self.y_lim = _limits(y_lim, "y_lim")
        self.x_label_angle = x_label_angle
        self.y_label_angle = y_label_angle
        self.x_axis_labels_visible = x_axis_labels_visible
        self.caption = caption
        self.sort = sort
        self.tooltip = tooltip
        self.height = height
        self.width = width
        unknown = [b for b in buttons or () if b not in _BUTTONS]
        if unknown:
            raise ValueError(f"{type(self).__name__} buttons may be {_BUTTONS}, got {unknown}")
        self.buttons = list(buttons) if buttons else None
        self.spec = vega_lite_spec(self.settings(), self.MARK)  # checks the settings
        if label is None and show_label is None:
            show_label = False  # as the reference: no label shown unless one is given
        super().__init__(value=value, label=label, show_label=show_label, **kwargs)

    def settings(self) -> dict[str, Any]:
        """What the chart is drawn from: the settings of this plot, by name."""
        return {name: getattr(self, name) for name in _SETTINGS}

    def wire_props(self, props: dict[str, Any]) -> dict[str, Any]:
        changed = [name for name in props if name in _SETTINGS]
        if not changed:
            return {k: v for k, v in props.items() if k != "spec"}
        fixed = dict(props)
        for name, check in (("x_lim", True), ("y_lim", False)):
            if name in fixed:
                fixed[name] = _limits(fixed[name], name, dates=check)
        merged = {**self.settings(), **{k: fixed[k] for k in changed}}
        return {**fixed, "spec": vega_lite_spec(merged, self.MARK)}

    def preprocess(self, payload: Any) -> Any:
        if payload is None:
            return None
        columns, rows, datatypes = self._checked(payload)
        try:
            import pandas as pd
        except ModuleNotFoundError:
            raise ModuleNotFoundError(
                f"{type(self).__name__} gives its listeners a pandas DataFrame: pip install pandas",
                name="pandas",
            ) from None
        frame = pd.DataFrame(rows, columns=columns)
        for name, kind in datatypes.items():
            if kind == "temporal" and name in frame.columns:
                frame[name] = pd.to_datetime(frame[name], unit="ms")
        return frame

    def _checked(self, payload: Any) -> tuple[list[str], list[list[Any]], dict[str, str]]:
        if not isinstance(payload, dict):
            raise self.invalid(f"expected a table object, got {describe(payload)}")
        columns, rows = payload.get("columns"), payload.get("data")
        if not isinstance(columns, list) or not all(isinstance(c, str) for c in columns):
            raise self.invalid("columns must be a list of column names")
        if len(columns) > _MAX_COLUMNS:
            raise self.invalid(f"more than {_MAX_COLUMNS} columns")
        if not isinstance(rows, list):
            raise self.invalid(f"data must be a list of rows, got {describe(rows)}")
        self.check_size(rows)
        cells = 0
        for row in rows:
            if not isinstance(row, list) or len(row) != len(columns):
                raise self.invalid(f"each row must be a list of {len(columns)} cells")
            for cell in row:
                if cell is not None and not isinstance(cell, (str, int, float)):
                    raise self.invalid(
                        f"a cell must be text, a number or null, not {describe(cell)}"
                    )
            cells += len(row)
        if cells > self.MAX_PAYLOAD_CHARS:
            raise self.invalid(f"more than {self.MAX_PAYLOAD_CHARS} cells")
        datatypes = payload.get("datatypes") or {}
        if not isinstance(datatypes, dict) or any(v not in DATATYPES for v in datatypes.values()):
            raise self.invalid(f"datatypes must map columns to one of {', '.join(DATATYPES)}")
        return columns, rows, datatypes

    def postprocess(self, value: Any) -> dict[str, Any] | None:
        if value is None:
            return None
        if isinstance(value, dict) and "columns" in value and "data" in value:
            columns, rows, datatypes = self._checked(value)
        else:
            columns, rows, datatypes = _table(value, type(self).__name__)
        for setting in ("x", "y", "color"):
            name = getattr(self, setting)
            if setting != "color" and name is None:
                raise ValueError(f"{type(self).__name__} needs {setting}=, the name of a column")
            if name is not None and name not in columns:
                raise ValueError(
                    f"{type(self).__name__} {setting}={name!r} is not a column of its value; "
                    f"the columns are {columns}"
                )
        datatypes = {name: datatypes.get(name, "nominal") for name in columns}
        return {
            "columns": columns,
            "data": rows,
            "datatypes": datatypes,
            "mark": self.MARK,
            "spec": vega_lite_spec(self.settings(), self.MARK, datatypes),
        }

    def api_info(self) -> dict[str, Any]:
        return {
            "type": "object",
            "title": "PlotData",
            "properties": {
                "columns": {"type": "array", "items": {"type": "string"}},
                "data": {"type": "array", "items": {"type": "array", "items": {}}},
                "datatypes": {"type": "object", "additionalProperties": {"enum": list(DATATYPES)}},
                "mark": {"type": "string"},
                "spec": {"type": "object", "description": "the Vega-Lite chart of the data"},
            },
            "required": ["columns", "data"],
        }

    def example_payload(self) -> dict[str, Any]:
        x, y = self.x or "x", self.y or "y"
        return {
            "columns": [x, y],
            "data": [[1, 4], [2, 5], [3, 6]],
            "datatypes": {x: "quantitative", y: "quantitative"},
            "mark": self.MARK,
        }


class LinePlot(NativePlot):
    """A line per series (``color``) through the rows of a DataFrame."""

    TYPE: ClassVar[str] = "lineplot"
    MARK: ClassVar[str] = "line"


class ScatterPlot(NativePlot):
    """A point per row of a DataFrame, coloured by series (``color``)."""

    TYPE: ClassVar[str] = "scatterplot"
    MARK: ClassVar[str] = "point"


class BarPlot(NativePlot):
    """A bar per x value (stacked by series, ``color``), from the rows of a DataFrame."""

    TYPE: ClassVar[str] = "barplot"
    MARK: ClassVar[str] = "bar"


# ---------------------------------------------------------------------- the chart


def vega_lite_spec(
    settings: Mapping[str, Any], mark: str, datatypes: Mapping[str, str] | None = None
) -> dict[str, Any]:
    """The Vega-Lite chart of a plot's settings (a ValueError when one does not fit), its data
    the named dataset "table". Each field's ``type`` comes from ``datatypes`` (column -> kind)
    where given; without them, only the types the settings decide are set (binned dates are
    temporal, y is quantitative) and the page fills in the others from the value."""
    x, y, color = settings.get("x"), settings.get("y"), settings.get("color")
    kinds = dict(datatypes or {})
    transforms: list[dict[str, Any]] = []
    x_enc: dict[str, Any] = {"field": _field(x), "title": settings.get("x_title") or x}
    x_bin = settings.get("x_bin")
    aggregate = settings.get("y_aggregate")
    if aggregate is not None and aggregate not in AGGREGATES:
        raise ValueError(f"y_aggregate must be one of {', '.join(AGGREGATES)}, got {aggregate!r}")
    if isinstance(x_bin, str):
        step = _time_step(x_bin)
        transforms.append(
            {"calculate": f"floor(datum[{json.dumps(x)}] / {step}) * {step}", "as": x}
        )
        kinds[str(x)] = "temporal"
    elif isinstance(x_bin, (int, float)) and not isinstance(x_bin, bool):
        if not x_bin > 0:
            raise ValueError(f"x_bin must be a positive number or a time step, got {x_bin!r}")
        x_enc["bin"] = {"step": x_bin}
        kinds[str(x)] = "quantitative"
    elif x_bin is not None:
        raise ValueError(f"x_bin must be a number or a time step such as '1h', got {x_bin!r}")
    if x_bin is not None and aggregate is None:
        aggregate = "sum"
    kinds[str(y)] = "quantitative"
    y_enc: dict[str, Any] = {"field": _field(y), "title": settings.get("y_title") or y}
    if aggregate is not None:
        y_enc["aggregate"] = aggregate
    x_axis: dict[str, Any] = {"labelAngle": settings.get("x_label_angle") or 0}
    if settings.get("x_axis_labels_visible") in (False, "hidden"):
        x_axis["labels"] = False
    x_enc["axis"] = x_axis
    y_enc["axis"] = {"labelAngle": settings.get("y_label_angle") or 0}
    clip = False
    for enc, name in ((x_enc, "x_lim"), (y_enc, "y_lim")):
        low, high = _limits(settings.get(name), name, dates=name == "x_lim") or (None, None)
        scale = {k: v for k, v in (("domainMin", low), ("domainMax", high)) if v is not None}
        if scale:
            enc["scale"] = {**scale, "zero": False}
            clip = True
    sort = settings.get("sort")
    if isinstance(sort, str) and sort in _SORTS:
        x_enc["sort"] = _SORTS[sort]
    elif isinstance(sort, (list, tuple)):
        x_enc["sort"] = list(sort)
    elif sort is not None:
        raise ValueError(f"sort must be 'x', 'y', '-x', '-y' or a list of values, got {sort!r}")
    if mark != "bar":
        # Points and lines span the data, not zero to it (bars grow from zero).
        for enc in (x_enc, y_enc) if mark == "point" else (x_enc,):
            enc["scale"] = {"zero": False, **enc.get("scale", {})}
    encoding: dict[str, Any] = {"x": x_enc, "y": y_enc}
    if color is not None:
        encoding["color"] = _color(settings, color, kinds)
    mark_spec: dict[str, Any] = {**_MARKS.get(mark, {"type": mark})}
    if clip:
        mark_spec["clip"] = True
    tooltip = _tooltip(settings.get("tooltip", "axis"), encoding, mark_spec, aggregate)
    if tooltip:
        encoding["tooltip"] = tooltip
    for enc in (x_enc, y_enc, encoding.get("color"), *(tooltip or ())):
        column = _unescaped(enc["field"]) if enc else None
        if enc is not None and "type" not in enc and column in kinds:
            enc["type"] = kinds[column]
    if x_enc.get("type") in ("temporal", "nominal"):
        _drop_zero(x_enc)
    if x_enc.get("type") == "temporal" and "scale" in x_enc:
        # x_lim of dates is in seconds (as gr.DateTime gives them), Vega's dates in ms. (When
        # the kind of x is not known here, the page does this as it fills it in.)
        for end in ("domainMin", "domainMax"):
            if end in x_enc["scale"]:
                x_enc["scale"][end] *= 1000
    spec: dict[str, Any] = {
        "$schema": "https://vega.github.io/schema/vega-lite/v6.json",
        "data": {"name": "table"},
        "mark": mark_spec,
        "encoding": encoding,
        "width": settings.get("width") or "container",
        "height": settings.get("height") or 300,
        "autosize": {"type": "fit", "contains": "padding"},
    }
    if transforms:
        spec["transform"] = transforms
    if settings.get("title"):
        spec["title"] = settings["title"]
    return spec


def _drop_zero(enc: dict[str, Any]) -> None:
    """Only quantitative scales start at zero or not: the others take no such setting."""
    scale = enc.get("scale", {})
    scale.pop("zero", None)
    if not scale:
        enc.pop("scale", None)


def _color(settings: Mapping[str, Any], color: str, kinds: dict[str, str]) -> dict[str, Any]:
    enc: dict[str, Any] = {"field": _field(color), "title": settings.get("color_title") or color}
    color_map = settings.get("color_map")
    if color_map:
        if not isinstance(color_map, Mapping):
            raise ValueError(f"color_map must map series to colours, got {describe(color_map)}")
        enc["scale"] = {"domain": list(color_map), "range": list(color_map.values())}
        kinds.setdefault(color, "nominal")
    shown = settings.get("colors_in_legend")
    if shown is not None:
        enc["legend"] = {"values": list(shown)}
    return enc


def _tooltip(
    tooltip: Any, encoding: dict[str, Any], mark: dict[str, Any], aggregate: str | None
) -> list[dict[str, Any]] | None:
    if tooltip == "none":
        return None
    if tooltip == "all":
        mark["tooltip"] = {"content": "data"}
        return None
    extra = []
    if isinstance(tooltip, (list, tuple)):
        extra = [str(name) for name in tooltip]
    elif tooltip != "axis":
        raise ValueError(
            f"tooltip must be one of {_TOOLTIPS} or a list of columns, got {tooltip!r}"
        )
    shown = [dict(encoding[c]) for c in ("x", "y", "color") if c in encoding]
    for field in shown:
        field.pop("axis", None)
        field.pop("scale", None)
        field.pop("sort", None)
        field.pop("legend", None)
    if aggregate is None:
        # (Of aggregated y values, more columns would split the groups: only the axes then.)
        named = {_unescaped(f["field"]) for f in shown}
        shown += [{"field": _field(name)} for name in extra if name not in named]
    return shown


def _time_step(x_bin: str) -> int:
    match = _TIME_BIN.fullmatch(x_bin)
    if match is None or float(match.group(1)) <= 0:
        raise ValueError(
            f"x_bin for dates must be a step such as '30m', '1h' or '1d', got {x_bin!r}"
        )
    return round(float(match.group(1)) * _UNIT_MS[match.group(2)])


def _limits(limits: Any, name: str, *, dates: bool = False) -> list[Any] | None:
    """``[low, high]`` with None for an open end; dates (datetimes, ISO text) as seconds."""
    if limits is None:
        return None
    if not isinstance(limits, (list, tuple)) or len(limits) != 2:
        raise ValueError(f"{name} must be [min, max] (None for an open end), got {limits!r}")
    out = []
    for end in limits:
        if dates and isinstance(end, (datetime.date, str)):
            end = _seconds(end, name)
        elif hasattr(end, "item"):  # a numpy scalar
            end = end.item()
        if end is not None and (isinstance(end, bool) or not isinstance(end, (int, float))):
            raise ValueError(f"{name} ends must be numbers or None, got {end!r}")
        out.append(end)
    return out


def _seconds(value: datetime.date | str, name: str) -> float:
    try:
        moment = datetime.datetime.fromisoformat(value) if isinstance(value, str) else value
    except ValueError:
        raise ValueError(f"{name}: {value!r} is not an ISO date") from None
    if not isinstance(moment, datetime.datetime):
        moment = datetime.datetime(moment.year, moment.month, moment.day)
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=datetime.UTC)
    return moment.timestamp()


def _field(name: Any) -> str:
    # Vega-Lite reads "a.b" and "a[0]" as paths into nested data: a column name is escaped.
    return re.sub(r"([.\[\]\\])", r"\\\1", str(name))


def _unescaped(field: str) -> str:
    return re.sub(r"\\(.)", r"\1", field)


# ---------------------------------------------------------------------- tables


def _table(value: Any, owner: str) -> tuple[list[str], list[list[Any]], dict[str, str]]:
    """A DataFrame's columns, rows (JSON values; dates as epoch milliseconds) and kinds."""
    module = type(value).__module__.split(".")[0]
    if module == "pandas" and hasattr(value, "to_json"):
        return _pandas(value)
    if module == "polars" and hasattr(value, "get_column"):
        return _polars(value)
    raise TypeError(f"{owner} shows a pandas or polars DataFrame, or None; got {describe(value)}")


def _pandas(frame: Any) -> tuple[list[str], list[list[Any]], dict[str, str]]:
    import pandas as pd

    if not isinstance(frame, pd.DataFrame):
        frame = pd.DataFrame(frame)
    frame = frame.rename(columns=str)
    kinds = {}
    milliseconds = {}
    for name in frame.columns:
        series = frame[name]
        dtype = series.dtype
        if pd.api.types.is_bool_dtype(dtype):
            kinds[name] = "nominal"
        elif pd.api.types.is_numeric_dtype(dtype):
            kinds[name] = "quantitative"
        elif pd.api.types.is_datetime64_any_dtype(dtype):
            kinds[name] = "temporal"
            epoch = pd.Timestamp(0, tz="UTC" if series.dt.tz is not None else None)
            milliseconds[name] = (series - epoch) // pd.Timedelta(milliseconds=1)
        elif pd.api.types.is_timedelta64_dtype(dtype):
            kinds[name] = "quantitative"
            milliseconds[name] = series // pd.Timedelta(milliseconds=1)
        else:
            kinds[name] = "nominal"
    if milliseconds:
        frame = frame.assign(**milliseconds)
    # pandas' own JSON writer: NaN/NaT as null, numpy values as numbers. (Dates are epoch
    # milliseconds already: its own epoch format is deprecated.)
    split = json.loads(frame.to_json(orient="split", index=False))
    return [str(c) for c in split["columns"]], split["data"], kinds


def _polars(frame: Any) -> tuple[list[str], list[list[Any]], dict[str, str]]:
    import polars as pl

    columns: list[list[Any]] = []
    kinds: dict[str, str] = {}
    for name in frame.columns:
        series = frame.get_column(name)
        dtype = series.dtype
        if dtype == pl.Date or isinstance(dtype, pl.Datetime):
            kinds[name] = "temporal"
            columns.append(series.cast(pl.Datetime("ms")).dt.epoch("ms").to_list())
        elif dtype.is_numeric():
            kinds[name] = "quantitative"
            columns.append([_number(v) for v in series.to_list()])
        else:
            kinds[name] = "nominal"
            columns.append([None if v is None else str(v) for v in series.to_list()])
    rows = [list(row) for row in zip(*columns, strict=True)] if columns else []
    return [str(c) for c in frame.columns], rows, kinds


def _number(value: Any) -> Any:
    return (
        None if value is None or (isinstance(value, float) and not math.isfinite(value)) else value
    )
