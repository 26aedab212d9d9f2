"""Errors that tell the truth: a bug of the app is an app error (HTTP 500, a generic message
unless the app shows errors, the details and the listener's name in the server log); only bad
input from the client is a validation error (4xx, "Invalid input"). Served for real."""

import logging
import time

import httpx
import orjson
import pytest
from websockets.asyncio.client import connect

import blocks as gr
from blocks.testing import TestClient

GENERIC = "Something went wrong in the app (its log has the details)."


def split_name(full):
    first, last = full.split(" ", 1)
    return first, last  # three outputs are waiting for it


def count_letters(text):
    return "many"  # not a number, for a gr.Number


def level_label(level):
    return f"level {level}"


def refuse(text):
    raise gr.Error("Please enter a name", title="Missing")


def countdown(start):
    yield "3", "ready"
    yield "2"  # one value for two outputs


def blurt(message, history):
    return object()  # no chat can show this


def _app(parts=None):
    """The app; ``parts`` (a dict), if given, receives its name box and Split button."""
    with gr.Blocks() as demo:
        full = gr.Textbox(label="Full name")
        first, last, middle = gr.Textbox(), gr.Textbox(), gr.Textbox()
        split = gr.Button("Split")
        split.click(split_name, full, [first, last, middle])
        count = gr.Number(label="Letters")
        gr.Button("Count").click(count_letters, full, count)
        level = gr.Slider(0, 10, value=5, label="Level")
        gr.Button("Label").click(level_label, level, first)
        gr.Button("Refuse").click(refuse, full, first)
        gr.Button("Countdown").click(countdown, full, [first, last])
        gr.ChatInterface(blurt)
    if parts is not None:
        parts.update(full=full, split=split)
    return demo


@pytest.fixture(scope="module")
def served():
    demo = _app()
    demo.queue(default_concurrency_limit=None)
    demo.launch(server_port=0, prevent_thread_lock=True, quiet=True)
    yield demo
    demo.close()


def call(demo, name, *data):
    return httpx.post(demo.local_url + f"/api/{name}", json={"data": list(data)}, timeout=10)


def app_errors(caplog):
    return [
        record
        for record in caplog.records
        if record.name == "blocks" and record.levelno >= logging.ERROR
    ]


def wait_for_log(caplog, text):
    """The record logged for an app error (the server thread logs it before it answers)."""
    deadline = time.monotonic() + 5
    while time.monotonic() < deadline:
        for record in app_errors(caplog):
            if text in record.getMessage():
                return record
        time.sleep(0.02)
    raise AssertionError(f"nothing logged with {text!r}: {caplog.text}")


# ---------------------------------------------------------------- over the API


def test_a_listener_returning_two_values_for_three_outputs_answers_500_and_logs_its_name(
    served, caplog
):
    caplog.set_level(logging.ERROR, logger="blocks")
    response = call(served, "split_name", "Ada Lovelace")
    assert response.status_code == 500
    assert response.json() == {"error": GENERIC, "title": "Error", "kind": "app"}
    record = wait_for_log(caplog, "split_name")
    assert "must return 3 values" in record.getMessage()
    assert "returned 2 values" in record.getMessage()
    assert record.exc_info is not None  # the traceback is in the log


def test_a_value_its_component_cannot_postprocess_answers_500_and_logs_why(served, caplog):
    caplog.set_level(logging.ERROR, logger="blocks")
    response = call(served, "count_letters", "Ada")
    assert response.status_code == 500
    assert response.json()["error"] == GENERIC
    record = wait_for_log(caplog, "count_letters")
    assert "cannot show 'many'" in record.getMessage()
    assert record.exc_info is not None
    assert isinstance(record.exc_info[1].__cause__, TypeError)  # the component's own complaint


def test_the_stream_of_a_generator_that_yields_a_bad_value_ends_with_an_app_error(served):
    with httpx.stream(
        "POST", served.local_url + "/api/countdown/stream", json={"data": ["go"]}, timeout=10
    ) as response:
        body = "".join(response.iter_text())
    assert "event: output" in body
    error = orjson.loads(body.split("event: error\ndata: ")[1].split("\n")[0])
    assert error["kind"] == "app" and error["status"] == 500
    assert error["message"] == GENERIC


@pytest.mark.parametrize(("level", "says"), [(99, "outside the range"), ("loud", "a number")])
def test_a_client_sending_a_bad_slider_value_still_gets_422_invalid_input(
    served, caplog, level, says
):
    caplog.set_level(logging.ERROR, logger="blocks")
    response = call(served, "level_label", level)
    assert response.status_code == 422
    body = response.json()
    assert body["kind"] == "validation" and body["title"] == "Invalid input"
    assert "Level" in body["error"] and says in body["error"]
    assert not app_errors(caplog)  # the client's mistake is not the app's bug


def test_gr_error_keeps_its_message_and_its_500(served):
    response = call(served, "refuse", "")
    assert response.status_code == 500
    assert response.json()["error"] == "Please enter a name"
    assert response.json()["title"] == "Missing"


# ---------------------------------------------------------------- over /v1


@pytest.mark.parametrize("stream", [False, True])
def test_a_chat_whose_function_returns_a_bad_value_answers_500_over_v1(served, caplog, stream):
    caplog.set_level(logging.ERROR, logger="blocks")
    response = httpx.post(
        served.local_url + "/v1/chat/completions",
        json={"model": "blurt", "messages": [{"role": "user", "content": "hi"}], "stream": stream},
        timeout=10,
    )
    assert response.status_code == 500
    error = response.json()["error"]
    assert error["type"] == "server_error"
    assert error["message"] == GENERIC
    assert "cannot show" in wait_for_log(caplog, "'blurt'").getMessage()


def test_a_chat_request_the_chat_cannot_take_is_still_a_400_over_v1(served):
    messages = [{"role": "user", "content": "a"}, {"role": "assistant", "content": "b"}]
    response = httpx.post(
        served.local_url + "/v1/chat/completions",
        json={"model": "blurt", "messages": messages},
        timeout=10,
    )
    assert response.status_code == 400
    assert response.json()["error"]["type"] == "invalid_request_error"


# ---------------------------------------------------------------- in the page


def test_the_page_shows_a_generic_message_for_an_app_error_unless_the_app_shows_errors():
    parts = {}
    demo = _app(parts)
    with TestClient(demo) as client:
        client.set(parts["full"], "Ada Lovelace")
        run = client.click(parts["split"])
        assert run.error == GENERIC
        assert run.done["error"]["kind"] == "app"
    demo.show_error = True
    with TestClient(demo) as client:
        client.set(parts["full"], "Ada Lovelace")
        run = client.click(parts["split"])
        assert "split_name" in run.error and "must return 3 values" in run.error
        assert run.done["error"]["kind"] == "app"


def _click_app(fn, outputs):
    """An app with one button running ``fn`` into ``outputs`` (built by ``outputs()``)."""
    with gr.Blocks() as demo:
        shown = outputs()
        button = gr.Button()
        button.click(fn, None, shown)
    demo.show_error = True
    return demo, button


@pytest.mark.parametrize(
    ("fn", "outputs", "says"),
    [
        (
            lambda: gr.update(colour="red"),
            lambda: gr.Textbox(),
            "unknown properties ['colour']",
        ),
        (lambda: {gr.Textbox(render=False): "x"}, lambda: [gr.Textbox()], "not one of"),
        (lambda: "three", lambda: [gr.Textbox(), gr.Textbox()], "returned one str"),
        (lambda: [42], lambda: gr.Chatbot(), "got the number 42"),
    ],
)
def test_what_a_listener_returns_wrongly_is_an_app_error_naming_it(fn, outputs, says):
    demo, button = _click_app(fn, outputs)
    with TestClient(demo) as client:
        run = client.click(button)
    assert run.done["error"]["kind"] == "app"
    assert "listener '<lambda>'" in run.error and says in run.error


def test_a_batch_function_returning_the_wrong_shape_is_an_app_error():
    def halves(texts):
        return [text[:1] for text in texts]  # one list for two outputs

    with gr.Blocks() as demo:
        box = gr.Textbox(value="ab")
        one, two = gr.Textbox(), gr.Textbox()
        button = gr.Button()
        button.click(halves, box, [one, two], batch=True)
    with TestClient(demo) as client:
        run = client.click(button)
    assert run.error == GENERIC
    assert run.done["error"]["kind"] == "app"


async def test_a_page_of_an_app_launched_with_show_error_gets_the_details():
    demo = _app()
    demo.launch(server_port=0, prevent_thread_lock=True, quiet=True, show_error=True)
    dep = next(d.id for d in demo.runtime.graph.dependencies if d.fn is split_name)
    try:
        url = demo.local_url.replace("http://", "ws://") + "/ws"
        async with connect(url) as ws:
            await ws.send('{"type":"hello"}')
            await ws.recv()
            trigger = {"type": "trigger", "event_id": "e1", "dep": dep, "data": ["Ada Lovelace"]}
            await ws.send(orjson.dumps(trigger).decode())
            while (message := orjson.loads(await ws.recv()))["type"] != "done":
                pass
        assert not message["success"]
        assert message["error"]["kind"] == "app"
        assert "split_name" in message["error"]["message"]
        assert "must return 3 values" in message["error"]["message"]
    finally:
        demo.close()


# ---------------------------------------------------------------- the stream's own status


def test_a_stream_that_fails_before_its_first_event_answers_with_the_error_status(served):
    url = served.local_url + "/api"
    app_bug = httpx.post(f"{url}/split_name/stream", json={"data": ["Ada Lovelace"]})
    assert app_bug.status_code == 500 and app_bug.json()["kind"] == "app"
    bad_input = httpx.post(f"{url}/level_label/stream", json={"data": [99]})
    assert bad_input.status_code == 422 and bad_input.json()["kind"] == "validation"
    fine = httpx.post(f"{url}/level_label/stream", json={"data": [3]})
    assert fine.status_code == 200
    assert "level 3" in fine.text and "event: done" in fine.text
    late = httpx.post(f"{url}/countdown/stream", json={"data": ["go"]}, timeout=10)
    assert late.status_code == 200  # it had streamed: the error is an event
    assert '"kind":"app","status":500' in late.text


class _Broken(gr.Textbox):
    """A component whose preprocess has a bug (not a validation error)."""

    def preprocess(self, payload):
        raise RuntimeError("preprocess bug")


def test_a_component_bug_in_preprocess_is_logged_once_as_an_app_error(caplog):
    with gr.Blocks() as demo:
        box = _Broken()
        button = gr.Button()
        button.click(lambda text: text, box, box)
    with caplog.at_level(logging.ERROR, logger="blocks"), TestClient(demo) as client:
        run = client.click(button)
    assert run.error == GENERIC
    assert run.done["error"]["kind"] == "app"
    logged = [r for r in caplog.records if r.exc_info and "preprocess bug" in str(r.exc_info[1])]
    assert len(logged) == 1, [r.getMessage() for r in caplog.records]
