"""DeepLinkButton: copies a link to this page that brings back what its components show now.

The reference's button stores the session on its share server and needs a public URL. Here the
link carries the values itself: the page encodes the current values of the app's form inputs
(text boxes, numbers, sliders, checkboxes, choices; not gr.State, which lives on the server,
nor outputs shown as rich content) into ``?deep_link=...``; opening the link sets those values
before the app's load listeners run, as if the visitor had entered them. Values go through
each component's preprocess like typed ones, so a forged link can only enter what a user
could type. A link longer than the page allows (8,000 characters) is not made; the button
says so.
"""

from __future__ import annotations

from typing import Any, Literal

from blocks.components.button import Button

__all__ = ["DeepLinkButton"]

# The components whose values a link carries: form inputs whose value the page shows as plain
# text or a choice. A link is written by whoever sends it, so it never fills a component that
# shows its value as rich content (Markdown, HTML, Chatbot, files): a link must not be able to
# put content there that the app did not write.
_CARRIED = frozenset(
    {"textbox", "number", "slider", "checkbox", "checkboxgroup", "dropdown", "radio", "colorpicker"}
)


class DeepLinkButton(Button):
    """A button that copies a link to this page with the components' current values
    (``?deep_link=``); ``copied_value`` is shown for a moment after copying."""

    # Merged with Button's along the class hierarchy (Block.__init_subclass__).
    PROPS = ("copied_value", "deep_link_ids")  # type: ignore[assignment]

    def __init__(
        self,
        value: str = "Share via Link",
        copied_value: str = "Link copied to clipboard!",
        *,
        variant: Literal["primary", "secondary", "stop", "huggingface"] = "secondary",
        size: Literal["sm", "md", "lg"] = "lg",
        icon: str | None = None,
        **kwargs: Any,
    ) -> None:
        if not isinstance(copied_value, str):
            raise TypeError(f"DeepLinkButton copied_value must be a string, got {copied_value!r}")
        self.copied_value = copied_value
        super().__init__(value=value, variant=variant, size=size, icon=icon, **kwargs)

    @property
    def deep_link_ids(self) -> list[int]:
        """The blocks whose values the link carries: the app's form inputs (``_CARRIED``)."""
        if self.graph is None:
            return []
        return [block_id for block_id, block in self.graph.blocks.items() if block.TYPE in _CARRIED]

    @deep_link_ids.setter
    def deep_link_ids(self, _ids: Any) -> None:
        pass  # computed from the app; with_props copies may try to set it
