"""ChatInterface through blocks.testing: every behaviour of the guide without a browser."""

import asyncio
import itertools
import threading
import time
from pathlib import Path

import pytest

import blocks as gr
from blocks.testing import TestClient


def texts(client, chat):
    """The conversation as (role, text) pairs, as the page shows it."""
    shown = []
    for message in client.value(chat.chatbot):
        parts = message["content"]
        text = " ".join(p.get("text", f"<{p['type']}>") for p in parts)
        shown.append((message["role"], text))
    return shown


def say(client, chat, message):
    client.set(chat.textbox, message)
    return client.submit(chat.textbox)


def test_the_reply_of_a_plain_function_follows_the_users_message():
    chat = gr.ChatInterface(fn=lambda message, history: message)
    with TestClient(chat) as client:
        assert say(client, chat, "Hello").success
        assert texts(client, chat) == [("user", "Hello"), ("assistant", "Hello")]
        assert client.value(chat.textbox) == ""
        assert client.props(chat.textbox)["interactive"] is True


def test_history_arrives_in_the_openai_format_and_mutating_it_changes_nothing():
    seen = []

    def chatbot(message, history):
        seen.append([dict(m) for m in history])
        history.append({"role": "user", "content": "INJECTED"})
        if history[:-1]:
            history[0]["content"] = "CHANGED"
        return f"{len(seen)}"

    chat = gr.ChatInterface(fn=chatbot)
    with TestClient(chat) as client:
        say(client, chat, "one")
        say(client, chat, "two")
        assert seen[1] == [
            {"role": "user", "content": "one"},
            {"role": "assistant", "content": "1"},
        ]
        assert texts(client, chat) == [
            ("user", "one"),
            ("assistant", "1"),
            ("user", "two"),
            ("assistant", "2"),
        ]


def test_a_generator_streams_its_reply_into_one_growing_message():
    def slow_echo(message, history):
        response = ""
        for char in message:
            response += char
            time.sleep(0.02)
            yield response

    chat = gr.ChatInterface(fn=slow_echo)
    with TestClient(chat) as client:
        run = say(client, chat, "streaming!")
        assert texts(client, chat)[-1] == ("assistant", "streaming!")
        replies = [
            c[chat.chatbot.id][-1]["content"][0]["text"]
            for c in run.chunks
            if len(c[chat.chatbot.id]) == 2
        ]
        assert len(replies) >= 3
        assert all(b.startswith(a) for a, b in itertools.pairwise(replies))


@pytest.mark.parametrize("kind", ["async", "async_generator"])
def test_async_functions_and_async_generators_reply(kind):
    async def answer(message, history):
        await asyncio.sleep(0)
        return message.upper()

    async def stream(message, history):
        for index in range(1, len(message) + 1):
            await asyncio.sleep(0)
            yield message[:index].upper()

    chat = gr.ChatInterface(fn=answer if kind == "async" else stream)
    with TestClient(chat) as client:
        say(client, chat, "quiet")
        assert texts(client, chat)[-1] == ("assistant", "QUIET")


def test_an_empty_generator_still_records_the_users_turn():
    def nothing(message, history):
        return
        yield

    chat = gr.ChatInterface(fn=nothing)
    with TestClient(chat) as client:
        assert say(client, chat, "anyone?").success
        assert texts(client, chat) == [("user", "anyone?")]
        assert client.state(chat.history)[0]["role"] == "user"


def test_a_gr_error_is_shown_and_the_conversation_stays_usable():
    def picky(message, history):
        if message == "bad":
            raise gr.Error("I cannot answer that")
        return "fine"

    chat = gr.ChatInterface(fn=picky)
    with TestClient(chat) as client:
        run = say(client, chat, "bad")
        assert run.error == "I cannot answer that"
        assert client.props(chat.textbox)["interactive"] is True
        assert texts(client, chat) == [("user", "bad")]
        assert say(client, chat, "good").success
        assert texts(client, chat)[-2:] == [("user", "good"), ("assistant", "fine")]


def test_additional_inputs_arrive_after_history_and_sit_in_a_closed_accordion():
    def chatbot(message, history, temperature, max_tokens):
        return f"Processing with temp={temperature}, max_tokens={max_tokens}"

    chat = gr.ChatInterface(
        fn=chatbot,
        additional_inputs=[
            gr.Slider(0, 2, value=0.7, label="Temperature"),
            gr.Slider(1, 2048, value=512, label="Max Tokens"),
        ],
        additional_inputs_accordion="Model Parameters",
    )
    accordion = chat.additional_inputs[0].parent
    assert isinstance(accordion, gr.Accordion)
    assert accordion.label == "Model Parameters" and accordion.open is False
    with TestClient(chat) as client:
        client.set(chat.additional_inputs[0], 1.5)
        say(client, chat, "hi")
        assert texts(client, chat)[-1] == (
            "assistant",
            "Processing with temp=1.5, max_tokens=512",
        )


def test_string_shortcuts_make_additional_inputs_and_unknown_ones_are_refused():
    chat = gr.ChatInterface(
        fn=lambda m, h, t, c: f"{t}|{c}", additional_inputs=["textbox", "checkbox"]
    )
    assert [type(c).__name__ for c in chat.additional_inputs] == ["Textbox", "Checkbox"]
    with pytest.raises(ValueError, match="unknown additional input shortcut 'sliders'"):
        gr.ChatInterface(fn=lambda m, h, x: m, additional_inputs=["sliders"])


def test_additional_inputs_rendered_elsewhere_stay_where_they_are():
    with gr.Blocks():
        with gr.Column() as column:
            system = gr.Textbox(label="System")
        chat = gr.ChatInterface(fn=lambda m, h, s: s, additional_inputs=[system])
    assert system.parent is column
    assert chat.additional_inputs == [system]


def test_additional_outputs_nested_in_blocks_receive_the_tail_of_the_return_value():
    def chatbot_with_metadata(message, history):
        return f"Echo: {message}", {"message_length": len(message)}

    with gr.Blocks() as demo:
        meta = gr.JSON(label="Metadata")
        chat = gr.ChatInterface(fn=chatbot_with_metadata, additional_outputs=[meta])
    with TestClient(demo) as client:
        say(client, chat, "hey")
        assert texts(client, chat)[-1] == ("assistant", "Echo: hey")
        assert client.value(meta) == {"message_length": 3}


def test_a_returned_image_component_is_shown_in_the_chat():
    from PIL import Image

    def multimodal_bot(message, history):
        if "image" in message.lower():
            return gr.Image(value=Image.new("RGB", (30, 30), color="blue"))
        return "I can only show images!"

    chat = gr.ChatInterface(fn=multimodal_bot)
    with TestClient(chat) as client:
        say(client, chat, "an image please")
        part = client.value(chat.chatbot)[-1]["content"][0]
        assert part["type"] == "component" and part["component"] == "image"
        assert part["value"]["url"].startswith("file/")


def test_chat_messages_with_thoughts_and_lists_of_messages_are_shown():
    def thinker(message, history):
        return [
            gr.ChatMessage(
                content="Looking it up", metadata={"title": "Thinking", "status": "done"}
            ),
            {"role": "assistant", "content": "Found it"},
        ]

    chat = gr.ChatInterface(fn=thinker)
    with TestClient(chat) as client:
        say(client, chat, "find")
        shown = client.value(chat.chatbot)
        assert shown[1]["metadata"]["title"] == "Thinking"
        assert texts(client, chat)[1:] == [
            ("assistant", "Looking it up"),
            ("assistant", "Found it"),
        ]


def test_retry_regenerates_the_last_reply_with_the_same_message():
    calls = []

    def counter(message, history):
        calls.append((message, len(history)))
        return f"{message} #{len(calls)}"

    chat = gr.ChatInterface(fn=counter)
    with TestClient(chat) as client:
        say(client, chat, "a")
        say(client, chat, "b")
        client.fire(chat.chatbot, "retry", {"index": 3, "value": "b #2"})
        assert calls[-1] == ("b", 2)
        assert texts(client, chat) == [
            ("user", "a"),
            ("assistant", "a #1"),
            ("user", "b"),
            ("assistant", "b #3"),
        ]


def test_undo_removes_the_last_exchange_and_puts_the_text_back_in_the_box():
    chat = gr.ChatInterface(fn=lambda message, history: message.upper())
    with TestClient(chat) as client:
        say(client, chat, "first")
        say(client, chat, "second")
        client.fire(chat.chatbot, "undo", {"index": 2, "value": "second"})
        assert texts(client, chat) == [("user", "first"), ("assistant", "FIRST")]
        assert client.value(chat.textbox) == "second"
        assert len(client.state(chat.history)) == 2


def test_editing_a_message_drops_what_follows_and_regenerates():
    chat = gr.ChatInterface(fn=lambda message, history: f"{message}!", editable=True)
    assert chat.chatbot.editable == "user"
    with TestClient(chat) as client:
        say(client, chat, "one")
        say(client, chat, "two")
        client.fire(chat.chatbot, "edit", {"index": 0, "value": "uno", "previous_value": "one"})
        assert texts(client, chat) == [("user", "uno"), ("assistant", "uno!")]


def test_clear_empties_the_conversation():
    chat = gr.ChatInterface(fn=lambda message, history: message)
    with TestClient(chat) as client:
        say(client, chat, "hello")
        client.fire(chat.chatbot, "clear")
        assert client.value(chat.chatbot) == []
        assert client.state(chat.history) == []


def test_clear_btn_none_leaves_no_clear_listener():
    chat = gr.ChatInterface(fn=lambda m, h: m, clear_btn=None)
    with TestClient(chat) as client, pytest.raises(LookupError):
        client.fire(chat.chatbot, "clear")


def test_examples_become_cards_with_labels_and_icons_and_clicking_one_runs_it():
    chat = gr.ChatInterface(
        fn=lambda message, history: f"re: {message}",
        examples=[{"text": "Hello!"}, {"text": "How are you?"}, {"text": "Tell me a joke"}],
        example_labels=["Greeting", "Question", "Fun"],
        example_icons=["👋", "❓", "😄"],
    )
    assert [e["label"] for e in chat.chatbot.examples] == ["Greeting", "Question", "Fun"]
    assert chat.chatbot.examples[0]["icon"] == "👋"
    with TestClient(chat) as client:
        client.fire(chat.chatbot, "example_select", {"index": 1, "value": {"text": "How are you?"}})
        assert texts(client, chat) == [("user", "How are you?"), ("assistant", "re: How are you?")]


def test_with_run_examples_on_click_false_an_example_only_fills_the_box():
    chat = gr.ChatInterface(fn=lambda m, h: m, examples=["Hi"], run_examples_on_click=False)
    with TestClient(chat) as client:
        client.fire(chat.chatbot, "example_select", {"index": 0, "value": {"text": "Hi"}})
        assert client.value(chat.textbox) == "Hi"
        assert client.value(chat.chatbot) == []


def test_examples_with_additional_values_set_those_inputs():
    chat = gr.ChatInterface(
        fn=lambda m, h, t: f"{m} at {t}",
        additional_inputs=[gr.Slider(0, 1, value=0.5, label="T")],
        examples=[["Warm", 0.9]],
    )
    with TestClient(chat) as client:
        client.fire(chat.chatbot, "example_select", {"index": 0, "value": {"text": "Warm"}})
        assert texts(client, chat)[-1] == ("assistant", "Warm at 0.9")
        assert client.value(chat.additional_inputs[0]) == 0.9


@pytest.mark.parametrize("mode", ["eager", "lazy"])
def test_cached_examples_answer_without_calling_the_function_again(mode, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    calls = []

    def slow_chatbot(message, history):
        calls.append(message)
        yield f"cached {message}"

    chat = gr.ChatInterface(
        fn=slow_chatbot,
        examples=[{"text": "Hello"}, {"text": "Hi"}],
        cache_examples=True,
        cache_mode=mode,
    )
    assert calls == (["Hello", "Hi"] if mode == "eager" else [])
    with TestClient(chat) as client:
        other = client.new_page()
        for page in (client, other):
            page.fire(chat.chatbot, "example_select", {"index": 0, "value": {"text": "Hello"}})
            assert texts(page, chat) == [("user", "Hello"), ("assistant", "cached Hello")]
    assert calls.count("Hello") == 1
    again = gr.ChatInterface(
        fn=slow_chatbot,
        examples=[{"text": "Hello"}, {"text": "Hi"}],
        cache_examples=True,
        cache_mode=mode,
    )
    assert calls.count("Hello") == 1  # read back from disk
    assert again._example_cache is not None and list(Path(".blocks").rglob("*.json"))


def test_flagging_writes_one_durable_record_per_like(tmp_path):
    chat = gr.ChatInterface(
        fn=lambda m, h: f"answer to {m}",
        flagging_mode="manual",
        flagging_options=["Like", "Dislike"],
        flagging_dir=str(tmp_path),
    )
    with TestClient(chat) as client:
        say(client, chat, "q")
        client.fire(chat.chatbot, "like", {"index": 1, "value": "answer to q", "liked": False})
    records = chat.flag_log.records()
    assert len(records) == 1
    assert records[0]["flag"] == "Dislike" and records[0]["index"] == 1
    assert records[0]["conversation"][1]["content"] == "answer to q"
    assert records[0]["timestamp"] > 0


def test_stop_cancels_the_function_for_real_and_keeps_the_partial_reply():
    stopped = threading.Event()

    def endless(message, history):
        text = ""
        try:
            while True:
                text += "x"
                time.sleep(0.01)
                yield text
        finally:
            stopped.set()

    chat = gr.ChatInterface(fn=endless)
    with TestClient(chat) as client:
        client.set(chat.textbox, "go")
        run = client.start(chat.textbox, "submit")
        time.sleep(0.2)
        client.fire(chat.textbox, "stop")
        client.wait(run)
        assert run.cancelled and stopped.wait(5)
        partial = texts(client, chat)[-1]
        assert partial[0] == "assistant" and partial[1].startswith("xx")
        assert client.state(chat.history)[-1]["content"][0]["text"] == partial[1]
        assert client.props(chat.textbox)["interactive"] is True


def test_the_users_message_shows_at_once_even_while_the_turn_waits_in_line():
    release = threading.Event()

    def blocking(message, history):
        release.wait(5)
        return "ok"

    chat = gr.ChatInterface(fn=blocking)
    with TestClient(chat) as client:
        other = client.new_page()
        other.set(chat.textbox, "first")
        first = other.start(chat.textbox, "submit")
        time.sleep(0.1)
        client.set(chat.textbox, "waiting")
        second = client.start(chat.textbox, "submit")
        time.sleep(0.5)  # positions are announced within 0.25 s
        assert texts(client, chat) == [("user", "waiting")]
        assert client.value(chat.textbox) == ""
        assert any(m["type"] == "queued" for m in second.messages)
        release.set()
        other.wait(first)
        client.wait(second)
        assert texts(client, chat) == [("user", "waiting"), ("assistant", "ok")]


def test_concurrency_limit_bounds_simultaneous_runs():
    running = 0
    peak = 0
    lock = threading.Lock()

    def chatbot(message, history):
        nonlocal running, peak
        with lock:
            running += 1
            peak = max(peak, running)
        time.sleep(0.15)
        with lock:
            running -= 1
        return "done"

    chat = gr.ChatInterface(fn=chatbot, concurrency_limit=5)
    with TestClient(chat) as client:
        pages = [client] + [client.new_page() for _ in range(9)]
        runs = []
        for page in pages:
            page.set(chat.textbox, "hi")
            runs.append(page.start(chat.textbox, "submit"))
        for page, run in zip(pages, runs, strict=True):
            page.wait(run)
        assert peak == 5


def test_the_chat_is_an_api_endpoint_named_after_the_function_with_its_own_history():
    def chatbot(message, history):
        return f"{message} after {len(history)}"

    chat = gr.ChatInterface(fn=chatbot)
    chat.launch(server_port=0, prevent_thread_lock=True, quiet=True)
    try:
        with gr.Client(chat.local_url) as client:
            assert "chatbot" in client.view_api()
            assert client.predict("a", api_name="/chatbot") == "a after 0"
            assert client.predict("b", api_name="/chatbot") == "b after 2"
    finally:
        chat.close()


def test_api_name_description_and_visibility_are_honoured():
    undocumented = gr.ChatInterface(
        fn=lambda m, h: m,
        api_name="chat",
        api_description="Chat with the bot",
        api_visibility="undocumented",
    )
    private = gr.ChatInterface(fn=lambda m, h: m, api_visibility="private")
    public = gr.ChatInterface(fn=lambda m, h: m, api_name="chat", api_description="Chat")
    assert "chat" in undocumented.root_graph.api_dependencies()
    assert not private.root_graph.api_dependencies()
    from blocks.server.api import api_schema

    assert api_schema(public.root_graph)["endpoints"]["chat"]["description"] == "Chat"
    assert "chat" not in api_schema(undocumented.root_graph)["endpoints"]


def test_multimodal_messages_carry_text_and_files():
    received = []

    def multimodal_chat(message, history):
        received.append(message)
        files = message.get("files", [])
        return f"You said: {message['text']}" + (
            f"\nYou uploaded {len(files)} file(s)" if files else ""
        )

    chat = gr.ChatInterface(fn=multimodal_chat, multimodal=True)
    assert isinstance(chat.textbox, gr.MultimodalTextbox)
    with TestClient(chat) as client:
        client.set(chat.textbox, {"text": "look", "files": []})
        client.submit(chat.textbox)
        assert texts(client, chat)[-1] == ("assistant", "You said: look")
        assert received == [{"text": "look", "files": []}]


def test_contradictory_or_unknown_arguments_get_clear_errors():
    with pytest.raises(ValueError, match=r"multimodal=True needs a gr\.MultimodalTextbox"):
        gr.ChatInterface(fn=lambda m, h: m, multimodal=True, textbox=gr.Textbox(render=False))
    with pytest.raises(ValueError, match="example_labels has 1 item"):
        gr.ChatInterface(fn=lambda m, h: m, examples=["a", "b"], example_labels=["A"])
    with pytest.raises(ValueError, match="cache_mode must be one of"):
        gr.ChatInterface(fn=lambda m, h: m, cache_mode="sometimes")
    with pytest.raises(TypeError, match="unexpected keyword argument"):
        gr.ChatInterface(fn=lambda m, h: m, colour="blue")
    with pytest.raises(TypeError, match="needs a function"):
        gr.ChatInterface(fn="echo")


def test_a_custom_textbox_with_different_button_settings_warns_they_are_ignored():
    with pytest.warns(UserWarning, match="submit_btn is ignored because a custom textbox"):
        gr.ChatInterface(fn=lambda m, h: m, textbox=gr.Textbox(render=False), submit_btn="Send")


def test_title_description_and_button_labels_reach_the_page():
    chat = gr.ChatInterface(
        fn=lambda m, h: m,
        title="My Custom Chatbot",
        description="This chatbot echoes your messages back to you.",
        submit_btn="Send Message",
        stop_btn="Stop Generation",
    )
    markdowns = [b.value for b in chat.root_graph.blocks.values() if b.TYPE == "markdown"]
    assert any("My Custom Chatbot" in m for m in markdowns)
    assert "This chatbot echoes your messages back to you." in markdowns
    assert chat.textbox.submit_btn == "Send Message"
    assert chat.textbox.stop_btn == "Stop Generation"


def test_chat_interface_renders_in_place_inside_rows_and_tabs():
    with gr.Blocks() as demo:
        with gr.Tab("Chat"):
            with gr.Row():
                chat = gr.ChatInterface(fn=lambda m, h: m)
        with gr.Tab("Other"):
            gr.Textbox(label="Elsewhere")
    assert isinstance(chat.parent, gr.Row)
    assert chat.chatbot.graph is demo.root_graph
    with TestClient(demo) as client:
        say(client, chat, "nested")
        assert texts(client, chat)[-1] == ("assistant", "nested")


def test_saved_history_keeps_conversations_in_the_browser_to_reopen_or_delete():
    chat = gr.ChatInterface(fn=lambda m, h: f"re: {m}", save_history=True)
    saved = chat.saved
    with TestClient(chat) as client:
        client.load()
        say(client, chat, "first chat")
        stored = client.value(saved.stored)
        assert [entry["title"] for entry in stored] == ["first chat"]
        assert client.props(saved.choice)["choices"] == [["first chat", stored[0]["id"]]]
        client.click(saved.new_chat)
        assert client.value(chat.chatbot) == []
        say(client, chat, "second chat")
        assert [entry["title"] for entry in client.value(saved.stored)] == [
            "second chat",
            "first chat",
        ]
        first_id = client.value(saved.stored)[1]["id"]
        client.set(saved.choice, first_id)
        client.fire(saved.choice, "input")
        assert texts(client, chat) == [("user", "first chat"), ("assistant", "re: first chat")]
        say(client, chat, "more")
        assert len(client.value(saved.stored)) == 2  # the reopened chat was updated in place
        client.click(saved.delete)
        assert [entry["title"] for entry in client.value(saved.stored)] == ["second chat"]
        assert client.value(chat.chatbot) == []


def test_a_new_page_reads_the_saved_conversations_back():
    chat = gr.ChatInterface(fn=lambda m, h: m, save_history=True)
    saved = chat.saved
    entry = {
        "id": "abc",
        "title": "old",
        "messages": [{"role": "user", "content": [{"type": "text", "text": "old"}]}],
    }
    with TestClient(chat) as client:
        client.set(saved.stored, [entry, {"broken": True}])
        client.load()
        assert client.props(saved.choice)["choices"] == [["old", "abc"]]
        client.set(saved.choice, "abc")
        client.fire(saved.choice, "input")
        assert texts(client, chat) == [("user", "old")]


def test_a_reply_that_looks_like_json_stays_text_through_the_api():
    chat = gr.ChatInterface(fn=lambda m, h: "42")
    chat.launch(server_port=0, prevent_thread_lock=True, quiet=True)
    try:
        with gr.Client(chat.local_url) as client:
            assert client.predict("how many?", api_name="/lambda") == "42"
    finally:
        chat.close()


def test_a_missing_example_file_is_a_warning_and_the_example_is_shown_without_it(tmp_path):
    present = tmp_path / "cat.txt"
    present.write_text("meow")
    examples = [{"text": "see", "files": ["nope.png", str(present)]}, "plain"]
    with pytest.warns(UserWarning, match=r"example 0: the file 'nope.png' does not exist"):
        demo = gr.ChatInterface(lambda m, h: "ok", multimodal=True, examples=examples)
    cards = next(
        block["props"]["examples"]
        for block in demo.runtime.config["blocks"].values()
        if block["type"] == "chatbot"
    )
    assert cards[0]["text"] == "see" and len(cards[0]["files"]) == 1
    assert cards[0]["files"][0]["orig_name"] == "cat.txt"
    demo.close()
