"""SIGTERM drains the server: no new connection, pages told, waiting jobs failed with a clear
error, running jobs given the drain timeout to finish (then cancelled, their `finally` run),
and the process exits 0."""

import asyncio
import os
import select
import signal
import socket
import subprocess
import sys
import textwrap
import time
from urllib.parse import urlsplit

import httpx
import orjson
import pytest
from websockets.asyncio.client import connect
from websockets.exceptions import ConnectionClosed

import blocks as gr

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="POSIX signals")

APP = textwrap.dedent(
    """
    import pathlib, sys, time
    import blocks as gr

    marks = pathlib.Path(sys.argv[1])

    def count(steps):
        try:
            for i in range(int(steps)):
                time.sleep(0.1)
                yield f"step {i}"
            yield "finished"
        finally:
            (marks / f"finally-{steps}").write_text("ran")

    with gr.Blocks() as demo:
        box = gr.Textbox()
        out = gr.Textbox()
        box.submit(count, box, out, api_name="count", concurrency_limit=1)

    demo.launch(server_port=0)
    print("launch returned", flush=True)
    """
)


class App:
    """The app above in its own process."""

    def __init__(self, folder, drain_timeout: str) -> None:
        script = folder / "app.py"
        script.write_text(APP)
        self.marks = folder
        env = {**os.environ, "BLOCKS_DRAIN_TIMEOUT": drain_timeout}
        self.process = subprocess.Popen(
            [sys.executable, str(script), str(folder)],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            env=env,
            text=True,
        )
        self.url = self._read_url()

    def _read_url(self) -> str:
        deadline = time.monotonic() + 60
        assert self.process.stdout is not None
        while time.monotonic() < deadline:
            ready, _, _ = select.select([self.process.stdout], [], [], 0.5)
            if ready:
                line = self.process.stdout.readline()
                if "Running on local URL:" in line:
                    return line.split("URL:")[1].strip()
                if not line and self.process.poll() is not None:
                    break
        self.process.kill()
        raise AssertionError(f"the app did not start: {self.process.communicate()[1]}")

    @property
    def ws_url(self) -> str:
        return self.url.replace("http://", "ws://") + "/ws"

    def accepts_connections(self) -> bool:
        parts = urlsplit(self.url)
        try:
            socket.create_connection((parts.hostname, parts.port), timeout=2).close()
        except ConnectionRefusedError:
            return False
        return True

    def stop(self) -> tuple[int, str]:
        """Wait for the exit (30 s at most); its code and what it wrote."""
        try:
            out, err = self.process.communicate(timeout=30)
        except subprocess.TimeoutExpired:
            self.process.kill()
            out, err = self.process.communicate()
            raise AssertionError(f"the app did not exit after SIGTERM: {err}") from None
        return self.process.returncode, out + err


@pytest.fixture
def app_process(tmp_path):
    started: list[App] = []

    def start(drain_timeout: str) -> App:
        app = App(tmp_path, drain_timeout)
        started.append(app)
        return app

    yield start
    for app in started:
        if app.process.poll() is None:
            app.process.kill()
            app.process.communicate()


async def _recv(ws, seconds: float = 10) -> dict:
    return orjson.loads(await asyncio.wait_for(ws.recv(), seconds))


async def _hello(ws) -> None:
    await ws.send('{"type":"hello"}')
    assert (await _recv(ws))["type"] == "welcome"


async def _trigger(ws, event_id: str, steps: str) -> None:
    trigger = {"type": "trigger", "event_id": event_id, "dep": 0, "data": [steps]}
    await ws.send(orjson.dumps(trigger).decode())


async def _until(ws, check) -> dict:
    while not check(message := await _recv(ws)):
        pass
    return message


async def _rest(ws) -> list[dict]:
    """Every message until the server closes the socket."""
    messages = []
    with pytest.raises(ConnectionClosed):
        while True:
            messages.append(await _recv(ws, 30))
    return messages


def _done(messages: list[dict], event_id: str) -> dict:
    return next(m for m in messages if m["type"] == "done" and m["event_id"] == event_id)


async def test_sigterm_lets_the_running_job_finish_and_fails_the_waiting_ones(app_process):
    app = app_process(drain_timeout="20")
    async with connect(app.ws_url) as ws:
        await _hello(ws)
        await _trigger(ws, "running", "20")  # about 2 s
        await _until(ws, lambda m: m["type"] == "output")
        await _trigger(ws, "waiting", "3")
        await _until(ws, lambda m: m["type"] == "queued" and m["event_id"] == "waiting")
        # An API client waits too (or, if its call is not in line yet, is refused the same way).
        api = asyncio.create_task(
            asyncio.to_thread(httpx.post, app.url + "/api/count", json={"data": ["4"]}, timeout=30)
        )
        await asyncio.sleep(0.5)  # its connection is made and its call sent
        app.process.send_signal(signal.SIGTERM)
        await _until(ws, lambda m: m["type"] == "restarting")
        assert not app.accepts_connections()
        messages = await _rest(ws)
        assert ws.close_code == 1012

    waiting = _done(messages, "waiting")
    assert not waiting["success"] and waiting["error"]["kind"] == "queue_full"
    assert "restarting" in waiting["error"]["message"]
    running = _done(messages, "running")
    assert running["success"] and not running.get("cancelled")
    answer = await api
    assert answer.status_code == 503 and "restarting" in answer.json()["error"]
    code, output = app.stop()
    assert code == 0, output
    assert "launch returned" in output
    assert (app.marks / "finally-20").read_text() == "ran"
    assert not (app.marks / "finally-3").exists()  # the waiting jobs never ran
    assert not (app.marks / "finally-4").exists()


async def test_a_job_still_running_at_the_drain_timeout_is_cancelled_with_its_finally_run(
    app_process,
):
    app = app_process(drain_timeout="0.5")
    async with connect(app.ws_url) as ws:
        await _hello(ws)
        await _trigger(ws, "endless", "600")  # a minute
        await _until(ws, lambda m: m["type"] == "output")
        started = time.monotonic()
        app.process.send_signal(signal.SIGTERM)
        messages = await _rest(ws)
    assert any(m["type"] == "restarting" for m in messages)
    assert _done(messages, "endless").get("cancelled") is True
    code, output = app.stop()
    assert code == 0, output
    assert time.monotonic() - started < 20
    assert (app.marks / "finally-600").read_text() == "ran"


def _in_process_app(finished: list[str]) -> gr.Blocks:
    def count(steps: str):
        try:
            for i in range(int(steps)):
                time.sleep(0.1)
                yield f"step {i}"
            yield "finished"
        finally:
            finished.append(steps)

    with gr.Blocks() as demo:
        box = gr.Textbox()
        out = gr.Textbox()
        box.submit(count, box, out, api_name="count")
    return demo


async def test_a_drain_without_a_signal_refuses_new_events_and_lets_running_ones_end():
    finished: list[str] = []
    demo = _in_process_app(finished)
    demo.launch(server_port=0, prevent_thread_lock=True, quiet=True)
    server = demo._server
    assert server is not None
    try:
        async with connect(demo.local_url.replace("http://", "ws://") + "/ws") as ws:
            await _hello(ws)
            await _trigger(ws, "running", "10")
            await _until(ws, lambda m: m["type"] == "output")
            stopping = asyncio.create_task(asyncio.to_thread(server.drain_and_stop, 10))
            await _until(ws, lambda m: m["type"] == "restarting")
            await _trigger(ws, "late", "1")
            messages = await _rest(ws)
            await stopping
        late = _done(messages, "late")
        assert not late["success"] and "restarting" in late["error"]["message"]
        assert _done(messages, "running")["success"]
        assert finished == ["10"]  # the late event never ran
    finally:
        demo.close()
