"""ChatMessage: one message of a Chatbot, with optional thought metadata and option chips."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Literal, TypedDict

__all__ = ["ChatMessage", "MessageDict", "MetadataDict", "OptionDict"]


class MetadataDict(TypedDict, total=False):
    """Turns a message into a collapsible "thought" or tool-use block when ``title`` is set.

    ``status="pending"`` shows a spinner, ``"done"`` collapses the block; ``parent_id`` nests it
    under the message whose ``id`` it names; ``log`` is a short note and ``duration`` (seconds)
    is shown beside the title.
    """

    title: str
    id: int | str
    parent_id: int | str
    log: str
    duration: float
    status: Literal["pending", "done"]


class OptionDict(TypedDict, total=False):
    """A clickable chip under a message; clicking it fires the Chatbot's ``option_select``."""

    value: str
    label: str


class MessageDict(TypedDict, total=False):
    """A message in the plain (OpenAI-style) format listeners receive and may return."""

    role: Literal["user", "assistant", "system"]
    content: Any
    metadata: MetadataDict
    options: list[OptionDict]


@dataclass
class ChatMessage:
    """A message to show in a Chatbot; the same as ``{"role", "content", ...}`` as a dict.

    ``content`` is text, a file (``{"path": ..., "alt_text"?}`` or a ``(path, alt_text)`` tuple),
    a component (``gr.Image(...)``) or a list of those.
    """

    content: Any
    role: Literal["user", "assistant", "system"] = "assistant"
    metadata: MetadataDict | dict[str, Any] = field(default_factory=dict)  # type: ignore[assignment]
    options: list[OptionDict] | list[dict[str, Any]] = field(default_factory=list)  # type: ignore[assignment]
