"""Saved conversations (``ChatInterface(save_history=True)``): kept in the user's browser,
listed in a side panel to reopen or delete.

The list lives in a BrowserState (localStorage); the server mirrors it in a State for the
page's session, so it crosses the wire once when the page opens, and afterwards only as the
changes the server sends.
"""

from __future__ import annotations

import time
import uuid
from typing import Any

from blocks.components import BrowserState, Button, Radio, State
from blocks.graph.updates import update

__all__ = ["SavedChats"]

TITLE_LENGTH = 40


class SavedChats:
    """The side panel's blocks and listeners; made inside the ChatInterface's layout."""

    def __init__(self, storage_key: str) -> None:
        self.stored = BrowserState([], storage_key=storage_key)
        self.mirror = State([])
        self.current = State(None)
        self.new_chat = Button("New chat", variant="primary", size="sm")
        self.choice = Radio([], label="Saved chats", interactive=True, value=None)
        self.delete = Button("Delete chat", variant="stop", size="sm")

    def wire(
        self,
        app: Any,
        chatbot: Any,
        history: Any,
        value: Any,
        cancels: list[Any],
        after: list[Any],
    ) -> None:
        """Load on page open, save after each change of the conversation, reopen, delete.
        ``value`` (the chat's chatbot_value) is written with the history, in fn's format."""
        self.plain = app._plain
        app.load(
            self._opened,
            [self.stored],
            [self.mirror, self.choice],
            queue=False,
            api_visibility="private",
        )
        for dependency in after:
            dependency.then(
                self._save,
                [history, self.current, self.mirror],
                [self.stored, self.mirror, self.current, self.choice],
                queue=False,
                api_visibility="private",
            )
        self.choice.input(
            self._reopen,
            [self.choice, self.mirror],
            [chatbot, history, self.current, value],
            queue=False,
            cancels=cancels,
            api_visibility="private",
        )
        self.new_chat.click(
            self._fresh,
            None,
            [chatbot, history, self.current, self.choice, value],
            queue=False,
            cancels=cancels,
            api_visibility="private",
        )
        self.delete.click(
            self._delete,
            [self.current, self.mirror],
            [self.stored, self.mirror, chatbot, history, self.current, self.choice, value],
            queue=False,
            cancels=cancels,
            api_visibility="private",
        )

    # ------------------------------------------------------------------ listeners

    @staticmethod
    def _choices(saved: list[dict[str, Any]]) -> list[tuple[str, str]]:
        return [(entry["title"], entry["id"]) for entry in saved]

    def _opened(self, stored: Any) -> Any:
        saved = [
            entry
            for entry in (stored if isinstance(stored, list) else [])
            if isinstance(entry, dict) and {"id", "title", "messages"} <= entry.keys()
        ]
        return saved, update(choices=self._choices(saved), value=None)

    def _save(self, history: list[Any], current: str | None, saved: list[dict[str, Any]]) -> Any:
        if not history:
            return saved, saved, current, update(choices=self._choices(saved))
        saved = [dict(entry) for entry in saved]
        title = _title(history)
        for entry in saved:
            if entry["id"] == current:
                entry["messages"] = history
                entry["updated"] = time.time()
                break
        else:
            current = uuid.uuid4().hex[:12]
            saved.insert(
                0, {"id": current, "title": title, "messages": history, "updated": time.time()}
            )
        return saved, saved, current, update(choices=self._choices(saved), value=current)

    def _reopen(self, chosen: str | None, saved: list[dict[str, Any]]) -> Any:
        for entry in saved:
            if entry["id"] == chosen:
                messages = entry["messages"]
                return messages, messages, chosen, self.plain(messages)
        return [], [], None, []

    def _fresh(self) -> Any:
        return [], [], None, update(value=None), []

    def _delete(self, current: str | None, saved: list[dict[str, Any]]) -> Any:
        kept = [entry for entry in saved if entry["id"] != current]
        return kept, kept, [], [], None, update(choices=self._choices(kept), value=None), []


def _title(history: list[dict[str, Any]]) -> str:
    for message in history:
        if message.get("role") != "user":
            continue
        for part in message.get("content") or []:
            text = part.get("text") if isinstance(part, dict) else None
            if text:
                text = " ".join(text.split())
                return text if len(text) <= TITLE_LENGTH else text[: TITLE_LENGTH - 1] + "…"
    return "Conversation"
