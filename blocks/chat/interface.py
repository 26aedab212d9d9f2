"""``gr.ChatInterface``: a chat app from one function, built only from public primitives.

Layout: an optional title and description, the Chatbot, the message box (its own Submit and
Stop buttons), and the additional inputs in an accordion. Each user action is one listener:

- submit: a ``preview`` shows the user's message and clears and locks the box at once, then
  one queued job streams the reply (the history lives in a gr.State on the server, so it is
  never uploaded again);
- stop: cancels that job (the function's ``finally`` runs) and keeps the partial reply;
- retry / undo / edit / clear / like / example_select: listeners of the Chatbot's events.
"""

from __future__ import annotations

import warnings
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import Any, Literal

from blocks.app import Blocks
from blocks.chat.actions import ChatActions
from blocks.chat.api_endpoint import ChatApi
from blocks.chat.examples import ExampleCache, function_fingerprint, normalize_examples
from blocks.chat.flagging import FlagLog
from blocks.chat.saved import SavedChats
from blocks.chat.turns import (
    Reply,
    as_messages,
    call_arguments,
    cleared_box,
    is_async,
    is_empty,
    stream_reply,
    stream_reply_async,
    user_message,
)
from blocks.components import (
    Chatbot,
    Checkbox,
    Component,
    Dropdown,
    Markdown,
    MultimodalTextbox,
    Number,
    Radio,
    Slider,
    State,
    Textbox,
)
from blocks.graph.events import Dependency
from blocks.graph.helpers import Request
from blocks.graph.layouts import Accordion, Column, Row
from blocks.graph.updates import skip, update

__all__ = ["ChatInterface"]

_SHORTCUTS: dict[str, Callable[[], Component]] = {
    "textbox": lambda: Textbox(render=False),
    "slider": lambda: Slider(render=False),
    "checkbox": lambda: Checkbox(render=False),
    "number": lambda: Number(render=False),
    "dropdown": lambda: Dropdown(render=False),
    "radio": lambda: Radio(render=False),
}


class ChatInterface(ChatActions, ChatApi, Blocks):
    """A chat UI around ``fn(message, history, *additional_inputs)``.

    ``fn`` returns (or yields, cumulatively, to stream) the reply: text, a component such as
    ``gr.Image(...)``, a file ``{"path": ...}``, a ``gr.ChatMessage`` or a list of messages;
    with ``additional_outputs`` it returns ``(reply, *values)``. ``history`` is the OpenAI-style
    list of earlier messages.
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
        self.multimodal = multimodal
        self.editable = editable
        self.run_examples_on_click = run_examples_on_click
        self.show_progress = show_progress
        self.concurrency_limit = concurrency_limit
        self.api_name = api_name
        self.api_visibility = api_visibility
        self.api_description = api_description
        self.save_history = save_history
        self.additional_inputs = _as_components(additional_inputs)
        self.additional_outputs = _as_list(additional_outputs)
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
                    self._cached_answer(index)

    # ------------------------------------------------------------------ layout

    def _build(
        self,
        chatbot: Chatbot | None,
        textbox: Textbox | MultimodalTextbox | None,
        title: str | None,
        description: str | None,
        accordion: str | Accordion | None,
        submit_btn: str | bool | None,
        stop_btn: str | bool | None,
        autofocus: bool,
        autoscroll: bool,
        clear_btn: str | bool | None,
    ) -> None:
        if title:
            Markdown(f"<h1 style='text-align: center; margin-bottom: 0'>{title}</h1>")
        if description:
            Markdown(description)
        with self._layout():
            if chatbot is None:
                chatbot = Chatbot(
                    label="Chatbot",
                    scale=1,
                    height=400 if not self.fill_height else None,
                    autoscroll=autoscroll,
                    show_label=False,
                    render=False,
                )
            chatbot.render() if not chatbot.is_rendered else None
            if chatbot.examples is None and self.examples:
                chatbot.examples = [example.card() for example in self.examples]
            if self.editable and chatbot.editable is None:
                chatbot.editable = "user"
            self.chatbot = chatbot
            if textbox is None:
                textbox = self._default_textbox(submit_btn, stop_btn, autofocus)
            else:
                self._warn_custom_textbox(textbox, submit_btn, stop_btn, autofocus)
                if isinstance(textbox, Textbox) and textbox.submit_btn is None:
                    textbox.submit_btn = "Submit"
                if isinstance(textbox, Textbox) and textbox.stop_btn is None:
                    textbox.stop_btn = "Stop"
            with Row(equal_height=True):
                textbox.render() if not textbox.is_rendered else None
            self.textbox = textbox
        unrendered = [c for c in self.additional_inputs if not c.is_rendered]
        if unrendered:
            holder = (
                accordion
                if isinstance(accordion, Accordion)
                else Accordion(label=accordion or "Additional Inputs", open=False, render=False)
            )
            if not holder.is_rendered:
                holder.render()
            with holder:
                for component in unrendered:
                    component.render()
        self.history = State([])

    @contextmanager
    def _layout(self) -> Iterator[None]:
        """The chat column; with save_history, beside a panel of saved conversations."""
        if not self.save_history:
            with Column(scale=1, min_width=0):
                yield
            return
        with Row(equal_height=True, scale=1):  # grows with fill_height, like the chat alone
            with Column(scale=1, min_width=200, variant="panel"):
                key = f"chat-history:{getattr(self.fn, '__qualname__', 'chat')}"
                self.saved = SavedChats(key)
            with Column(scale=4, min_width=0):
                yield

    def _default_textbox(
        self, submit_btn: Any, stop_btn: Any, autofocus: bool
    ) -> Textbox | MultimodalTextbox:
        common: dict[str, Any] = {
            "label": "Message",
            "show_label": False,
            "placeholder": "Type a message...",
            "scale": 7,
            "autofocus": autofocus,
            "container": False,
            "submit_btn": _label(submit_btn, "Submit"),
            "stop_btn": _label(stop_btn, "Stop"),
            "render": False,
        }
        if self.multimodal:
            return MultimodalTextbox(file_count="multiple", **common)
        return Textbox(**common)

    @staticmethod
    def _warn_custom_textbox(textbox: Any, submit_btn: Any, stop_btn: Any, autofocus: bool) -> None:
        ignored = [
            name
            for name, given, default in (
                ("submit_btn", submit_btn, True),
                ("stop_btn", stop_btn, True),
                ("autofocus", autofocus, True),
            )
            if given != default
        ]
        if ignored:
            warnings.warn(
                f"ChatInterface {', '.join(ignored)} is ignored because a custom textbox was "
                "given: set them on the textbox instead",
                UserWarning,
                stacklevel=4,
            )

    # ------------------------------------------------------------------ listeners

    def _wire(self, clear_btn: str | bool | None) -> None:
        chatbot, textbox, history = self.chatbot, self.textbox, self.history
        extra_in = self.additional_inputs
        extra_out = self.additional_outputs
        generation = {
            "concurrency_limit": self.concurrency_limit,
            "concurrency_id": self._concurrency_id,
            "show_progress": self.show_progress,
        }
        turn_outputs = [chatbot, history, textbox, *extra_out]
        respond = self._respond_async if is_async(self.fn) else self._respond
        self.turn: Dependency = textbox.submit(
            respond,
            [textbox, history, *extra_in],
            turn_outputs,
            preview=self._show_user_message,
            api_visibility="private",
            **generation,
        )
        unlock = self._unlock
        self.turn.failure(unlock, None, [textbox], queue=False, api_visibility="private")
        asynchronous = is_async(self.fn)
        self.retry = chatbot.retry(
            self._retry_async if asynchronous else self._retry,
            [history, *extra_in],
            turn_outputs,
            api_visibility="private",
            **generation,
        )
        self.edit = (
            chatbot.edit(
                self._edit_async if asynchronous else self._edit,
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
            example_run = self._example_async if is_async(self.fn) else self._example
            self.example_event = chatbot.example_select(
                example_run if self.run_examples_on_click else self._fill_example,
                [history, *extra_in],
                [chatbot, history, textbox, *extra_out, *extra_in],
                api_visibility="private",
                **generation,
            )
            examples.append(self.example_event)
        stopped = textbox.stop(
            self._stopped,
            [chatbot],
            [history, textbox],
            cancels=examples,
            queue=False,
            api_visibility="private",
        )
        undone = chatbot.undo(
            self._undo,
            [history],
            [chatbot, history, textbox],
            queue=False,
            api_visibility="private",
        )
        changes = [self.turn, self.retry, *examples[2:], stopped, undone]
        if clear_btn not in (None, False):
            cleared = chatbot.clear(
                self._clear,
                None,
                [chatbot, history, textbox],
                queue=False,
                cancels=examples,
                api_visibility="private",
            )
            changes.append(cleared)
        if self.flag_log is not None:
            chatbot.feedback_options = self.flagging_options
            chatbot.like(self._flag, [history], None, queue=False, api_visibility="private")
        if self.saved is not None:
            self.saved.wire(self, chatbot, history, cancels=examples, after=changes)
        self._wire_api()

    # ------------------------------------------------------------------ the turn

    def _wire_history(self, messages: list[Any]) -> list[dict[str, Any]]:
        return self.chatbot.postprocess(messages)

    def _plain(self, history: list[dict[str, Any]]) -> list[dict[str, Any]]:
        """The history as fn receives it: plain, and a fresh copy."""
        return self.chatbot.preprocess(history)

    def _show_user_message(self, message: Any, history: list[Any], *_: Any) -> Any:
        if is_empty(message, self.multimodal):
            return (skip(), skip(), skip(), *[skip() for _ in self.additional_outputs])
        shown = [*history, *user_message(message, self.multimodal)]
        return (
            shown,
            skip(),
            cleared_box(self.multimodal, interactive=False),
            *[skip() for _ in self.additional_outputs],
        )

    def _outputs(
        self, shown: list[Any], reply: Reply, *, final: bool, textbox: Any = None
    ) -> tuple[Any, ...]:
        extra = reply.extra if reply.extra is not None else [skip()] * len(self.additional_outputs)
        state = self._wire_history(shown) if final else skip()
        box = textbox if textbox is not None else (update(interactive=True) if final else skip())
        return (shown, state, box, *extra)

    def _respond(self, message: Any, history: list[Any], *extra: Any, request: Request) -> Any:
        if is_empty(message, self.multimodal):
            return
        yield from self._stream(message, history, list(extra), request)

    async def _respond_async(
        self, message: Any, history: list[Any], *extra: Any, request: Request
    ) -> Any:
        if is_empty(message, self.multimodal):
            return
        async for outputs in self._stream_async(message, history, list(extra), request):
            yield outputs

    def _stream(
        self, message: Any, history: list[Any], extra: list[Any], request: Request | None
    ) -> Any:
        """Yield the outputs of one turn: the user's message at once, then the growing
        reply, then the final history (kept in the State) with the box unlocked."""
        base = [*history, *user_message(message, self.multimodal)]
        reply = Reply(len(self.additional_outputs))
        args, kwargs = call_arguments(self.fn, [message, self._plain(history), *extra], request)
        yield self._outputs(
            base, reply, final=False, textbox=cleared_box(self.multimodal, interactive=False)
        )
        try:
            for _ in stream_reply(self.fn, args, kwargs, reply):
                yield self._outputs([*base, *as_messages(reply.response)], reply, final=False)
        except Exception:
            # The user's turn stays and the box unlocks; the error is shown to the user.
            yield self._outputs(base, reply, final=True)
            raise
        yield self._outputs([*base, *as_messages(reply.response)], reply, final=True)

    async def _stream_async(
        self, message: Any, history: list[Any], extra: list[Any], request: Request | None
    ) -> Any:
        base = [*history, *user_message(message, self.multimodal)]
        reply = Reply(len(self.additional_outputs))
        args, kwargs = call_arguments(self.fn, [message, self._plain(history), *extra], request)
        yield self._outputs(
            base, reply, final=False, textbox=cleared_box(self.multimodal, interactive=False)
        )
        try:
            async for _ in stream_reply_async(self.fn, args, kwargs, reply):
                yield self._outputs([*base, *as_messages(reply.response)], reply, final=False)
        except Exception:
            yield self._outputs(base, reply, final=True)
            raise
        yield self._outputs([*base, *as_messages(reply.response)], reply, final=True)

    # ------------------------------------------------------------------ other actions

    # ------------------------------------------------------------------ the API


def _check(name: str, value: Any, allowed: tuple[Any, ...]) -> None:
    if value not in allowed:
        shown = ", ".join(repr(a) for a in allowed if a is not None)
        raise ValueError(f"{name} must be one of {shown}; got {value!r}")


def _label(value: Any, default: str) -> str | bool:
    if value is True:
        return default
    if value in (False, None):
        return False
    return str(value)


def _as_list(value: Any) -> list[Any]:
    if value is None:
        return []
    if isinstance(value, (list, tuple)):
        return list(value)
    return [value]


def _as_components(value: Any) -> list[Component]:
    components = []
    for item in _as_list(value):
        if isinstance(item, str):
            factory = _SHORTCUTS.get(item.lower())
            if factory is None:
                raise ValueError(
                    f"unknown additional input shortcut {item!r}; use one of "
                    f"{', '.join(sorted(_SHORTCUTS))} or a component"
                )
            item = factory()
        if not isinstance(item, Component):
            raise TypeError(f"additional_inputs must be components, got {item!r}")
        components.append(item)
    return components
