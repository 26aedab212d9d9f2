"""The component contract and the small mixins components share.

A component is pure: ``preprocess`` turns a wire payload from a client into the value a
listener receives (raising ValidationError with a clear message when it does not fit),
``postprocess`` turns what a listener returned into the wire payload, ``api_info`` is the JSON
schema of the wire payload and ``example_payload`` a valid one. None of them does I/O beyond
the file cache, and none needs a server, so each is tested alone.
"""

from __future__ import annotations

import copy
from typing import Any, ClassVar

from blocks.exceptions import ValidationError
from blocks.graph.block import Block
from blocks.graph.events import EventListener

__all__ = [
    "Changeable",
    "Clickable",
    "Component",
    "Focusable",
    "FormComponent",
    "Inputable",
    "Releasable",
    "Selectable",
    "Submittable",
]


class Component(Block):
    """Base of every component with a value.

    ``value`` may be a callable, called for each new page to get the initial value.
    ``interactive=None`` lets the app decide: editable when the component is an input of some
    listener (or of none at all), static when it is only an output.
    """

    # Whether preprocess decodes media (pictures, sound): the runtime then runs it on a worker
    # thread, off the event loop (blocks/runtime/running.py).
    DECODES: ClassVar[bool] = False

    PROPS: ClassVar[tuple[str, ...]] = (
        "label",
        "show_label",
        "info",
        "interactive",
        "container",
        "scale",
        "min_width",
    )
    # Wire payloads a client may send for this component are at most this large (chars/items).
    MAX_PAYLOAD_CHARS: ClassVar[int] = 1_000_000
    # Shown with a label even when none is given (its class name, as the reference does).
    LABELLED: ClassVar[bool] = False

    def __init__(
        self,
        value: Any = None,
        *,
        label: str | None = None,
        info: str | None = None,
        show_label: bool | None = None,
        container: bool = True,
        scale: int | None = None,
        min_width: int = 160,
        interactive: bool | None = None,
        visible: bool = True,
        elem_id: str | None = None,
        elem_classes: list[str] | str | None = None,
        render: bool = True,
        key: int | str | None = None,
        every: float | None = None,
        inputs: Any = None,
    ) -> None:
        self.label = label
        self.info = info
        self.show_label = (
            show_label if show_label is not None else (label is not None or self.LABELLED)
        )
        self.container = container
        self.scale = scale
        self.min_width = min_width
        self.interactive = interactive
        self.value = value
        self.every = every
        self.value_inputs = inputs
        if every is not None and not callable(value):
            raise ValueError("every= re-computes a value given as a function: pass value=fn")
        super().__init__(
            visible=visible, elem_id=elem_id, elem_classes=elem_classes, render=render, key=key
        )

    def render(self) -> Component:
        super().render()
        if self.every is not None and self.graph is not None and callable(self.value):
            # value=fn, every=N: the page asks for a fresh value every N seconds.
            from blocks.graph.events import on

            on(
                [self.graph.root.load],
                self.value,
                self.value_inputs,
                self,
                every=self.every,
                show_progress="hidden",
                api_visibility="private",
                concurrency_limit=None,
            )
        return self

    # ------------------------------------------------------------------ the contract

    def preprocess(self, payload: Any) -> Any:
        """Wire payload from a client -> the value given to the listener."""
        return payload

    def postprocess(self, value: Any) -> Any:
        """Value returned by a listener -> wire payload (a fresh, JSON-serialisable object)."""
        return value

    def api_info(self) -> dict[str, Any]:
        """JSON schema of this component's wire payload."""
        return {}

    def example_payload(self) -> Any:
        """A wire payload this component accepts, for API docs and tests."""
        return None

    # ------------------------------------------------------------------ helpers

    def initial_value(self) -> Any:
        """The value a new page starts with (calls ``value`` when it is a callable)."""
        value = self.value
        return value() if callable(value) else value

    def get_props(self) -> dict[str, Any]:
        props = super().get_props()
        props["value"] = None if callable(self.value) else self.postprocess(self.value)
        props["value_is_callable"] = callable(self.value)
        if props.get("label") is None and self.LABELLED and self.show_label:
            # The page shows (and names the control by) the class name; ``label`` itself stays
            # None, so an Interface can still name the component after its parameter.
            props["label"] = type(self).__name__
        return props

    def wire_props(self, props: dict[str, Any]) -> dict[str, Any]:
        """Properties (from the config or an update) as the page needs them; components whose
        properties hold files or other values to convert override this."""
        return props

    def with_props(self, props: dict[str, Any]) -> Component:
        """A copy of this component with some properties changed (a per-session update)."""
        clone = copy.copy(self)
        for name, value in props.items():
            if name in self._all_props:
                setattr(clone, name, value)
        return clone

    def invalid(self, problem: str) -> ValidationError:
        """A ValidationError naming this component, to raise from preprocess."""
        name = self.label or type(self).__name__
        return ValidationError(f"{name}: {problem}")

    def check_size(self, payload: str | list[Any]) -> None:
        if len(payload) > self.MAX_PAYLOAD_CHARS:
            raise self.invalid(
                f"value is too large ({len(payload)} > {self.MAX_PAYLOAD_CHARS} characters/items)"
            )


class FormComponent(Component):
    """A component shown inside a form-like container (label above the control)."""

    LABELLED = True


class Changeable:
    change = EventListener("change", "The value changed, by the user or by a listener.")


class Inputable:
    input = EventListener("input", "The user changed the value.")


class Focusable:
    focus = EventListener("focus", "The control got focus.")
    blur = EventListener("blur", "The control lost focus.")


class Submittable:
    submit = EventListener("submit", "The user pressed Enter (or the submit control).")


class Clickable:
    click = EventListener("click", "The user clicked.")


class Releasable:
    release = EventListener("release", "The user let go of the control after dragging it.")


class Selectable:
    select = EventListener("select", "The user selected part of the value (gr.SelectData).")
