"""The chat as an API endpoint: message and additional inputs in; the reply (its content
when it is one message) and the additional outputs out; a history per client session.
A mixin of ChatInterface."""

from __future__ import annotations

from typing import Any, Literal

from blocks.events import on
from blocks.helpers import Request
from blocks.updates import skip
from components import JSON, MultimodalTextbox, State, Textbox

from .turns import (
    Reply,
    as_messages,
    call_arguments,
    is_async,
    stream_reply,
    stream_reply_async,
    user_message,
)

__all__ = ["ChatApi"]


class ChatApi:
    """ChatInterface provides the attributes used here."""

    fn: Any
    multimodal: bool
    api_name: Any
    api_visibility: Literal["public", "private", "undocumented"]
    api_description: str | None
    concurrency_limit: Any
    additional_inputs: list[Any]
    additional_outputs: list[Any]
    _concurrency_id: str
    _plain: Any
    _wire_history: Any

    def _wire_api(self) -> None:
        if self.api_visibility == "private" or self.api_name is False:
            return
        message = (
            MultimodalTextbox(label="Message", render=False)
            if self.multimodal
            else Textbox(label="Message", render=False)
        )
        response = JSON(label="Response", render=False)
        api_history = State([])
        api_fn = self._api_async if is_async(self.fn) else self._api
        on(
            [],
            api_fn,
            [message, api_history, *self.additional_inputs],
            [response, api_history, *self.additional_outputs],
            api_name=self.api_name or getattr(self.fn, "__name__", "chat"),
            api_description=self.api_description,
            api_visibility=self.api_visibility,
            concurrency_limit=self.concurrency_limit,
            concurrency_id=self._concurrency_id,
        )

    def _api(self, message: Any, history: list[Any], *extra: Any, request: Request) -> Any:
        reply = Reply(len(self.additional_outputs))
        plain = self._plain(history)
        args, kwargs = call_arguments(self.fn, [message, plain, *extra], request)
        base = [*history, *user_message(message, self.multimodal)]
        for _ in stream_reply(self.fn, args, kwargs, reply):
            yield self._api_outputs(base, reply, final=False)
        yield self._api_outputs(base, reply, final=True)

    async def _api_async(
        self, message: Any, history: list[Any], *extra: Any, request: Request
    ) -> Any:
        reply = Reply(len(self.additional_outputs))
        plain = self._plain(history)
        args, kwargs = call_arguments(self.fn, [message, plain, *extra], request)
        base = [*history, *user_message(message, self.multimodal)]
        async for _ in stream_reply_async(self.fn, args, kwargs, reply):
            yield self._api_outputs(base, reply, final=False)
        yield self._api_outputs(base, reply, final=True)

    def _api_outputs(self, base: list[Any], reply: Reply, *, final: bool) -> tuple[Any, ...]:
        messages = as_messages(reply.response)
        extra = reply.extra if reply.extra is not None else [skip()] * len(self.additional_outputs)
        state = self._wire_history([*base, *messages]) if final else skip()
        # The reply as the guide's API shows it: its content when it is one message, else
        # the list of messages, in the plain format.
        plain = self._plain(self._wire_history(messages))
        answer = plain[0]["content"] if len(plain) == 1 else plain
        return (answer, state, *extra)
