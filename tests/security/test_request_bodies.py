"""JSON API bodies have a size limit, checked before the body is held: a declared
Content-Length over it is refused at once, a chunked body as soon as it passes it."""

import socket
import threading
from collections.abc import Iterator
from pathlib import Path

import httpx
import orjson
import pytest

import blocks as gr
from blocks.server.bodies import DEFAULT_MAX_BODY_SIZE, max_body_size

MIB = 1024 * 1024
CHUNK = b" " * (64 * 1024)
ROUTES = ["/api/reply", "/api/reply/stream", "/v1/chat/completions"]


def _rss_bytes() -> int:
    # The server runs in a thread of this process: its memory is ours.
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) * 1024
    raise AssertionError("no VmRSS in /proc/self/status")


@pytest.fixture
def served(monkeypatch):
    monkeypatch.setenv("BLOCKS_MAX_BODY_SIZE", "1mb")
    calls: list[str] = []

    def reply(message, history):
        calls.append(message)
        return f"{len(message)} characters"

    demo = gr.ChatInterface(reply)
    demo.launch(server_port=0, prevent_thread_lock=True, quiet=True)
    yield demo, calls
    demo.close()


def _declared_only(url: str, path: str, length: int) -> tuple[bytes, bytes]:
    """Declare ``length`` bytes, send 9 of them, and read the answer: (head, body)."""
    host, port = url.removeprefix("http://").split(":")
    with socket.create_connection((host, int(port)), timeout=5) as sock:
        head = (
            f"POST {path} HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
            f"Content-Length: {length}\r\n\r\n"
        )
        sock.sendall(head.encode() + b'{"data": ')
        answer = b""
        while chunk := sock.recv(65536):  # the server closes after refusing
            answer += chunk
    head_part, _, body = answer.partition(b"\r\n\r\n")
    return head_part, body


@pytest.mark.parametrize("path", ROUTES)
def test_a_body_declaring_more_than_the_limit_is_refused_413_before_the_function_runs(served, path):
    demo, calls = served
    head, body = _declared_only(demo.local_url, path, 300 * MIB)
    assert head.startswith(b"HTTP/1.1 413")
    message = orjson.loads(body)["error"]
    text = message if isinstance(message, str) else message["message"]
    assert "1 MiB" in text and "BLOCKS_MAX_BODY_SIZE" in text
    assert calls == []


def _chunks(total: int, sent: list[int], pause: threading.Event | None = None) -> Iterator[bytes]:
    for index in range(total // len(CHUNK)):
        if pause is not None and index == 4:
            assert pause.wait(10), "the honest client was not served meanwhile"
        sent[0] += len(CHUNK)
        yield CHUNK


@pytest.mark.parametrize("path", ROUTES)
def test_a_chunked_body_past_the_limit_is_refused_413_without_the_server_holding_it(served, path):
    demo, calls = served
    assert httpx.post(demo.local_url + "/api/reply", json={"data": ["warm"]}).status_code == 200
    calls.clear()
    before = _rss_bytes()
    sent = [0]
    # No Content-Length: httpx sends a generator as Transfer-Encoding: chunked.
    answer = httpx.post(demo.local_url + path, content=_chunks(32 * MIB, sent), timeout=20)
    growth = _rss_bytes() - before
    assert answer.status_code == 413
    assert "BLOCKS_MAX_BODY_SIZE" in answer.text
    assert calls == []
    # The server stopped reading near the limit (what it had not read stayed unsent)...
    assert sent[0] < 32 * MIB
    # ... and held at most about the limit, not the 32 MiB body (a generous margin).
    assert growth < 12 * MIB, f"RSS grew by {growth / MIB:.1f} MiB"


def test_an_honest_client_is_served_while_an_oversized_body_streams_in(served):
    demo, calls = served
    honest_done = threading.Event()
    sent = [0]
    result: list[httpx.Response] = []

    def upload() -> None:
        body = _chunks(8 * MIB, sent, pause=honest_done)
        result.append(httpx.post(demo.local_url + "/api/reply", content=body, timeout=20))

    uploader = threading.Thread(target=upload)
    uploader.start()
    try:
        answer = httpx.post(demo.local_url + "/api/reply", json={"data": ["hi"]}, timeout=10)
        assert answer.status_code == 200 and answer.json()["data"] == ["2 characters"]
    finally:
        honest_done.set()
        uploader.join(20)
    assert result and result[0].status_code == 413
    assert calls == ["hi"]


def test_a_body_within_the_limit_is_served(served):
    demo, calls = served
    text = "x" * 900_000  # near the limit, within what a Textbox takes
    answer = httpx.post(demo.local_url + "/api/reply", json={"data": [text]}, timeout=10)
    assert answer.status_code == 200, answer.text
    assert answer.json()["data"] == [f"{len(text)} characters"]
    completion = httpx.post(
        demo.local_url + "/v1/chat/completions",
        json={"model": "reply", "messages": [{"role": "user", "content": "hello"}]},
        timeout=10,
    )
    assert completion.status_code == 200
    assert completion.json()["choices"][0]["message"]["content"] == "5 characters"
    assert calls == [text, "hello"]


def test_the_limit_is_16_mib_unless_blocks_max_body_size_says_otherwise(monkeypatch):
    monkeypatch.delenv("BLOCKS_MAX_BODY_SIZE", raising=False)
    assert max_body_size() == DEFAULT_MAX_BODY_SIZE == 16 * MIB
    monkeypatch.setenv("BLOCKS_MAX_BODY_SIZE", "32mb")
    assert max_body_size() == 32 * MIB
    monkeypatch.setenv("BLOCKS_MAX_BODY_SIZE", "4096")
    assert max_body_size() == 4096
    for bad in ("lots", "0", "-5mb"):
        monkeypatch.setenv("BLOCKS_MAX_BODY_SIZE", bad)
        with pytest.raises(ValueError, match="BLOCKS_MAX_BODY_SIZE must be"):
            max_body_size()
