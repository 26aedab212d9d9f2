"""Plot: a chart made with matplotlib, plotly or altair.

A matplotlib figure is drawn here (with the Agg renderer, never through pyplot's current
figure) and sent as a picture; plotly figures and altair charts are sent as their JSON and drawn
in the browser by the vendored plotly.js and vega-embed, each loaded only when a plot of its
kind is shown. The wire payload is the reference's: ``{"type", "plot"}`` (and ``"chart"``, the
mark, for an altair chart of one mark). No plotting library is imported here: a value is
recognised by the module its type comes from, which is loaded already.
"""

from __future__ import annotations

import base64
import io
import json
from types import ModuleType
from typing import Any, ClassVar

from blocks.components._checks import describe
from blocks.components.base import Changeable, Component
from blocks.graph.events import EventListener

__all__ = ["Plot"]

KINDS = ("matplotlib", "plotly", "altair")
# matplotlib formats a browser shows in an <img>, by the name `format=` takes.
_FORMATS = {
    "png": "image/png",
    "webp": "image/webp",
    "jpeg": "image/jpeg",
    "jpg": "image/jpeg",
    "svg": "image/svg+xml",
}
# The reference's `chart` names of an altair chart's mark.
_CHARTS = {
    "bar": "bar",
    "line": "line",
    "point": "scatter",
    "circle": "scatter",
    "square": "scatter",
}
ACCEPTED = "a matplotlib Figure (or matplotlib.pyplot), a plotly Figure or an altair Chart"


class Plot(Component, Changeable):
    """A chart: a matplotlib ``Figure`` (or the ``matplotlib.pyplot`` module, for its current
    figure), a plotly ``Figure`` or an altair ``Chart``; None shows nothing.

    ``format`` is the picture format of matplotlib figures: "webp" (the default, as in the
    reference), "png", "jpeg" or "svg". Listeners that read a Plot get its wire payload, the
    dict ``{"type", "plot"}``; returning such a dict shows it again. bokeh figures are not
    supported (their library is not vendored): returning one is an error saying so.
    """

    PROPS = ("format",)
    LABELLED = True
    # A plotly figure with a lot of data is several megabytes of JSON.
    MAX_PAYLOAD_CHARS: ClassVar[int] = 50_000_000

    clear = EventListener("clear", "The plot was cleared.")

    def __init__(self, value: Any = None, *, format: str = "webp", **kwargs: Any) -> None:
        if not isinstance(format, str) or format.lower() not in _FORMATS:
            raise ValueError(f"Plot format must be one of {', '.join(_FORMATS)}, got {format!r}")
        self.format = format.lower()
        super().__init__(value=value, **kwargs)

    def preprocess(self, payload: Any) -> dict[str, Any] | None:
        if payload is None:
            return None
        if not isinstance(payload, dict):
            raise self.invalid(f"expected a plot object, got {describe(payload)}")
        kind = payload.get("type")
        if kind not in KINDS:
            raise self.invalid(f"a plot's type must be one of {', '.join(KINDS)}, got {kind!r}")
        plot = payload.get("plot")
        if not isinstance(plot, str):
            raise self.invalid(f"a plot's plot must be text, got {describe(plot)}")
        self.check_size(plot)
        out = {"type": kind, "plot": plot}
        if isinstance(payload.get("chart"), str):
            out["chart"] = payload["chart"]
        return out

    def postprocess(self, value: Any) -> dict[str, Any] | None:
        if value is None:
            return None
        if isinstance(value, dict) and value.get("type") in KINDS:
            return self.preprocess(value)  # a payload handed back: shown as it is
        module = _module_of(value)
        if module == "matplotlib":
            return {"type": "matplotlib", "plot": self._picture(value)}
        if module == "plotly" and hasattr(value, "to_json"):
            return {"type": "plotly", "plot": value.to_json()}
        if module == "altair" and hasattr(value, "to_json"):
            return _altair(value)
        if module == "bokeh":
            raise TypeError(
                f"Plot does not show bokeh figures (BokehJS is not bundled); give it {ACCEPTED}"
            )
        raise TypeError(f"Plot shows {ACCEPTED}, or None; got {describe(value)}")

    def _picture(self, value: Any) -> str:
        figure = value.gcf() if isinstance(value, ModuleType) else value
        if not hasattr(figure, "savefig"):
            raise TypeError(f"Plot shows {ACCEPTED}; got {describe(value)}")
        buffer = io.BytesIO()
        fmt = "jpeg" if self.format == "jpg" else self.format
        # An explicit backend renders on a canvas of its own: the figure's canvas (a GUI
        # window's, with pyplot) is not touched, and no pyplot state is read from this thread.
        figure.savefig(buffer, format=fmt, backend="svg" if fmt == "svg" else "agg")
        encoded = base64.b64encode(buffer.getvalue()).decode("ascii")
        return f"data:{_FORMATS[self.format]};base64,{encoded}"

    def api_info(self) -> dict[str, Any]:
        return {
            "type": "object",
            "title": "PlotData",
            "properties": {
                "type": {"enum": list(KINDS)},
                "plot": {
                    "type": "string",
                    "description": "a data: URL of the picture (matplotlib), else the JSON",
                },
                "chart": {"type": "string", "description": "an altair chart's mark"},
            },
            "required": ["type", "plot"],
        }

    def example_payload(self) -> dict[str, Any]:
        figure = {"data": [{"type": "bar", "x": ["a", "b", "c"], "y": [2, 5, 3]}], "layout": {}}
        return {"type": "plotly", "plot": json.dumps(figure)}


def _module_of(value: Any) -> str:
    if isinstance(value, ModuleType):
        return "matplotlib" if value.__name__ == "matplotlib.pyplot" else value.__name__
    return type(value).__module__.split(".")[0]


def _altair(chart: Any) -> dict[str, Any]:
    plot = chart.to_json()
    out = {"type": "altair", "plot": plot}
    mark = json.loads(plot).get("mark")
    name = mark.get("type") if isinstance(mark, dict) else mark
    if isinstance(name, str) and name in _CHARTS:
        out["chart"] = _CHARTS[name]
    return out
