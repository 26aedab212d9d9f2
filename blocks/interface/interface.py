"""``gr.Interface``: an app from one function, its inputs and its outputs, built only from
public primitives (like ChatInterface).

The layout follows the reference framework: the title (h1) and description, then a row of
two panels, the inputs with Clear and Submit (and Stop for a generator) and the outputs with
the Flag button(s); the examples and the article below. With ``live=True`` there is no Submit
button: the function runs on every change of an input. The function's listener is served as
``api_name`` ("predict" by default); ``batch``/``max_batch_size`` pass to it unchanged.
"""

from __future__ import annotations

import html
import inspect
import os
import warnings
from collections.abc import Callable, Sequence
from typing import Any, Literal

from blocks.app import Blocks
from blocks.components import Button, ClearButton, Component, Markdown
from blocks.graph.events import Dependency, on
from blocks.graph.helpers import Progress, Request
from blocks.graph.layouts import Accordion, Column, Row
from blocks.graph.updates import update
from blocks.interface.examples import Examples
from blocks.interface.flag_buttons import FlagButtons
from blocks.interface.shortcuts import as_components

__all__ = ["Interface"]

_FLAGGING_MODES = ("never", "auto", "manual")


class Interface(Blocks):
    """A UI around ``fn(*inputs) -> outputs``: ``inputs`` and ``outputs`` are components or
    shortcut strings ("text", "image", "slider"...), one or a list.

    Nest it in a larger app with ``with gr.Blocks(): demo.render()`` (or build it inside the
    ``with``); ``demo.launch()`` serves it alone.
    """

    TYPE = "blocks"  # a section of blocks like any other, as far as the page is concerned

    def __init__(
        self,
        fn: Callable[..., Any],
        inputs: Component | str | Sequence[Component | str] | None,
        outputs: Component | str | Sequence[Component | str] | None,
        examples: list[Any] | str | None = None,
        *,
        cache_examples: bool | Literal["lazy"] | None = None,
        cache_mode: Literal["eager", "lazy"] | None = None,
        examples_per_page: int = 10,
        example_labels: list[str] | None = None,
        preload_example: int | Literal[False] = False,
        live: bool = False,
        title: str | None = None,
        description: str | None = None,
        article: str | None = None,
        theme: Any = None,
        flagging_mode: Literal["never", "auto", "manual"] | None = None,
        flagging_options: list[str] | list[tuple[str, str]] | None = None,
        flagging_dir: str = ".blocks/flagged",
        flagging_callback: Any = None,
        analytics_enabled: bool | None = None,
        batch: bool = False,
        max_batch_size: int = 4,
        api_name: str | Literal[False] | None = "predict",
        api_description: str | None = None,
        api_visibility: Literal["public", "private", "undocumented"] = "public",
        allow_duplication: bool = False,
        concurrency_limit: int | Literal["default"] | None = "default",
        css: str | None = None,
        css_paths: Any = None,
        js: str | None = None,
        head: str | None = None,
        additional_inputs: Component | str | Sequence[Component | str] | None = None,
        additional_inputs_accordion: str | Accordion | None = None,
        submit_btn: str | Button = "Submit",
        stop_btn: str | Button = "Stop",
        clear_btn: str | Button | None = "Clear",
        delete_cache: tuple[int, int] | None = None,
        show_progress: Literal["full", "minimal", "hidden"] = "full",
        fill_width: bool = False,
        time_limit: float | None = 30,
        stream_every: float = 0.5,
        deep_link: Any = None,
        validator: Callable[..., Any] | None = None,
        allow_flagging: str | None = None,
    ) -> None:
        if not callable(fn):
            raise TypeError(f"Interface fn must be a function, got {fn!r:.80}")
        if allow_flagging is not None:
            warnings.warn(
                "Interface(allow_flagging=...) is deprecated: use flagging_mode=...",
                DeprecationWarning,
                stacklevel=2,
            )
            flagging_mode = flagging_mode or allow_flagging  # type: ignore[assignment]
        if flagging_mode is None:
            flagging_mode = os.environ.get("BLOCKS_FLAGGING_MODE") or os.environ.get(
                "GRADIO_FLAGGING_MODE", "manual"
            )  # type: ignore[assignment]
        if flagging_mode not in _FLAGGING_MODES:
            raise ValueError(
                f"flagging_mode must be 'never', 'auto' or 'manual', got {flagging_mode!r}"
            )
        if show_progress not in ("full", "minimal", "hidden"):
            raise ValueError(
                f"show_progress must be 'full', 'minimal' or 'hidden', got {show_progress!r}"
            )
        super().__init__(
            title=title or "Blocks",
            css=css,
            js=js,
            head=head,
            theme=theme,
            fill_width=fill_width,
            delete_cache=delete_cache,
            analytics_enabled=analytics_enabled,
            mode="interface",
        )
        self.fn = fn
        self.live = live
        self.batch = batch
        self.max_batch_size = max_batch_size
        self.api_name = api_name
        self.title_text = title
        self.description = description
        self.article = article
        self.flagging_mode = flagging_mode
        self.input_components = as_components(inputs, "inputs")
        self.output_components = as_components(outputs, "outputs")
        self.additional_input_components = as_components(additional_inputs, "additional_inputs")
        _label_defaults(fn, self.input_components, self.output_components)
        self.is_generator = inspect.isgeneratorfunction(fn) or inspect.isasyncgenfunction(fn)
        self.examples_handler: Examples | None = None
        self.flag_buttons: FlagButtons | None = None
        self.submit_btn: Button | None = None
        self.stop_btn: Button | None = None
        self.clear_btn: ClearButton | None = None
        listener_options: dict[str, Any] = {
            "api_name": api_name,
            "api_description": api_description,
            "api_visibility": api_visibility,
            "batch": batch,
            "max_batch_size": max_batch_size,
            "concurrency_limit": concurrency_limit,
            "show_progress": show_progress,
        }
        if self.is_generator:
            listener_options["stream_every"] = stream_every
        if validator is not None:
            listener_options["validator"] = validator
        self._flagging(flagging_options, flagging_dir, flagging_callback)
        with self:
            self._header()
            self._panels(submit_btn, stop_btn, clear_btn, additional_inputs_accordion)
            self.predict = self._wire(listener_options)
            if self.flag_buttons is not None:
                if self.flagging_mode == "manual":
                    self.flag_buttons.wire()
                else:
                    self.flag_buttons.flag_after(self.predict)
            if examples is not None:
                self.examples_handler = Examples(
                    examples,
                    [*self.input_components, *self.additional_input_components],
                    self.output_components,
                    fn,
                    cache_examples=cache_examples,
                    cache_mode=cache_mode,
                    examples_per_page=examples_per_page,
                    example_labels=example_labels,
                    batch=batch,
                    preload=preload_example,
                )
            if article:
                Markdown(article)

    @property
    def fns(self) -> list[Dependency]:
        """The app's listeners (the reference exposes them under this name)."""
        return list(self.root_graph.dependencies)

    # ------------------------------------------------------------------ layout

    def _header(self) -> None:
        if self.title_text:
            Markdown(
                "<h1 style='text-align: center; margin-bottom: 1rem'>"
                f"{html.escape(self.title_text)}</h1>"
            )
        if self.description:
            Markdown(self.description)

    def _panels(
        self,
        submit: str | Button,
        stop: str | Button,
        clear: str | Button | None,
        accordion: str | Accordion | None,
    ) -> None:
        inputs, outputs = self.input_components, self.output_components
        unified = bool(inputs) and [id(c) for c in inputs] == [id(c) for c in outputs]
        with Row(equal_height=False):
            if inputs or not outputs:
                with Column(variant="panel", scale=1):
                    _place(inputs)
                    self._additional(accordion)
                    if inputs:
                        with Row():
                            self._buttons(submit, stop, clear)
                    if not outputs or unified:
                        self._flag_row()
            if outputs and not unified:
                with Column(variant="panel", scale=1):
                    _place(outputs)
                    if not inputs:
                        with Row():
                            self._buttons("Generate" if submit == "Submit" else submit, stop, clear)
                    self._flag_row()

    def _flag_row(self) -> None:
        if self.flag_buttons is not None and self.flagging_mode == "manual":
            with Row():
                self.flag_buttons.place()

    def _additional(self, accordion: str | Accordion | None) -> None:
        extra = [c for c in self.additional_input_components if not c.is_rendered]
        if not extra:
            return
        holder = (
            accordion
            if isinstance(accordion, Accordion)
            else Accordion(label=accordion or "Additional Inputs", open=False, render=False)
        )
        if not holder.is_rendered:
            holder.render()
        with holder:
            _place(extra)

    def _buttons(
        self, submit: str | Button, stop: str | Button, clear: str | Button | None
    ) -> None:
        if clear is not None:
            label = clear.value if isinstance(clear, Button) else clear
            self.clear_btn = ClearButton(value=str(label))
        if self.live:
            return
        self.submit_btn = (
            _placed(submit) if isinstance(submit, Button) else Button(submit, variant="primary")
        )
        if self.is_generator:
            self.stop_btn = (
                _placed(stop)
                if isinstance(stop, Button)
                else Button(stop, variant="stop", visible=False)
            )

    # ------------------------------------------------------------------ listeners

    def _wire(self, options: dict[str, Any]) -> Dependency:
        inputs = [*self.input_components, *self.additional_input_components]
        outputs = self.output_components
        if self.live:
            triggers = _events(inputs, "change")
            if not triggers:
                raise ValueError("live=True needs at least one input that changes")
            predict = on(triggers, self.fn, inputs, outputs, trigger_mode="always_last", **options)
        else:
            assert self.submit_btn is not None
            triggers = [self.submit_btn.click]
            triggers += _events(self.input_components, "submit")
            predict = on(triggers, self.fn, inputs, outputs, **options)
            if self.stop_btn is not None:
                self._wire_stop(triggers, predict)
        if self.clear_btn is not None:
            self.clear_btn.add([*inputs, *outputs])
        return predict

    def _wire_stop(self, triggers: list[Any], predict: Dependency) -> None:
        """While a generator runs, Stop replaces Submit; Stop cancels it."""
        submit, stop = self.submit_btn, self.stop_btn
        assert submit is not None and stop is not None
        on(
            triggers,
            lambda: (update(visible=False), update(visible=True)),
            None,
            [submit, stop],
            queue=False,
            show_progress="hidden",
            api_visibility="private",
        )
        predict.then(
            lambda: (update(visible=True), update(visible=False)),
            None,
            [submit, stop],
            queue=False,
            show_progress="hidden",
            api_visibility="private",
        )
        stop.click(None, None, None, cancels=[predict], queue=False, api_visibility="private")

    def _flagging(self, options: Any, folder: str, callback: Any) -> None:
        if self.flagging_mode == "never":
            return
        components = [
            c
            for c in [
                *self.input_components,
                *self.additional_input_components,
                *self.output_components,
            ]
            if c.TYPE not in ("state", "browserstate")
        ]
        self.flag_buttons = FlagButtons(components, folder, options, callback)


def _label_defaults(
    fn: Callable[..., Any], inputs: list[Component], outputs: list[Component]
) -> None:
    """Name unlabelled inputs after fn's parameters and outputs "output" ("output 1"...), as
    the reference does, so every field has a visible, accessible name."""
    try:
        parameters = [
            p
            for p in inspect.signature(fn).parameters.values()
            if p.kind in (p.POSITIONAL_ONLY, p.POSITIONAL_OR_KEYWORD)
            and not isinstance(p.default, Progress)
            and p.annotation not in (Request, "Request", "gr.Request")
        ]
    except (TypeError, ValueError):
        parameters = []
    names = [p.name for p in parameters]
    for index, component in enumerate(inputs):
        if component.label is None and index < len(names):
            _label(component, names[index])
    for index, component in enumerate(outputs):
        if component.label is None:
            _label(component, "output" if len(outputs) == 1 else f"output {index}")


def _label(component: Component, label: str) -> None:
    component.label = label
    if "show_label" not in component._explicit_args:
        component.show_label = True


def _events(components: list[Component], name: str) -> list[Any]:
    """The ``name`` event of each component that has one (``textbox.submit``...)."""
    return [getattr(c, name) for c in components if name in type(c).EVENTS]


def _place(components: list[Component]) -> None:
    for component in components:
        if not component.is_rendered or component.parent is None:
            component.render()


def _placed(button: Button) -> Button:
    if not button.is_rendered or button.parent is None:
        button.render()
    return button
