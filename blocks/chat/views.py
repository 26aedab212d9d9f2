"""What each listener of a ChatInterface yields for its turn (see turns.View).

- ``ChatView``: the page's chat. The conversation grows in the Chatbot while fn streams; at the
  end the history (a gr.State) keeps it and the message box unlocks.
- ``CachingView``: a cached example answered for the first time (``cache_mode="lazy"``, or a
  cached answer whose files are gone): shown like any turn, and kept once whole.
- ``ApiView``: the API endpoint: the reply (its content when it is one message), the history of
  the client's session, the additional outputs.
- ``CompletionView``: the chat-completions endpoint: the reply as text.
- ``SilentView``: examples cached at construction, where nobody is watching.
"""

from __future__ import annotations

from typing import Any

from blocks.chat.turns import Reply, View, as_messages, cleared_box
from blocks.graph.updates import skip, update

__all__ = ["ApiView", "CachingView", "ChatView", "CompletionView", "SilentView", "answer_of"]


class ChatView(View):
    """Outputs ``(chatbot, history, textbox, *additional_outputs, *after, chatbot_value)``.

    ``base`` is the conversation up to the user's message; ``opened`` says a preview already
    showed it and locked the box (the submit listener), so the first frame is fn's first token;
    other listeners (retry, edit, examples) have no preview and open with that frame. ``after``
    follows every output (an example's values for the additional inputs it sets), and the
    conversation in fn's format comes last, written with the history (see
    ChatInterface._value_of).
    """

    def __init__(
        self, chat: Any, base: list[Any], *, opened: bool, after: tuple[Any, ...] = ()
    ) -> None:
        self.chat = chat
        self.base = base
        self.opened = opened
        self.after = after

    def opening(self) -> Any:
        if self.opened:
            return None
        locked = cleared_box(self.chat.multimodal, interactive=False)
        return self._outputs(self.base, None, final=False, box=locked)

    def partial(self, reply: Reply) -> Any:
        return self._outputs(self._shown(reply), reply, final=False)

    def final(self, reply: Reply) -> Any:
        return self._outputs(self._shown(reply), reply, final=True)

    def failed(self, reply: Reply) -> Any:
        # The user's turn stays and the box unlocks; the runtime then shows the error.
        return self._outputs(self.base, reply, final=True)

    def _shown(self, reply: Reply) -> list[Any]:
        return [*self.base, *as_messages(reply.response)]

    def _outputs(
        self, shown: list[Any], reply: Reply | None, *, final: bool, box: Any = None
    ) -> tuple[Any, ...]:
        count = len(self.chat.additional_outputs)
        extra = reply.extra if reply is not None and reply.extra is not None else [skip()] * count
        state = self.chat._wire_history(shown) if final else skip()
        if box is None:
            box = update(interactive=True) if final else skip()
        return (shown, state, box, *extra, *self.after, self.chat._value_of(state))


def answer_of(chat: Any, reply: Reply) -> dict[str, Any]:
    """A whole reply as the example cache keeps it: plain messages (files stored in the app's
    cache, by path) and the additional outputs' values."""
    messages = chat._plain(chat._wire_history(as_messages(reply.response)))
    return {"messages": messages, "extra": reply.extra}


class CachingView(ChatView):
    """A turn whose whole reply becomes example ``index``'s cached answer."""

    def __init__(
        self,
        chat: Any,
        base: list[Any],
        index: int,
        cache: Any,
        *,
        after: tuple[Any, ...] = (),
    ) -> None:
        super().__init__(chat, base, opened=False, after=after)
        self.index = index
        self.cache = cache

    def final(self, reply: Reply) -> Any:
        self.cache.put(self.index, answer_of(self.chat, reply))
        return super().final(reply)


class ApiView(View):
    """Outputs ``(response, history, *additional_outputs)`` of the API endpoint."""

    def __init__(self, chat: Any, base: list[Any]) -> None:
        self.chat = chat
        self.base = base

    def partial(self, reply: Reply) -> Any:
        return self._outputs(reply, final=False)

    def final(self, reply: Reply) -> Any:
        return self._outputs(reply, final=True)

    def _outputs(self, reply: Reply, *, final: bool) -> tuple[Any, ...]:
        messages = as_messages(reply.response)
        count = len(self.chat.additional_outputs)
        extra = reply.extra if reply.extra is not None else [skip()] * count
        state = self.chat._wire_history([*self.base, *messages]) if final else skip()
        # The reply as the guide's API shows it: its content when it is one message, else the
        # list of messages. Text is a str; files are FileData with a URL (never a server path).
        wire = self.chat._wire_history(messages)
        answer: Any = (
            _api_content(wire[0])
            if len(wire) == 1
            else [{"role": message["role"], "content": _api_content(message)} for message in wire]
        )
        return (answer, state, *extra)


class CompletionView(View):
    """The reply as ``{"content", "reasoning_content"}`` text (cumulative while it streams),
    for /v1/chat/completions."""

    def __init__(self, chat: Any) -> None:
        self.chat = chat

    def partial(self, reply: Reply) -> Any:
        return self.chat._reply_parts(reply.response)

    final = partial


class SilentView(View):
    """Shows nothing: the caller reads the turn's reply when it is over."""

    def partial(self, reply: Reply) -> Any:
        return None

    final = partial


def _api_content(message: dict[str, Any]) -> Any:
    parts = message["content"]
    if len(parts) == 1 and parts[0].get("type") == "text":
        return parts[0]["text"]
    return parts
