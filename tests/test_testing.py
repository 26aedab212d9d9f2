"""blocks.testing is a harness to trust: real frames through the route's parser, copies kept."""

import asyncio
import time

import orjson
import pytest
from websockets.asyncio.client import connect

import blocks as gr
from blocks.testing import TestClient, update_sent


def _echo_app() -> tuple[gr.Blocks, gr.Textbox, gr.Button]:
    with gr.Blocks() as demo:
        box = gr.Textbox()
        out = gr.Textbox()
        button = gr.Button()
        button.click(lambda text: (text or "") + "!", box, out)
    return demo, out, button


def test_a_recorded_message_does_not_change_when_the_server_mutates_what_it_sent():
    held = ["first"]
    with gr.Blocks() as demo:
        out = gr.JSON()
        button = gr.Button()
        button.click(lambda: held, None, out)
    with TestClient(demo) as client:
        run = client.click(button)
        held.append("added by the server afterwards")
        held[0] = "rewritten"
        assert run.done["patches"][0]["ops"] == [{"op": "replace", "path": [], "value": ["first"]}]
        assert client.received[-1] == run.done
        assert client.value(out) == ["first"]


def test_a_later_delta_does_not_rewrite_what_an_earlier_run_received():
    calls: list[int] = []

    def grow():
        calls.append(len(calls))
        return list(calls)

    with gr.Blocks() as demo:
        out = gr.JSON()
        button = gr.Button()
        button.click(grow, None, out)
    with TestClient(demo) as client:
        first = client.click(button)
        second = client.click(button)
        # The second answer is a delta applied in place to the page's value ...
        assert second.done["patches"][0]["ops"] == [{"op": "extend", "path": [], "value": [1]}]
        assert client.value(out) == [0, 1]
        # ... which must not reach into the first answer as it was recorded.
        assert first.done["patches"][0]["ops"] == [{"op": "replace", "path": [], "value": [0]}]


def test_a_page_opens_with_a_hello_and_records_the_welcome_first():
    demo, _, _ = _echo_app()
    with TestClient(demo) as client:
        welcome = client.received[0]
        assert welcome == {
            "type": "welcome",
            "session_id": client.session.id,
            "resumed": False,
            "seq": 0,
            "v": 1,
        }


def test_a_raw_trigger_frame_runs_like_one_from_a_browser():
    demo, out, _ = _echo_app()
    with TestClient(demo) as client:
        answered = client.send_frame('{"type":"trigger","event_id":"raw","dep":0,"data":["hi"]}')
        # The job may or may not have finished by now; whatever came back is that event's.
        assert all(message.get("event_id") == "raw" for message in answered), answered
        deadline = time.monotonic() + 5
        while client.value(out) != "hi!" and time.monotonic() < deadline:
            time.sleep(0.01)
        assert client.value(out) == "hi!"
        assert client.received[-1]["event_id"] == "raw" and client.received[-1]["success"]


def test_the_server_hears_acks_so_it_keeps_nothing_the_page_has_applied():
    demo, _, button = _echo_app()
    with TestClient(demo) as client:
        assert client.click(button).success
        outbox = client.session.outbox
        assert not outbox.can_replay_after(0)  # the page acknowledged up to its last seq
        assert outbox.can_replay_after(client.received[-1]["seq"])


def test_closing_a_page_closes_its_session():
    demo, _, _ = _echo_app()
    with TestClient(demo) as client:
        page = client.new_page()
        page.close_page()
        assert page.session.id not in client.runtime.sessions
        assert client.session.id in client.runtime.sessions


def test_update_sent_reports_what_a_returned_component_changes():
    assert update_sent(gr.Textbox(label="Name")) == {"label": "Name"}
    assert update_sent(gr.Textbox("hi")) == {"value": "hi"}


MALFORMED = [
    "{not json",
    "[1, 2]",
    '{"type":"trigger","dep":0}',
    '{"type":"nonsense"}',
    '{"type":"ack","seq":1,"v":7}',
    '{"type":"hello"}',  # a second hello
]


async def _over_the_websocket(url: str, frames: list[str]) -> list[dict]:
    answers = []
    async with connect(url) as ws:
        await ws.send('{"type":"hello"}')
        await ws.recv()
        for frame in frames:
            await ws.send(frame)
            answers.append(orjson.loads(await asyncio.wait_for(ws.recv(), 5)))
    return answers


@pytest.fixture
def served_url():
    demo, _, _ = _echo_app()
    demo.launch(server_port=0, prevent_thread_lock=True, quiet=True)
    yield demo.local_url.replace("http://", "ws://") + "/ws"
    demo.close()


def test_a_malformed_frame_gets_the_same_protocol_error_as_over_the_websocket(served_url):
    over_the_wire = asyncio.run(_over_the_websocket(served_url, MALFORMED))
    demo, _, _ = _echo_app()
    with TestClient(demo) as client:
        in_process = [client.send_frame(frame) for frame in MALFORMED]
    assert [[answer] for answer in over_the_wire] == in_process
    assert all(answer["title"] == "Protocol error" for answer in over_the_wire)
    assert "not valid JSON" in over_the_wire[0]["message"]
    assert "may only be sent once" in over_the_wire[-1]["message"]
