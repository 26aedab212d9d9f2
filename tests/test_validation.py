"""validator= and gr.validate: refused inputs stop fn, name the inputs, and answer 4xx."""

import httpx
import pytest

import blocks as gr
from blocks.exceptions import GraphError
from blocks.testing import TestClient
from blocks.validation import invalid_inputs, validate


def check_age_and_place(age, place):
    return [
        validate(age is not None and age >= 3, "Age must be at least 3"),
        validate("london" not in place.lower(), "Not London"),
    ]


def form(calls, validator=check_age_and_place):
    with gr.Blocks() as demo:
        age = gr.Number(label="Age")
        place = gr.Textbox(label="Place")
        go = gr.Button("Go")
        out = gr.Textbox(label="Out")

        def process(age, place):
            calls.append((age, place))
            return f"{age:g} in {place}"

        go.click(process, [age, place], out, validator=validator, api_name="process")
    return demo, age, place, go, out


def test_an_invalid_input_stops_the_function_and_names_each_refused_input():
    calls = []
    demo, age, place, go, out = form(calls)
    with TestClient(demo) as client:
        client.set(age, 2)
        client.set(place, "London")
        run = client.click(go)
        assert not run.success and calls == []
        error = run.done["error"]
        assert error["kind"] == "validation"
        assert error["invalid"] == [
            {"id": age.id, "message": "Age must be at least 3"},
            {"id": place.id, "message": "Not London"},
        ]
        assert "Age: Age must be at least 3" in error["message"]
        assert not client.value(out)


def test_only_the_invalid_inputs_are_named_and_valid_ones_let_fn_run():
    calls = []
    demo, age, place, go, out = form(calls)
    with TestClient(demo) as client:
        client.set(age, 7)
        client.set(place, "London")
        assert [i["id"] for i in client.click(go).done["error"]["invalid"]] == [place.id]
        client.set(place, "Paris")
        assert client.click(go).success
        assert calls == [(7, "Paris")] and client.value(out) == "7 in Paris"


def test_a_validator_returning_nothing_or_a_lone_verdict_is_read_as_the_reference_does():
    assert invalid_inputs(None, 2) == []
    assert invalid_inputs(True, 2) == []
    (only,) = invalid_inputs(validate(False, "first is bad"), 2)
    assert (only.index, only.message) == (0, "first is bad")
    assert invalid_inputs([None, validate(True, "fine")], 2) == []
    with pytest.raises(ValueError, match="3 verdicts for 2 input"):
        invalid_inputs([validate(True, "")] * 3, 2)


async def _async_check(age, place):
    return validate(age > 10, "Too young for async")


def test_an_async_validator_and_a_failing_validator_stop_fn_too():
    calls = []
    demo, age, place, go, _ = form(calls, validator=_async_check)
    with TestClient(demo) as client:
        client.set(age, 5)
        client.set(place, "x")
        assert client.click(go).done["error"]["invalid"][0]["message"] == "Too young for async"

    def broken(age, place):
        raise gr.Error("The validator is down")

    demo, age, place, go, _ = form(calls, validator=broken)
    with TestClient(demo) as client:
        client.set(place, "x")
        run = client.click(go)
        assert run.error == "The validator is down" and "invalid" not in run.done["error"]
    assert calls == []


def test_a_validator_that_is_not_a_function_is_refused_when_the_app_is_built():
    with gr.Blocks(), pytest.raises(GraphError, match="validator="):
        gr.Button().click(lambda: None, validator="yes")


def test_a_chat_validator_keeps_the_message_out_of_the_chat_and_away_from_fn():
    calls = []

    def reply(message, history):
        calls.append(message)
        return "ok " + message

    chat = gr.ChatInterface(reply, validator=lambda m: validate(m != "error", "Can't be error"))
    with TestClient(chat) as client:
        client.set(chat.textbox, "error")
        run = client.submit(chat.textbox)
        assert run.done["error"]["invalid"] == [
            {"id": chat.textbox.id, "message": "Can't be error"}
        ]
        assert client.value(chat.chatbot) == [] and calls == []
        assert client.value(chat.textbox) == "error"  # kept for the user to fix
        client.set(chat.textbox, "hello")
        assert client.submit(chat.textbox).success and calls == ["hello"]


@pytest.fixture(scope="module")
def served():
    calls = []
    demo, *_ = form(calls)
    with demo:
        gr.ChatInterface(
            lambda m, h: "ok",
            api_name="chat",
            validator=lambda m: validate(len(m) < 10, "Keep it short"),
        )
    demo.launch(server_port=0, prevent_thread_lock=True, quiet=True)
    yield demo.local_url, calls
    demo.close()


def test_the_api_answers_422_with_the_messages_and_never_calls_fn(served):
    url, calls = served
    response = httpx.post(url + "/api/process", json={"data": [1, "London"]}, timeout=10)
    assert response.status_code == 422
    body = response.json()
    assert body["kind"] == "validation"
    assert "Age must be at least 3" in body["error"] and "Not London" in body["error"]
    ok = httpx.post(url + "/api/process", json={"data": [4, "Rome"]}, timeout=10)
    assert ok.status_code == 200 and ok.json()["data"] == ["4 in Rome"]
    assert calls == [(4, "Rome")]


def test_a_chat_validator_answers_422_over_api_and_400_over_the_openai_endpoint(served):
    url, _ = served
    long = "a message that is far too long"
    assert httpx.post(url + "/api/chat", json={"data": [long]}, timeout=10).status_code == 422
    body = {"model": "chat", "messages": [{"role": "user", "content": long}]}
    response = httpx.post(url + "/v1/chat/completions", json=body, timeout=10)
    assert response.status_code == 400
    assert "Keep it short" in response.json()["error"]["message"]
    body["messages"][0]["content"] = "hi"
    answer = httpx.post(url + "/v1/chat/completions", json=body, timeout=10)
    assert answer.json()["choices"][0]["message"]["content"] == "ok"
