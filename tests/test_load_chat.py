"""gr.load_chat against a real OpenAI-compatible server: another app's /v1, on loopback."""

import time
from pathlib import Path

import pytest

import blocks as gr
from blocks.testing import TestClient


def echo(message, history):
    """Says back what it was given, a character at a time: the history's roles, the message."""
    said = " ".join(f"{m['role']}:{m['content']}" for m in history)
    reply = f"[{said}] {message}" if said else message
    shown = ""
    for char in reply:
        shown += char
        time.sleep(0.002)
        yield shown


def refuse(message, history):
    raise gr.Error("No comment")


@pytest.fixture(scope="module")
def server():
    with gr.Blocks() as demo:
        gr.ChatInterface(echo, api_name="echo")
        gr.ChatInterface(refuse, api_name="refuse")
    demo.queue(default_concurrency_limit=None)
    demo.launch(server_port=0, prevent_thread_lock=True, quiet=True, show_error=True)
    yield demo.local_url + "/v1"
    demo.close()


def texts(client, chat):
    return [
        (m["role"], " ".join(p.get("text", "") for p in m["content"]))
        for m in client.value(chat.chatbot)
    ]


def say(client, chat, text):
    client.set(chat.textbox, {"text": text, "files": []} if chat.multimodal else text)
    return client.submit(chat.textbox)


def test_a_loaded_chat_streams_the_servers_reply_and_sends_the_whole_conversation(server):
    chat = gr.load_chat(server, model="echo", system_message="Be brief")
    with TestClient(chat) as client:
        first = say(client, chat, "hello")
        assert first.success
        assert len(first.chunks) > 1  # streamed, not all at once
        assert texts(client, chat)[-1] == ("assistant", "[system:Be brief] hello")
        say(client, chat, "again")
        reply = texts(client, chat)[-1][1]
        assert reply == ("[system:Be brief user:hello assistant:[system:Be brief] hello] again")


def test_without_streaming_or_files_the_reply_arrives_whole_in_a_plain_textbox(server):
    chat = gr.load_chat(server, model="echo", streaming=False, file_types=None)
    assert not chat.multimodal and isinstance(chat.textbox, gr.Textbox)
    with TestClient(chat) as client:
        run = say(client, chat, "hello there")
        assert run.success
        replies = [m for chunk in run.chunks for m in chunk[chat.chatbot.id] if m["role"] != "user"]
        assert all(m["content"][0]["text"] == "hello there" for m in replies)
        assert texts(client, chat) == [("user", "hello there"), ("assistant", "hello there")]


def test_an_attached_text_file_is_read_into_the_prompt(server, tmp_path: Path):
    notes = tmp_path / "notes.txt"
    notes.write_text("the meeting is at noon")
    chat = gr.load_chat(server, model="echo")
    reply = list(chat.fn({"text": "when?", "files": [str(notes)]}, []))[-1]
    assert reply == "when?\n\nnotes.txt:\nthe meeting is at noon"


def test_a_server_error_or_an_unreachable_server_ends_the_turn_saying_so(server):
    chat = gr.load_chat(server, model="refuse", file_types=None)
    with TestClient(chat) as client:
        run = say(client, chat, "hi")
        assert not run.success and "No comment" in run.error
    gone = gr.load_chat("http://127.0.0.1:9/v1", model="x", file_types=None)
    with TestClient(gone) as client:
        run = say(client, gone, "hi")
        assert not run.success and "Could not reach http://127.0.0.1:9/v1" in run.error


def test_bad_arguments_are_refused_naming_them():
    with pytest.raises(ValueError, match="base_url"):
        gr.load_chat("localhost:11434", model="m")
    with pytest.raises(ValueError, match="model"):
        gr.load_chat("http://localhost:11434/v1", model="")
    with pytest.raises(ValueError, match="file_types"):
        gr.load_chat("http://localhost:11434/v1", model="m", file_types=["pdf"])
