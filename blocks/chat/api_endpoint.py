"""The chat as an API endpoint: message and additional inputs in; the reply (its content
when it is one message) and the additional outputs out; a history per client session.
Also the chat as a model of the app's OpenAI-compatible endpoint (``/v1/chat/completions``):
the OpenAI ``messages`` in, the reply text out, stateless. A mixin of ChatInterface."""

from __future__ import annotations

from typing import Any, Literal

from blocks.chat.turns import Turn, as_messages, listener, runs_on_loop, user_message
from blocks.chat.views import ApiView, CompletionView
from blocks.components import JSON, MultimodalTextbox, State, Textbox
from blocks.exceptions import ValidationError
from blocks.graph.events import on
from blocks.graph.helpers import Progress, Request

__all__ = ["ChatApi", "openai_turn"]


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
        self._wire_chat_completions(endpoint.api_name or "chat")

    def _wire_chat_completions(self, model: str) -> None:
        """Serve the chat as ``model`` on /v1/chat/completions: a private listener from the
        OpenAI messages to the reply text (cumulative while it streams)."""
        complete = listener(self._complete, asynchronous=runs_on_loop(self.fn))
        on(
            [],
            complete,
            [JSON(label="Messages", render=False)],
            [Textbox(label="Reply", render=False)],
            api_visibility="private",
            concurrency_limit=self.concurrency_limit,
            concurrency_id=self._concurrency_id,
            validator=self._check_completion if self.validator is not None else None,
        ).serve_chat_completions(model)

    def _check_completion(self, messages: Any) -> Any:
        """The validator's verdict on the last user message of an OpenAI request."""
        message, _ = openai_turn(messages, self.multimodal)
        return self.validator(message)

    # Each endpoint makes its turn (see turns.listener, which runs it sync or async as fn is,
    # so the runtime injects the request and progress it passes on).

    def _complete(self, messages: Any, request: Request, progress: Progress = Progress()) -> Turn:
        message, history = openai_turn(messages, self.multimodal)
        # The additional inputs as a new page would send them: their default values.
        defaults = [
            component.preprocess(component.postprocess(component.initial_value()))
            for component in self.additional_inputs
        ]
        return self._turn([message, history, *defaults], CompletionView(self), request, progress)

    def _reply_text(self, response: Any) -> str:
        """The reply as text: its text parts, and a short "[image]" for each medium."""
        if isinstance(response, str):
            return response
        texts = (_wire_text(message) for message in self._wire_history(as_messages(response)))
        return "\n\n".join(text for text in texts if text)

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


# OpenAI roles as the chat's history names them ("developer" is the newer "system").
_ROLES = {"system": "system", "developer": "system", "user": "user", "assistant": "assistant"}
_IMAGE_PARTS = ("image_url", "input_image", "image")
_MEDIA = ("image", "audio", "video")


def openai_turn(messages: Any, multimodal: bool) -> tuple[Any, list[dict[str, Any]]]:
    """OpenAI ``messages`` as one turn of the chat: the last (user) message, as the chat's
    fn takes it, and the earlier messages as its history (system messages included)."""
    if not isinstance(messages, list) or not messages:
        raise ValidationError(
            '"messages" must be a non-empty list of {"role", "content"} objects, got '
            + _kind(messages)
        )
    plain = [_openai_message(index, message) for index, message in enumerate(messages)]
    *history, last = plain
    if last["role"] != "user":
        raise ValidationError(
            f"the last message must be the user's (role 'user'), got role {last['role']!r}"
        )
    text = last["content"]
    return ({"text": text, "files": []} if multimodal else text), history


def _openai_message(index: int, message: Any) -> dict[str, Any]:
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
    return {"role": _ROLES[role], "content": _openai_text(where, message.get("content"))}


def _openai_text(where: str, content: Any) -> str:
    if isinstance(content, str):
        return content
    if not isinstance(content, list):
        raise ValidationError(
            f'{where}.content must be a string or a list of {{"type": "text", "text": ...}} '
            f"parts, got {_kind(content)}"
        )
    texts = []
    for position, part in enumerate(content):
        kind = part.get("type") if isinstance(part, dict) else None
        if kind == "text" and isinstance(part.get("text"), str):
            texts.append(part["text"])
        elif kind in _IMAGE_PARTS:
            raise ValidationError(
                f"{where}.content[{position}] is an image: this chat takes text only"
            )
        else:
            raise ValidationError(
                f'{where}.content[{position}] must be a {{"type": "text", "text": ...}} part, '
                + (f"got type {kind!r}" if kind else f"got {_kind(part)}")
            )
    return "\n".join(texts)


def _kind(value: Any) -> str:
    return "null" if value is None else f"a {type(value).__name__}"


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
