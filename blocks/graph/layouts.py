"""Layouts: blocks that arrange other blocks (Row, Column, Group, Accordion, Sidebar, Tabs,
Tab)."""

from __future__ import annotations

from typing import Any, Literal

from blocks.graph.block import BlockContext
from blocks.graph.events import EventListener

__all__ = ["Accordion", "Column", "Group", "Row", "Sidebar", "Tab", "Tabs"]


class Row(BlockContext):
    """Children side by side; they wrap on narrow screens."""

    PROPS = ("variant", "height", "equal_height", "scale")

    def __init__(
        self,
        *,
        variant: Literal["default", "panel", "compact"] = "default",
        height: int | str | None = None,
        equal_height: bool = False,
        scale: int | None = None,
        **kwargs: Any,
    ) -> None:
        self.variant = variant
        self.height = height
        self.equal_height = equal_height
        self.scale = scale
        super().__init__(**kwargs)


class Column(BlockContext):
    """Children stacked; inside a Row, ``scale`` is its share of the width and ``min_width``
    the narrowest it gets before wrapping."""

    PROPS = ("scale", "min_width", "variant")

    def __init__(
        self,
        *,
        scale: int = 1,
        min_width: int = 320,
        variant: Literal["default", "panel", "compact"] = "default",
        **kwargs: Any,
    ) -> None:
        self.scale = scale
        self.min_width = min_width
        self.variant = variant
        super().__init__(**kwargs)


class Group(BlockContext):
    """Children shown as one unit, without gaps between them."""


class Accordion(BlockContext):
    """A labelled section that opens and closes."""

    PROPS = ("label", "open")
    expand = EventListener("expand", "The accordion was opened.")
    collapse = EventListener("collapse", "The accordion was closed.")

    def __init__(self, label: str | None = None, *, open: bool = True, **kwargs: Any) -> None:
        self.label = label
        self.open = open
        super().__init__(**kwargs)


class Sidebar(BlockContext):
    """A panel at the side of the page that the user opens and closes with its toggle button.

    ``position`` is "left" or "right"; ``width`` is a number of pixels or a CSS width; ``label``
    names the panel (and its toggle button, for screen readers)."""

    PROPS = ("label", "open", "width", "position")
    expand = EventListener("expand", "The sidebar was opened.")
    collapse = EventListener("collapse", "The sidebar was closed.")

    def __init__(
        self,
        label: str | None = None,
        *,
        open: bool = True,
        width: int | str = 320,
        position: Literal["left", "right"] = "left",
        **kwargs: Any,
    ) -> None:
        if position not in ("left", "right"):
            raise ValueError(f"Sidebar position must be 'left' or 'right', got {position!r}")
        if isinstance(width, bool) or not isinstance(width, (int, str)):
            raise TypeError(f"Sidebar width must be pixels (int) or a CSS width, got {width!r}")
        self.label = label
        self.open = open
        self.width = width
        self.position = position
        super().__init__(**kwargs)


class Tabs(BlockContext):
    """Holds Tab children; one is shown at a time."""

    PROPS = ("selected",)
    _implicit = False
    change = EventListener("change", "Another tab was selected.")
    select = EventListener("select", "A tab was selected (gr.SelectData).")

    def __init__(self, *, selected: int | str | None = None, **kwargs: Any) -> None:
        self.selected = selected
        super().__init__(**kwargs)


class Tab(BlockContext):
    """One tab of a Tabs; made outside a Tabs, one is created around it."""

    PROPS = ("label", "tab_id", "interactive")
    select = EventListener("select", "This tab was selected.")

    def __init__(
        self,
        label: str | None = None,
        *,
        id: int | str | None = None,
        interactive: bool = True,
        **kwargs: Any,
    ) -> None:
        self.label = label
        self.tab_id = id
        self.interactive = interactive
        super().__init__(**kwargs)

    def render(self) -> Tab:
        from blocks.graph.block import current_layout

        if not isinstance(current_layout(), Tabs) and current_layout() is not None:
            # Tabs written without an explicit gr.Tabs(): group consecutive ones in one.
            layout = current_layout()
            assert layout is not None
            last = layout.children[-1] if layout.children else None
            holder = last if isinstance(last, Tabs) and last._implicit else None
            if holder is None:
                holder = Tabs()
                holder._implicit = True
            with holder:
                super().render()
            return self
        super().render()
        return self
