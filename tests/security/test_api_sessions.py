"""API sessions do not accumulate: one-shot calls leave none (or at most the cap, when they
hold State a client may come back for), kept ones expire when idle, and a client whose
session was forgotten is told so instead of silently losing its State."""

import threading
import time

import httpx
import pytest

import blocks as gr
from blocks.runtime.api_sessions import (
    API_SESSION_CAP,
    API_SESSION_IDLE_SECONDS,
    api_session_limits,
)

CAP = 50


def counting(message, history):
    return f"{len(history)} earlier messages, then {message}"


def _serve(demo: gr.Blocks) -> gr.Blocks:
    demo.launch(server_port=0, prevent_thread_lock=True, quiet=True)
    return demo


@pytest.fixture
def chat(monkeypatch):
    monkeypatch.setenv("BLOCKS_API_SESSION_CAP", str(CAP))
    demo = _serve(gr.ChatInterface(counting))
    yield demo
    demo.close()


@pytest.fixture
def echo():
    with gr.Blocks() as demo:
        box = gr.Textbox()
        box.submit(lambda text: text, box, box, api_name="echo")
    yield _serve(demo)
    demo.close()


def _call(client: httpx.Client, demo: gr.Blocks, *data: str, **extra: str) -> httpx.Response:
    return client.post(demo.local_url + "/api/counting", json={"data": list(data), **extra})


def _wait_for(condition, seconds: float = 5.0) -> None:
    deadline = time.monotonic() + seconds
    while not condition() and time.monotonic() < deadline:
        time.sleep(0.01)


def test_two_thousand_one_shot_chat_calls_leave_at_most_the_cap_of_sessions(chat):
    with httpx.Client(timeout=10) as client:
        for index in range(2000):
            assert _call(client, chat, f"hello {index}").status_code == 200
    stats = chat.runtime.session_stats()
    assert stats["api_cap"] == CAP
    assert stats["sessions"] <= CAP and stats["api_kept"] <= CAP
    assert stats["api_in_call"] == 0


def test_one_shot_calls_without_state_and_chat_completions_leave_no_session(chat, echo):
    with httpx.Client(timeout=10) as client:
        for index in range(200):
            answer = client.post(echo.local_url + "/api/echo", json={"data": [str(index)]})
            assert answer.json()["data"] == [str(index)]
            completion = client.post(
                chat.local_url + "/v1/chat/completions",
                json={"messages": [{"role": "user", "content": str(index)}]},
            )
            assert completion.status_code == 200
    _wait_for(lambda: echo.runtime.session_stats()["sessions"] == 0)
    assert echo.runtime.session_stats()["sessions"] == 0
    assert chat.runtime.session_stats()["sessions"] == 0


def test_a_session_id_returned_by_a_call_keeps_the_chat_history_for_the_next_call(chat):
    with httpx.Client(timeout=10) as client:
        first = _call(client, chat, "one").json()
        assert first["data"] == ["0 earlier messages, then one"]
        second = _call(client, chat, "two", session_id=first["session_id"]).json()
        assert second["data"] == ["2 earlier messages, then two"]
        assert second["session_id"] == first["session_id"]
        # A call without the id starts afresh.
        assert _call(client, chat, "three").json()["data"] == ["0 earlier messages, then three"]


def _assert_expired(answer: httpx.Response) -> None:
    assert answer.status_code == 410
    body = answer.json()
    assert body["kind"] == "session_expired" and body["title"] == "Session expired"
    assert "expired" in body["error"] and 'without "session_id"' in body["error"]


def test_a_session_evicted_by_the_cap_gets_410_saying_the_session_expired(chat):
    with httpx.Client(timeout=10) as client:
        oldest = _call(client, chat, "first").json()["session_id"]
        recent = _call(client, chat, "second").json()["session_id"]
        for index in range(CAP):
            _call(client, chat, f"filler {index}")
        _assert_expired(_call(client, chat, "again", session_id=oldest))
        _assert_expired(_call(client, chat, "again", session_id=recent))
        # A session in use is the most recently used: the cap evicts others first.
        kept = _call(client, chat, "kept").json()["session_id"]
        for index in range(2 * CAP):
            _call(client, chat, f"filler {index}")
            if index % 10 == 0:
                assert _call(client, chat, "still", session_id=kept).status_code == 200
        assert _call(client, chat, "last", session_id=kept).status_code == 200


def test_a_session_whose_call_is_running_is_not_evicted_by_the_calls_of_others(monkeypatch):
    monkeypatch.setenv("BLOCKS_API_SESSION_CAP", "3")
    release = threading.Event()

    def patient(message, history):
        if message == "wait":
            assert release.wait(10)
        return f"{len(history)} earlier messages, then {message}"

    demo = _serve(gr.ChatInterface(patient, concurrency_limit=None))
    url = demo.local_url + "/api/patient"
    try:
        with httpx.Client(timeout=10) as client:
            session_id = client.post(url, json={"data": ["hi"]}).json()["session_id"]
            waiting: list[httpx.Response] = []
            body = {"data": ["wait"], "session_id": session_id}
            caller = threading.Thread(target=lambda: waiting.append(httpx.post(url, json=body)))
            caller.start()
            _wait_for(lambda: demo.runtime.session_stats()["api_in_call"] == 1)
            for index in range(20):  # far past the cap meanwhile
                assert client.post(url, json={"data": [str(index)]}).status_code == 200
            release.set()
            caller.join(10)
            assert waiting[0].json()["data"] == ["2 earlier messages, then wait"]
            again = client.post(url, json={"data": ["end"], "session_id": session_id})
            assert again.json()["data"] == ["4 earlier messages, then end"]
    finally:
        release.set()
        demo.close()


def test_a_session_idle_past_the_limit_gets_410_and_is_freed_without_further_calls(
    monkeypatch,
):
    monkeypatch.setenv("BLOCKS_API_SESSION_IDLE_SECONDS", "1.5")
    demo = _serve(gr.ChatInterface(counting))
    try:
        with httpx.Client(timeout=10) as client:
            session_id = _call(client, demo, "hello").json()["session_id"]
            assert demo.runtime.session_stats()["api_kept"] == 1
            # Freed by the runtime's own timer: no call is needed to sweep it.
            _wait_for(lambda: demo.runtime.session_stats()["sessions"] == 0, seconds=10)
            assert demo.runtime.session_stats()["sessions"] == 0
            _assert_expired(_call(client, demo, "again", session_id=session_id))
            _assert_expired(_call(client, demo, "again", session_id="never-issued"))
    finally:
        demo.close()


def test_an_unknown_session_id_for_an_endpoint_without_state_starts_a_fresh_session(echo):
    answer = httpx.post(
        echo.local_url + "/api/echo", json={"data": ["hi"], "session_id": "long-gone"}
    )
    assert answer.status_code == 200
    assert answer.json()["data"] == ["hi"] and answer.json()["session_id"] != "long-gone"


def test_the_limits_are_1000_sessions_and_10_minutes_unless_the_environment_says_otherwise(
    monkeypatch,
):
    monkeypatch.delenv("BLOCKS_API_SESSION_CAP", raising=False)
    monkeypatch.delenv("BLOCKS_API_SESSION_IDLE_SECONDS", raising=False)
    assert api_session_limits() == (API_SESSION_CAP, API_SESSION_IDLE_SECONDS) == (1000, 600.0)
    monkeypatch.setenv("BLOCKS_API_SESSION_CAP", "20")
    monkeypatch.setenv("BLOCKS_API_SESSION_IDLE_SECONDS", "90")
    assert api_session_limits() == (20, 90.0)
    for bad in ("many", "-1", "inf"):
        monkeypatch.setenv("BLOCKS_API_SESSION_CAP", bad)
        with pytest.raises(ValueError, match="BLOCKS_API_SESSION_CAP must be"):
            api_session_limits()
