"""The chat as a model of the app's OpenAI-compatible endpoint (``/v1/chat/completions``):
OpenAI ``messages`` in as one turn of the chat, the reply out as its answer and its reasoning.

- ``openai_turn``: the last (user) message as fn takes it, and the earlier messages as the
  chat's wire history. Pictures (``image_url`` parts) arrive already stored by the server as
  ``{"type": "file", "file": FileData}`` parts (blocks/server/openai_routes.py); a chat that
  is not multimodal refuses them.
- ``additional_values``: the additional inputs an ``additional_inputs`` body field names (by
  fn's parameter names or the components' labels, or as a list), else their default values.
- ``reply_parts``: what fn answered, as ``{"content", "reasoning_content"}``: thoughts
  (messages with a metadata title) are the reasoning, the other messages the answer.
"""

from __future__ import annotations

import inspect
from typing import Any

from blocks.exceptions import ValidationError

__all__ = ["additional_values", "openai_turn", "reply_parts"]

# OpenAI roles as the chat's history names them ("developer" is the newer "system").
_ROLES = {"system": "system", "developer": "system", "user": "user", "assistant": "assistant"}
_IMAGE_PARTS = ("image_url", "input_image", "image")
_MEDIA = ("image", "audio", "video")


def openai_turn(messages: Any, multimodal: bool) -> tuple[Any, list[dict[str, Any]]]:
    """``(message, wire_history)``: the last (user) message, as the chat's textbox sends it
    (``{"text", "files": [FileData]}`` when multimodal), and the earlier messages as Chatbot
    wire messages (system messages included)."""
    if not isinstance(messages, list) or not messages:
        raise ValidationError(
            '"messages" must be a non-empty list of {"role", "content"} objects, got '
            + _kind(messages)
        )
    wire = [_openai_message(index, message, multimodal) for index, message in enumerate(messages)]
    *history, last = wire
    if last["role"] != "user":
        raise ValidationError(
            f"the last message must be the user's (role 'user'), got role {last['role']!r}"
        )
    text = "\n".join(part["text"] for part in last["content"] if part["type"] == "text")
    files = [part["file"] for part in last["content"] if part["type"] == "file"]
    return ({"text": text, "files": files} if multimodal else text), history


def _openai_message(index: int, message: Any, multimodal: bool) -> dict[str, Any]:
    where = f"messages[{index}]"
    if not isinstance(message, dict):
        raise ValidationError(
            f'{where} must be a {{"role", "content"}} object, got {_kind(message)}'
        )
    role = message.get("role")
    if role not in _ROLES:
        raise ValidationError(
            f"{where}.role must be 'system', 'user' or 'assistant' ('developer' counts as "
            f"'system'), got {role!r}"
        )
    return {"role": _ROLES[role], "content": _parts(where, message.get("content"), multimodal)}


def _parts(where: str, content: Any, multimodal: bool) -> list[dict[str, Any]]:
    if isinstance(content, str):
        return [{"type": "text", "text": content}]
    if not isinstance(content, list):
        raise ValidationError(
            f'{where}.content must be a string or a list of {{"type": "text", "text": ...}} '
            f"parts, got {_kind(content)}"
        )
    parts = []
    texts: list[str] = []
    for position, part in enumerate(content):
        kind = part.get("type") if isinstance(part, dict) else None
        if kind == "text" and isinstance(part.get("text"), str):
            texts.append(part["text"])
        elif kind == "file" and isinstance(part.get("file"), dict) and multimodal:
            parts.append({"type": "file", "file": part["file"]})
        elif kind in _IMAGE_PARTS or kind == "file":
            raise ValidationError(
                f"{where}.content[{position}] is an image: this chat takes text only"
            )
        else:
            raise ValidationError(
                f'{where}.content[{position}] must be a {{"type": "text", "text": ...}} part, '
                + (f"got type {kind!r}" if kind else f"got {_kind(part)}")
            )
    # The texts of a message make one text part, before its pictures.
    return [*([{"type": "text", "text": "\n".join(texts)}] if texts else []), *parts]


def additional_values(fn: Any, components: list[Any], given: Any) -> list[Any]:
    """The values of the additional inputs for a completion: those ``given`` (a dict by fn's
    parameter names or the components' labels, or a list in order) through each component's
    checks, the others their default values, as a new page would send them."""
    values = [c.preprocess(c.postprocess(c.initial_value())) for c in components]
    if given is None:
        return values
    if isinstance(given, list):
        if len(given) > len(components):
            raise ValidationError(
                f'"additional_inputs" has {len(given)} values; this chat takes {len(components)}'
            )
        chosen = dict(enumerate(given))
    elif isinstance(given, dict):
        names = _names(fn, components)
        chosen = {}
        for key, value in given.items():
            if key not in names:
                known = ", ".join(repr(name) for name in names) or "none"
                raise ValidationError(
                    f'"additional_inputs" names no input {key!r}; this chat takes: {known}'
                )
            chosen[names[key]] = value
    else:
        raise ValidationError(
            '"additional_inputs" must be an object of values by input name, or a list, got '
            + _kind(given)
        )
    for position, value in chosen.items():
        values[position] = components[position].preprocess(value)
    return values


def _names(fn: Any, components: list[Any]) -> dict[str, int]:
    """Each additional input's names: fn's parameter for it, and its component's label."""
    names: dict[str, int] = {}
    try:
        parameters = [
            parameter.name
            for parameter in inspect.signature(fn).parameters.values()
            if parameter.kind in (parameter.POSITIONAL_ONLY, parameter.POSITIONAL_OR_KEYWORD)
        ][2:]
    except (TypeError, ValueError):
        parameters = []
    for position, component in enumerate(components):
        label = getattr(component, "label", None)
        if isinstance(label, str) and label:
            names.setdefault(label, position)
        if position < len(parameters):
            names[parameters[position]] = position
    return names


def reply_parts(wire: list[dict[str, Any]]) -> dict[str, str]:
    """A reply's Chatbot wire messages as ``{"content", "reasoning_content"}``: thoughts
    (a metadata title) are reasoning; media are "[image]" and the like."""
    answer: list[str] = []
    reasoning: list[str] = []
    for message in wire:
        text = _wire_text(message)
        if not text:
            continue
        (reasoning if (message.get("metadata") or {}).get("title") else answer).append(text)
    return {"content": "\n\n".join(answer), "reasoning_content": "\n\n".join(reasoning)}


def _wire_text(message: dict[str, Any]) -> str:
    """A Chatbot wire message as text: its text parts, "[image]" (etc.) for the others."""
    texts = []
    for part in message.get("content") or []:
        kind = part.get("type")
        if kind == "text":
            texts.append(part["text"])
        elif kind == "component":
            texts.append(f"[{part.get('component') or 'component'}]")
        else:
            mime = str((part.get("file") or {}).get("mime_type") or "").split("/")[0]
            texts.append(f"[{mime if mime in _MEDIA else 'file'}]")
    return "\n".join(texts)


def _kind(value: Any) -> str:
    return "null" if value is None else f"a {type(value).__name__}"
