"""One chat turn, as plain functions over the history (no UI, no I/O).

The history a ChatInterface keeps is the Chatbot's wire form (a list of message dicts whose
content is a list of parts); the user's function receives the plain form the guide shows
(``{"role", "content"}`` with text content as a str), made fresh for every call so mutating
it never changes the kept history.
"""

from __future__ import annotations

import inspect
import time
from collections.abc import AsyncIterator, Callable, Iterator
from typing import Any

from blocks.components.chat_message import ChatMessage
from blocks.graph.helpers import Request
from blocks.graph.updates import update

__all__ = [
    "STREAM_INTERVAL",
    "Reply",
    "as_messages",
    "cleared_box",
    "last_user_index",
    "stream_reply",
    "stream_reply_async",
    "user_message",
]

# A streaming function's cumulative yields are forwarded at most this often (the last one
# always): the page cannot show more, and each forward rebuilds the displayed history.
STREAM_INTERVAL = 1 / 60


def user_message(message: Any, multimodal: bool) -> list[dict[str, Any]]:
    """The history entries of what the user sent (text, then each file, as the guide's
    multimodal format shows them)."""
    if not multimodal:
        return [{"role": "user", "content": message}]
    text = (message or {}).get("text") or ""
    entries = [{"role": "user", "content": {"path": path}} for path in message.get("files") or []]
    if text:
        entries.append({"role": "user", "content": text})
    return entries


def is_empty(message: Any, multimodal: bool) -> bool:
    if multimodal:
        return not ((message and (message.get("text") or "").strip()) or message.get("files"))
    return message is None or not str(message).strip()


def as_messages(response: Any) -> list[Any]:
    """What fn returned (text, a component, a file dict, a ChatMessage, a message dict or a
    list of those) as assistant messages for the Chatbot."""
    if response is None:
        return []
    if isinstance(response, ChatMessage):
        return [response]
    if isinstance(response, dict):
        if "role" in response or "content" in response:
            return [{"role": response.get("role", "assistant"), **response}]
        return [{"role": "assistant", "content": response}]
    if isinstance(response, list):
        if all(isinstance(item, (dict, ChatMessage)) for item in response):
            return [message for item in response for message in as_messages(item)]
        return [{"role": "assistant", "content": response}]
    return [{"role": "assistant", "content": response}]


def last_user_index(history: list[dict[str, Any]]) -> int | None:
    """Index of the first message of the last user turn (None when there is none)."""
    index = None
    for position in range(len(history) - 1, -1, -1):
        if history[position]["role"] == "user":
            index = position
        elif index is not None:
            break
    return index


class Reply:
    """Splits what fn yields into the response and the values of the additional outputs."""

    def __init__(self, additional_outputs: int) -> None:
        self.additional_outputs = additional_outputs
        self.response: Any = None
        self.extra: list[Any] | None = None

    def take(self, returned: Any) -> None:
        if self.additional_outputs:
            if not isinstance(returned, tuple) or len(returned) != self.additional_outputs + 1:
                raise TypeError(
                    f"with {self.additional_outputs} additional output(s) the chat function "
                    f"must return (response, {', '.join(['value'] * self.additional_outputs)})"
                    f", got {type(returned).__name__}"
                )
            self.response, *extra = returned
            self.extra = extra
        else:
            self.response = returned


def call_arguments(
    fn: Callable[..., Any], args: list[Any], request: Request | None
) -> tuple[list[Any], dict[str, Any]]:
    """Arguments for the user's fn: (message, history, *additional) plus a gr.Request where
    its signature asks for one."""
    kwargs: dict[str, Any] = {}
    try:
        parameters = inspect.signature(fn).parameters
    except (TypeError, ValueError):
        return args, kwargs
    for name, parameter in parameters.items():
        if parameter.annotation in (Request, "Request", "gr.Request"):
            kwargs[name] = request
    return args, kwargs


class _Pacer:
    """Says when a new yield should be forwarded: at most every STREAM_INTERVAL; ``pending``
    tells whether the last one still waits (the end always forwards it)."""

    def __init__(self) -> None:
        self.last = 0.0
        self.pending = False

    def due(self) -> bool:
        now = time.monotonic()
        if now - self.last >= STREAM_INTERVAL:
            self.last = now
            self.pending = False
            return True
        self.pending = True
        return False


def stream_reply(
    fn: Callable[..., Any], args: list[Any], kwargs: dict[str, Any], reply: Reply
) -> Iterator[None]:
    """Run a sync fn (plain or generator); yields each time ``reply`` changed enough to
    be shown, and once at the end."""
    if inspect.isgeneratorfunction(inspect.unwrap(fn)):
        pacer = _Pacer()
        generator = fn(*args, **kwargs)
        try:
            for returned in generator:
                reply.take(returned)
                if pacer.due():
                    yield None
            if pacer.pending:
                yield None
        finally:
            generator.close()
    else:
        reply.take(fn(*args, **kwargs))
        yield None


async def stream_reply_async(
    fn: Callable[..., Any], args: list[Any], kwargs: dict[str, Any], reply: Reply
) -> AsyncIterator[None]:
    """The async twin of stream_reply, for async functions and async generators."""
    if inspect.isasyncgenfunction(inspect.unwrap(fn)):
        pacer = _Pacer()
        generator = fn(*args, **kwargs)
        try:
            async for returned in generator:
                reply.take(returned)
                if pacer.due():
                    yield None
            if pacer.pending:
                yield None
        finally:
            await generator.aclose()
    elif inspect.iscoroutinefunction(inspect.unwrap(fn)):
        reply.take(await fn(*args, **kwargs))
        yield None
    else:
        # A sync function given to an async ChatInterface path: keep the loop free.
        import asyncio

        reply.take(await asyncio.to_thread(fn, *args, **kwargs))
        yield None


def is_async(fn: Callable[..., Any]) -> bool:
    target = inspect.unwrap(fn)
    return inspect.iscoroutinefunction(target) or inspect.isasyncgenfunction(target)


def cleared_box(multimodal: bool, *, interactive: bool = True) -> dict[str, Any]:
    """An update that empties the message box (and locks or unlocks it)."""
    value: Any = {"text": "", "files": []} if multimodal else ""
    return update(value=value, interactive=interactive)
