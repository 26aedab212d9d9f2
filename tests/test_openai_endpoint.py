"""Every ChatInterface as an OpenAI-compatible chat-completions endpoint, served for real."""

import collections
import threading
import time

import httpx
import orjson
import pytest
from PIL import Image as PILImage

import blocks as gr
from blocks.exceptions import GraphError

STOPPED: dict[str, threading.Event] = collections.defaultdict(threading.Event)


def echo(message, history):
    """Streams what it was given: the history's roles and texts, then the message."""
    reply = " ".join(f"{m['role']}={m['content']}" for m in history) + f" | {message}"
    shown = ""
    for char in reply:
        shown += char
        time.sleep(0.004)
        yield shown


def teller(message, history, times, title):
    if message == "fail":
        raise gr.Error("The oracle is asleep")
    return " ".join([message] * int(times)) + f", {title}"


async def shout(message, history):
    return message.upper()


def describe_files(message, history):
    return f"text={message['text']} files={message['files']}"


def picture(message, history):
    return ["Here it is", gr.Image(value=PILImage.new("RGB", (2, 2)))]


def forever(message, history):
    shown = ""
    try:
        while True:
            shown += "."
            time.sleep(0.02)
            yield shown
    finally:
        STOPPED[message].set()


def stumble(message, history):
    yield "partial"
    time.sleep(0.05)
    raise gr.Error("Tripped over the cable")


def secret(message, history):
    return "classified"


@pytest.fixture(scope="module")
def served():
    with gr.Blocks() as demo:
        gr.ChatInterface(echo)
        gr.ChatInterface(
            teller,
            additional_inputs=[gr.Slider(1, 5, value=3, step=1), gr.Textbox(value="sir")],
        )
        gr.ChatInterface(shout, api_visibility="undocumented")
        gr.ChatInterface(describe_files, multimodal=True)
        gr.ChatInterface(picture)
        gr.ChatInterface(forever)
        gr.ChatInterface(stumble)
        gr.ChatInterface(secret, api_visibility="private")
    demo.queue(default_concurrency_limit=None)
    demo.launch(server_port=0, prevent_thread_lock=True, quiet=True)
    yield demo.local_url
    demo.close()


@pytest.fixture(scope="module")
def single():
    demo = gr.ChatInterface(teller, additional_inputs=[gr.Number(value=2), gr.Textbox("madam")])
    demo.launch(server_port=0, prevent_thread_lock=True, quiet=True)
    yield demo.local_url
    demo.close()


def complete(url, model, messages, **extra):
    body = {"model": model, "messages": messages, **extra}
    return httpx.post(url + "/v1/chat/completions", json=body, timeout=10)


def user(text):
    return [{"role": "user", "content": text}]


def stream_events(url, model, messages):
    body = {"model": model, "messages": messages, "stream": True}
    with httpx.stream("POST", url + "/v1/chat/completions", json=body, timeout=10) as response:
        assert response.status_code == 200
        assert response.headers["content-type"].startswith("text/event-stream")
        lines = [line for line in response.iter_lines() if line]
    assert all(line.startswith("data: ") for line in lines)
    return [line[len("data: ") :] for line in lines]


def test_a_chat_answers_a_completion_with_the_earlier_messages_as_its_history(served):
    messages = [
        {"role": "system", "content": "Be brief"},
        {"role": "user", "content": "Hi"},
        {"role": "assistant", "content": [{"type": "text", "text": "Hello"}]},
        {
            "role": "user",
            "content": [{"type": "text", "text": "How"}, {"type": "text", "text": "?"}],
        },
    ]
    response = complete(served, "echo", messages, temperature=0.2, max_tokens=9)
    assert response.status_code == 200
    body = response.json()
    assert body["id"].startswith("chatcmpl-")
    assert body["object"] == "chat.completion"
    assert isinstance(body["created"], int)
    assert body["model"] == "echo"
    assert body["choices"] == [
        {
            "index": 0,
            "message": {
                "role": "assistant",
                "content": "system=Be brief user=Hi assistant=Hello | How\n?",
            },
            "logprobs": None,
            "finish_reason": "stop",
        }
    ]
    # Counted without a model's tokenizer: words and marks ("Be", "brief", ..., "?").
    assert body["usage"] == {"prompt_tokens": 6, "completion_tokens": 13, "total_tokens": 19}


def test_a_streamed_completion_sends_deltas_that_add_up_to_the_reply_then_done(served):
    events = stream_events(served, "echo", [{"role": "user", "content": "streaming!"}])
    assert events[-1] == "[DONE]"
    chunks = [orjson.loads(event) for event in events[:-1]]
    assert {chunk["object"] for chunk in chunks} == {"chat.completion.chunk"}
    assert len({chunk["id"] for chunk in chunks}) == 1
    assert chunks[0]["choices"][0]["delta"]["role"] == "assistant"
    assert chunks[-1]["choices"][0] == {
        "index": 0,
        "delta": {},
        "logprobs": None,
        "finish_reason": "stop",
    }
    pieces = [chunk["choices"][0]["delta"].get("content") or "" for chunk in chunks]
    assert "".join(pieces) == " | streaming!"
    assert len([piece for piece in pieces if piece]) > 1  # really streamed, in pieces
    assert all(chunk["choices"][0]["finish_reason"] is None for chunk in chunks[:-1])


def test_the_models_listed_are_the_public_chats(served):
    listed = httpx.get(served + "/v1/models").json()
    assert listed["object"] == "list"
    # "shout" is undocumented: it answers (see below) but is not named, here or in a 404.
    assert [model["id"] for model in listed["data"]] == [
        "echo",
        "teller",
        "describe_files",
        "picture",
        "forever",
        "stumble",
    ]
    assert listed["data"][0]["object"] == "model"
    assert httpx.get(served + "/v1/models/teller").json()["id"] == "teller"
    assert httpx.get(served + "/v1/models/secret").status_code == 404


def test_an_unknown_or_private_model_is_not_found(served):
    for model in ("gpt-4o", "secret"):
        response = complete(served, model, user("Hi"))
        assert response.status_code == 404
        error = response.json()["error"]
        assert error["type"] == "invalid_request_error"
        assert error["code"] == "model_not_found"
        assert repr(model) in error["message"] and "echo" in error["message"]
        assert "shout" not in error["message"]


def test_additional_inputs_get_their_default_values(served, single):
    assert complete(served, "teller", user("hi")).json()["choices"][0]["message"] == {
        "role": "assistant",
        "content": "hi hi hi, sir",
    }
    # An app with one model answers whatever model name the client was configured with.
    response = complete(single, "gpt-4o-mini", user("yo"))
    assert response.json()["choices"][0]["message"]["content"] == "yo yo, madam"
    assert response.json()["model"] == "teller"


def test_async_multimodal_and_media_replies(served):
    def content(model, text):
        return complete(served, model, user(text)).json()["choices"][0]["message"]["content"]

    assert content("shout", "hi") == "HI"
    assert content("describe_files", "look") == "text=look files=[]"
    assert content("picture", "show me") == "Here it is\n[image]"


def test_a_gr_error_answers_500_with_its_message(served):
    for stream in (False, True):
        response = complete(served, "teller", user("fail"), stream=stream)
        assert response.status_code == 500
        assert response.json()["error"]["message"] == "The oracle is asleep"
        assert response.json()["error"]["type"] == "server_error"


def streamed(body):
    """The same request body asking for a stream (the answer must be the same)."""
    try:
        payload = orjson.loads(body)
    except orjson.JSONDecodeError:
        return body
    if isinstance(payload, dict):
        payload.setdefault("stream", True)
    return orjson.dumps(payload)


def test_a_failure_after_the_stream_started_arrives_as_an_error_event(served):
    events = stream_events(served, "stumble", user("go"))
    assert orjson.loads(events[1])["choices"][0]["delta"] == {"content": "partial"}
    assert orjson.loads(events[-2])["error"]["message"] == "Tripped over the cable"
    assert events[-1] == "[DONE]"


@pytest.mark.parametrize(
    ("body", "says"),
    [
        (b"{", "not valid JSON"),
        (b"[]", "must be an object"),
        (b'{"model": "echo"}', '"messages"'),
        (b'{"model": "echo", "messages": "hi"}', '"messages"'),
        (b'{"model": "echo", "messages": [{"role": "user"}]}', "messages[0].content"),
        (b'{"model": "echo", "messages": [{"role": "wizard", "content": "x"}]}', "role"),
        (b'{"model": "echo", "messages": ["hi"]}', "messages[0]"),
        (
            b'{"model": "echo", "messages": [{"role": "user", "content": [{"type": "image_url",'
            b' "image_url": {"url": "https://example.com/cat.png"}}]}]}',
            "does not fetch URLs",
        ),
        (
            b'{"model": "echo", "messages": [{"role": "user", "content": [{"type": "image_url",'
            b' "image_url": {"url": "data:image/png;base64,iVBORw0KGgo="}}]}]}',
            "is an image: this chat takes text only",
        ),
        (
            b'{"model": "echo", "messages": [{"role": "user", "content": [{"type": "image_url",'
            b' "image_url": {"url": "data:image/png;base64,not base64!"}}]}]}',
            "not valid base64",
        ),
        (
            b'{"model": "teller", "messages": [{"role": "user", "content": "a"}],'
            b' "additional_inputs": {"colour": "red"}}',
            "names no input 'colour'; this chat takes: 'times', 'title'",
        ),
        (
            b'{"model": "echo", "messages": [{"role": "user", "content": "a"},'
            b' {"role": "assistant", "content": "b"}]}',
            "last message must be the user's",
        ),
        (
            b'{"model": "echo", "messages": [{"role": "user", "content": "a"}], "stream": 1}',
            "stream",
        ),
        (b'{"model": 3, "messages": [{"role": "user", "content": "a"}]}', '"model"'),
    ],
)
def test_malformed_requests_answer_400_saying_what_is_wrong(served, body, says):
    for content in (body, streamed(body)):
        response = httpx.post(served + "/v1/chat/completions", content=content)
        assert response.status_code == 400
        error = response.json()["error"]
        assert error["type"] == "invalid_request_error"
        assert says in error["message"]


def test_a_client_that_goes_away_stops_the_job(served):
    body = {"model": "forever", "messages": user("streamed"), "stream": True}
    with httpx.stream("POST", served + "/v1/chat/completions", json=body, timeout=10) as response:
        for line in response.iter_lines():
            if '"content":".' in line:
                break
    assert STOPPED["streamed"].wait(5)
    with pytest.raises(httpx.ReadTimeout):
        complete_body = {"model": "forever", "messages": user("waited")}
        httpx.post(served + "/v1/chat/completions", json=complete_body, timeout=0.3)
    assert STOPPED["waited"].wait(5)


def test_a_cross_origin_completion_is_refused(served):
    response = httpx.post(
        served + "/v1/chat/completions",
        json={"model": "echo", "messages": user("Hi")},
        headers={"Origin": "http://evil.example"},
    )
    assert response.status_code == 403
    assert "cross-origin" in response.json()["error"]["message"]


def test_the_official_sdk_talks_to_a_chat(single):
    openai = pytest.importorskip("openai")
    client = openai.OpenAI(base_url=single + "/v1", api_key="none", max_retries=0)
    reply = client.chat.completions.create(model="teller", messages=user("hey"))
    assert reply.choices[0].message.content == "hey hey, madam"
    stream = client.chat.completions.create(model="teller", messages=user("ho"), stream=True)
    assert "".join(chunk.choices[0].delta.content or "" for chunk in stream) == "ho ho, madam"
    assert [model.id for model in client.models.list()] == ["teller"]
    with pytest.raises(openai.InternalServerError, match="The oracle is asleep"):
        client.chat.completions.create(model="teller", messages=user("fail"))
    client.close()


def test_a_private_or_unnamed_chat_serves_no_model():
    for options in ({"api_visibility": "private"}, {"api_name": False}):
        assert gr.ChatInterface(secret, **options).root_graph.chat_models() == {}
    named = gr.ChatInterface(secret, api_name="spy")
    assert list(named.root_graph.chat_models()) == ["spy"]


def test_a_model_name_is_served_by_one_listener_per_app():
    with gr.Blocks() as demo:
        button = gr.Button()
        first = button.click(lambda m: m, gr.JSON(render=False), gr.Textbox(render=False))
        second = button.click(lambda m: m, gr.JSON(render=False), gr.Textbox(render=False))
        assert first.serve_chat_completions("bot") is first
        with pytest.raises(GraphError, match="'bot' is already served"):
            second.serve_chat_completions("bot")
        with pytest.raises(GraphError, match="must take one input"):
            button.click(lambda: "x", None, gr.Textbox(render=False)).serve_chat_completions(
                "other"
            )
    assert demo.root_graph.chat_models() == {"bot": first}
    # Two standalone chats of the same name cannot both be rendered into one app.
    chats = [gr.ChatInterface(secret), gr.ChatInterface(secret)]
    with pytest.raises(GraphError, match="two listeners serve"):
        with gr.Blocks():
            for chat in chats:
                chat.render()
