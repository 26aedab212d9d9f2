"""Blocks of the graph: the base of every component and layout, and where they attach.

Creating a block inside an open ``with gr.Blocks():`` registers it in the outermost open Blocks
(its graph owns every block and dependency) and attaches it to the innermost open layout. A
block made outside any Blocks, or with ``render=False``, stays detached until ``.render()``.
"""

from __future__ import annotations

import functools
import inspect
from contextvars import ContextVar
from typing import TYPE_CHECKING, Any, ClassVar

from blocks.exceptions import GraphError

if TYPE_CHECKING:
    from blocks.graph.model import Graph

__all__ = ["Block", "BlockContext", "current_graph", "current_layout"]

# The open `with` contexts of this thread/task, outermost first.
_open_contexts: ContextVar[tuple[BlockContext, ...]] = ContextVar(
    "blocks_open_contexts", default=()
)


def current_layout() -> BlockContext | None:
    """The innermost open layout (or Blocks), or None outside any ``with``."""
    stack = _open_contexts.get()
    return stack[-1] if stack else None


def current_graph() -> Graph | None:
    """The graph of the outermost open Blocks, or None outside any ``with gr.Blocks()``."""
    for context in _open_contexts.get():
        graph = context._own_graph()
        if graph is not None:
            return graph
    return None


def _recording_init(init: Any) -> Any:
    signature = inspect.signature(init)

    @functools.wraps(init)
    def __init__(self: Block, *args: Any, **kwargs: Any) -> None:
        if "_explicit_args" not in self.__dict__:
            try:
                bound = signature.bind(self, *args, **kwargs)
            except TypeError:
                self._explicit_args = dict(kwargs)
            else:
                explicit: dict[str, Any] = {}
                for name, value in list(bound.arguments.items())[1:]:
                    kind = signature.parameters[name].kind
                    if kind is inspect.Parameter.VAR_KEYWORD:
                        explicit.update(value)
                    elif kind is not inspect.Parameter.VAR_POSITIONAL:
                        explicit[name] = value
                self._explicit_args = explicit
        init(self, *args, **kwargs)

    return __init__


class Block:
    """Something with an id in an app's graph: a component or a layout.

    Subclasses list their config properties in ``PROPS`` (merged along the class hierarchy);
    the explicit arguments of the outermost constructor call are remembered in
    ``_explicit_args`` so a block returned from a listener updates exactly what it names.
    """

    TYPE: ClassVar[str] = "block"
    EVENTS: ClassVar[tuple[str, ...]] = ()
    PROPS: ClassVar[tuple[str, ...]] = ("visible", "elem_id", "elem_classes", "key")
    _all_props: ClassVar[tuple[str, ...]] = PROPS

    _explicit_args: dict[str, Any]

    def __init_subclass__(cls, **kwargs: Any) -> None:
        super().__init_subclass__(**kwargs)
        if "TYPE" not in cls.__dict__:
            cls.TYPE = cls.__name__.lower()
        merged: list[str] = []
        for klass in reversed(cls.__mro__):
            for name in klass.__dict__.get("PROPS", ()):
                if name not in merged:
                    merged.append(name)
        cls._all_props = tuple(merged)
        events: list[str] = []
        for klass in reversed(cls.__mro__):
            for name, attr in klass.__dict__.items():
                if getattr(attr, "is_event_listener", False) and name not in events:
                    events.append(name)
        cls.EVENTS = tuple(events)
        if "__init__" in cls.__dict__:
            cls.__init__ = _recording_init(cls.__dict__["__init__"])  # type: ignore[method-assign]

    def __init__(
        self,
        *,
        visible: bool = True,
        elem_id: str | None = None,
        elem_classes: list[str] | str | None = None,
        render: bool = True,
        key: int | str | None = None,
    ) -> None:
        self.id: int | None = None
        self.graph: Graph | None = None
        self.parent: BlockContext | None = None
        self.visible = visible
        self.elem_id = elem_id
        self.elem_classes = [elem_classes] if isinstance(elem_classes, str) else elem_classes
        self.key = key
        if render:
            self.render()

    def render(self) -> Block:
        """Attach this block at the current place of the open Blocks (no-op outside one)."""
        graph = current_graph()
        if graph is None:
            return self
        if self.graph is not graph:
            graph.add_block(self)
        elif self.parent is not None or self is graph.root:
            raise GraphError(
                f"{self!r} is already rendered in this app; a block can appear only once. "
                "Create another instance to show it twice."
            )
        # else: registered already (used by a listener, or unrendered) but not placed: place it.
        layout = current_layout()
        if layout is not None and layout is not self:
            layout.add_child(self)
        return self

    def unrender(self) -> Block:
        """Remove this block from its layout (it stays registered for its listeners)."""
        if self.parent is not None:
            self.parent.children.remove(self)
            self.parent = None
        return self

    def get_props(self) -> dict[str, Any]:
        """The properties the browser needs, keyed by name (JSON-serialisable)."""
        return {name: getattr(self, name) for name in self._all_props}

    @property
    def is_rendered(self) -> bool:
        return self.graph is not None

    def _own_graph(self) -> Graph | None:
        return None

    def __repr__(self) -> str:
        label = getattr(self, "label", None)
        shown = f" {label!r}" if label else ""
        return f"<{type(self).__name__}{shown} id={self.id}>"


class BlockContext(Block):
    """A block that holds other blocks; ``with`` it to place blocks inside."""

    TYPE = "blockcontext"

    def __init__(self, **kwargs: Any) -> None:
        self.children: list[Block] = []
        super().__init__(**kwargs)

    def add_child(self, child: Block) -> None:
        if child.parent is not None:
            child.parent.children.remove(child)
        child.parent = self
        self.children.append(child)

    def __enter__(self) -> BlockContext:
        stack = _open_contexts.get()
        self._context_token = _open_contexts.set((*stack, self))
        return self

    def __exit__(self, *exc: object) -> None:
        _open_contexts.reset(self._context_token)
