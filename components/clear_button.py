"""ClearButton: a Button that empties the components it is given."""

from __future__ import annotations

import copy
from collections.abc import Sequence
from typing import Any, Literal

from blocks.components.base import Component
from blocks.components.button import Button
from blocks.graph.block import Block

__all__ = ["ClearButton"]


class ClearButton(Button):
    """Clicking it sets each of ``components`` to its empty value (None, shown empty; a
    slider's minimum), and each ``gr.State`` back to the value it was created with;
    ``.add(components)`` clears more.

    The clearing runs on the server without queueing (``queue=False``), so it works for
    States too and never waits behind other jobs.
    """

    def __init__(
        self,
        components: Sequence[Block] | Block | None = None,
        *,
        value: str = "Clear",
        variant: Literal["primary", "secondary", "stop", "huggingface"] = "secondary",
        size: Literal["sm", "md", "lg"] = "lg",
        icon: str | None = None,
        link: str | None = None,
        **kwargs: Any,
    ) -> None:
        super().__init__(value, variant=variant, size=size, icon=icon, link=link, **kwargs)
        self.cleared: list[Block] = []
        if components is not None:
            self.add(components)

    def add(self, components: Sequence[Block] | Block) -> ClearButton:
        """Also clear ``components`` when clicked (inside the open ``with gr.Blocks()``)."""
        added: list[Any] = (
            list(components) if isinstance(components, (list, tuple)) else [components]
        )
        for block in added:
            if not isinstance(block, Block):
                raise TypeError(f"ClearButton components must be components, got {block!r}")
        if not added:
            return self
        self.cleared.extend(added)

        def clear() -> Any:
            values = tuple(_empty(block) for block in added)
            return values[0] if len(values) == 1 else values

        self.click(
            clear,
            None,
            added,
            queue=False,
            show_progress="hidden",
            api_visibility="private",
        )
        return self


def _empty(block: Block) -> Any:
    """What clearing shows: nothing, except that a State starts over and a slider, which
    cannot be empty, goes to its minimum (as in the reference)."""
    if block.TYPE in ("state", "browserstate") and isinstance(block, Component):
        return copy.deepcopy(block.initial_value())
    if block.TYPE == "slider":
        return getattr(block, "minimum", None)
    return None
