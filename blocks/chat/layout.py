"""The layout of a ChatInterface: an optional title and description, the Chatbot, the message
box (its own Submit and Stop buttons), the additional inputs in an accordion, and with
save_history the panel of saved conversations beside them. A mixin of ChatInterface."""

from __future__ import annotations

import warnings
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any

from blocks.chat.examples import ChatExample
from blocks.chat.saved import SavedChats
from blocks.components import (
    Chatbot,
    Checkbox,
    Component,
    Dropdown,
    Markdown,
    MultimodalTextbox,
    Number,
    Radio,
    Slider,
    State,
    Textbox,
)
from blocks.graph.layouts import Accordion, Column, Row

__all__ = ["ChatLayout", "as_components", "as_list"]

_SHORTCUTS: dict[str, Callable[[], Component]] = {
    "textbox": lambda: Textbox(render=False),
    "slider": lambda: Slider(render=False),
    "checkbox": lambda: Checkbox(render=False),
    "number": lambda: Number(render=False),
    "dropdown": lambda: Dropdown(render=False),
    "radio": lambda: Radio(render=False),
}


class ChatLayout:
    """Builds the blocks; ChatInterface provides the attributes used here."""

    # Provided by ChatInterface.
    fn: Any
    multimodal: bool
    editable: bool
    save_history: bool
    fill_height: bool
    examples: list[ChatExample]
    additional_inputs: list[Component]
    saved: SavedChats | None

    def _build(
        self,
        chatbot: Chatbot | None,
        textbox: Textbox | MultimodalTextbox | None,
        title: str | None,
        description: str | None,
        accordion: str | Accordion | None,
        submit_btn: str | bool | None,
        stop_btn: str | bool | None,
        autofocus: bool,
        autoscroll: bool,
        clear_btn: str | bool | None,
    ) -> None:
        if title:
            Markdown(f"<h1 style='text-align: center; margin-bottom: 0'>{title}</h1>")
        if description:
            Markdown(description)
        with self._layout():
            if chatbot is None:
                chatbot = Chatbot(
                    label="Chatbot",
                    scale=1,
                    height=400 if not self.fill_height else None,
                    autoscroll=autoscroll,
                    show_label=False,
                    render=False,
                )
            chatbot.render() if not chatbot.is_rendered else None
            if chatbot.examples is None and self.examples:
                chatbot.examples = [example.card() for example in self.examples]
            if self.editable and chatbot.editable is None:
                chatbot.editable = "user"
            self.chatbot = chatbot
            if textbox is None:
                textbox = self._default_textbox(submit_btn, stop_btn, autofocus)
            else:
                self._warn_custom_textbox(textbox, submit_btn, stop_btn, autofocus)
                if textbox.label is None and "show_label" not in textbox._explicit_args:
                    # Under the chat, an unlabelled box is named by its placeholder, as the
                    # chat's own box is, rather than shown with a "Textbox" heading.
                    textbox.show_label = False
                if isinstance(textbox, Textbox) and textbox.submit_btn is None:
                    textbox.submit_btn = "Submit"
                if isinstance(textbox, Textbox) and textbox.stop_btn is None:
                    textbox.stop_btn = "Stop"
            with Row(equal_height=True):
                textbox.render() if not textbox.is_rendered else None
            self.textbox = textbox
        unrendered = [c for c in self.additional_inputs if not c.is_rendered]
        if unrendered:
            holder = (
                accordion
                if isinstance(accordion, Accordion)
                else Accordion(label=accordion or "Additional Inputs", open=False, render=False)
            )
            if not holder.is_rendered:
                holder.render()
            with holder:
                for component in unrendered:
                    component.render()
        self.history = State([])

    @contextmanager
    def _layout(self) -> Iterator[None]:
        """The chat column; with save_history, beside a panel of saved conversations."""
        if not self.save_history:
            with Column(scale=1, min_width=0):
                yield
            return
        with Row(equal_height=True, scale=1):  # grows with fill_height, like the chat alone
            with Column(scale=1, min_width=200, variant="panel"):
                key = f"chat-history:{getattr(self.fn, '__qualname__', 'chat')}"
                self.saved = SavedChats(key)
            with Column(scale=4, min_width=0):
                yield

    def _default_textbox(
        self, submit_btn: Any, stop_btn: Any, autofocus: bool
    ) -> Textbox | MultimodalTextbox:
        common: dict[str, Any] = {
            "label": "Message",
            "show_label": False,
            "placeholder": "Type a message...",
            "scale": 7,
            "autofocus": autofocus,
            "container": False,
            "submit_btn": _label(submit_btn, "Submit"),
            "stop_btn": _label(stop_btn, "Stop"),
            "render": False,
        }
        if self.multimodal:
            return MultimodalTextbox(file_count="multiple", **common)
        return Textbox(**common)

    @staticmethod
    def _warn_custom_textbox(textbox: Any, submit_btn: Any, stop_btn: Any, autofocus: bool) -> None:
        ignored = [
            name
            for name, given, default in (
                ("submit_btn", submit_btn, True),
                ("stop_btn", stop_btn, True),
                ("autofocus", autofocus, True),
            )
            if given != default
        ]
        if ignored:
            warnings.warn(
                f"ChatInterface {', '.join(ignored)} is ignored because a custom textbox was "
                "given: set them on the textbox instead",
                UserWarning,
                stacklevel=4,
            )


def _label(value: Any, default: str) -> str | bool:
    if value is True:
        return default
    if value in (False, None):
        return False
    return str(value)


def as_list(value: Any) -> list[Any]:
    if value is None:
        return []
    if isinstance(value, (list, tuple)):
        return list(value)
    return [value]


def as_components(value: Any) -> list[Component]:
    components = []
    for item in as_list(value):
        if isinstance(item, str):
            factory = _SHORTCUTS.get(item.lower())
            if factory is None:
                raise ValueError(
                    f"unknown additional input shortcut {item!r}; use one of "
                    f"{', '.join(sorted(_SHORTCUTS))} or a component"
                )
            item = factory()
        if not isinstance(item, Component):
            raise TypeError(f"additional_inputs must be components, got {item!r}")
        components.append(item)
    return components
