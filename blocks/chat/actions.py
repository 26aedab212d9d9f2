"""What the Chatbot's buttons do in a ChatInterface: retry, undo, edit, clear, stop, like,
and the example cards (with their cached answers). A mixin of ChatInterface."""

from __future__ import annotations

import copy
from collections.abc import AsyncIterator
from pathlib import Path
from typing import Any

from blocks.chat.examples import ChatExample
from blocks.chat.flagging import FlagTooLarge
from blocks.chat.turns import (
    Reply,
    Turn,
    cleared_box,
    drive,
    drive_async,
    last_user_index,
    runs_on_loop,
    user_message,
)
from blocks.chat.views import CachingView, ChatView, SilentView, answer_of
from blocks.exceptions import Error, ValidationError
from blocks.graph.helpers import (
    EditData,
    LikeData,
    Progress,
    Request,
    RetryData,
    SelectData,
    UndoData,
)
from blocks.graph.updates import skip, update

__all__ = ["ChatActions"]


class ChatActions:
    """Listeners for the Chatbot's events; ChatInterface provides the attributes used here."""

    # Provided by ChatInterface.
    fn: Any
    multimodal: bool
    examples: list[ChatExample]
    additional_inputs: list[Any]
    additional_outputs: list[Any]
    flagging_options: list[str]
    flag_log: Any
    _example_cache: Any
    _plain: Any
    _wire_history: Any
    _value_of: Any
    _turn: Any
    _chat_turn: Any
    chatbot: Any

    def _last_turn(self, history: list[dict[str, Any]], data: Any) -> tuple[Any, list[Any]]:
        """(message, history before it) for regenerating the last turn, or from an edit."""
        plain = self._plain(history)
        if isinstance(data, EditData):
            index = data.index if isinstance(data.index, int) else len(plain) - 1
            if not 0 <= index < len(plain) or plain[index]["role"] != "user":
                raise ValueError("only a message of the user can be edited")
            turn_start = last_user_index(plain[: index + 1]) or 0
            edited = data.value if isinstance(data.value, str) else str(data.value)
            # Files sent with the edited text stay; everything after it goes.
            return self._as_message(plain[turn_start : index + 1], edited), history[:turn_start]
        last = last_user_index(plain)
        if last is None:
            return None, history
        start = end = last
        while end < len(plain) and plain[end]["role"] == "user":
            end += 1
        return self._as_message(plain[start:end], None), history[:start]

    def _as_message(self, user_turn: list[dict[str, Any]], text: str | None) -> Any:
        texts = [m["content"] for m in user_turn if isinstance(m["content"], str)]
        body = text if text is not None else (texts[-1] if texts else "")
        if not self.multimodal:
            return body
        files = [m["content"]["path"] for m in user_turn if isinstance(m["content"], dict)]
        return {"text": body, "files": files}

    # Each action makes its step (see turns.listener, which runs it sync or async as fn is);
    # it takes the request and progress the runtime injects and passes them on to fn.

    def _retry(
        self,
        history: list[Any],
        *extra: Any,
        data: RetryData,
        request: Request,
        progress: Progress = Progress(),
    ) -> Turn | None:
        message, before = self._last_turn(history, data)
        if message is None:
            return None
        return self._chat_turn(message, before, extra, request, progress)

    def _edit(
        self,
        history: list[Any],
        *extra: Any,
        data: EditData,
        request: Request,
        progress: Progress = Progress(),
    ) -> Turn:
        message, before = self._last_turn(history, data)
        return self._chat_turn(message, before, extra, request, progress)

    def _example_message(self, data: SelectData) -> tuple[int, ChatExample]:
        index = data.index if isinstance(data.index, int) else -1
        if not 0 <= index < len(self.examples):
            raise ValueError(f"there is no example {data.index!r}")
        return index, self.examples[index]

    def _example(
        self,
        history: list[Any],
        *extra: Any,
        data: SelectData,
        request: Request,
        progress: Progress = Progress(),
    ) -> Turn | tuple[Any, ...]:
        """The example's cached answer when it has one, else the turn that answers it."""
        cached = self._cached_example(history, extra, data)
        if cached is not None:
            return cached
        return self._example_turn(history, extra, data, request, progress)

    def _cached_example(
        self, history: list[Any], extra: tuple[Any, ...], data: SelectData
    ) -> tuple[Any, ...] | None:
        """The outputs of the example's cached answer; None when it is not cached (yet)."""
        index, example = self._example_message(data)
        stored = self._example_cache.get(index) if self._example_cache is not None else None
        if stored is None or not _files_exist(stored):
            return None
        base = [*history, *user_message(example.message, self.multimodal)]
        values = tuple(self._example_inputs(example, list(extra)))
        return self._cached_outputs(stored, base, values)

    def _example_turn(
        self,
        history: list[Any],
        extra: tuple[Any, ...],
        data: SelectData,
        request: Request,
        progress: Progress,
    ) -> Turn:
        """The turn answering the example: a turn like any other, or, for a cached example not
        answered yet (lazy, or its files are gone), the one that answers and keeps it."""
        index, example = self._example_message(data)
        values = tuple(self._example_inputs(example, list(extra)))
        base = [*history, *user_message(example.message, self.multimodal)]
        cache = self._example_cache
        if cache is None:
            view = ChatView(self, base, opened=False, after=values)
            arguments = [example.message, self._plain(history), *values]
            return self._turn(arguments, view, request, progress)
        # Answered once for everyone, so from the example alone: no history, default inputs.
        view = CachingView(self, base, index, cache, after=values)
        return self._turn(self._cache_arguments(index), view, request, progress)

    def _cached_outputs(
        self, stored: dict[str, Any], base: list[Any], values: tuple[Any, ...]
    ) -> tuple[Any, ...]:
        reply = Reply(0)
        reply.response, reply.extra = stored["messages"], stored["extra"]
        return ChatView(self, base, opened=True, after=values).final(reply)

    def _cache_arguments(self, index: int) -> list[Any]:
        example = self.examples[index]
        values = list(example.additional) + [
            getattr(c, "value", None) for c in self.additional_inputs[len(example.additional) :]
        ]
        return [copy.deepcopy(example.message), [], *values]

    def _cache_eagerly(self, index: int) -> None:
        """Answer example ``index`` now (``cache_mode="eager"``, at construction)."""
        cache = self._example_cache
        assert cache is not None
        stored = cache.get(index)
        if stored is not None and _files_exist(stored):
            return
        turn = self._turn(self._cache_arguments(index), SilentView(), None, None)
        if runs_on_loop(self.fn):
            _run_to_end(drive_async(turn))
        else:
            for _ in drive(turn):
                pass
        cache.put(index, answer_of(self, turn.reply))

    def _example_inputs(self, example: ChatExample, current: list[Any]) -> list[Any]:
        values = list(current)
        for position, value in enumerate(example.additional):
            values[position] = value
        return values

    def _fill_example(self, history: list[Any], *extra: Any, data: SelectData) -> Any:
        _, example = self._example_message(data)
        values = self._example_inputs(example, list(extra))
        message = example.message
        if self.multimodal:
            message = {"text": message["text"], "files": list(message["files"])}
        return (
            skip(),
            skip(),
            update(value=message),
            *[skip() for _ in self.additional_outputs],
            *values,
            skip(),
        )

    def _stopped(self, shown: list[Any]) -> Any:
        # The page shows what streamed before Stop: that is the conversation now.
        history = self._wire_history(shown)
        return history, update(interactive=True), self._value_of(history)

    def _unlock(self) -> Any:
        return update(interactive=True)

    def _undo(self, history: list[Any], data: UndoData) -> Any:
        plain = self._plain(history)
        start = last_user_index(plain)
        if start is None:
            return skip(), skip(), skip(), skip()
        end = start
        while end < len(plain) and plain[end]["role"] == "user":
            end += 1
        message = self._as_message(plain[start:end], None)
        kept = history[:start]
        return kept, kept, update(value=message, interactive=True), self._value_of(kept)

    def _clear(self) -> Any:
        box = update(value=cleared_box(self.multimodal)["value"], interactive=True)
        return [], [], box, []

    def _flag(self, history: list[Any], data: LikeData, request: Request) -> None:
        """Write the flag the user gave a message. Nothing of the event is taken as sent but
        which message (an index into the server's own history) and which option (one of
        ``flagging_options``): the text stored is the server's, and a record too large is
        refused."""
        assert self.flag_log is not None
        conversation = self._plain(history)
        index = self._flagged_index(conversation, data.index)
        flag = self._flag_option(data.liked)
        try:
            self.flag_log.write(
                conversation=conversation,
                index=index,
                value=conversation[index]["content"],
                flag=flag,
            )
        except FlagTooLarge as exc:
            raise Error(f"Not flagged: {exc}.", title="Flag not saved") from None

    def _flagged_index(self, conversation: list[dict[str, Any]], index: Any) -> int:
        """``index`` when it names a message of the conversation that can be flagged."""
        if not isinstance(index, int) or isinstance(index, bool):
            raise ValidationError(f"flag: the message index must be an integer, got {index!r}")
        if not 0 <= index < len(conversation):
            raise ValidationError(
                f"flag: there is no message {index} (the conversation has "
                f"{len(conversation)} message(s))"
            )
        role = conversation[index].get("role")
        users_too = bool(getattr(self.chatbot, "like_user_message", False))
        if role != "assistant" and not (users_too and role == "user"):
            raise ValidationError(f"flag: message {index} is a {role} message, not a reply")
        return index

    def _flag_option(self, liked: Any) -> str:
        """The option flagged: Like (``True``), Dislike (``False``) or one of the others, and
        only one that ``flagging_options`` offers."""
        options = self.flagging_options
        flag = "Like" if liked is True else "Dislike" if liked is False else liked
        if not isinstance(flag, str) or flag not in options:
            offered = ", ".join(repr(option) for option in options) or "none"
            raise ValidationError(
                f"flag: {_shown(liked)} is not one of the flagging options ({offered})"
            )
        return flag


def _shown(value: Any) -> str:
    text = repr(value)
    return text if len(text) <= 60 else text[:57] + "..."


def _files_exist(stored: Any) -> bool:
    for message in stored.get("messages") or []:
        content = message.get("content")
        if isinstance(content, dict) and "path" in content and not Path(content["path"]).exists():
            return False
    return True


def _run_to_end(replies: AsyncIterator[Any]) -> None:
    """Drive an async fn's turn to its end from sync code: the ChatInterface is being built,
    so no loop of ours runs yet. Built inside a running loop (a notebook, an async test), that
    loop is busy building us: the turn gets a loop of its own in a thread."""

    # Loaded here, not with `import blocks`: asyncio alone costs ~25 ms of start-up.
    import asyncio
    from concurrent.futures import ThreadPoolExecutor

    async def consume() -> None:
        async for _ in replies:
            pass

    try:
        asyncio.get_running_loop()
    except RuntimeError:
        asyncio.run(consume())
        return
    with ThreadPoolExecutor(1) as pool:
        pool.submit(asyncio.run, consume()).result()
