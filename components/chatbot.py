"""Chatbot: a conversation of messages, with files, components, thoughts and feedback.

Listeners see the plain, OpenAI-style format (``{"role", "content": str | file | component |
list}``); the wire carries one normalised shape where ``content`` is always a list of parts::

    {"role": "user" | "assistant" | "system",
     "content": [part, ...],
     "metadata"?: {"title"?, "id"?, "parent_id"?, "log"?, "duration"?, "status"?},
     "options"?: [{"value", "label"?}, ...]}

    part = {"type": "text", "text": str}
         | {"type": "file", "file": FileData, "alt_text"?: str}
         | {"type": "component", "component": "image", "value"?: <its wire value>, "props"?: {...}}

Keys that are not set are left out, so the same value always gives the same payload, and a
streamed reply that grows is a string ``append`` at ``[i, "content", 0, "text"]``.
"""

from __future__ import annotations

import os
import warnings
from collections.abc import Sequence
from copy import deepcopy
from pathlib import Path
from typing import Any, Literal

from blocks.components._chat_parts import PartCache, WireMessage, component_part_copy, file_in
from blocks.components._checks import describe
from blocks.components.base import Changeable, Component, Selectable
from blocks.components.chat_message import (
    MESSAGES_SCHEMA,
    REASONING_TITLE,
    ChatMessage,
    metadata_wire,
    options_wire,
    reasoning_tags_checked,
    split_message,
    split_reasoning,
)
from blocks.graph.events import EventListener
from blocks.protocol.files import is_url

__all__ = ["Chatbot"]

_BUTTONS = ("share", "copy", "copy_all")
_LAYOUTS = ("bubble", "panel")
_DEFAULT_LATEX_DELIMITERS = [{"left": "$$", "right": "$$", "display": True}]


class Chatbot(Component, Changeable, Selectable):
    """A conversation. Value: a list of ``{"role", "content"}`` messages (or ``gr.ChatMessage``).

    ``content`` is text (Markdown), a file (``{"path": ..., "alt_text"?}``, a ``(path, alt)``
    tuple, or a FileData), a component shown inline (``gr.Image(...)``, ``gr.JSON(...)``, ...)
    or a list of those. ``metadata={"title": ...}`` shows the message as a collapsible thought
    (``status="pending"`` spins, ``"done"`` collapses, ``parent_id`` nests); ``options`` show as
    chips that fire ``option_select``.

    Listeners receive the same plain format, freshly built for each event: text as ``str``, a
    file as ``{"path", "alt_text"?, "mime_type"?}``, a component as a new instance holding its
    preprocessed value, several parts as a list. Each action button of the page (Retry, Undo,
    Like/Dislike, Edit, Clear) shows only when it applies and its event has a listener; Copy
    shows whenever ``"copy"`` is in ``buttons`` (it fires ``copy`` too).

    Text is shown as given (not dedented), so a streamed reply only ever grows. An inline
    component is postprocessed once per (instance, value object): to show a changed image,
    yield a new component or a new array rather than mutating the old one in place.

    Message text is untrusted (a model or a user wrote it): the page shows no form controls
    from it, no style that leaves the bubble, and pictures, audio and video it names on another
    origin only once the user clicks "Load image from <host>"; ``allow_remote_media=True``
    loads them at once. Files and components the app returns are the app's choice and load.

    ``reasoning_tags=[("<think>", "</think>")]`` shows what an assistant's text says between
    those tags as a collapsible "Reasoning" thought before the rest of the reply (pending, with
    a spinner, until the close tag arrives); listeners then receive it as that thought message.
    """

    TYPE = "chatbot"
    LABELLED = True
    PROPS = (
        "height",
        "min_height",
        "max_height",
        "resizable",
        "placeholder",
        "avatar_images",
        "layout",
        "autoscroll",
        "buttons",
        "editable",
        "feedback_options",
        "feedback_value",
        "examples",
        "group_consecutive_messages",
        "render_markdown",
        "line_breaks",
        "rtl",
        "sanitize_html",
        "latex_delimiters",
        "allow_file_downloads",
        "allow_tags",
        "like_user_message",
        "allow_remote_media",
    )

    like = EventListener("like", "The user liked, disliked or flagged a message (gr.LikeData).")
    retry = EventListener("retry", "The user asked to regenerate the last reply (gr.RetryData).")
    undo = EventListener("undo", "The user took back the last turn (gr.UndoData).")
    edit = EventListener("edit", "The user edited a message (gr.EditData).")
    clear = EventListener("clear", "The user cleared the conversation.")
    copy = EventListener("copy", "The user copied a message (event data: index, value).")
    example_select = EventListener(
        "example_select", "The user clicked an example of the empty chat (gr.SelectData)."
    )
    option_select = EventListener(
        "option_select", "The user clicked an option chip under a message (gr.SelectData)."
    )

    def __init__(
        self,
        value: Sequence[dict[str, Any] | ChatMessage] | Any | None = None,
        *,
        type: Literal["messages", "tuples"] | None = None,
        height: int | str | None = 400,
        min_height: int | str | None = None,
        max_height: int | str | None = None,
        resizable: bool = False,
        placeholder: str | None = None,
        avatar_images: tuple[str | Path | None, str | Path | None] | None = None,
        layout: Literal["bubble", "panel"] | None = None,
        autoscroll: bool = True,
        buttons: Sequence[Literal["share", "copy", "copy_all"]] | None = None,
        editable: Literal["user", "all"] | bool | None = None,
        feedback_options: Sequence[str] | None = ("Like", "Dislike"),
        feedback_value: Sequence[str | None] | None = None,
        examples: Sequence[dict[str, Any] | str] | None = None,
        group_consecutive_messages: bool = True,
        render_markdown: bool = True,
        line_breaks: bool = True,
        rtl: bool = False,
        sanitize_html: bool = True,
        latex_delimiters: list[dict[str, str | bool]] | None = None,
        allow_file_downloads: bool = True,
        allow_tags: bool | list[str] = True,
        like_user_message: bool = False,
        allow_remote_media: bool = False,
        reasoning_tags: Sequence[tuple[str, str]] | None = None,
        show_copy_button: bool | None = None,
        show_copy_all_button: bool | None = None,
        show_share_button: bool | None = None,
        bubble_full_width: bool | None = None,
        likeable: bool | None = None,
        **kwargs: Any,
    ) -> None:
        if type == "tuples":
            raise ValueError(
                "Chatbot(type='tuples') is not supported: Blocks only supports the messages "
                "format. Give each turn as {'role': 'user', 'content': ...} and "
                "{'role': 'assistant', 'content': ...} instead of [user, bot] pairs."
            )
        if type not in (None, "messages"):
            raise ValueError(f"Chatbot type must be 'messages' (or left out), got {type!r}")
        chosen: list[str] = list(_BUTTONS[1:] if buttons is None else buttons)
        for name, given, button in (
            ("show_copy_button", show_copy_button, "copy"),
            ("show_copy_all_button", show_copy_all_button, "copy_all"),
            ("show_share_button", show_share_button, "share"),
        ):
            if given is not None:
                _deprecated(name, f"use buttons=[...] with or without {button!r}")
                if given and button not in chosen:
                    chosen.append(button)
                elif not given and button in chosen:
                    chosen.remove(button)
        if type == "messages":
            _deprecated("type='messages'", "messages is the only format; leave it out")
        if bubble_full_width is not None:
            _deprecated("bubble_full_width", "it has no effect; use layout='bubble' or 'panel'")
        if likeable is not None:
            _deprecated("likeable", "Like/Dislike show whenever a .like listener is attached")
        unknown = [b for b in chosen if b not in _BUTTONS]
        if unknown:
            raise ValueError(f"Chatbot buttons must be among {list(_BUTTONS)}, got {unknown}")
        if layout is not None and layout not in _LAYOUTS:
            raise ValueError(f"Chatbot layout must be 'bubble' or 'panel', got {layout!r}")
        if editable is True:
            editable = "user"
        elif editable is False:
            editable = None
        if editable not in (None, "user", "all"):
            raise ValueError(f"Chatbot editable must be None, 'user' or 'all', got {editable!r}")
        self.height = height
        self.min_height = min_height
        self.max_height = max_height
        self.resizable = resizable
        self.placeholder = placeholder
        self.layout = layout or "bubble"
        self.autoscroll = autoscroll
        self.buttons = chosen
        self.editable = editable
        self.feedback_options = list(feedback_options or [])
        self.feedback_value = None if feedback_value is None else list(feedback_value)
        self.group_consecutive_messages = group_consecutive_messages
        self.render_markdown = render_markdown
        self.line_breaks = line_breaks
        self.rtl = rtl
        self.sanitize_html = sanitize_html
        self.latex_delimiters = (
            [dict(d) for d in _DEFAULT_LATEX_DELIMITERS]
            if latex_delimiters is None
            else latex_delimiters
        )
        self.allow_file_downloads = allow_file_downloads
        self.allow_tags = allow_tags
        self.like_user_message = like_user_message
        # Message text is written by a model or a user: a picture it names on another origin
        # would load (and leak what its URL carries) as soon as it is shown, so by default the
        # page loads one only when the user clicks it. Files the app returns load as they are.
        self.allow_remote_media = bool(allow_remote_media)
        self.reasoning_tags = reasoning_tags_checked(reasoning_tags)
        if avatar_images is not None and (
            not isinstance(avatar_images, (list, tuple)) or len(avatar_images) != 2
        ):
            raise ValueError(
                "Chatbot avatar_images must be a pair (user, bot) of paths or URLs (or None), "
                f"got {avatar_images!r}"
            )
        if examples is not None and not all(isinstance(e, (dict, str)) for e in examples):
            raise TypeError(f"Chatbot examples must be dicts (or texts), got {examples!r:.200}")
        # Files of the avatars and examples are registered when the config is built, in the
        # file cache of the app that shows them.
        self.avatar_images = avatar_images
        self.examples = examples
        self._parts = PartCache()
        # The leading messages of the last value that were already in wire form (see
        # postprocess); one tuple, swapped whole, so concurrent sessions only miss it.
        self._wire_prefix: tuple[Any, int] = ([], 0)
        super().__init__(value=value, **kwargs)

    # ------------------------------------------------------------------ value -> wire

    def postprocess(self, value: Any) -> list[dict[str, Any]]:
        if value is None:
            return []
        if not isinstance(value, (list, tuple)):
            raise TypeError(
                f"{self!r} cannot show {describe(value)}: return a list of messages, each a "
                "{'role': ..., 'content': ...} dict or a gr.ChatMessage"
            )
        # A streamed reply yields the same kept history (wire messages of ours) again and
        # again with a growing tail: reuse that prefix with one C-level comparison instead of
        # a Python call per earlier message, so a yield costs its tail, not the history.
        seen, count = self._wire_prefix
        start = 0
        if count and len(value) >= count and value[:count] == seen:
            start = count
        out = list(seen) if start else []  # ours, even where the value held equal copies
        for index in range(start, len(value)):
            message = self._message_out(index, value[index])
            out += self._with_reasoning(message) if self.reasoning_tags else [message]
        wire = start
        while wire < len(value) and type(value[wire]) is WireMessage:
            wire += 1
        if wire != count or start == 0:
            self._wire_prefix = (value[:wire], wire)
        return out

    def _message_out(self, index: int, message: Any) -> dict[str, Any]:
        if type(message) is WireMessage:
            # Already in wire form (a kept history): reused as is, so a streamed reply costs
            # one pass over the earlier messages' references, not rebuilding them.
            return message
        try:
            role, content, metadata, options = split_message(message)
            out: dict[str, Any] = {"role": role, "content": self._content_out(content)}
            if metadata:
                out["metadata"] = metadata_wire(metadata)
            if options:
                out["options"] = options_wire(options)
        except (TypeError, ValueError) as exc:
            kind = TypeError if isinstance(exc, TypeError) else ValueError
            raise kind(f"{self!r}: message {index} {exc}") from exc
        return WireMessage(out)

    def _with_reasoning(self, message: dict[str, Any]) -> list[dict[str, Any]]:
        """An assistant's text message cut at ``reasoning_tags``: a thought per tagged span,
        then what it says (which keeps the message's options)."""
        parts = message["content"]
        if (
            message["role"] != "assistant"
            or "title" in message.get("metadata", {})
            or len(parts) != 1
            or parts[0]["type"] != "text"
        ):
            return [message]
        text = parts[0]["text"]
        assert self.reasoning_tags is not None
        if not any(start in text for start, _ in self.reasoning_tags):
            return [message]
        out: list[dict[str, Any]] = []
        for piece, status in split_reasoning(text, self.reasoning_tags):
            shown: dict[str, Any] = {
                "role": "assistant",
                "content": [{"type": "text", "text": piece}],
            }
            if status is not None:
                shown["metadata"] = {"title": REASONING_TITLE, "status": status}
            out.append(WireMessage(shown))
        if out and "metadata" not in out[-1]:
            for key in ("metadata", "options"):
                if key in message:
                    out[-1][key] = message[key]
        return out

    def _content_out(self, content: Any) -> list[dict[str, Any]]:
        if isinstance(content, list):
            return [self._part_out(item) for item in content]
        return [self._part_out(content)]

    def _part_out(self, item: Any) -> dict[str, Any]:
        if isinstance(item, str):
            return {"type": "text", "text": item}
        if isinstance(item, Component):
            return self._parts.component(item)
        if isinstance(item, tuple) and 1 <= len(item) <= 2:
            return self._parts.file(item[0], item[1] if len(item) == 2 else None)
        if isinstance(item, Path):
            return self._parts.file(item, None)
        if isinstance(item, dict):
            kind = item.get("type")
            if kind == "text" and isinstance(item.get("text"), str):
                return {"type": "text", "text": item["text"]}
            if kind == "file" or "file" in item:
                return self._parts.file(item.get("file"), item.get("alt_text"))
            if kind == "component" or "component" in item:
                return component_part_copy(item)
            if kind is None and ("path" in item or "url" in item or "id" in item):
                return self._parts.file(item, item.get("alt_text"))
        raise TypeError(
            f"cannot show {describe(item)} ({item!r:.100}); give text, a file "
            "{'path': ...}, a (path, alt_text) tuple, a component, or a list of those"
        )

    # ------------------------------------------------------------------ wire -> listener

    def preprocess(self, payload: Any) -> list[dict[str, Any]]:
        if payload is None:
            return []
        if not isinstance(payload, list):
            raise self.invalid(f"expected a list of messages, got {describe(payload)}")
        self.check_size(payload)
        return [self._message_in(index, message) for index, message in enumerate(payload)]

    def _message_in(self, index: int, message: Any) -> dict[str, Any]:
        try:
            if not isinstance(message, dict):
                raise TypeError(f"must be a {{'role', 'content'}} object, got {describe(message)}")
            role, content, metadata, options = split_message(message)
            if isinstance(content, list):
                parts = [self._part_in(part) for part in content]
                value: Any = parts[0] if len(parts) == 1 else parts
            else:
                value = self._part_in(content)
            out: dict[str, Any] = {"role": role, "content": value}
            if metadata:
                out["metadata"] = metadata_wire(metadata)
            if options:
                out["options"] = options_wire(options)
        except (TypeError, ValueError) as exc:
            raise self.invalid(f"message {index} {exc}") from None
        return out

    def _part_in(self, part: Any) -> Any:
        if isinstance(part, str):
            return part
        if isinstance(part, dict):
            kind = part.get("type")
            if kind == "text" and isinstance(part.get("text"), str):
                return part["text"]
            if kind == "file" or "file" in part:
                return file_in(part.get("file"), part.get("alt_text"))
            if kind == "component" or "component" in part:
                return self._parts.rebuild(part)
            if kind is None and ("id" in part or "url" in part or "path" in part):
                return file_in(part, part.get("alt_text"))
        raise TypeError(f"has content that is not text, a file or a component: {describe(part)}")

    # ------------------------------------------------------------------ schema

    def api_info(self) -> dict[str, Any]:
        return deepcopy(MESSAGES_SCHEMA)

    def example_payload(self) -> list[dict[str, Any]]:
        return [
            {"role": "user", "content": "Hello!"},
            {"role": "assistant", "content": [{"type": "text", "text": "Hi! How can I help?"}]},
        ]

    # ------------------------------------------------------------------ props

    def get_props(self) -> dict[str, Any]:
        return self.wire_props(super().get_props())

    def wire_props(self, props: dict[str, Any]) -> dict[str, Any]:
        """Props as the page needs them: avatar and example files registered in the app's
        cache (used for the config and for ``gr.update(examples=...)`` alike)."""
        props = dict(props)
        try:
            if props.get("avatar_images") is not None:
                props["avatar_images"] = [
                    None if a is None else self._parts.file(a, None)["file"]
                    for a in props["avatar_images"]
                ]
            if props.get("examples") is not None:
                props["examples"] = [self._example(example) for example in props["examples"]]
        except TypeError as exc:
            raise TypeError(f"{self!r}: avatar_images or examples {exc}") from exc
        return props

    def _example(self, example: Any) -> dict[str, Any]:
        if isinstance(example, str):
            return {"text": example}
        if not isinstance(example, dict):
            raise TypeError(f"a Chatbot example must be a dict or text, got {example!r:.100}")
        out: dict[str, Any] = {}
        if isinstance(example.get("text"), str):
            out["text"] = example["text"]
        label = example.get("label", example.get("display_text"))
        if isinstance(label, str):
            out["label"] = label
        icon = example.get("icon")
        if icon is not None:
            out["icon"] = self._icon(icon)
        paths = example.get("files") or []
        if paths:
            out["files"] = [self._parts.file(p, None)["file"] for p in paths]
        return out

    def _icon(self, icon: Any) -> dict[str, Any]:
        """An icon is an image (path, URL, FileData) unless it is text such as an emoji."""
        if isinstance(icon, str) and not is_url(icon) and not os.path.isfile(icon):
            return {"type": "text", "text": icon}
        return self._parts.file(icon, None)


def _deprecated(what: str, instead: str) -> None:
    # stacklevel 4: past this helper, Chatbot.__init__ and its recording wrapper, to the caller.
    warnings.warn(f"Chatbot({what}) is deprecated: {instead}.", DeprecationWarning, stacklevel=4)
