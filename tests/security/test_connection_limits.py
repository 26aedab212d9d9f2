"""Connection limits: idle and slow connections are closed, a client (and everyone) may hold only
so many, refusals are prompt and logged sparingly, a silent page WebSocket is closed."""

import asyncio
import logging
import socket
import subprocess
import sys
import time
from urllib.parse import urlsplit

import httpx
import orjson
import pytest
import websockets
from websockets.asyncio.client import connect
from websockets.exceptions import ConnectionClosed

import blocks as gr
from blocks.server.log_limit import RateLimitFilter

HONEST = "127.0.0.2"  # another loopback address: another client


def _app(calls: list[str]) -> gr.Blocks:
    def echo(text: str) -> str:
        calls.append(text)
        return text

    with gr.Blocks() as demo:
        box = gr.Textbox()
        box.submit(echo, box, box, api_name="echo")
    return demo


@pytest.fixture
def launch(monkeypatch):
    """Launch the echo app with these BLOCKS_* settings; closed after the test."""
    launched: list[gr.Blocks] = []

    def start(**env: str) -> tuple[gr.Blocks, list[str]]:
        for name, value in env.items():
            monkeypatch.setenv(name, value)
        calls: list[str] = []
        demo = _app(calls)
        demo.launch(server_port=0, prevent_thread_lock=True, quiet=True)
        launched.append(demo)
        return demo, calls

    yield start
    for demo in launched:
        demo.close()


def _address(demo: gr.Blocks) -> tuple[str, int]:
    parts = urlsplit(demo.local_url)
    return parts.hostname, parts.port


def _idle(demo: gr.Blocks, source: str = "127.0.0.1") -> socket.socket:
    """A connection that sends nothing."""
    sock = socket.create_connection(_address(demo), timeout=5, source_address=(source, 0))
    return sock


def _post(demo: gr.Blocks, text: str, source: str = "127.0.0.1") -> httpx.Response:
    transport = httpx.HTTPTransport(local_address=source)
    with httpx.Client(transport=transport, timeout=10) as client:
        return client.post(demo.local_url + "/api/echo", json={"data": [text]})


def _eventually(check, seconds: float = 5.0):
    deadline = time.monotonic() + seconds
    while True:
        result = check()
        if result or time.monotonic() > deadline:
            return result
        time.sleep(0.05)


def _closed_by_server(sock: socket.socket) -> bytes:
    """Everything the server sends until it closes the connection (raises on a 5 s timeout)."""
    sock.settimeout(5)
    received = b""
    while chunk := sock.recv(4096):
        received += chunk
    return received


def _ws_url(demo: gr.Blocks) -> str:
    return demo.local_url.replace("http://", "ws://") + "/ws"


async def _recv(ws) -> dict:
    return orjson.loads(await asyncio.wait_for(ws.recv(), 5))


# ---------------------------------------------------------------- caps


def test_a_client_over_its_connection_cap_gets_503_while_another_client_is_served(launch):
    demo, calls = launch(BLOCKS_MAX_CONNECTIONS_PER_CLIENT="4")
    hogs = [_idle(demo) for _ in range(4)]
    try:
        refused = _eventually(lambda: _post(demo, "over").status_code == 503)
        assert refused
        answer = _post(demo, "over")
        assert answer.status_code == 503 and answer.headers["retry-after"].isdigit()
        assert "connection limit" in answer.text
        assert calls == []
        assert _post(demo, "ok", source=HONEST).json()["data"] == ["ok"]
        assert calls == ["ok"]
    finally:
        for sock in hogs:
            sock.close()
    # Their slots are given back: the same client is served again.
    assert _eventually(lambda: _post(demo, "back").status_code == 200)
    assert calls[-1] == "back"


async def test_page_websockets_count_toward_the_cap_and_give_their_slot_back_on_close(launch):
    demo, _ = launch(BLOCKS_MAX_CONNECTIONS_PER_CLIENT="2")
    url = _ws_url(demo)
    first = await connect(url)
    second = await connect(url)
    for ws in (first, second):
        await ws.send('{"type":"hello"}')
        assert (await _recv(ws))["type"] == "welcome"
    with pytest.raises(websockets.exceptions.InvalidStatus) as refused:
        await connect(url)
    assert refused.value.response.status_code == 503
    await first.close()
    deadline = time.monotonic() + 5
    while True:  # the server hears the close a moment later
        try:
            third = await connect(url)
            break
        except websockets.exceptions.InvalidStatus:
            assert time.monotonic() < deadline, "the closed WebSocket kept its slot"
            await asyncio.sleep(0.05)
    await third.send('{"type":"hello"}')
    assert (await _recv(third))["type"] == "welcome"
    await third.close()
    await second.close()


def test_the_total_cap_refuses_every_address(launch):
    demo, calls = launch(BLOCKS_MAX_CONNECTIONS="3", BLOCKS_MAX_CONNECTIONS_PER_CLIENT="0")
    hogs = [_idle(demo, source=HONEST) for _ in range(3)]
    try:
        assert _eventually(lambda: _post(demo, "over").status_code == 503)
        assert calls == []
    finally:
        for sock in hogs:
            sock.close()
    assert _eventually(lambda: _post(demo, "ok").status_code == 200)
    assert calls == ["ok"]


def test_a_bad_limit_setting_fails_the_launch_naming_the_variable(monkeypatch):
    monkeypatch.setenv("BLOCKS_MAX_CONNECTIONS", "lots")
    demo = _app([])
    with pytest.raises(ValueError, match="BLOCKS_MAX_CONNECTIONS must be a number"):
        demo.launch(server_port=0, prevent_thread_lock=True, quiet=True)
    demo.close()


# ---------------------------------------------------------------- timeouts


def test_a_connection_that_sends_nothing_is_closed_and_frees_its_slot(launch):
    demo, calls = launch(BLOCKS_HEADER_TIMEOUT="0.5", BLOCKS_MAX_CONNECTIONS_PER_CLIENT="1")
    sock = _idle(demo)
    try:
        assert _closed_by_server(sock) == b""
    finally:
        sock.close()
    assert _eventually(lambda: _post(demo, "ok").status_code == 200)
    assert calls == ["ok"]


@pytest.mark.parametrize("after_a_request", [False, True])
def test_request_headers_trickling_in_are_cut_off_before_the_listener_runs(launch, after_a_request):
    demo, calls = launch(BLOCKS_HEADER_TIMEOUT="0.5")
    sock = _idle(demo)
    if after_a_request:  # the kept-alive connection's next request trickles
        sock.sendall(b"GET /health HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n")
        answer = b""
        while b'{"status":"ok"}' not in answer:
            answer += sock.recv(4096)
        time.sleep(0.6)  # longer than the header timeout: the idle wait is not counted
    sock.sendall(b"POST /api/echo HTTP/1.1\r\nHost: 127.0.0.1\r\n")
    started = time.monotonic()
    cut = False
    try:
        while time.monotonic() - started < 5:
            try:
                sock.sendall(b"X-Slow: a\r\n")
            except OSError:
                cut = True
                break
            sock.settimeout(0.1)
            try:
                answer = sock.recv(4096)
            except TimeoutError:
                continue
            assert answer == b"" or answer.startswith(b"HTTP/1.1 408")
            cut = True
            break
    finally:
        sock.close()
    assert cut, "a request whose headers never end was kept open for 5 s"
    assert calls == []
    assert _post(demo, "ok").json()["data"] == ["ok"]


def test_a_kept_alive_connection_making_requests_outlives_the_header_timeout(launch):
    demo, _ = launch(BLOCKS_HEADER_TIMEOUT="0.5")
    sock = _idle(demo)
    sock.settimeout(5)
    try:
        for _ in range(6):  # 1.2 s on one connection
            sock.sendall(b"GET /health HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n")
            answer = b""
            while b'{"status":"ok"}' not in answer:
                chunk = sock.recv(4096)
                assert chunk, "the server closed a connection that was making requests"
                answer += chunk
            assert answer.startswith(b"HTTP/1.1 200")
            time.sleep(0.2)
    finally:
        sock.close()


async def test_a_silent_page_websocket_is_closed_while_one_answering_heartbeats_stays(
    launch, monkeypatch
):
    monkeypatch.setattr("blocks.server.routes.HEARTBEAT_SECONDS", 0.2)
    demo, calls = launch(BLOCKS_WS_IDLE_TIMEOUT="1")
    url = _ws_url(demo)

    async def live(ws, stop: asyncio.Event) -> None:
        while not stop.is_set():
            try:
                message = orjson.loads(await asyncio.wait_for(ws.recv(), 0.1))
            except TimeoutError:
                continue
            if message["type"] == "heartbeat":
                await ws.send(orjson.dumps({"type": "ack", "seq": message["seq"]}).decode())

    async with connect(url) as answering, connect(url) as silent:
        for ws in (answering, silent):
            await ws.send('{"type":"hello"}')
        await _recv(answering)
        session_id = (await _recv(silent))["session_id"]
        stop = asyncio.Event()
        keeper = asyncio.create_task(live(answering, stop))
        started = time.monotonic()
        with pytest.raises(ConnectionClosed):
            while True:
                await asyncio.wait_for(silent.recv(), 5)  # heartbeats, never answered
        assert silent.close_code == 1008 and "idle" in silent.close_reason
        await asyncio.sleep(max(0.0, 1.6 - (time.monotonic() - started)))
        stop.set()
        await keeper
        # Still open past the limit, and served.
        trigger = {"type": "trigger", "event_id": "e1", "dep": 0, "data": ["live"]}
        await answering.send(orjson.dumps(trigger).decode())
        while (message := await _recv(answering))["type"] != "done":
            pass
        assert message["success"] and calls == ["live"]
    # The silent page was only closed: its session waits for it to come back.
    async with connect(url) as back:
        await back.send(orjson.dumps({"type": "hello", "session_id": session_id}).decode())
        assert (await _recv(back))["resumed"] is True


# ---------------------------------------------------------------- the log


def test_a_flood_of_refusals_is_logged_a_few_times_then_counted(monkeypatch, caplog):
    monkeypatch.setenv("BLOCKS_MAX_CONNECTIONS_PER_CLIENT", "1")
    caplog.set_level(logging.WARNING, logger="blocks")
    demo = _app([])
    demo.launch(server_port=0, prevent_thread_lock=True, quiet=True)
    hog = _idle(demo)
    try:
        started = time.monotonic()
        statuses = [_post(demo, "x").status_code for _ in range(60)]
        elapsed = time.monotonic() - started
        assert set(statuses) == {503}
        refusals = [r for r in caplog.records if "refused a connection" in r.getMessage()]
        assert 1 <= len(refusals) <= 10 + 5 * (elapsed + 1)
        assert not [r for r in caplog.records if r.exc_info]
    finally:
        hog.close()
        demo.close()
    assert any("similar messages suppressed" in r.getMessage() for r in caplog.records)


def test_the_same_message_passes_a_burst_then_a_few_a_second_with_a_count_of_the_rest():
    now = [0.0]
    limiter = RateLimitFilter(per_second=5, burst=10, clock=lambda: now[0])

    def record(msg: str, *args: object) -> logging.LogRecord:
        return logging.LogRecord("uvicorn.error", logging.ERROR, __file__, 1, msg, args, None)

    passed = [limiter.filter(record("accept failed: %s", n)) for n in range(100)]
    assert sum(passed) == 10
    assert limiter.filter(record("another message"))  # counted apart
    now[0] = 1.0
    later = [record("accept failed: %s", n) for n in range(20)]
    assert sum(limiter.filter(r) for r in later) == 5
    assert later[0].getMessage() == "accept failed: 0 (90 similar messages suppressed)"


def test_the_open_file_limit_is_raised_at_launch_and_the_total_cap_fits_under_it():
    pytest.importorskip("resource")
    code = (
        "import resource\n"
        "from blocks.server.limits import ConnectionLimits, raise_open_file_limit\n"
        "_, hard = resource.getrlimit(resource.RLIMIT_NOFILE)\n"
        "resource.setrlimit(resource.RLIMIT_NOFILE, (256, hard))\n"
        "raised = raise_open_file_limit()\n"
        "print(raised, resource.getrlimit(resource.RLIMIT_NOFILE)[0], hard)\n"
        "resource.setrlimit(resource.RLIMIT_NOFILE, (300, 300))\n"  # no room to raise
        "kept = raise_open_file_limit()\n"
        "print(kept, ConnectionLimits.from_env(kept).max_total)\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, timeout=60, check=True
    )
    first, second = result.stdout.split("\n")[:2]
    raised, soft, hard = (int(x) if x.isdigit() else x for x in first.split())
    assert raised == soft
    assert soft == (65536 if hard == "-1" or int(hard) > 65536 else int(hard))
    kept, total = map(int, second.split())
    assert kept == 300 and total < 300
