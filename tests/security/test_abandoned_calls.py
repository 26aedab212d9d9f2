"""Class 7: an HTTP client (``/api`` and ``/v1``, streaming or not) that goes away cancels its
job at once (its ``finally`` runs), and the caller waiting for the slot is served.
(Pages that drop: tests/reliability/test_abandoned_work.py.)
"""

from __future__ import annotations

import asyncio
import socket
import struct
import threading
import time
from collections.abc import Callable

import httpx
import orjson
import pytest

import blocks as gr


async def eventually(check: Callable[[], bool], timeout: float = 10.0) -> None:
    deadline = time.monotonic() + timeout
    while not check():
        if time.monotonic() > deadline:
            raise AssertionError(f"still not true after {timeout} s: {check}")
        await asyncio.sleep(0.01)


# ---------------------------------------------------------------- HTTP clients that leave

STARTED = threading.Event()
STOPPED = threading.Event()


def chat(message, history):
    if message != "leave":
        yield f"hi {message} ({len(history)} earlier)"
        return
    STARTED.set()
    shown = ""
    try:
        while True:
            time.sleep(0.02)
            shown += "."
            yield shown
    finally:
        STOPPED.set()


@pytest.fixture(scope="module")
def chat_app():
    demo = gr.ChatInterface(chat)  # one job at a time (the default concurrency limit)
    demo.launch(server_port=0, prevent_thread_lock=True, quiet=True)
    yield demo
    demo.close()


def _leaving_request(url: str, path: str, body: dict) -> socket.socket:
    """Send a POST over a raw socket, which the test closes to leave mid-call."""
    host, port = url.removeprefix("http://").split(":")
    sock = socket.create_connection((host, int(port)))
    content = orjson.dumps(body)
    head = (
        f"POST {path} HTTP/1.1\r\nHost: {host}:{port}\r\nContent-Type: application/json\r\n"
        f"Content-Length: {len(content)}\r\n\r\n"
    )
    sock.sendall(head.encode() + content)
    return sock


ROUTES = {
    "api": ("/api/chat", {"data": ["leave"]}),
    "api kept session": ("/api/chat", {"data": ["leave"]}),
    "api stream": ("/api/chat/stream", {"data": ["leave"]}),
    "v1": ("/v1/chat/completions", {"messages": [{"role": "user", "content": "leave"}]}),
    "v1 stream": (
        "/v1/chat/completions",
        {"messages": [{"role": "user", "content": "leave"}], "stream": True},
    ),
}


@pytest.mark.parametrize("route", list(ROUTES))
async def test_an_http_client_that_leaves_cancels_its_job_and_the_next_caller_is_served(
    chat_app, route
):
    url = chat_app.local_url
    runtime = chat_app.runtime
    STARTED.clear()
    STOPPED.clear()
    path, body = ROUTES[route]
    kept = None
    if route == "api kept session":
        kept = httpx.post(url + "/api/chat", json={"data": ["first"]}).json()["session_id"]
        body = {**body, "session_id": kept}
    leaving = _leaving_request(url, path, body)
    try:
        assert await asyncio.to_thread(STARTED.wait, 5)
        if "stream" in route:
            assert leaving.recv(4096)  # the answer has begun: 200 and the first events
        # An honest caller waits for the one slot meanwhile.
        honest = asyncio.create_task(
            asyncio.to_thread(httpx.post, url + "/api/chat", json={"data": ["there"]}, timeout=15)
        )
        await eventually(lambda: runtime.queue.waiting_count == 1)
        assert not STOPPED.is_set()
    finally:
        # Reset (not a FIN) so the server learns at once, as when a client is killed.
        leaving.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
        leaving.close()
    assert await asyncio.to_thread(STOPPED.wait, 5)  # the job's finally ran
    answer = await honest
    assert answer.status_code == 200
    assert answer.json()["data"] == ["hi there (0 earlier)"]
    if kept is not None:
        # The kept session survives its abandoned call, its history as the last answer left it.
        again = httpx.post(url + "/api/chat", json={"data": ["again"], "session_id": kept})
        assert again.json()["data"] == ["hi again (2 earlier)"]  # one exchange: its two messages
