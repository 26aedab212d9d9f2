"""The sans-I/O connection state machine: frames fed in, frames and closes out, no socket."""

import asyncio
import logging

import orjson
import pytest
from websockets.asyncio.client import connect
from websockets.exceptions import ConnectionClosed

import blocks as gr
from blocks.exceptions import InvalidTransition
from blocks.runtime.connection import Close, Connection, Phase
from blocks.runtime.session import ConnectionState


@pytest.fixture
def runtime():
    with gr.Blocks() as demo:
        box = gr.Textbox()
        out = gr.Textbox()
        gr.Button().click(lambda text: text + "!", box, out)
    yield demo.runtime
    demo.close()


def frame(**message) -> bytes:
    return orjson.dumps(message)


def drained(connection: Connection) -> list[dict]:
    messages = []
    for raw in connection.drain():
        messages.append(orjson.loads(raw))
        connection.sent(raw)
    return messages


def opened(runtime) -> Connection:
    connection = Connection(runtime)
    assert connection.receive(frame(type="hello")) is None
    drained(connection)
    return connection


async def until_done(connection: Connection) -> list[dict]:
    messages: list[dict] = []
    async with asyncio.timeout(5):
        while not any(message["type"] == "done" for message in messages):
            await connection.wakeup.wait()
            messages.extend(drained(connection))
    return messages


async def test_a_hello_is_answered_with_a_welcome_to_a_new_session(runtime):
    connection = Connection(runtime)
    assert connection.phase is Phase.AWAITING_HELLO and connection.drain() == []
    assert connection.receive(b'{"type":"hello"}') is None
    session = connection.session
    assert connection.phase is Phase.OPEN and runtime.sessions == {session.id: session}
    assert drained(connection) == [
        {"type": "welcome", "session_id": session.id, "resumed": False, "seq": 0, "v": 1}
    ]
    assert drained(connection) == []


async def test_a_trigger_before_the_hello_closes_with_the_reason_and_opens_no_session(runtime):
    connection = Connection(runtime)
    close = connection.receive(frame(type="trigger", event_id="e1", dep=0, data=["a"]))
    assert close == Close(1008, "the first message must be 'hello', got 'trigger'")
    assert connection.phase is Phase.CLOSED
    assert connection.session is None and runtime.sessions == {}
    assert connection.drain() == []


async def test_malformed_json_before_the_hello_closes_with_what_is_wrong(runtime):
    close = Connection(runtime).receive("{not json")
    assert close is not None and close.code == 1008
    assert close.reason.startswith("message is not valid JSON")


async def test_a_long_close_reason_is_cut_to_what_a_close_frame_holds(runtime):
    close = Connection(runtime).receive(frame(type="é" * 200))
    assert close is not None and close.reason.startswith("invalid")
    assert len(close.reason.encode()) <= 123


async def test_a_second_hello_is_answered_with_a_protocol_error_and_the_page_stays(runtime):
    connection = opened(runtime)
    assert connection.receive(frame(type="hello")) is None
    assert drained(connection) == [
        {
            "type": "log",
            "level": "error",
            "message": "'hello' may only be sent once, first: expected 'trigger', 'cancel' "
            "or 'ack', got 'hello'",
            "title": "Protocol error",
            "event_id": None,
            "seq": 1,
        }
    ]
    assert connection.phase is Phase.OPEN


async def test_malformed_json_once_open_is_a_protocol_error_without_a_traceback(runtime, caplog):
    connection = opened(runtime)
    with caplog.at_level(logging.DEBUG, logger="blocks"):
        assert connection.receive(b"{oops") is None
    (error,) = drained(connection)
    assert error["type"] == "log" and error["level"] == "error"
    assert error["title"] == "Protocol error"
    assert error["message"].startswith("message is not valid JSON:")
    assert "Traceback" not in error["message"]
    assert not [record for record in caplog.records if record.exc_info]
    assert connection.phase is Phase.OPEN


async def test_a_trigger_once_open_runs_its_listener_and_its_done_comes_out(runtime):
    connection = opened(runtime)
    trigger = frame(type="trigger", event_id="e1", dep=0, data=["hi"])
    assert connection.receive(trigger) is None
    (done,) = await until_done(connection)
    assert done["event_id"] == "e1" and done["success"] is True
    assert done["patches"][0]["ops"] == [{"op": "replace", "path": [], "value": "hi!"}]


async def test_a_trigger_for_an_unknown_dependency_is_a_failed_event_not_a_close(runtime):
    connection = opened(runtime)
    assert connection.receive(frame(type="trigger", event_id="e1", dep=99)) is None
    (done,) = drained(connection)
    assert done["type"] == "done" and done["success"] is False
    assert "no dependency 99" in done["error"]["message"]


async def test_a_known_session_resumes_and_replays_what_the_page_missed(runtime):
    first = opened(runtime)
    session = first.session
    for text in ("one", "two", "three"):
        session.deliver({"type": "log", "level": "info", "message": text})
    assert [message["seq"] for message in drained(first)] == [1, 2, 3]
    first.disconnected(4000)  # an abnormal drop: the session waits for the page
    assert session.connection is ConnectionState.DETACHED
    again = Connection(runtime)
    assert again.receive(frame(type="hello", session_id=session.id, last_seq=1)) is None
    assert again.session is session and session.connection is ConnectionState.CONNECTED
    welcome, *replayed = drained(again)
    assert welcome == {
        "type": "welcome",
        "session_id": session.id,
        "resumed": True,
        "seq": 3,
        "v": 1,
    }
    assert [(message["seq"], message["message"]) for message in replayed] == [
        (2, "two"),
        (3, "three"),
    ]


async def test_an_unknown_session_id_starts_a_fresh_session(runtime):
    connection = Connection(runtime)
    connection.receive(frame(type="hello", session_id="nope", last_seq=5))
    (welcome,) = drained(connection)
    assert welcome["resumed"] is False and welcome["session_id"] not in ("nope", None)


async def test_a_page_going_away_closes_its_session_and_a_drop_keeps_it(runtime):
    leaving, dropped = opened(runtime), opened(runtime)
    leaving.disconnected(1001)
    dropped.disconnected(None)
    assert leaving.session.connection is ConnectionState.CLOSED
    assert leaving.session.id not in runtime.sessions
    assert dropped.session.connection is ConnectionState.DETACHED
    assert leaving.phase is Phase.CLOSED and dropped.phase is Phase.CLOSED


async def test_an_ack_lets_the_session_forget_what_it_kept_for_a_resume(runtime):
    connection = opened(runtime)
    connection.session.deliver({"type": "heartbeat"})
    drained(connection)
    assert connection.session.outbox.can_replay_after(0)
    connection.receive(frame(type="ack", seq=1))
    assert not connection.session.outbox.can_replay_after(0)
    assert connection.session.outbox.can_replay_after(1)


async def test_the_welcome_does_not_count_against_the_backpressure_of_the_outbox(runtime):
    connection = Connection(runtime)
    connection.receive(frame(type="hello"))
    connection.session.deliver({"type": "heartbeat"})
    frames = connection.drain()
    assert len(frames) == 2
    connection.sent(frames[0])  # the welcome
    assert connection.session.outbox.pending_bytes == len(frames[1])
    connection.sent(frames[1])
    assert connection.session.outbox.pending_bytes == 0


async def test_idle_sends_a_heartbeat_and_is_refused_before_the_hello(runtime):
    waiting = Connection(runtime)
    with pytest.raises(InvalidTransition, match="needs an open connection"):
        waiting.idle()
    connection = opened(runtime)
    connection.idle()
    assert drained(connection) == [{"type": "heartbeat", "seq": 1}]


async def test_the_hello_timeout_closes_a_silent_socket_but_not_an_open_one(runtime):
    silent = Connection(runtime)
    assert silent.hello_timed_out() == Close(1008, "expected 'hello', got nothing in time")
    assert silent.phase is Phase.CLOSED
    connection = opened(runtime)
    with pytest.raises(InvalidTransition, match="awaiting hello, this one is open"):
        connection.hello_timed_out()
    assert connection.phase is Phase.OPEN


async def test_feeding_a_closed_connection_raises_invalid_transition(runtime):
    connection = opened(runtime)
    connection.disconnected(1000)
    with pytest.raises(InvalidTransition, match="expected no frame, got one"):
        connection.receive(frame(type="ack", seq=0))
    with pytest.raises(InvalidTransition, match="from closed to closed"):
        connection.disconnected(1000)


def test_the_phases_move_only_forward():
    connection = Connection(runtime=None)  # type: ignore[arg-type]
    connection.move(Phase.OPEN)
    with pytest.raises(InvalidTransition, match="from open to awaiting hello"):
        connection.move(Phase.AWAITING_HELLO)


@pytest.fixture
def ws_url():
    with gr.Blocks() as demo:
        gr.Textbox()
    demo.launch(server_port=0, prevent_thread_lock=True, quiet=True)
    yield demo.local_url.replace("http://", "ws://") + "/ws"
    demo.close()


async def test_the_route_closes_the_socket_with_the_reason_the_connection_gives(ws_url):
    async with connect(ws_url) as ws:
        await ws.send('{"type":"trigger","event_id":"e1","dep":0}')
        with pytest.raises(ConnectionClosed):
            await asyncio.wait_for(ws.recv(), 5)
    assert ws.close_code == 1008
    assert ws.close_reason == "the first message must be 'hello', got 'trigger'"


async def test_the_route_closes_a_socket_that_sends_no_hello_in_time(ws_url, monkeypatch):
    monkeypatch.setattr("blocks.server.routes.HELLO_TIMEOUT_SECONDS", 0.1)
    async with connect(ws_url) as ws:
        with pytest.raises(ConnectionClosed):
            await asyncio.wait_for(ws.recv(), 5)
    assert ws.close_code == 1008 and ws.close_reason == "expected 'hello', got nothing in time"
