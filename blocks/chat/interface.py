"""``gr.ChatInterface``: a chat app from one function, built only from public primitives.

The layout is layout.py's (the Chatbot, the message box, the additional inputs). Each user
action is one listener:

- submit: a ``preview`` shows the user's message and clears and locks the box at once, then
  one queued job streams the reply (the history lives in a gr.State on the server, so it is
  never uploaded again);
- stop: cancels that job (the function's ``finally`` runs) and keeps the partial reply;
- retry / undo / edit / clear / like / example_select: listeners of the Chatbot's events.

Every listener that calls fn is a generator the runtime runs like any other listener, sync or
async as fn is (turns.py): the runtime injects its request and progress, which fn receives
too, and streams, coalesces and cancels what it yields.
"""

from __future__ import annotations

import warnings
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any, Literal

from blocks.app import Blocks
from blocks.chat.actions import ChatActions
from blocks.chat.api_endpoint import ChatApi
from blocks.chat.examples import ExampleCache, function_fingerprint, normalize_examples
from blocks.chat.flagging import FlagLog
from blocks.chat.layout import ChatLayout, as_components, as_list
from blocks.chat.saved import SavedChats
from blocks.chat.turns import (
    Turn,
    View,
    cleared_box,
    is_empty,
    listener,
    runs_on_loop,
    user_message,
)
from blocks.chat.views import ChatView
from blocks.components import Chatbot, Component, MultimodalTextbox, State, Textbox
from blocks.graph.events import Dependency
from blocks.graph.helpers import Progress, Request
from blocks.graph.layouts import Accordion
from blocks.graph.updates import skip

__all__ = ["ChatInterface"]


class ChatInterface(ChatLayout, ChatActions, ChatApi, Blocks):
    """A chat UI around ``fn(message, history, *additional_inputs)``.

    ``fn`` returns (or yields, cumulatively, to stream) the reply: text, a component such as
    ``gr.Image(...)``, a file ``{"path": ...}``, a ``gr.ChatMessage`` or a list of messages;
    with ``additional_outputs`` it returns ``(reply, *values)``. ``history`` is the OpenAI-style
    list of earlier messages.

    With a public API the chat is also a model of the app's OpenAI-compatible endpoint
    (``/v1/chat/completions``, named by its ``api_name``); ``openai_api=False`` serves the
    chat there no more.
    """

    TYPE = "blocks"  # a section of blocks like any other, as far as the page is concerned

    def __init__(
        self,
        fn: Callable[..., Any],
        *,
        multimodal: bool = False,
        type: Literal["messages"] | None = None,
        chatbot: Chatbot | None = None,
        textbox: Textbox | MultimodalTextbox | None = None,
        additional_inputs: Sequence[Component | str] | Component | str | None = None,
        additional_inputs_accordion: str | Accordion | None = None,
        additional_outputs: Sequence[Component] | Component | None = None,
        editable: bool = False,
        examples: list[Any] | None = None,
        example_labels: list[str] | None = None,
        example_icons: list[str] | None = None,
        run_examples_on_click: bool = True,
        cache_examples: bool | None = None,
        cache_mode: Literal["eager", "lazy"] | None = None,
        title: str | None = None,
        description: str | None = None,
        flagging_mode: Literal["never", "manual"] | None = None,
        flagging_options: list[str] | None = ("Like", "Dislike"),  # type: ignore[assignment]
        flagging_dir: str = ".blocks/flagged",
        css: str | None = None,
        css_paths: Any = None,
        js: str | None = None,
        head: str | None = None,
        theme: Any = None,
        analytics_enabled: bool | None = None,
        autofocus: bool = True,
        autoscroll: bool = True,
        submit_btn: str | bool | None = True,
        stop_btn: str | bool | None = True,
        clear_btn: str | bool | None = True,
        concurrency_limit: int | Literal["default"] | None = "default",
        show_progress: Literal["full", "minimal", "hidden"] = "minimal",
        api_name: str | Literal[False] | None = None,
        api_description: str | None = None,
        api_visibility: Literal["public", "private", "undocumented"] = "public",
        show_api: bool | None = None,
        fill_height: bool = True,
        fill_width: bool = False,
        save_history: bool = False,
        delete_cache: tuple[int, int] | None = None,
        validator: Callable[..., Any] | None = None,
        openai_api: bool = True,
    ) -> None:
        if not callable(fn):
            raise TypeError(f"ChatInterface needs a function, got {fn!r}")
        if type not in (None, "messages"):
            raise ValueError("ChatInterface only supports type='messages' (the default)")
        if type == "messages":
            warnings.warn(
                "ChatInterface(type='messages') is deprecated: messages is the only format",
                DeprecationWarning,
                stacklevel=2,
            )
        _check("flagging_mode", flagging_mode, (None, "never", "manual"))
        _check("cache_mode", cache_mode, (None, "eager", "lazy"))
        _check("show_progress", show_progress, ("full", "minimal", "hidden"))
        _check("api_visibility", api_visibility, ("public", "private", "undocumented"))
        if show_api is False and api_visibility == "public":
            api_visibility = "undocumented"
        if textbox is not None and not isinstance(textbox, (Textbox, MultimodalTextbox)):
            raise TypeError(
                f"textbox must be a gr.Textbox or gr.MultimodalTextbox, got {textbox!r}"
            )
        if textbox is not None and multimodal != isinstance(textbox, MultimodalTextbox):
            raise ValueError(
                "multimodal=True needs a gr.MultimodalTextbox (and a gr.Textbox needs "
                "multimodal=False)"
            )
        if chatbot is not None and not isinstance(chatbot, Chatbot):
            raise TypeError(f"chatbot must be a gr.Chatbot, got {chatbot!r}")
        if validator is not None and not callable(validator):
            raise TypeError(f"validator must be a function of the message, got {validator!r}")
        super().__init__(
            title=title or "Chat",
            css=css,
            js=js,
            head=head,
            theme=theme,
            fill_height=fill_height,
            fill_width=fill_width,
            delete_cache=delete_cache,
            analytics_enabled=analytics_enabled,
            mode="chat_interface",
        )
        self.fn = fn
        # validator(message) -> gr.validate(...): checked before each submitted message is
        # shown or answered, in the page and over the API (blocks/validation.py).
        self.validator = validator
        self.multimodal = multimodal
        self.editable = editable
        self.run_examples_on_click = run_examples_on_click
        self.show_progress = show_progress
        self.concurrency_limit = concurrency_limit
        self.api_name = api_name
        self.api_visibility = api_visibility
        self.api_description = api_description
        self.save_history = save_history
        # Serve the chat as a model on /v1/chat/completions too (with a public API only).
        self.openai_api = bool(openai_api)
        self.additional_inputs = as_components(additional_inputs)
        self.additional_outputs = as_list(additional_outputs)
        self.examples = normalize_examples(
            examples,
            example_labels,
            example_icons,
            multimodal=multimodal,
            additional_count=len(self.additional_inputs),
        )
        if cache_mode is not None and cache_examples is None:
            cache_examples = True
        self.cache_examples = bool(cache_examples) and bool(self.examples)
        self.cache_mode = cache_mode or "eager"
        self.flagging_mode = flagging_mode or "never"
        self.flagging_options = list(flagging_options or [])
        self.flag_log = FlagLog(flagging_dir) if self.flagging_mode == "manual" else None
        self._concurrency_id = f"chat-{id(self)}"
        self.saved: SavedChats | None = None
        with self:
            self._build(
                chatbot,
                textbox,
                title,
                description,
                additional_inputs_accordion,
                submit_btn,
                stop_btn,
                autofocus,
                autoscroll,
                clear_btn,
            )
            # The reference's handle on the conversation, in fn's history format (see _wire).
            self.chatbot_value = State(self.chatbot.preprocess(self.chatbot.value) or [])
            self._wire(clear_btn)
        self._example_cache: ExampleCache | None = None
        if self.cache_examples:
            self._example_cache = ExampleCache(
                Path(".blocks") / "cached_examples",
                [
                    function_fingerprint(fn),
                    [(e.message, e.additional) for e in self.examples],
                    [getattr(c, "value", None) for c in self.additional_inputs],
                    len(self.additional_outputs),
                ],
            )
            if self.cache_mode == "eager":
                for index in range(len(self.examples)):
                    self._cache_eagerly(index)

    # ------------------------------------------------------------------ listeners

    def _wire(self, clear_btn: str | bool | None) -> None:
        chatbot, textbox, history = self.chatbot, self.textbox, self.history
        # Every listener that writes the history writes chatbot_value with it, last of its
        # outputs: the two change together in one result, so _show_value never sees them apart.
        value = self.chatbot_value
        extra_in = self.additional_inputs
        extra_out = self.additional_outputs
        generation = {
            "concurrency_limit": self.concurrency_limit,
            "concurrency_id": self._concurrency_id,
            "show_progress": self.show_progress,
        }
        turn_outputs = [chatbot, history, textbox, *extra_out, value]
        # Every listener is sync or async as fn is (see turns.py).
        asynchronous = runs_on_loop(self.fn)
        self.turn: Dependency = textbox.submit(
            listener(self._respond, asynchronous=asynchronous),
            [textbox, history, *extra_in],
            turn_outputs,
            preview=self._show_user_message,
            validator=self._check_message if self.validator is not None else None,
            api_visibility="private",
            **generation,
        )
        unlock = self._unlock
        self.turn.failure(unlock, None, [textbox], queue=False, api_visibility="private")
        self.retry = chatbot.retry(
            listener(self._retry, asynchronous=asynchronous),
            [history, *extra_in],
            turn_outputs,
            api_visibility="private",
            **generation,
        )
        self.edit = (
            chatbot.edit(
                listener(self._edit, asynchronous=asynchronous),
                [history, *extra_in],
                turn_outputs,
                api_visibility="private",
                **generation,
            )
            if self.editable
            else None
        )
        examples = [self.turn, self.retry, *([self.edit] if self.edit else [])]
        if self.examples:
            example_run = listener(self._example, asynchronous=asynchronous)
            self.example_event = chatbot.example_select(
                example_run if self.run_examples_on_click else self._fill_example,
                [history, *extra_in],
                [chatbot, history, textbox, *extra_out, *extra_in, value],
                api_visibility="private",
                **generation,
            )
            examples.append(self.example_event)
        stopped = textbox.stop(
            self._stopped,
            [chatbot],
            [history, textbox, value],
            cancels=examples,
            queue=False,
            api_visibility="private",
        )
        undone = chatbot.undo(
            self._undo,
            [history],
            [chatbot, history, textbox, value],
            queue=False,
            api_visibility="private",
        )
        changes = [self.turn, self.retry, *examples[2:], stopped, undone]
        if clear_btn not in (None, False):
            cleared = chatbot.clear(
                self._clear,
                None,
                [chatbot, history, textbox, value],
                queue=False,
                cancels=examples,
                api_visibility="private",
            )
            changes.append(cleared)
        if self.flag_log is not None:
            chatbot.feedback_options = self.flagging_options
            chatbot.like(self._flag, [history], None, queue=False, api_visibility="private")
        if self.saved is not None:
            self.saved.wire(self, chatbot, history, value, cancels=examples, after=changes)
        # A listener writing the conversation (fn's format) to chatbot_value shows it, as in
        # the reference; after the chat's own writes this finds the two equal and does nothing.
        self.chatbot_value.change(
            self._show_value, [self.chatbot_value, history], [chatbot, history], **_QUIET
        )
        self._wire_api()

    def _show_value(self, messages: list[Any] | None, history: list[Any]) -> Any:
        """A conversation written to ``chatbot_value``, as the chat shows and continues it
        (nothing to do when it is the chat's own conversation already)."""
        if self._plain(history) == list(messages or []):
            return skip(), skip()
        wire = self._wire_history(list(messages or []))
        return wire, wire

    def _value_of(self, history: Any) -> Any:
        """chatbot_value for a history output: the conversation in fn's format, or a skip
        when the history is not written."""
        return self._plain(history) if isinstance(history, list) else skip()

    def _check_message(self, message: Any, *_: Any) -> Any:
        """The validator's verdict on a submitted message (the listener's first input)."""
        assert self.validator is not None
        return self.validator(message)

    # ------------------------------------------------------------------ the turn

    def _wire_history(self, messages: list[Any]) -> list[dict[str, Any]]:
        return self.chatbot.postprocess(messages)

    def _plain(self, history: list[dict[str, Any]]) -> list[dict[str, Any]]:
        """The history as fn receives it: plain, and a fresh copy."""
        return self.chatbot.preprocess(history)

    def _show_user_message(self, message: Any, history: list[Any], *_: Any) -> Any:
        if is_empty(message, self.multimodal):
            return (skip(), skip(), skip(), *[skip() for _ in self.additional_outputs], skip())
        shown = [*history, *user_message(message, self.multimodal)]
        return (
            shown,
            skip(),
            cleared_box(self.multimodal, interactive=False),
            *[skip() for _ in self.additional_outputs],
            skip(),
        )

    def _turn(
        self, values: list[Any], view: View, request: Request | None, progress: Progress | None
    ) -> Turn:
        """A call of fn with ``values`` (message, history, *additional inputs), given the
        request and progress of the listener making it."""
        return Turn(
            self.fn,
            values,
            view,
            additional_outputs=len(self.additional_outputs),
            request=request,
            progress=progress,
        )

    def _chat_turn(
        self,
        message: Any,
        history: list[Any],
        extra: tuple[Any, ...],
        request: Request,
        progress: Progress,
        *,
        opened: bool = False,
    ) -> Turn:
        """The turn answering ``message`` after ``history``, shown in the chat."""
        base = [*history, *user_message(message, self.multimodal)]
        view = ChatView(self, base, opened=opened)
        return self._turn([message, self._plain(history), *extra], view, request, progress)

    def _respond(
        self,
        message: Any,
        history: list[Any],
        *extra: Any,
        request: Request,
        progress: Progress = Progress(),
    ) -> Turn | None:
        if is_empty(message, self.multimodal):
            return None
        # The preview showed the message and locked the box: fn's first token comes next.
        return self._chat_turn(message, history, extra, request, progress, opened=True)


_QUIET: dict[str, Any] = {"queue": False, "api_visibility": "private", "show_progress": "hidden"}


def _check(name: str, value: Any, allowed: tuple[Any, ...]) -> None:
    if value not in allowed:
        shown = ", ".join(repr(a) for a in allowed if a is not None)
        raise ValueError(f"{name} must be one of {shown}; got {value!r}")
