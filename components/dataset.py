"""Dataset: a table or gallery of samples the user clicks, each shown with its component's
preview. ``gr.Examples`` is built on it, and apps use it directly to let users pick a sample.

Its value is the index of the clicked sample. A listener receives the sample's values
(``type="values"``), its index (``"index"``) or both (``"tuple"``). Samples are kept as the app
gave them (paths, numbers, text); the page gets each one through its component's
``postprocess``, when the config is built, so files are served from the app's cache. A sample
file that does not exist is a warning, and that sample is shown without it.
"""

from __future__ import annotations

import copy
import os
import warnings
from collections.abc import Sequence
from typing import Any, Literal

from blocks.components._files import Uploadable
from blocks.components.base import Clickable, Component, Selectable
from blocks.protocol.files import is_url

__all__ = ["Dataset", "component_of_type"]

# The properties of a sample's component its preview needs (choice labels, precision...).
_PREVIEW_PROPS = ("choices", "precision", "language", "minimum", "maximum", "file_count")


def component_of_type(name: str) -> Component:
    """A fresh, unrendered component named ``name``: a class name ("TextArea") or a block type
    ("textbox", "image"), in any case; "text" is a Textbox."""
    wanted = name.lower().replace("_", "")
    wanted = _ALIASES.get(wanted, wanted)
    found: list[type[Component]] = []
    pending: list[type[Component]] = [Component]
    while pending:
        cls = pending.pop()
        pending.extend(cls.__subclasses__())
        if cls.__module__.startswith("blocks.components."):
            found.append(cls)
    for matches in (
        lambda cls: cls.__name__.lower() == wanted,
        lambda cls: wanted == cls.TYPE,
    ):
        for cls in found:
            if matches(cls):
                return cls(render=False)
    raise ValueError(f"Dataset components: there is no component named {name!r}")


_ALIASES = {"text": "textbox"}


class Dataset(Component, Clickable, Selectable):
    """Samples shown as cards (one component) or a table (several); ``click`` and ``select``
    fire when the user picks one (mouse or keyboard), ``samples_per_page`` a page."""

    PROPS = ("samples", "headers", "samples_per_page", "sample_labels", "layout")

    def __init__(
        self,
        *,
        label: str | None = None,
        show_label: bool = True,
        components: Sequence[Component | str] | None = None,
        component_props: list[dict[str, Any]] | None = None,
        samples: list[list[Any]] | None = None,
        headers: list[str] | None = None,
        type: Literal["values", "index", "tuple"] = "values",
        layout: Literal["gallery", "table"] | None = None,
        samples_per_page: int = 10,
        sample_labels: list[str] | None = None,
        visible: bool = True,
        elem_id: str | None = None,
        elem_classes: list[str] | str | None = None,
        render: bool = True,
        key: int | str | None = None,
        container: bool = True,
        scale: int | None = None,
        min_width: int = 160,
        proxy_url: str | None = None,
    ) -> None:
        if type not in ("values", "index", "tuple"):
            raise ValueError(f"Dataset type must be 'values', 'index' or 'tuple', got {type!r}")
        if layout not in (None, "gallery", "table"):
            raise ValueError(f"Dataset layout must be 'gallery' or 'table', got {layout!r}")
        if not isinstance(samples_per_page, int) or samples_per_page < 1:
            raise ValueError(f"samples_per_page must be a positive int, got {samples_per_page!r}")
        self.sample_components = [
            component_of_type(c) if isinstance(c, str) else c for c in components or []
        ]
        for component in self.sample_components:
            if not isinstance(component, Component):
                raise TypeError(f"Dataset components must be components, got {component!r}")
        self.type = type
        self.layout = layout
        self.samples_per_page = samples_per_page
        self.component_props = component_props
        self.headers = (
            list(headers)
            if headers is not None
            else [c.label or "" for c in self.sample_components]
        )
        if not any(self.headers):
            self.headers = []
        self.samples = samples or []  # checked by the setter
        if sample_labels is not None and len(sample_labels) != len(self.samples):
            raise ValueError(
                f"sample_labels has {len(sample_labels)} item(s) but there are "
                f"{len(self.samples)} samples; give one per sample"
            )
        self.sample_labels = sample_labels
        super().__init__(
            value=None,
            label=label,
            show_label=show_label,
            visible=visible,
            elem_id=elem_id,
            elem_classes=elem_classes,
            render=render,
            key=key,
            container=container,
            scale=scale,
            min_width=min_width,
            interactive=True,  # clickable even when only written by listeners
        )

    @property
    def samples(self) -> list[list[Any]]:
        """The samples as the app gave them, one list of values per sample."""
        return self._samples

    @samples.setter
    def samples(self, samples: Sequence[Any]) -> None:
        count = len(self.sample_components)
        checked = []
        for index, sample in enumerate(samples or []):
            row = list(sample) if isinstance(sample, (list, tuple)) else [sample]
            if count and len(row) != count:
                raise ValueError(
                    f"Dataset sample {index} has {len(row)} value(s) but there are {count} "
                    "components: give one value per component"
                )
            checked.append(
                [self._checked_file(c, v) for c, v in zip(self._for(row), row, strict=True)]
            )
        self._samples = checked

    def _for(self, row: list[Any]) -> list[Component | None]:
        return list(self.sample_components) or [None] * len(row)

    @staticmethod
    def _checked_file(component: Component | None, value: Any) -> Any:
        """``value``, or None (with a warning) when it names a file that does not exist."""
        if not isinstance(component, Uploadable) or not isinstance(value, (str, os.PathLike)):
            return value
        text = os.fspath(value)
        if is_url(text) or os.path.exists(text):
            return value
        warnings.warn(
            f"the example file {text!r} of {component!r} does not exist; the example is shown "
            "without it",
            UserWarning,
            stacklevel=4,
        )
        return None

    # ------------------------------------------------------------------ the contract

    def preprocess(self, payload: Any) -> Any:
        if payload is None:
            return None
        if isinstance(payload, bool) or not isinstance(payload, int):
            raise self.invalid(f"expected the index of a sample, got {payload!r:.60}")
        if not 0 <= payload < len(self._samples):
            raise self.invalid(f"there is no sample {payload} (it has {len(self._samples)})")
        if self.type == "index":
            return payload
        values = copy.deepcopy(self._samples[payload])
        return (payload, values) if self.type == "tuple" else values

    def postprocess(self, value: Any) -> int | None:
        """An index, or a sample's values (its index is shown selected; None if absent)."""
        if value is None or isinstance(value, bool):
            return None
        if isinstance(value, int):
            return value if 0 <= value < len(self._samples) else None
        row = list(value) if isinstance(value, (list, tuple)) else [value]
        return self._samples.index(row) if row in self._samples else None

    def api_info(self) -> dict[str, Any]:
        return {"type": ["integer", "null"], "description": "the index of a sample"}

    def example_payload(self) -> int:
        return 0

    # ------------------------------------------------------------------ props

    def get_props(self) -> dict[str, Any]:
        props = super().get_props()
        props["components"] = [c.TYPE for c in self.sample_components]
        props["component_props"] = self.component_props or [
            _preview_props(c) for c in self.sample_components
        ]
        return self.wire_props(props)

    def wire_props(self, props: dict[str, Any]) -> dict[str, Any]:
        """Samples (from the config or ``gr.update(samples=...)``) through their components'
        postprocess, so their files are served from the app's cache."""
        if "samples" not in props:
            return props
        props = dict(props)
        rows = props["samples"] or []
        if rows is not self._samples:
            rows = _checked_copy(self, rows)
        props["samples"] = [self._shown(row) for row in rows]
        return props

    def _shown(self, row: list[Any]) -> list[Any]:
        shown = []
        for component, value in zip(self._for(row), row, strict=True):
            if component is None or value is None:
                shown.append(value)
                continue
            try:
                shown.append(component.postprocess(value))
            except (TypeError, ValueError, OSError) as exc:
                warnings.warn(
                    f"{self!r} cannot show the sample value {value!r:.60} of {component!r}: "
                    f"{exc}; it is shown empty",
                    UserWarning,
                    stacklevel=2,
                )
                shown.append(None)
        return shown


def _checked_copy(dataset: Dataset, rows: Sequence[Any]) -> list[list[Any]]:
    clone = copy.copy(dataset)
    clone.samples = rows
    return clone.samples


def _preview_props(component: Component) -> dict[str, Any]:
    props: dict[str, Any] = {"label": component.label}
    for name in _PREVIEW_PROPS:
        if hasattr(component, name):
            props[name] = getattr(component, name)
    return props
