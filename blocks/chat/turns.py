"""One chat turn, sans I/O: the history helpers, the reply, and the call of the user's fn.

The history a ChatInterface keeps is the Chatbot's wire form (a list of message dicts whose
content is a list of parts); the user's function receives the plain form the guide shows
(``{"role", "content"}`` with text content as a str), made fresh for every call so mutating
it never changes the kept history.

Every listener of the chat (submit, retry, edit, example, the API, chat completions) is a
generator the runtime runs like any other: a sync one in a worker thread when fn is sync, an
async one on the event loop when fn is async, so the runtime's streaming (coalescing,
backpressure, cancelling) is the chat's, with no pacer or thread hop of its own. Each action
is one function that makes a ``Turn`` (fn, its arguments injected by the graph's signature
module, and a ``View`` saying what to yield); ``listener`` turns it into that generator, which
drives the turn with ``drive`` or ``drive_async``: the same loop, the second with ``await``.
"""

from __future__ import annotations

import inspect
import typing
from collections.abc import AsyncIterator, Callable, Iterator
from typing import Any

from blocks.components.chat_message import ChatMessage
from blocks.graph.helpers import Progress, Request
from blocks.graph.signature import FnKind, fn_kind, listener_arguments
from blocks.graph.updates import update

__all__ = [
    "Reply",
    "Turn",
    "View",
    "as_messages",
    "cleared_box",
    "drive",
    "drive_async",
    "is_empty",
    "last_user_index",
    "listener",
    "runs_on_loop",
    "user_message",
]


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


def cleared_box(multimodal: bool, *, interactive: bool = True) -> dict[str, Any]:
    """An update that empties the message box (and locks or unlocks it)."""
    value: Any = {"text": "", "files": []} if multimodal else ""
    return update(value=value, interactive=interactive)


class Reply:
    """Splits what fn returns or yields into the response and the additional outputs' values."""

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


class View:
    """What a listener yields for its turn; each kind of listener says it in a subclass."""

    def opening(self) -> Any:
        """Outputs before fn answers at all; None (the default) yields nothing, as when a
        preview already showed the user's message."""
        return None

    def partial(self, reply: Reply) -> Any:
        """Outputs for the reply so far (after each yield of a generator)."""
        raise NotImplementedError

    def final(self, reply: Reply) -> Any:
        """Outputs for the whole reply."""
        raise NotImplementedError

    def failed(self, reply: Reply) -> Any:
        """Outputs yielded before fn's exception goes on to the runtime (None: nothing)."""
        return None


def runs_on_loop(fn: Callable[..., Any]) -> bool:
    """Whether fn is async (or an async generator): its listeners are then async too."""
    return fn_kind(fn) in (FnKind.ASYNC, FnKind.ASYNC_GENERATOR)


class Turn:
    """One call of the user's fn: its kind, its arguments (injected as the runtime injects a
    listener's: the listener's Request, and Progress reporting to the listener's page), the
    reply so far, and the view of it."""

    def __init__(
        self,
        fn: Callable[..., Any],
        values: list[Any],
        view: View,
        *,
        additional_outputs: int = 0,
        request: Request | None = None,
        progress: Progress | None = None,
    ) -> None:
        self.fn = fn
        self.kind = fn_kind(fn)
        self.args, self.kwargs = listener_arguments(fn, values, request=request, progress=progress)
        self.view = view
        self.reply = Reply(additional_outputs)

    def call(self) -> Any:
        """fn's result: a value, a generator, a coroutine or an async generator (per kind)."""
        return self.fn(*self.args, **self.kwargs)


def drive(turn: Turn) -> Iterator[Any]:
    """Run a sync fn's turn (in the listener's worker thread), yielding what its view shows."""
    if turn.kind not in (FnKind.SYNC, FnKind.GENERATOR):
        raise TypeError(f"{turn.fn!r} is async: drive its turn with drive_async")
    view, reply = turn.view, turn.reply
    opening = view.opening()
    if opening is not None:
        yield opening
    try:
        if turn.kind == FnKind.GENERATOR:
            generator = turn.call()
            try:
                for returned in generator:
                    reply.take(returned)
                    yield view.partial(reply)
            finally:
                generator.close()  # also when the job is cancelled: fn's finally runs
        else:
            reply.take(turn.call())
    except Exception:
        failed = view.failed(reply)
        if failed is not None:
            yield failed
        raise
    yield view.final(reply)


async def drive_async(turn: Turn) -> AsyncIterator[Any]:
    """``drive`` for an async fn (on the event loop): the same loop, with ``await``."""
    if turn.kind not in (FnKind.ASYNC, FnKind.ASYNC_GENERATOR):
        raise TypeError(f"{turn.fn!r} is not async: drive its turn with drive")
    view, reply = turn.view, turn.reply
    opening = view.opening()
    if opening is not None:
        yield opening
    try:
        if turn.kind == FnKind.ASYNC_GENERATOR:
            generator = turn.call()
            try:
                async for returned in generator:
                    reply.take(returned)
                    yield view.partial(reply)
            finally:
                await generator.aclose()
        else:
            reply.take(await turn.call())
    except Exception:
        failed = view.failed(reply)
        if failed is not None:
            yield failed
        raise
    yield view.final(reply)


def listener(make: Callable[..., Any], *, asynchronous: bool) -> Callable[..., Any]:
    """The listener of one chat action: a generator (async when fn is async) that takes what
    ``make`` takes and yields what its step shows. ``make`` returns a ``Turn`` to drive,
    outputs to show at once (a cached answer), or None (nothing to do).

    The runtime reads what to inject (Request, Progress, event data) from a listener's
    signature, so the generator carries ``make``'s, its annotations resolved."""
    if asynchronous:

        async def run(*args: Any, **kwargs: Any) -> AsyncIterator[Any]:
            step = make(*args, **kwargs)
            if isinstance(step, Turn):
                async for outputs in drive_async(step):
                    yield outputs
            elif step is not None:
                yield step

        chosen: Callable[..., Any] = run
    else:

        def run_sync(*args: Any, **kwargs: Any) -> Iterator[Any]:
            step = make(*args, **kwargs)
            if isinstance(step, Turn):
                yield from drive(step)
            elif step is not None:
                yield step

        chosen = run_sync
    chosen.__signature__ = inspect.signature(make, eval_str=True)  # type: ignore[attr-defined]
    chosen.__annotations__ = typing.get_type_hints(make)
    chosen.__name__ = chosen.__qualname__ = getattr(make, "__name__", "chat")  # named in logs
    return chosen
