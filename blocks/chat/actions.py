"""What the Chatbot's buttons do in a ChatInterface: retry, undo, edit, clear, stop, like,
and the example cards (with their cached answers). A mixin of ChatInterface."""

from __future__ import annotations

import copy
from pathlib import Path
from typing import Any

from blocks.chat.examples import ChatExample
from blocks.chat.turns import (
    Reply,
    as_messages,
    call_arguments,
    cleared_box,
    is_async,
    last_user_index,
    stream_reply,
    stream_reply_async,
    user_message,
)
from blocks.graph.helpers import EditData, LikeData, Request, RetryData, SelectData, UndoData
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
    _outputs: Any
    _stream: Any
    _stream_async: Any

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

    def _retry(self, history: list[Any], *extra: Any, data: RetryData) -> Any:
        message, before = self._last_turn(history, data)
        if message is not None:
            yield from self._stream(message, before, list(extra), None)

    async def _retry_async(self, history: list[Any], *extra: Any, data: RetryData) -> Any:
        message, before = self._last_turn(history, data)
        if message is not None:
            async for outputs in self._stream_async(message, before, list(extra), None):
                yield outputs

    def _edit(self, history: list[Any], *extra: Any, data: EditData) -> Any:
        message, before = self._last_turn(history, data)
        yield from self._stream(message, before, list(extra), None)

    async def _edit_async(self, history: list[Any], *extra: Any, data: EditData) -> Any:
        message, before = self._last_turn(history, data)
        async for outputs in self._stream_async(message, before, list(extra), None):
            yield outputs

    def _example_message(self, data: SelectData) -> tuple[int, ChatExample]:
        index = data.index if isinstance(data.index, int) else -1
        if not 0 <= index < len(self.examples):
            raise ValueError(f"there is no example {data.index!r}")
        return index, self.examples[index]

    def _example(self, history: list[Any], *extra: Any, data: SelectData) -> Any:
        index, example = self._example_message(data)
        values = self._example_inputs(example, list(extra))
        if self._example_cache is not None:
            yield (*self._cached_outputs(index, history), *values)
            return
        for outputs in self._stream(example.message, history, values, None):
            yield (*outputs, *values)

    async def _example_async(self, history: list[Any], *extra: Any, data: SelectData) -> Any:
        index, example = self._example_message(data)
        values = self._example_inputs(example, list(extra))
        if self._example_cache is not None:
            yield (*self._cached_outputs(index, history), *values)
            return
        async for outputs in self._stream_async(example.message, history, values, None):
            yield (*outputs, *values)

    def _cached_outputs(self, index: int, history: list[Any]) -> tuple[Any, ...]:
        messages, extra = self._cached_answer(index)
        reply = Reply(0)
        reply.extra = extra
        shown = [*history, *user_message(self.examples[index].message, self.multimodal), *messages]
        return self._outputs(shown, reply, final=True)

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
        )

    def _cached_answer(self, index: int) -> tuple[list[Any], list[Any] | None]:
        cache = self._example_cache
        assert cache is not None
        stored = cache.get(index)
        if stored is None or not _files_exist(stored):
            example = self.examples[index]
            values = list(example.additional) + [
                getattr(c, "value", None) for c in self.additional_inputs[len(example.additional) :]
            ]
            reply = Reply(len(self.additional_outputs))
            args, kwargs = call_arguments(
                self.fn, [copy.deepcopy(example.message), [], *values], None
            )
            if is_async(self.fn):
                import asyncio

                async def collect() -> None:
                    async for _ in stream_reply_async(self.fn, args, kwargs, reply):
                        pass

                asyncio.run(collect())
            else:
                for _ in stream_reply(self.fn, args, kwargs, reply):
                    pass
            messages = self._plain(self._wire_history(as_messages(reply.response)))
            stored = {"messages": messages, "extra": reply.extra}
            cache.put(index, stored)
        return stored["messages"], stored["extra"]

    def _stopped(self, shown: list[Any]) -> Any:
        # The page shows what streamed before Stop: that is the conversation now.
        return self._wire_history(shown), update(interactive=True)

    def _unlock(self) -> Any:
        return update(interactive=True)

    def _undo(self, history: list[Any], data: UndoData) -> Any:
        plain = self._plain(history)
        start = last_user_index(plain)
        if start is None:
            return skip(), skip(), skip()
        end = start
        while end < len(plain) and plain[end]["role"] == "user":
            end += 1
        message = self._as_message(plain[start:end], None)
        kept = history[:start]
        return kept, kept, update(value=message, interactive=True)

    def _clear(self) -> Any:
        return [], [], update(value=cleared_box(self.multimodal)["value"], interactive=True)

    def _flag(self, history: list[Any], data: LikeData, request: Request) -> None:
        assert self.flag_log is not None
        flag = data.liked
        if flag is True:
            flag = self.flagging_options[0] if self.flagging_options else "Like"
        elif flag is False:
            flag = self.flagging_options[1] if len(self.flagging_options) > 1 else "Dislike"
        self.flag_log.write(
            conversation=self._plain(history),
            index=data.index,
            value=data.value,
            flag=flag,
            session=request.session_hash if request else None,
        )


def _files_exist(stored: Any) -> bool:
    for message in stored.get("messages") or []:
        content = message.get("content")
        if isinstance(content, dict) and "path" in content and not Path(content["path"]).exists():
            return False
    return True
