"""blocks.Client staying connected: a dropped socket resumes the session (running jobs go on,
nothing is lost), a restarted app gets a new session (calls made meanwhile run once it is
back; those that were running fail clearly), a redeployed app is called by endpoint name,
and a graceful restart sends again what the stopping app refused unrun. Real servers on
127.0.0.1; the drop is a real one, cut in a TCP relay between the client and the app."""

import os
import queue
import signal
import socket
import subprocess
import sys
import textwrap
import threading
import time

import pytest

import blocks as gr
from blocks.client import ConnectionLost, Status

resume = threading.Event()
started = threading.Event()


class Relay:
    """A TCP relay to ``port`` on 127.0.0.1; ``cut()`` drops every connection through it
    (new ones are relayed again)."""

    def __init__(self, port: int) -> None:
        self.target = port
        self.listener = socket.create_server(("127.0.0.1", 0))
        self.port = self.listener.getsockname()[1]
        self.pairs: list[tuple[socket.socket, socket.socket]] = []
        self.lock = threading.Lock()
        self.threads: list[threading.Thread] = []
        accepting = threading.Thread(target=self._accept, daemon=True)
        accepting.start()
        self.threads.append(accepting)

    def _accept(self) -> None:
        while True:
            try:
                client, _ = self.listener.accept()
            except OSError:
                return
            upstream = socket.create_connection(("127.0.0.1", self.target))
            with self.lock:
                self.pairs.append((client, upstream))
            for a, b in ((client, upstream), (upstream, client)):
                pump = threading.Thread(target=self._pump, args=(a, b), daemon=True)
                pump.start()
                self.threads.append(pump)

    @staticmethod
    def _pump(source: socket.socket, sink: socket.socket) -> None:
        try:
            while data := source.recv(65536):
                sink.sendall(data)
        except OSError:
            pass
        _shut(source, sink)

    def cut(self) -> None:
        with self.lock:
            pairs = list(self.pairs)
        for pair in pairs:
            _shut(*pair)

    def close(self) -> None:
        _shut(self.listener)  # wakes the accept
        self.listener.close()
        self.cut()
        for thread in self.threads:
            thread.join(5)
        for pair in self.pairs:
            for sock in pair:
                sock.close()


def _shut(*sockets: socket.socket) -> None:
    for sock in sockets:
        try:
            sock.shutdown(socket.SHUT_RDWR)
        except OSError:
            pass


def remember(text, seen):
    seen = [*seen, text]
    return ", ".join(seen), seen


def two_parts(text):
    yield f"{text}: part 1"
    started.set()
    resume.wait(5)
    yield f"{text}: part 2"


def _app(extra_first: bool = False) -> gr.Blocks:
    with gr.Blocks() as demo:
        box = gr.Textbox()
        out = gr.Textbox()
        if extra_first:  # a redeploy that renumbers the listeners
            gr.Button().click(str.upper, box, out, api_name="shout")
        seen = gr.State([])
        box.submit(remember, [box, seen], [out, seen], api_name="remember")
        gr.Button().click(two_parts, box, out, api_name="two_parts")
        gr.Button().click(lambda t: t + t, box, out, api_name="double")
    return demo


class Server:
    """The app on a fixed port: started, stopped, started again (maybe redeployed)."""

    def __init__(self, port: int) -> None:
        self.port = port
        self.demo: gr.Blocks | None = None

    def start(self, *, extra_first: bool = False) -> str:
        self.demo = _app(extra_first)
        self.demo.launch(server_port=self.port, prevent_thread_lock=True, quiet=True)
        return f"http://127.0.0.1:{self.port}"

    def stop(self) -> None:
        if self.demo is not None:
            self.demo.close()
            self.demo = None


@pytest.fixture
def server(free_port):
    resume.clear()
    started.clear()
    running = Server(free_port)
    yield running
    resume.set()
    running.stop()


def test_a_dropped_socket_resumes_the_session_and_its_running_job(server):
    server.start()
    relay = Relay(server.port)
    try:
        with gr.Client(f"http://127.0.0.1:{relay.port}") as client:
            client.predict("a", api_name="/remember")
            session = client.session_id
            job = client.submit("x", api_name="/two_parts")
            assert next(job) == "x: part 1" and started.wait(5)
            relay.cut()
            resume.set()
            assert job.result(10) == "x: part 2"
            assert job.outputs() == ["x: part 1", "x: part 2"]
            assert client.session_id == session
            assert client.predict("b", api_name="/remember") == "a, b"  # its State kept
    finally:
        relay.close()


def test_after_the_app_restarts_a_call_made_meanwhile_runs_in_a_new_session(server):
    url = server.start()
    with gr.Client(url) as client:
        client.predict("a", api_name="/remember")
        session = client.session_id
        running = client.submit("x", api_name="/two_parts")
        assert started.wait(5)
        server.stop()
        waiting = client.submit("b", api_name="/remember")
        server.start()
        with pytest.raises(ConnectionLost, match="may or may not have finished"):
            running.result(10)
        assert waiting.result(10) == "b"  # a new session: the State starts afresh
        assert client.session_id != session
        assert client.predict("c", api_name="/remember") == "b, c"


def test_a_redeployed_app_is_called_by_endpoint_name_not_by_number(server):
    url = server.start()
    with gr.Client(url) as client:
        assert client.predict("ab", api_name="/double") == "abab"
        server.stop()
        server.start(extra_first=True)  # every listener's number moved by one
        assert client.predict("ab", api_name="/double", timeout=10) == "abab"
        assert client.predict("ab", api_name="/shout") == "AB"


def test_a_call_fails_when_the_app_does_not_come_back_in_time(server):
    url = server.start()
    with gr.Client(url, reconnect_timeout=0.3) as client:
        server.stop()
        with pytest.raises(ConnectionLost, match=r"could not reconnect within 0\.3 s"):
            client.predict("x", api_name="/double", timeout=10)
        server.start()
        assert client.predict("x", api_name="/double", timeout=10) == "xx"  # tried again


GRACEFUL = textwrap.dedent(
    """
    import sys, time
    import blocks as gr

    def slow(text):
        time.sleep(0.5)
        return text.upper()

    with gr.Blocks() as demo:
        box = gr.Textbox()
        box.submit(slow, box, gr.Textbox(), api_name="slow", concurrency_limit=1)
    demo.launch(server_port=int(sys.argv[1]))
    """
)


def _until(ready, seconds=10.0):
    deadline = time.monotonic() + seconds
    while not ready():
        assert time.monotonic() < deadline, "timed out waiting"
        time.sleep(0.01)


def _start_app(script, port):
    """The app in its own process, once it printed its URL (its output read by a thread: a
    select() on the pipe misses lines already buffered)."""
    process = subprocess.Popen(
        [sys.executable, str(script), str(port)],
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        env={**os.environ, "BLOCKS_DRAIN_TIMEOUT": "5"},
    )
    lines: queue.Queue[str] = queue.Queue()

    def read() -> None:
        assert process.stdout is not None
        with process.stdout:
            for line in process.stdout:
                lines.put(line)
        lines.put("")

    threading.Thread(target=read, daemon=True).start()
    while line := lines.get(timeout=30):
        if "Running on local URL" in line:
            return process
    process.kill()
    raise AssertionError("the app exited before printing its URL")


@pytest.mark.slow
@pytest.mark.skipif(sys.platform == "win32", reason="POSIX signals")
def test_calls_a_stopping_app_refused_unrun_are_sent_again_after_its_restart(tmp_path, free_port):
    script = tmp_path / "app.py"
    script.write_text(GRACEFUL)
    process = _start_app(script, free_port)
    again = None
    try:
        with gr.Client(f"http://127.0.0.1:{free_port}") as client:
            first = client.submit("first", api_name="/slow")
            second = client.submit("second", api_name="/slow")  # waits behind the first
            _until(lambda: second.status().code is Status.IN_QUEUE)
            process.send_signal(signal.SIGTERM)  # drains: the first finishes, the second
            assert first.result(30) == "FIRST"  # is refused, as it never ran
            process.wait(30)
            again = _start_app(script, free_port)
            assert second.result(30) == "SECOND"
    finally:
        for running in (process, again):
            if running is not None and running.poll() is None:
                running.kill()
                running.wait()
