"""ChatMessage and the parts of a message shared by both directions: role, metadata, options.

``split_message`` and the ``*_wire`` helpers raise TypeError/ValueError whose text completes
"message 3 ..." (e.g. "has no 'role'"); the Chatbot adds the index and its own name.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Literal, TypedDict

from blocks.components._checks import describe

__all__ = [
    "MESSAGES_SCHEMA",
    "ROLES",
    "ChatMessage",
    "MessageDict",
    "MetadataDict",
    "OptionDict",
    "metadata_wire",
    "options_wire",
    "reasoning_tags_checked",
    "split_message",
    "split_reasoning",
]

ROLES = ("user", "assistant", "system")
_METADATA_KEYS = ("title", "id", "parent_id", "log", "duration", "status")


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
    metadata: MetadataDict | dict[str, Any] = field(default_factory=dict)
    options: list[OptionDict] | list[dict[str, Any]] | list[str] = field(default_factory=list)


def split_message(message: Any) -> tuple[str, Any, Any, Any]:
    """(role, content, metadata, options) of a message dict or ChatMessage."""
    role: Any
    metadata: Any
    options: Any
    if isinstance(message, ChatMessage):
        role, content = message.role, message.content
        metadata, options = message.metadata, message.options
    elif isinstance(message, dict):
        role, content = message.get("role"), message.get("content")
        metadata, options = message.get("metadata"), message.get("options")
    elif isinstance(message, (list, tuple)):
        raise TypeError(
            f"is {describe(message)}: the tuples format ([user, bot] pairs) is not supported; "
            "give {'role': ..., 'content': ...} messages"
        )
    else:
        raise TypeError(f"must be a {{'role', 'content'}} object, got {describe(message)}")
    if role is None:
        raise ValueError("has no 'role'")
    if content is None:
        raise ValueError("has no 'content'")
    if role not in ROLES:
        raise ValueError(f"has role {role!r}; expected 'user', 'assistant' or 'system'")
    return role, content, metadata, options


def metadata_wire(metadata: Any) -> dict[str, Any]:
    """The known keys of ``metadata`` that are set."""
    if not isinstance(metadata, dict):
        raise TypeError(f"has metadata that is {describe(metadata)}, not an object")
    out = {key: metadata[key] for key in _METADATA_KEYS if metadata.get(key) is not None}
    status = out.get("status")
    if status is not None and status not in ("pending", "done"):
        raise ValueError(f"has metadata status {status!r}; expected 'pending' or 'done'")
    return out


def options_wire(options: Any) -> list[dict[str, Any]]:
    """``options`` as ``[{"value", "label"?}]`` (a text option is its own value)."""
    if not isinstance(options, (list, tuple)):
        raise TypeError(f"has options that are {describe(options)}, not a list")
    out = []
    for option in options:
        if isinstance(option, str):
            out.append({"value": option})
        elif isinstance(option, dict) and isinstance(option.get("value"), str):
            out.append({k: str(option[k]) for k in ("value", "label") if option.get(k) is not None})
        else:
            raise TypeError(f"has an option that is not {{'value', 'label'?}}: {option!r:.100}")
    return out


REASONING_TITLE = "Reasoning"


def reasoning_tags_checked(tags: Any) -> list[tuple[str, str]] | None:
    """``Chatbot(reasoning_tags=...)`` as (open, close) pairs; a clear error for anything else."""
    if tags is None:
        return None
    pairs = list(tags) if isinstance(tags, (list, tuple)) else None
    if pairs is None or not all(
        isinstance(pair, (list, tuple))
        and len(pair) == 2
        and all(isinstance(tag, str) and tag for tag in pair)
        for pair in pairs
    ):
        raise TypeError(
            "Chatbot reasoning_tags must be a list of (open, close) pairs of non-empty strings, "
            f"such as [('<think>', '</think>')]; got {tags!r:.200}"
        )
    return [(pair[0], pair[1]) for pair in pairs]


def split_reasoning(text: str, tags: list[tuple[str, str]]) -> list[tuple[str, str | None]]:
    """An assistant's text cut at its reasoning tags: ``(text, None)`` for what it says and
    ``(thought, "done" | "pending")`` for what it thinks ("pending" while the close tag has not
    come yet, as a streamed reply shows it). Text without tags is one ``(text, None)``."""
    pieces: list[tuple[str, str | None]] = []
    rest = text
    while True:
        found = [(rest.find(start), start, end) for start, end in tags if start in rest]
        if not found:
            break
        at, start, end = min(found)
        pieces.append((rest[:at], None))
        inner = rest[at + len(start) :]
        close = inner.find(end)
        if close < 0:
            pieces.append((inner.strip(), "pending"))
            rest = ""
            break
        pieces.append((inner[:close].strip(), "done"))
        rest = inner[close + len(end) :]
    pieces.append((rest, None))
    return [(piece, status) for piece, status in pieces if status is not None or piece.strip()]


def _object(properties: dict[str, Any], *required: str) -> dict[str, Any]:
    schema: dict[str, Any] = {"type": "object", "properties": properties}
    if required:
        schema["required"] = list(required)
    return schema


_FILE_DATA = _object(
    {
        "id": {"type": "string"},
        "url": {"type": "string"},
        "orig_name": {"type": "string"},
        "size": {"type": "integer"},
        "mime_type": {"type": "string"},
    }
)
_PART = {
    "anyOf": [
        {"type": "string"},
        _object({"type": {"const": "text"}, "text": {"type": "string"}}, "type", "text"),
        _object(
            {"type": {"const": "file"}, "file": _FILE_DATA, "alt_text": {"type": "string"}},
            "type",
            "file",
        ),
        _object(
            {
                "type": {"const": "component"},
                "component": {"type": "string"},
                "value": {},
                "props": {"type": "object"},
            },
            "type",
            "component",
        ),
    ]
}
# The JSON schema of a Chatbot value: what the app sends (content always a list of parts) and
# what it accepts (also plain-text content).
MESSAGES_SCHEMA: dict[str, Any] = {
    "type": "array",
    "description": "messages; content may be plain text when sent to the app, and is always a "
    "list of parts when sent by it",
    "items": _object(
        {
            "role": {"enum": list(ROLES)},
            "content": {"anyOf": [_PART, {"type": "array", "items": _PART}]},
            "metadata": _object(
                {
                    "title": {"type": "string"},
                    "id": {"type": ["string", "integer"]},
                    "parent_id": {"type": ["string", "integer"]},
                    "log": {"type": "string"},
                    "duration": {"type": "number"},
                    "status": {"enum": ["pending", "done"]},
                }
            ),
            "options": {
                "type": "array",
                "items": _object(
                    {"value": {"type": "string"}, "label": {"type": "string"}}, "value"
                ),
            },
        },
        "role",
        "content",
    ),
}
