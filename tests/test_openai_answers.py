"""What /v1/chat/completions answers, through the official openai SDK against real loopback
apps: streamed deltas that add up to the non-streamed answer (a status the reply replaces is
never sent), thoughts as reasoning_content, pictures for multimodal chats, additional inputs
by name, usage, gr.Request, the per-chat opt-out and the SDK's api_key as the login."""

import base64
import io
import time

import httpx
import openai
import orjson
import pytest
from PIL import Image as PILImage

import blocks as gr
from blocks.server.openai_completion import Deltas, RewroteSentText


def status_then_answer(message, history):
    yield "Thinking..."
    time.sleep(0.05)
    answer = ""
    for word in ["The ", "answer ", "is ", "42."]:
        answer += word
        yield answer
        time.sleep(0.05)


def thinks_first(message, history):
    thought = gr.ChatMessage(content="", metadata={"title": "Reasoning"})
    for step in ["add ", "the ", "numbers"]:
        thought.content += step
        yield [thought]
    yield [thought, gr.ChatMessage(content="It is 4.")]


def rewrites(message, history):
    # Far enough apart that no frame is coalesced into the next (Deltas' own tests below
    # cover every order without timing).
    yield "Thinking"
    time.sleep(0.2)
    yield "Thinking."
    time.sleep(0.2)
    yield "Done: yes"


def looks(message, history):
    (path,) = message["files"]
    with PILImage.open(path) as image:
        return f"{message['text']}: a {image.width}x{image.height} {image.format} picture"


def tone(message, history, temperature, persona):
    return f"{persona} at {temperature}: {message}"


def who(message, history, request: gr.Request):
    return f"team {request.headers.get('x-team')} as {request.username}"


@pytest.fixture(scope="module")
def url():
    with gr.Blocks() as demo:
        gr.ChatInterface(status_then_answer)
        gr.ChatInterface(thinks_first)
        gr.ChatInterface(rewrites)
        gr.ChatInterface(looks, multimodal=True)
        gr.ChatInterface(
            tone,
            additional_inputs=[
                gr.Slider(0, 2, value=1, label="Temperature"),
                gr.Textbox(value="a pirate", label="Persona"),
            ],
        )
        gr.ChatInterface(lambda message, history: "hidden", api_name="quiet", openai_api=False)
    demo.queue(default_concurrency_limit=None)
    demo.launch(server_port=0, prevent_thread_lock=True, quiet=True)
    yield demo.local_url
    demo.close()


@pytest.fixture
def client(url):
    sdk = openai.OpenAI(base_url=url + "/v1", api_key="none", max_retries=0)
    yield sdk
    sdk.close()


def ask(client, model, content, **options):
    return client.chat.completions.create(
        model=model, messages=[{"role": "user", "content": content}], **options
    )


def streamed(client, model, content, **options):
    chunks = list(ask(client, model, content, stream=True, **options))
    text = "".join(chunk.choices[0].delta.content or "" for chunk in chunks if chunk.choices)
    return text, chunks


def test_a_status_the_reply_replaces_is_never_streamed_and_the_deltas_add_up_to_the_answer(
    client,
):
    whole = ask(client, "status_then_answer", "what is it?").choices[0].message.content
    assert whole == "The answer is 42."
    text, chunks = streamed(client, "status_then_answer", "what is it?")
    assert text == whole
    pieces = [chunk.choices[0].delta.content for chunk in chunks if chunk.choices]
    assert "Thinking..." not in "".join(piece or "" for piece in pieces)
    assert len([piece for piece in pieces if piece]) > 1  # still streamed in pieces


def test_thoughts_are_reasoning_content_and_not_part_of_the_answer(client):
    message = ask(client, "thinks_first", "2+2?").choices[0].message
    assert message.content == "It is 4."
    assert message.model_extra["reasoning_content"] == "add the numbers"
    text, chunks = streamed(client, "thinks_first", "2+2?")
    assert text == "It is 4."
    reasoning = "".join(
        (chunk.choices[0].delta.model_extra or {}).get("reasoning_content") or ""
        for chunk in chunks
        if chunk.choices
    )
    assert reasoning == "add the numbers"


def test_a_reply_that_rewrites_text_already_streamed_ends_with_an_error_not_a_wrong_answer(
    url,
):
    body = {"model": "rewrites", "messages": [{"role": "user", "content": "go"}], "stream": True}
    with httpx.stream("POST", url + "/v1/chat/completions", json=body, timeout=10) as response:
        events = [line[6:] for line in response.iter_lines() if line.startswith("data: ")]
    assert events[-1] == "[DONE]"
    assert "rewrote text it had already streamed" in orjson.loads(events[-2])["error"]["message"]
    whole = httpx.post(url + "/v1/chat/completions", json={**body, "stream": False}).json()
    assert whole["choices"][0]["message"]["content"] == "Done: yes"


def test_a_multimodal_chat_gets_an_inline_picture_as_a_file(client):
    buffer = io.BytesIO()
    PILImage.new("RGB", (5, 3), "red").save(buffer, format="PNG")
    data_url = "data:image/png;base64," + base64.b64encode(buffer.getvalue()).decode()
    content = [
        {"type": "text", "text": "Look"},
        {"type": "image_url", "image_url": {"url": data_url}},
    ]
    answer = ask(client, "looks", content).choices[0].message.content
    assert answer == "Look: a 5x3 PNG picture"


def test_additional_inputs_are_given_by_name_in_the_request_body(client):
    options = {"extra_body": {"additional_inputs": {"temperature": 0.5}}}
    assert ask(client, "tone", "ahoy", **options).choices[0].message.content == (
        "a pirate at 0.5: ahoy"
    )
    by_label = {"extra_body": {"additional_inputs": {"Persona": "a poet"}}}
    assert ask(client, "tone", "hi", **by_label).choices[0].message.content == "a poet at 1.0: hi"
    with pytest.raises(openai.BadRequestError, match="Temperature: 9 is outside the range 0 to 2"):
        ask(client, "tone", "hi", extra_body={"additional_inputs": {"temperature": 9}})


def test_usage_counts_the_text_both_ways_in_the_answer_and_the_streams_last_chunk(client):
    usage = ask(client, "tone", "one two").usage
    assert (usage.prompt_tokens, usage.completion_tokens) == (2, 9)  # "a pirate at 1.0: ..."
    assert usage.total_tokens == 11
    _, chunks = streamed(client, "tone", "one two")
    assert chunks[-1].usage.total_tokens == 11


def test_a_chat_with_openai_api_false_is_no_model(client):
    assert "quiet" not in [model.id for model in client.models.list()]
    with pytest.raises(openai.NotFoundError):
        ask(client, "quiet", "hi")


def test_the_chat_reads_the_requests_headers_and_the_sdks_api_key_logs_in(free_port):
    demo = gr.ChatInterface(who)
    demo.launch(server_port=free_port, prevent_thread_lock=True, quiet=True, auth=("ana", "pw"))
    try:
        base = demo.local_url + "/v1"
        sdk = openai.OpenAI(
            base_url=base, api_key="ana:pw", max_retries=0, default_headers={"x-team": "blue"}
        )
        assert ask(sdk, "who", "hi").choices[0].message.content == "team blue as ana"
        wrong = openai.OpenAI(base_url=base, api_key="ana:nope", max_retries=0)
        with pytest.raises(openai.AuthenticationError):
            ask(wrong, "who", "hi")
        sdk.close()
        wrong.close()
    finally:
        demo.close()


def test_deltas_send_a_frame_once_the_next_extends_it_and_the_rest_at_the_end():
    deltas = Deltas()
    sent = [deltas.frame("Thinking..."), deltas.frame("The"), deltas.frame("The answer")]
    sent.append(deltas.end("The answer is 42."))
    assert sent == ["", "", "The", " answer is 42."]
    assert "".join(sent) == "The answer is 42."


def test_deltas_refuse_a_frame_that_takes_back_text_already_sent():
    deltas = Deltas()
    assert [deltas.frame("Think"), deltas.frame("Think.")] == ["", "Think"]
    with pytest.raises(RewroteSentText):
        deltas.frame("Done")
    again = Deltas()
    again.frame("ab")
    again.frame("abc")
    with pytest.raises(RewroteSentText):
        again.end("xyz")
