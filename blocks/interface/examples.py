"""``gr.Examples``: clickable examples for any inputs, built from a ``gr.Dataset`` and listeners.

Clicking an example fills the inputs with its values (a listener that does not queue). With
``run_on_click=True`` and a ``fn``, the function then runs on them. With ``cache_examples``,
the outputs come from a cache instead: computed when the app is built (``cache_mode="eager"``)
or the first time someone clicks the example (``"lazy"``), stored under
``.blocks/cached_examples/`` (example_cache.py) and shown to every later user at once.
"""

from __future__ import annotations

import csv
import os
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any, Literal

from blocks.components import Component, Dataset
from blocks.exceptions import GraphError
from blocks.graph.events import Dependency
from blocks.interface.example_cache import OutputCache, call_to_completion
from blocks.interface.shortcuts import as_components

__all__ = ["Examples"]


class Examples:
    """Examples for ``inputs``: one list of values per example (or one value per example when
    there is one input), or a folder (its ``log.csv``, else one example per file).

    ``cache_examples`` (default False) needs ``fn`` and ``outputs``; ``cache_mode`` is
    ``"eager"`` (the default) or ``"lazy"``. A missing example file is a warning, and that
    example is shown without it. ``example_labels`` replace the previews by text.
    """

    def __init__(
        self,
        examples: list[Any] | str,
        inputs: Component | Sequence[Component],
        outputs: Component | Sequence[Component] | None = None,
        fn: Callable[..., Any] | None = None,
        cache_examples: bool | Literal["lazy"] | None = None,
        cache_mode: Literal["eager", "lazy"] | None = None,
        examples_per_page: int = 10,
        label: str | None = "Examples",
        elem_id: str | None = None,
        run_on_click: bool = False,
        preprocess: bool = True,
        postprocess: bool = True,
        api_name: str | Literal[False] = "load_example",
        api_visibility: Literal["public", "private", "undocumented"] = "undocumented",
        batch: bool = False,
        *,
        example_labels: list[str] | None = None,
        visible: bool = True,
        preload: int | Literal[False] = False,
    ) -> None:
        if cache_mode not in (None, "eager", "lazy"):
            raise ValueError(f"cache_mode must be 'eager' or 'lazy', got {cache_mode!r}")
        if cache_examples == "lazy":
            cache_examples, cache_mode = True, "lazy"
        if cache_mode is not None and cache_examples is None:
            cache_examples = True
        self.inputs = as_components(inputs, "inputs")
        self.outputs = as_components(outputs, "outputs")
        if not self.inputs:
            raise ValueError("Examples needs at least one input component (inputs=...)")
        self.fn = fn
        self.batch = batch
        self.run_on_click = run_on_click
        self.cache_examples = bool(cache_examples)
        self.cache_mode: Literal["eager", "lazy"] = cache_mode or "eager"
        if self.cache_examples and (fn is None or not self.outputs):
            raise ValueError("cache_examples=True needs fn= and outputs= to compute the outputs")
        if run_on_click and fn is None:
            raise ValueError("run_on_click=True needs fn= (the function to run)")
        self.examples = _rows(_load(examples), len(self.inputs))
        self.dataset = Dataset(
            components=self.inputs,
            samples=self.examples,
            type="index",
            label=label,
            samples_per_page=examples_per_page,
            sample_labels=example_labels,
            elem_id=elem_id,
            visible=visible,
        )
        self.cache: OutputCache | None = None
        if self.cache_examples:
            assert fn is not None
            self.cache = OutputCache(fn, self.outputs, self.dataset.samples)
            if self.cache_mode == "eager":
                self._cache_all()
        self.load_input_event: Dependency | None = None
        self._wire(preprocess, postprocess, api_name, api_visibility)

    # ------------------------------------------------------------------ listeners

    def _wire(
        self,
        preprocess: bool,
        postprocess: bool,
        api_name: str | Literal[False],
        api_visibility: Literal["public", "private", "undocumented"],
    ) -> None:
        if not self.dataset.is_rendered:
            raise GraphError(
                "gr.Examples must be created inside `with gr.Blocks():` (or a gr.Interface), "
                "next to its inputs"
            )
        inputs, outputs = self.inputs, self.outputs
        self.load_input_event = self.dataset.click(
            self._values,
            [self.dataset],
            inputs,
            queue=False,
            show_progress="hidden",
            api_name=api_name,
            api_visibility=api_visibility,
        )
        if self.cache is not None and self.cache_mode == "eager":
            self.load_input_event.then(
                self._cached, [self.dataset], outputs, queue=False, api_visibility="private"
            )
        elif self.cache is not None:
            self.load_input_event.then(
                self._lazily, [self.dataset, *inputs], outputs, api_visibility="private"
            )
        elif self.run_on_click and self.fn is not None:
            self.load_input_event.then(
                self.fn,
                inputs,
                outputs,
                batch=self.batch,
                preprocess=preprocess,
                postprocess=postprocess,
                api_visibility="private",
            )

    def _values(self, index: int | None) -> Any:
        """The example's values for the inputs (the file it lacks is left empty)."""
        if index is None:
            raise ValueError("no example was chosen")
        row = self.dataset.samples[index]
        return row[0] if len(row) == 1 else tuple(row)

    def _cached(self, index: int | None) -> Any:
        assert self.cache is not None and index is not None
        return self.cache.shown(self.cache.get(index))

    def _lazily(self, index: int | None, *values: Any) -> Any:
        assert self.cache is not None and index is not None
        if index not in self.cache:
            self.cache.put(index, call_to_completion(self.cache.fn, list(values)))
        return self.cache.shown(self.cache.get(index))

    def _cache_all(self) -> None:
        assert self.cache is not None
        for index, row in enumerate(self.dataset.samples):
            if index in self.cache:
                continue
            values = [
                _through(component, value)
                for component, value in zip(self.inputs, row, strict=True)
            ]
            self.cache.put(index, call_to_completion(self.cache.fn, values))


def _through(component: Component, value: Any) -> Any:
    """An example value as a listener would receive it: shown by the component, then read
    back (a path becomes the PIL image of an ``Image(type="pil")``)."""
    if value is None or component.TYPE in ("state", "browserstate"):
        return value
    return component.preprocess(component.postprocess(value))


def _load(examples: list[Any] | str) -> list[Any]:
    """The examples as rows: a list as given, or read from a folder."""
    if isinstance(examples, (list, tuple)):
        return list(examples)
    if isinstance(examples, (str, os.PathLike)):
        folder = Path(examples)
        if not folder.is_dir():
            raise ValueError(f"examples must be a list or a folder; {str(folder)!r} is neither")
        log = folder / "log.csv"
        if log.is_file():
            with log.open(newline="") as file:
                rows = list(csv.reader(file))[1:]  # the first row holds the headers
            return [[_in_folder(folder, cell) for cell in row] for row in rows]
        files = sorted(p for p in folder.iterdir() if p.is_file() and not p.name.startswith("."))
        return [[str(path)] for path in files]
    raise TypeError(f"examples must be a list of examples or a folder, got {examples!r:.80}")


def _in_folder(folder: Path, cell: str) -> str:
    candidate = folder / cell
    return str(candidate) if cell and candidate.exists() else cell


def _rows(examples: list[Any], count: int) -> list[list[Any]]:
    rows = []
    for index, example in enumerate(examples):
        if count == 1 and not (isinstance(example, (list, tuple)) and len(example) == 1):
            row = [example]
        elif isinstance(example, (list, tuple)):
            row = list(example)
        else:
            raise ValueError(
                f"example {index} must be a list of {count} values (one per input), "
                f"got {example!r:.80}"
            )
        if len(row) > count:
            raise ValueError(f"example {index} has {len(row)} values but there are {count} inputs")
        # Shorter rows leave the last inputs empty (an Interface's additional inputs, often).
        row += [None] * (count - len(row))
        rows.append(row)
    return rows
