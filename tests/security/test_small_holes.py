"""Smaller holes, each closed against a real server: a page's session id is no API session id,
a binary frame is a protocol error, deep or huge JSON is refused cleanly, client-chosen types
never render inline, uploads are limited by default, and /api/schema's example files are ones
the app serves and accepts."""

import asyncio
import logging
from pathlib import Path

import httpx
import orjson
import pytest
from websockets.asyncio.client import connect
from websockets.exceptions import ConnectionClosed

import blocks as gr
from blocks.app import DEFAULT_MAX_FILE_SIZE, MAX_FILE_SIZE_ENV, default_max_file_size
from blocks.runtime.connection import Connection
from blocks.server.file_routes import presentation

PNG = bytes.fromhex(
    "89504e470d0a1a0a0000000d4948445200000001000000010802000000907753de0000000c4944"
    "4154789c63f8ffff3f0005fe02fe0def46b80000000049454e44ae426082"
)


def _serve(demo: gr.Blocks, **options) -> gr.Blocks:
    demo.launch(server_port=0, prevent_thread_lock=True, quiet=True, **options)
    return demo


def _ws(demo: gr.Blocks) -> str:
    return demo.local_url.replace("http://", "ws://") + "/ws"


def _no_tracebacks(caplog) -> None:
    assert not [record for record in caplog.records if record.exc_info]


async def _page_turn(url: str, text: str):
    """A page says ``text`` in the chat: its session id, and its socket (still open)."""
    config = httpx.get(url.removesuffix("/ws").replace("ws://", "http://") + "/config").json()
    box = next(int(i) for i, b in config["blocks"].items() if b["type"] == "textbox")
    submit = next(d["id"] for d in config["dependencies"] if [box, "submit"] in d["targets"])
    history = next(int(i) for i, b in config["blocks"].items() if b["type"] == "state")
    data = [text if block == box else None for block in config["dependencies"][submit]["inputs"]]
    assert history in config["dependencies"][submit]["inputs"]
    ws = await connect(url)
    await ws.send('{"type":"hello"}')
    session_id = orjson.loads(await ws.recv())["session_id"]
    trigger = {"type": "trigger", "event_id": "t1", "dep": submit, "data": data}
    await ws.send(orjson.dumps(trigger).decode())
    while True:
        message = orjson.loads(await asyncio.wait_for(ws.recv(), 10))
        if message["type"] == "done" and message["event_id"] == "t1":
            assert message["success"]
            break
    return session_id, ws


# ---------------------------------------------------------------- (a) session namespaces


async def test_a_pages_session_id_is_not_an_api_session_id():
    calls = []

    def counting(message, history):
        calls.append(message)
        return f"{len(history)} earlier messages, then {message}"

    demo = _serve(gr.ChatInterface(counting))
    try:
        session_id, ws = await _page_turn(_ws(demo), "my secret")
        assert calls == ["my secret"]
        async with httpx.AsyncClient(timeout=10) as client:
            url = demo.local_url + "/api/counting"
            stolen = await client.post(
                url, json={"data": ["what did I say?"], "session_id": session_id}
            )
            never = await client.post(url, json={"data": ["x"], "session_id": "never-issued"})
            # Answered as an id never issued: it does not even tell that the page exists.
            assert stolen.status_code == never.status_code == 410
            assert stolen.json()["kind"] == "session_expired"
            assert "secret" not in stolen.text
            assert calls == ["my secret"]
            # The page's history is untouched, and an honest API client is served.
            honest = (await client.post(url, json={"data": ["hi"]})).json()
            assert honest["data"] == ["0 earlier messages, then hi"]
            assert honest["session_id"] != session_id
        assert demo.runtime.sessions[session_id].has_page
        # The API sessions' own registry does not know the page's id either.
        assert demo.runtime.api_sessions.session_for(session_id) is None
        await ws.close()
    finally:
        demo.close()


async def test_a_pages_session_id_given_to_an_endpoint_without_state_starts_a_fresh_session():
    with gr.Blocks() as demo:
        box = gr.Textbox()
        box.submit(lambda text: text, box, box, api_name="echo")
    _serve(demo)
    try:
        ws = await connect(_ws(demo))
        await ws.send('{"type":"hello"}')
        session_id = orjson.loads(await ws.recv())["session_id"]
        answer = httpx.post(
            demo.local_url + "/api/echo", json={"data": ["hi"], "session_id": session_id}
        )
        assert answer.json()["data"] == ["hi"] and answer.json()["session_id"] != session_id
        await ws.close()
    finally:
        demo.close()


# ---------------------------------------------------------------- (b) binary frames


@pytest.fixture
def echo():
    calls = []

    def shout(text):
        calls.append(text)
        return text.upper()

    with gr.Blocks() as demo:
        box = gr.Textbox()
        out = gr.Textbox()
        box.submit(shout, box, out)
    yield _serve(demo), calls
    demo.close()


async def test_a_binary_frame_is_a_protocol_error_without_a_traceback(echo, caplog):
    demo, calls = echo
    with caplog.at_level(logging.DEBUG):
        async with connect(_ws(demo)) as ws:
            await ws.send('{"type":"hello"}')
            await ws.recv()
            await ws.send(b"\xff\xfe\x00binary\x80")
            error = orjson.loads(await asyncio.wait_for(ws.recv(), 5))
            assert error["type"] == "log" and error["title"] == "Protocol error"
            assert error["message"].startswith("a binary frame (10 bytes) is not part of")
            assert "JSON text frame" in error["message"]
            # The socket stays open, and an honest trigger on it is served.
            await ws.send('{"type":"trigger","event_id":"e1","dep":0,"data":["hi"]}')
            done = orjson.loads(await asyncio.wait_for(ws.recv(), 5))
            assert done["type"] == "done" and done["success"]
        async with connect(_ws(demo)) as ws:
            await ws.send(b"\x80\x81")
            with pytest.raises(ConnectionClosed) as closed:
                await asyncio.wait_for(ws.recv(), 5)
            assert closed.value.rcvd.code == 1008
            assert "binary frame" in closed.value.rcvd.reason
    assert calls == ["hi"]
    _no_tracebacks(caplog)


async def test_a_frame_the_route_read_as_binary_is_refused_even_when_it_holds_json(echo):
    demo, calls = echo
    connection = Connection(demo.runtime)
    close = connection.receive(b'{"type":"hello"}', binary=True)
    assert close is not None and close.code == 1008
    assert close.reason.startswith("a binary frame (16 bytes) is not part of the protocol")
    assert connection.session is None and calls == []
    # The same bytes as a text frame are a hello.
    assert Connection(demo.runtime).receive(b'{"type":"hello"}') is None


# ---------------------------------------------------------------- (c) deep and huge JSON


def _nested(depth: int):
    value: list = []
    for _ in range(depth - 1):
        value = [value]
    return value


@pytest.fixture
def json_app():
    calls = []

    def echo(value):
        calls.append(value)
        return value

    def deep(depth):
        calls.append(depth)
        return _nested(int(depth))

    def deep_text(depth):
        calls.append(depth)
        return "[" * int(depth) + "]" * int(depth)

    with gr.Blocks() as demo:
        inp, out, box = gr.JSON(), gr.JSON(), gr.Textbox()
        inp.change(echo, inp, out, api_name="echo")
        box.submit(deep, box, out, api_name="deep")
        box.submit(deep_text, box, out, api_name="deep_text")
    yield _serve(demo), calls
    demo.close()


def test_json_input_nested_past_100_levels_is_refused_before_the_listener(json_app, caplog):
    demo, calls = json_app
    url = demo.local_url + "/api/echo"
    with caplog.at_level(logging.DEBUG):
        for depth in (101, 300, 1000):
            body = '{"data": [' + "[" * depth + "]" * depth + "]}"
            answer = httpx.post(url, content=body, headers={"Content-Type": "application/json"})
            assert answer.status_code in (400, 422), answer.text
            if answer.status_code == 422:
                assert "nested more than 100 levels deep" in answer.json()["error"]
    assert calls == []
    _no_tracebacks(caplog)
    honest = httpx.post(url, json={"data": [_nested(100)]})
    assert honest.status_code == 200 and honest.json()["data"] == [_nested(100)]


def test_a_json_object_past_the_size_cap_is_refused_like_a_list(json_app, caplog):
    demo, calls = json_app
    url = demo.local_url + "/api/echo"
    with caplog.at_level(logging.DEBUG):
        for big in ({str(i): 0 for i in range(600_000)}, {"a": {"b": ["x" * 1_100_000]}}):
            answer = httpx.post(url, json={"data": [big]}, timeout=30)
            assert answer.status_code == 422
            assert "value is too large" in answer.json()["error"]
    assert calls == []
    _no_tracebacks(caplog)
    assert httpx.post(url, json={"data": [{"a": 1}]}).json()["data"] == [{"a": 1}]


def test_a_listener_returning_json_too_deep_to_show_gets_a_clear_error(json_app, caplog):
    demo, calls = json_app
    with caplog.at_level(logging.ERROR, logger="blocks"):
        for depth in ("150", "5000"):
            answer = httpx.post(demo.local_url + "/api/deep", json={"data": [depth]})
            assert answer.status_code == 500
    assert calls == ["150", "5000"]  # the app's own value: its error, named as such
    logged = " ".join(record.getMessage() for record in caplog.records)
    assert "nested more than 100 levels deep" in logged
    assert "Recursion limit" not in logged and "RecursionError" not in logged
    # Deep JSON text is shown as text, as invalid JSON text is: no error at all.
    answer = httpx.post(demo.local_url + "/api/deep_text", json={"data": ["500"]})
    assert answer.status_code == 200 and answer.json()["data"] == ["[" * 500 + "]" * 500]
    assert httpx.post(demo.local_url + "/api/deep", json={"data": ["3"]}).json()["data"] == [[[[]]]]


# ---------------------------------------------------------------- (d) served types


@pytest.fixture
def uploads():
    with gr.Blocks() as demo:
        gr.File()
    yield _serve(demo)
    demo.close()


def _served(demo: gr.Blocks, name: str, content_type: str, body: bytes) -> httpx.Response:
    files = {"files": (name, body, content_type)}
    (item,) = httpx.post(demo.local_url + "/upload", files=files).json()
    response = httpx.get(f"{demo.local_url}/{item['url']}")
    assert response.status_code == 200 and response.content == body
    return response


@pytest.mark.parametrize(
    "content_type",
    [
        "image/x+xml",
        "image/svg+xml",
        "text/html",
        "TEXT/HTML; charset=utf-8",
        "application/xhtml+xml",
        "application/xml",
        "text/xml",
        "application/rss+xml",
        "video/x-evil+xml",
        "text/xsl",
        "application/javascript",
        "multipart/x-mixed-replace",
        "text/css",
    ],
)
def test_a_client_chosen_type_a_browser_could_run_is_never_served_inline(uploads, content_type):
    script = b'<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>'
    response = _served(uploads, "upload.unknownext", content_type, script)
    assert response.headers["content-disposition"].startswith("attachment;")
    served = response.headers["content-type"]
    assert served in ("text/plain; charset=utf-8", "image/svg+xml", "application/octet-stream")
    assert response.headers["x-content-type-options"] == "nosniff"
    assert "sandbox" in response.headers["content-security-policy"]
    # An honest image is still shown inline.
    png = _served(uploads, "cat.png", "image/png", PNG)
    assert png.headers["content-type"] == "image/png"
    assert png.headers["content-disposition"].startswith("inline;")


def test_only_raster_images_audio_and_video_are_inline():
    assert presentation("image/png") == ("image/png", "inline")
    assert presentation("IMAGE/JPEG; q=1") == ("image/jpeg", "inline")
    assert presentation("audio/mpeg") == ("audio/mpeg", "inline")
    assert presentation("video/mp4") == ("video/mp4", "inline")
    assert presentation("application/pdf") == ("application/pdf", "attachment")
    assert presentation("image/tiff") == ("image/tiff", "attachment")
    assert presentation("image/x+xml") == ("text/plain; charset=utf-8", "attachment")
    assert presentation("text/html\r\nSet-Cookie: a=b")[1] == "attachment"
    assert presentation("nonsense") == ("application/octet-stream", "attachment")
    assert presentation(None) == ("application/octet-stream", "attachment")


# ---------------------------------------------------------------- (e) upload limit


def test_uploads_are_limited_to_1_gib_unless_said_otherwise(monkeypatch):
    monkeypatch.delenv(MAX_FILE_SIZE_ENV, raising=False)
    assert default_max_file_size() == DEFAULT_MAX_FILE_SIZE == 1024**3
    with gr.Blocks() as demo:
        gr.File()
    assert demo.max_file_size == 1024**3  # even when mounted without launch()
    for text, expected in [("2048", 2048), ("500mb", 500 * 1024**2), ("none", None)]:
        monkeypatch.setenv(MAX_FILE_SIZE_ENV, text)
        assert default_max_file_size() == expected
    for bad in ("huge", "0", "-1"):
        monkeypatch.setenv(MAX_FILE_SIZE_ENV, bad)
        with pytest.raises(ValueError, match=f"{MAX_FILE_SIZE_ENV} must be a size"):
            default_max_file_size()


def _upload(demo: gr.Blocks, size: int) -> httpx.Response:
    files = {"files": ("data.bin", b"x" * size, "application/octet-stream")}
    return httpx.post(demo.local_url + "/upload", files=files)


def test_the_environment_limits_uploads_and_launch_can_lift_the_limit(monkeypatch):
    monkeypatch.setenv(MAX_FILE_SIZE_ENV, "1kb")
    with gr.Blocks() as limited:
        gr.File()
    with gr.Blocks() as unlimited:
        gr.File()
    _serve(limited)
    _serve(unlimited, max_file_size=None)
    try:
        refused = _upload(limited, 2048)
        assert refused.status_code == 413 and "1.0 KB" in refused.json()["error"]
        assert _upload(limited, 1000).status_code == 200
        assert _upload(unlimited, 2048).status_code == 200
    finally:
        limited.close()
        unlimited.close()


# ---------------------------------------------------------------- (f) schema examples


def test_the_example_file_named_by_the_schema_is_served_and_accepted():
    calls = []

    def size(file):
        calls.append(file)
        return f"{len(Path(file).read_bytes())} bytes"

    with gr.Blocks() as demo:
        upload, out = gr.File(), gr.Textbox()
        upload.upload(size, upload, out, api_name="size")
    _serve(demo)
    try:
        schema = httpx.get(demo.local_url + "/api/schema").json()
        example = schema["endpoints"]["size"]["parameters"][0]["example"]
        fetched = httpx.get(f"{demo.local_url}/{example['url']}")
        assert fetched.status_code == 200 and fetched.content == PNG
        answer = httpx.post(demo.local_url + "/api/size", json={"data": [example]})
        assert answer.status_code == 200, answer.text
        assert answer.json()["data"] == [f"{len(PNG)} bytes"] and len(calls) == 1
        # The human API page names the same file.
        assert example["id"] in httpx.get(demo.local_url + "/api").text
        # An id the app never issued is refused, and the listener is not called.
        forged = dict(example, id="not-an-id", url="file/not-an-id/example.png")
        assert httpx.post(demo.local_url + "/api/size", json={"data": [forged]}).status_code == 422
        assert len(calls) == 1
    finally:
        demo.close()
