"""ChatInterface composed of the runtime and the signature module: the user's fn is called as a
listener is (Request, Progress), on the runtime's one path per kind, streamed by the runtime."""

import asyncio
import threading
import time

import pytest

import blocks as gr
from blocks.testing import TestClient


def texts(client, chat):
    """The conversation as (role, text) pairs, as the page shows it."""
    shown = []
    for message in client.value(chat.chatbot):
        parts = message["content"]
        shown.append((message["role"], " ".join(p.get("text", f"<{p['type']}>") for p in parts)))
    return shown


def say(client, chat, message):
    client.set(chat.textbox, message)
    return client.submit(chat.textbox)


def pick_example(client, chat, index=0):
    text = chat.examples[index].message
    return client.fire(chat.chatbot, "example_select", {"index": index, "value": {"text": text}})[0]


def progress_units(run):
    return [unit for m in run.messages if m["type"] == "progress" for unit in m["units"]]


def sync_progress(message, history, progress=gr.Progress()):
    progress(0.5, desc="Thinking")
    yield f"thought about {message}"


async def async_progress(message, history, progress=gr.Progress()):
    progress(0.5, desc="Thinking")
    await asyncio.sleep(0)
    yield f"thought about {message}"


@pytest.mark.parametrize("fn", [sync_progress, async_progress], ids=["sync", "async"])
def test_progress_reported_by_a_chat_generator_reaches_the_page(fn):
    chat = gr.ChatInterface(fn)
    with TestClient(chat) as client:
        run = say(client, chat, "it")
        assert run.success
        assert progress_units(run) == [{"progress": 0.5, "unit": "steps", "desc": "Thinking"}]
        assert texts(client, chat)[-1] == ("assistant", "thought about it")


def test_progress_tqdm_reports_every_step_of_a_retried_turn():
    def counting(message, history, progress=gr.Progress()):
        for _ in progress.tqdm(range(3), desc="Counting"):
            pass
        return "counted"

    chat = gr.ChatInterface(counting)
    with TestClient(chat) as client:
        say(client, chat, "count")
        run = client.fire(chat.chatbot, "retry", {"index": 1, "value": "counted"})[0]
        assert [unit["index"] for unit in progress_units(run)] == [0, 1, 2, 3]
        assert {unit["desc"] for unit in progress_units(run)} == {"Counting"}


def test_the_request_of_the_event_reaches_the_chat_function_in_every_action():
    seen = []

    def chatbot(message, history, request: gr.Request):
        seen.append(request.session_hash if request else None)
        return f"for {request.client_host}"

    chat = gr.ChatInterface(chatbot, examples=["Hi"])
    with TestClient(chat) as client:
        say(client, chat, "hello")
        client.fire(chat.chatbot, "retry", {"index": 1, "value": "x"})
        pick_example(client, chat)
        assert texts(client, chat)[-1] == ("assistant", "for testclient")
        assert len(seen) == 3 and len(set(seen)) == 1 and seen[0] is not None


def reply(message, history):
    return f"re: {message}"


async def reply_async(message, history):
    await asyncio.sleep(0)
    return f"re: {message}"


def answering(kind, calls):
    """A chat function of ``kind`` answering "re: <message>", recording each call."""

    def plain(message, history):
        calls.append(message)
        return f"re: {message}"

    def streamed(message, history):
        calls.append(message)
        yield "re:"
        yield f"re: {message}"

    async def awaited(message, history):
        calls.append(message)
        await asyncio.sleep(0)
        return f"re: {message}"

    async def async_streamed(message, history):
        calls.append(message)
        yield "re:"
        await asyncio.sleep(0)
        yield f"re: {message}"

    kinds = {"sync": plain, "generator": streamed, "async": awaited}
    return kinds.get(kind, async_streamed)


@pytest.mark.parametrize("mode", ["eager", "lazy"])
@pytest.mark.parametrize("kind", ["sync", "generator", "async", "async_generator"])
def test_every_kind_of_function_answers_a_cached_example_in_every_cache_mode(
    kind, mode, tmp_path, monkeypatch
):
    monkeypatch.chdir(tmp_path)
    calls = []
    fn = answering(kind, calls)
    chat = gr.ChatInterface(fn, examples=["Hello", "Hi"], cache_examples=True, cache_mode=mode)
    assert calls == (["Hello", "Hi"] if mode == "eager" else [])
    with TestClient(chat) as client:
        run = pick_example(client, chat)
        assert run.success, run.error
        assert texts(client, chat) == [("user", "Hello"), ("assistant", "re: Hello")]
        assert client.props(chat.textbox)["interactive"] is True
        other = client.new_page()
        assert pick_example(other, chat).success
        assert texts(other, chat) == [("user", "Hello"), ("assistant", "re: Hello")]
    assert calls.count("Hello") == 1


def test_a_lazily_cached_example_is_computed_once_and_streams_the_first_time(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    calls = []

    async def slow(message, history):
        calls.append(message)
        for end in range(1, len(message) + 1):
            await asyncio.sleep(0.03)
            yield message[:end]

    chat = gr.ChatInterface(slow, examples=["streamed"], cache_examples=True, cache_mode="lazy")
    assert calls == []
    with TestClient(chat) as client:
        first = pick_example(client, chat)
        assert len([m for m in first.messages if m["type"] == "output"]) >= 2
        other = client.new_page()
        assert pick_example(other, chat).success
        assert texts(other, chat) == [("user", "streamed"), ("assistant", "streamed")]
    assert calls == ["streamed"]


def test_an_async_function_is_cached_eagerly_even_when_built_inside_a_running_loop(
    tmp_path, monkeypatch
):
    monkeypatch.chdir(tmp_path)

    async def build():
        return gr.ChatInterface(reply_async, examples=["Hello"], cache_examples=True)

    chat = asyncio.run(build())
    assert chat._example_cache.get(0)["messages"] == [{"role": "assistant", "content": "re: Hello"}]


@pytest.mark.parametrize("kind", ["generator", "async_generator"])
def test_no_frame_repeats_the_preview_before_the_first_token(kind):
    def slow(message, history):
        time.sleep(0.2)  # a frame sent before the first token would arrive alone
        yield "first"
        time.sleep(0.05)
        yield "first token"

    async def slow_async(message, history):
        await asyncio.sleep(0.2)
        yield "first"
        await asyncio.sleep(0.05)
        yield "first token"

    chat = gr.ChatInterface(slow if kind == "generator" else slow_async)
    with TestClient(chat) as client:
        run = say(client, chat, "hi")
        outputs = [m for m in run.messages if m["type"] == "output"]
        preview, *streamed = run.chunks
        assert preview[chat.chatbot.id] == [
            {"role": "user", "content": [{"type": "text", "text": "hi"}]}
        ]
        assert len(outputs) == len(run.chunks)
        assert streamed, "the first token streams before the end"
        for chunk in streamed:
            assert chunk[chat.chatbot.id][-1]["role"] == "assistant"
        assert texts(client, chat)[-1] == ("assistant", "first token")


@pytest.mark.parametrize("mode", ["full", "minimal", "hidden"])
def test_show_progress_is_the_one_of_every_listener_that_runs_the_function(mode):
    chat = gr.ChatInterface(reply, examples=["Hi"], editable=True, show_progress=mode)
    runs_fn = [chat.turn, chat.retry, chat.edit, chat.example_event]
    config = {dep["id"]: dep for dep in chat.config()["dependencies"]}
    assert {config[dep.id]["show_progress"] for dep in runs_fn} == {mode}


def test_a_sync_generator_streams_its_growing_reply_in_order_through_the_runtime():
    def counting(message, history):
        for count in range(1, 6):
            time.sleep(0.03)
            yield str(count)

    chat = gr.ChatInterface(counting)
    with TestClient(chat) as client:
        run = say(client, chat, "go")
        shown = [chunk[chat.chatbot.id][-1]["content"][0]["text"] for chunk in run.chunks[1:]]
        assert shown == sorted(shown) and len(shown) >= 3
        assert texts(client, chat)[-1] == ("assistant", "5")


def test_stop_closes_an_async_generator_and_keeps_its_partial_reply():
    closed = threading.Event()

    async def endless(message, history):
        text = ""
        try:
            while True:
                text += "x"
                await asyncio.sleep(0.01)
                yield text
        finally:
            closed.set()

    chat = gr.ChatInterface(endless)
    with TestClient(chat) as client:
        client.set(chat.textbox, "go")
        run = client.start(chat.textbox, "submit")
        time.sleep(0.2)
        client.fire(chat.textbox, "stop")
        client.wait(run)
        assert run.cancelled and closed.wait(5)
        role, partial = texts(client, chat)[-1]
        assert role == "assistant" and partial.startswith("xx")
        assert client.props(chat.textbox)["interactive"] is True
