"""Chatbot(allow_remote_media=...): remote media in message text waits for a click unless the
app opts in; the page reads the choice from the config it is served (e2e checks the rest)."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import httpx
import pytest

import blocks as gr


def _chatbot_props(config: dict[str, Any]) -> list[dict[str, Any]]:
    return [block["props"] for block in config["blocks"].values() if block["type"] == "chatbot"]


@pytest.fixture
def served() -> Iterator[gr.Blocks]:
    with gr.Blocks() as demo:
        gr.Chatbot(label="gated")
        gr.Chatbot(label="open", allow_remote_media=True)
    demo.launch(server_port=0, prevent_thread_lock=True, quiet=True)
    yield demo
    demo.close()


def test_remote_media_is_off_by_default_and_the_page_is_told_so(served):
    config = httpx.get(served.local_url + "/config").json()
    props = {p["label"]: p for p in _chatbot_props(config)}
    assert props["gated"]["allow_remote_media"] is False
    assert props["open"]["allow_remote_media"] is True


def test_a_chat_interface_passes_its_chatbot_choice_on():
    chat = gr.ChatInterface(
        lambda message, history: message, chatbot=gr.Chatbot(allow_remote_media=True)
    )
    assert chat.chatbot.get_props()["allow_remote_media"] is True
    assert (
        gr.ChatInterface(lambda message, history: message).chatbot.get_props()["allow_remote_media"]
        is False
    )
