"""The app served for real on 127.0.0.1: HTTP routes, the WebSocket protocol, the API."""

import asyncio
import time

import httpx
import orjson
import pytest
import websockets
from websockets.asyncio.client import connect

import blocks as gr
from blocks.protocol.diff import apply


def _greet(name, times):
    if not name:
        raise gr.Error("Please enter a name")
    return "Hello " + name + "!" * int(times), {"name": name, "times": times}


def _count(n):
    for index in range(int(n)):
        time.sleep(0.02)
        yield str(index)


@pytest.fixture(scope="module")
def served():
    with gr.Blocks(title="Demo <script>") as demo:
        name = gr.Textbox(label="Name")
        times = gr.Slider(1, 5, value=2, step=1, label="Times")
        out = gr.Markdown()
        meta = gr.JSON()
        button = gr.Button("Greet")
        button.click(_greet, [name, times], [out, meta])
        count_to = gr.Number(value=30)
        counter = gr.Textbox()
        gr.Button("Count").click(_count, count_to, counter)
        gr.Button("Hidden").click(
            lambda: "h", None, counter, api_visibility="undocumented", api_name="hidden"
        )
        gr.Button("Private").click(lambda: "p", None, counter, api_visibility="private")
    demo.queue(default_concurrency_limit=None)
    demo.launch(server_port=0, prevent_thread_lock=True, quiet=True)
    yield demo
    demo.close()


def test_health_answers_ok(served):
    assert httpx.get(served.local_url + "/health").json() == {"status": "ok"}


def test_the_page_embeds_the_config_and_escapes_the_title(served):
    page = httpx.get(served.local_url + "/").text
    assert "<title>Demo &lt;script&gt;</title>" in page
    assert '"label":"Name"' in page
    assert "%CONFIG%" not in page and "%STATIC%" not in page


def test_static_files_are_cached_for_a_year_under_a_versioned_url(served):
    from blocks.server.paths import frontend_version

    response = httpx.get(f"{served.local_url}/static/{frontend_version()}/index.html")
    assert response.status_code == 200
    assert "immutable" in response.headers["cache-control"]


def test_the_api_runs_a_listener_and_returns_its_outputs(served):
    response = httpx.post(served.local_url + "/api/_greet", json={"data": ["Ada", 3]})
    assert response.status_code == 200
    assert response.json()["data"] == ["Hello Ada!!!", {"name": "Ada", "times": 3}]


def test_the_api_reports_gr_error_and_bad_input_clearly(served):
    error = httpx.post(served.local_url + "/api/_greet", json={"data": ["", 3]})
    assert error.status_code == 500 and error.json()["error"] == "Please enter a name"
    out_of_range = httpx.post(served.local_url + "/api/_greet", json={"data": ["A", 9]})
    assert out_of_range.status_code == 422
    assert "Times" in out_of_range.json()["error"]
    wrong_count = httpx.post(served.local_url + "/api/_greet", json={"data": ["A"]})
    assert wrong_count.status_code == 422 and "takes 2 input" in wrong_count.json()["error"]
    not_json = httpx.post(served.local_url + "/api/_greet", content=b"{")
    assert not_json.status_code == 400


def test_private_endpoints_are_not_callable_and_undocumented_ones_are_not_listed(served):
    schema = httpx.get(served.local_url + "/api/schema").json()["endpoints"]
    assert "_greet" in schema and "hidden" not in schema
    assert httpx.post(served.local_url + "/api/hidden", json={"data": []}).status_code == 200
    names = ",".join(schema)
    assert "lambda" not in names
    missing = httpx.post(served.local_url + "/api/_lambda_", json={"data": []})
    assert missing.status_code == 404


def test_the_api_streams_a_generator_as_server_sent_events(served):
    with httpx.stream("POST", served.local_url + "/api/_count/stream", json={"data": [3]}) as r:
        body = "".join(r.iter_text())
    assert body.count("event: output") >= 1
    assert 'event: done\ndata: {"data":["2"]' in body


def test_a_cross_origin_api_call_is_refused(served):
    response = httpx.post(
        served.local_url + "/api/_greet",
        json={"data": ["A", 1]},
        headers={"Origin": "http://evil.example"},
    )
    assert response.status_code == 403


async def _recv(ws) -> dict:
    return orjson.loads(await asyncio.wait_for(ws.recv(), 5))


def _ws_url(demo) -> str:
    return demo.local_url.replace("http://", "ws://") + "/ws"


async def test_a_trigger_over_the_websocket_gets_started_and_done_with_patches(served):
    async with connect(_ws_url(served)) as ws:
        await ws.send(orjson.dumps({"type": "hello"}).decode())
        welcome = await _recv(ws)
        assert welcome["type"] == "welcome" and not welcome["resumed"]
        await ws.send(
            orjson.dumps(
                {"type": "trigger", "event_id": "e1", "dep": 0, "data": ["Bo", 1]}
            ).decode()
        )
        kinds = []
        while True:
            message = await _recv(ws)
            kinds.append(message["type"])
            if message["type"] == "done":
                break
        assert kinds[-1] == "done" and "output" not in kinds
        assert message["success"]
        values = {patch["id"]: apply(None, patch["ops"]) for patch in message["patches"]}
        assert "Hello Bo!" in values.values()


async def test_a_malformed_message_is_answered_with_an_error_and_the_socket_stays_open(served):
    async with connect(_ws_url(served)) as ws:
        await ws.send('{"type":"hello"}')
        await _recv(ws)
        await ws.send('{"type":"trigger","dep":0}')
        error = await _recv(ws)
        assert error["type"] == "log" and error["level"] == "error"
        assert "event_id" in error["message"]
        await ws.send('{"type":"trigger","event_id":"x","dep":999}')
        done = await _recv(ws)
        assert done["type"] == "done" and "no dependency 999" in done["error"]["message"]


async def test_a_cross_origin_websocket_is_refused(served):
    with pytest.raises(websockets.exceptions.InvalidStatus):
        async with connect(_ws_url(served), origin="http://evil.example") as ws:
            await ws.send('{"type":"hello"}')
            await _recv(ws)


async def test_a_dropped_page_resumes_its_session_and_receives_the_rest_of_the_stream(served):
    async with connect(_ws_url(served)) as ws:
        await ws.send('{"type":"hello"}')
        session_id = (await _recv(ws))["session_id"]
        await ws.send(
            orjson.dumps({"type": "trigger", "event_id": "c1", "dep": 1, "data": [30]}).decode()
        )
        value, last_seq = None, 0
        while True:
            message = await _recv(ws)
            last_seq = message["seq"]
            if message["type"] == "output":
                value = apply(value, message["patches"][0]["ops"])
                break
        await ws.close(code=4000)  # an abnormal drop, not the page going away
    await asyncio.sleep(0.1)
    async with connect(_ws_url(served)) as ws:
        await ws.send(
            orjson.dumps({"type": "hello", "session_id": session_id, "last_seq": last_seq}).decode()
        )
        welcome = await _recv(ws)
        assert welcome["resumed"] is True
        while True:
            message = await _recv(ws)
            assert message["seq"] == last_seq + 1
            last_seq = message["seq"]
            for patch in message.get("patches", []):
                value = apply(value, patch["ops"])
            if message["type"] == "done":
                break
        assert value == "29"


async def test_resuming_an_unknown_session_starts_afresh(served):
    async with connect(_ws_url(served)) as ws:
        await ws.send('{"type":"hello","session_id":"nope","last_seq":5}')
        welcome = await _recv(ws)
        assert welcome["resumed"] is False and welcome["session_id"] != "nope"


def test_an_api_stream_the_client_leaves_early_leaves_no_session_behind(served):
    runtime = served.runtime
    before = len(runtime.sessions)
    with httpx.stream("POST", served.local_url + "/api/_count/stream", json={"data": [300]}) as r:
        for line in r.iter_lines():
            if line.startswith("event: output"):
                break
    deadline = time.monotonic() + 5
    while len(runtime.sessions) > before and time.monotonic() < deadline:
        time.sleep(0.05)
    assert len(runtime.sessions) == before
