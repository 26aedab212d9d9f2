"""ChatInterface.chatbot_value: the conversation as a gr.State, as the reference exposes it."""

import blocks as gr
from blocks.testing import TestClient


def test_chatbot_value_is_a_state_other_listeners_can_read_starting_from_the_chatbots_value():
    start = [{"role": "assistant", "content": "Welcome"}]
    with gr.Blocks() as demo:
        chat = gr.ChatInterface(
            lambda message, history: message, chatbot=gr.Chatbot(value=start, render=False)
        )
        count = gr.Number(label="Messages")
        counter = gr.Button("Count")
        counter.click(lambda messages: len(messages), chat.chatbot_value, count)
    assert isinstance(chat.chatbot_value, gr.State)
    with TestClient(demo) as client:
        assert client.state(chat.chatbot_value) == start
        client.click(counter)
        assert client.value(count) == 1


def test_chatbot_value_follows_the_conversation():
    chat = gr.ChatInterface(lambda message, history: message.upper())
    with TestClient(chat) as client:
        client.set(chat.textbox, "hi")
        client.submit(chat.textbox)
        assert client.state(chat.chatbot_value)[-1] == {"role": "assistant", "content": "HI"}
        client.set(chat.textbox, "again")
        client.submit(chat.textbox)
        assert [m["content"] for m in client.state(chat.chatbot_value)] == [
            "hi",
            "HI",
            "again",
            "AGAIN",
        ]


def test_a_listener_writing_chatbot_value_shows_that_conversation():
    with gr.Blocks() as demo:
        chat = gr.ChatInterface(lambda message, history: f"{len(history)} before")
        load = gr.Button("Load")
        saved = [{"role": "user", "content": "old"}, {"role": "assistant", "content": "reply"}]
        load.click(lambda: saved, None, chat.chatbot_value)
    with TestClient(demo) as client:
        client.click(load)
        assert [m["content"][0]["text"] for m in client.value(chat.chatbot)] == ["old", "reply"]


def test_undo_and_clear_leave_chatbot_value_as_the_chat_shows_the_conversation():
    chat = gr.ChatInterface(lambda message, history: message.upper())
    with TestClient(chat) as client:
        for text in ("first", "second"):
            client.set(chat.textbox, text)
            client.submit(chat.textbox)
        client.fire(chat.chatbot, "undo", {"index": 2, "value": "second"})
        assert client.state(chat.chatbot_value) == [
            {"role": "user", "content": "first"},
            {"role": "assistant", "content": "FIRST"},
        ]
        client.fire(chat.chatbot, "clear")
        assert client.state(chat.chatbot_value) == []


def test_a_turn_tells_the_page_chatbot_value_changed_when_something_listens_to_it():
    with gr.Blocks() as demo:
        chat = gr.ChatInterface(lambda message, history: message)
        count = gr.Number(label="Messages")
        chat.chatbot_value.change(lambda messages: len(messages), chat.chatbot_value, count)
    with TestClient(demo) as client:
        client.set(chat.textbox, "hi")
        run = client.submit(chat.textbox)
        changed = [
            patch
            for message in run.messages
            for patch in message.get("patches", [])
            if patch.get("id") == chat.chatbot_value.id and patch.get("changed")
        ]
        assert changed
