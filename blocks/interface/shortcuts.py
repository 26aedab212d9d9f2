"""String shortcuts for components: ``gr.Interface(fn, "text", "image")`` means a Textbox in
and an Image out, as in the reference framework. Each shortcut makes a fresh, unrendered
component; an unknown one is a ValueError listing the known ones."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from blocks.components import (
    HTML,
    JSON,
    Audio,
    Chatbot,
    Checkbox,
    Component,
    Dropdown,
    File,
    Image,
    Markdown,
    Model3D,
    Number,
    Radio,
    Slider,
    State,
    Textbox,
    Video,
)
from blocks.components.aliases import List, Matrix, Numpy

__all__ = ["as_component", "as_components", "known_shortcuts"]

_FIXED: dict[str, Callable[[], Component]] = {
    "text": lambda: Textbox(render=False),
    "textbox": lambda: Textbox(render=False),
    "textarea": lambda: Textbox(lines=7, render=False),
    "number": lambda: Number(render=False),
    "slider": lambda: Slider(render=False),
    "checkbox": lambda: Checkbox(render=False),
    "dropdown": lambda: Dropdown(render=False),
    "radio": lambda: Radio(render=False),
    "image": lambda: Image(render=False),
    "audio": lambda: Audio(render=False),
    "microphone": lambda: Audio(sources=["microphone"], render=False),
    "file": lambda: File(render=False),
    "files": lambda: File(file_count="multiple", render=False),
    "video": lambda: Video(render=False),
    "playablevideo": lambda: Video(format="mp4", render=False),
    "model3d": lambda: Model3D(render=False),
    "json": lambda: JSON(render=False),
    "html": lambda: HTML(render=False),
    "markdown": lambda: Markdown(render=False),
    "chatbot": lambda: Chatbot(render=False),
    "state": lambda: State(render=False),
    "numpy": lambda: Numpy(render=False),
    "matrix": lambda: Matrix(render=False),
    "list": lambda: List(render=False),
}
# Shortcuts of components that exist only in some versions of the library: each is used when
# a component of that block type is there (looked up among the library's components).
_OPTIONAL = {
    "label": "label",
    "highlightedtext": "highlightedtext",
    "highlight": "highlightedtext",
    "code": "code",
    "checkboxgroup": "checkboxgroup",
    "colorpicker": "colorpicker",
    "dataframe": "dataframe",
    "gallery": "gallery",
    "imageslider": "imageslider",
    "plot": "plot",
    "lineplot": "lineplot",
    "scatterplot": "scatterplot",
    "barplot": "barplot",
}


def _optional(name: str) -> type[Component] | None:
    wanted = _OPTIONAL.get(name)
    if wanted is None:
        return None
    pending: list[type[Component]] = [Component]
    while pending:
        cls = pending.pop()
        pending.extend(cls.__subclasses__())
        if wanted == cls.TYPE and cls.__module__.startswith("blocks.components."):
            return cls
    return None


def known_shortcuts() -> list[str]:
    """Every shortcut this installation understands, sorted."""
    return sorted([*_FIXED, *(name for name in _OPTIONAL if _optional(name) is not None)])


def as_component(value: Any, parameter: str) -> Component:
    """``value`` if it is a component, else the component its shortcut names."""
    if isinstance(value, Component):
        return value
    if isinstance(value, str):
        # The reference ignores underscores too: "playable_video", "highlighted_text".
        name = value.lower().strip().replace("_", "")
        factory = _FIXED.get(name)
        if factory is not None:
            return factory()
        cls = _optional(name)
        if cls is not None:
            return cls(render=False)
        raise ValueError(
            f"{parameter}: unknown component shortcut {value!r}; use a component or one of "
            f"{', '.join(known_shortcuts())}"
        )
    raise TypeError(f"{parameter} must be components or shortcut strings, got {value!r:.80}")


def as_components(value: Any, parameter: str) -> list[Component]:
    """A list of components from a component, a shortcut, a list of them, or None."""
    if value is None:
        return []
    items = list(value) if isinstance(value, (list, tuple)) else [value]
    return [as_component(item, parameter) for item in items]
