"""The chat as an API endpoint: message and additional inputs in; the reply (its content
when it is one message) and the additional outputs out; a history per client session.
Also the chat as a model of the app's OpenAI-compatible endpoint (``/v1/chat/completions``;
see openai_turn.py): the OpenAI ``messages`` in, the reply's answer and reasoning out,
stateless. A mixin of ChatInterface."""

from __future__ import annotations

from typing import Any, Literal

from blocks.chat.openai_turn import additional_values, openai_turn, reply_parts
from blocks.chat.turns import Turn, as_messages, listener, runs_on_loop, user_message
from blocks.chat.views import ApiView, CompletionView
from blocks.components import JSON, MultimodalTextbox, State, Textbox
from blocks.graph.events import on
from blocks.graph.helpers import Progress, Request

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
    _turn: Any
    validator: Any
    _check_message: Any
    openai_api: bool
    textbox: Any

    def _wire_api(self) -> None:
        if self.api_visibility == "private" or self.api_name is False:
            return
        message = (
            MultimodalTextbox(label="Message", render=False)
            if self.multimodal
            else Textbox(label="Message", render=False)
        )
        response = JSON(label="Response", parse_strings=False, render=False)
        api_history = State([])
        api_fn = listener(self._api, asynchronous=runs_on_loop(self.fn))
        endpoint = on(
            [],
            api_fn,
            [message, api_history, *self.additional_inputs],
            [response, api_history, *self.additional_outputs],
            api_name=self.api_name or getattr(self.fn, "__name__", "chat"),
            api_description=self.api_description,
            api_visibility=self.api_visibility,
            concurrency_limit=self.concurrency_limit,
            concurrency_id=self._concurrency_id,
            validator=self._check_message if self.validator is not None else None,
        )
        if self.openai_api:
            self._wire_chat_completions(endpoint.api_name or "chat")

    def _wire_chat_completions(self, model: str) -> None:
        """Serve the chat as ``model`` on /v1/chat/completions: a private listener from the
        OpenAI messages (and the request's other fields) to the reply's answer and reasoning
        (cumulative while it streams)."""
        complete = listener(self._complete, asynchronous=runs_on_loop(self.fn))
        on(
            [],
            complete,
            [JSON(label="Messages", render=False), JSON(label="Options", render=False)],
            [JSON(label="Reply", render=False)],
            api_visibility="private",
            concurrency_limit=self.concurrency_limit,
            concurrency_id=self._concurrency_id,
            validator=self._check_completion if self.validator is not None else None,
        ).serve_chat_completions(model, listed=self.api_visibility == "public")

    def _check_completion(self, messages: Any, options: Any = None) -> Any:
        """The validator's verdict on the last user message of an OpenAI request."""
        message, _ = openai_turn(messages, self.multimodal)
        return self.validator(self.textbox.preprocess(message))

    # Each endpoint makes its turn (see turns.listener, which runs it sync or async as fn is,
    # so the runtime injects the request and progress it passes on).

    def _complete(
        self, messages: Any, options: Any, request: Request, progress: Progress = Progress()
    ) -> Turn:
        message, history = openai_turn(messages, self.multimodal)
        # Through the textbox's own checks: a multimodal chat's file types, for one.
        message = self.textbox.preprocess(message)
        given = options.get("additional_inputs") if isinstance(options, dict) else None
        extra = additional_values(self.fn, self.additional_inputs, given)
        arguments = [message, self._plain(history), *extra]
        return self._turn(arguments, CompletionView(self), request, progress)

    def _reply_parts(self, response: Any) -> dict[str, str]:
        """The reply as ``{"content", "reasoning_content"}`` text (media as "[image]")."""
        if isinstance(response, str):
            return {"content": response, "reasoning_content": ""}
        return reply_parts(self._wire_history(as_messages(response)))

    def _api(
        self,
        message: Any,
        history: list[Any],
        *extra: Any,
        request: Request,
        progress: Progress = Progress(),
    ) -> Turn:
        view = ApiView(self, [*history, *user_message(message, self.multimodal)])
        return self._turn([message, self._plain(history), *extra], view, request, progress)
