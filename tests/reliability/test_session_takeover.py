"""A live page's session cannot be taken over: a second socket whose hello names a session that
is still connected gets a session of its own (it reads none of the page's messages and cannot
cancel its jobs). (That an API call cannot join a page's session: tests/security.)"""

from __future__ import annotations

import threading

import pytest
from page_client import PageClient, eventually

import blocks as gr
from blocks.runtime.session import ConnectionState


@pytest.fixture
def gated():
    calls: list[str] = []
    gate = threading.Event()

    def work(text: str, items: list[str]) -> tuple[str, list[str]]:
        calls.append(text)
        if text == "owner":
            gate.wait(10)
        items = [*items, text]
        return f"{text}: {len(items)}", items

    with gr.Blocks() as demo:
        box = gr.Textbox()
        out = gr.Textbox()
        items = gr.State([])
        gr.Button().click(work, [box, items], [out, items], api_name="work")
    demo.launch(server_port=0, prevent_thread_lock=True, quiet=True)
    yield demo, calls, gate
    gate.set()
    demo.close()


@pytest.mark.parametrize("last_seq", [0, 10**6], ids=["replayable", "beyond the outbox"])
async def test_a_hello_naming_a_connected_session_gets_a_session_of_its_own(gated, last_seq):
    demo, calls, gate = gated
    owner = await PageClient.open(demo.local_url)
    event = await owner.trigger(0, "owner", None)
    await eventually(lambda: calls == ["owner"])

    intruder = await PageClient.open(demo.local_url, session_id=owner.session_id, last_seq=last_seq)
    assert intruder.welcome["resumed"] is False
    assert intruder.session_id != owner.session_id
    await intruder.cancel(event)  # names the owner's job: not the intruder's to cancel
    intruder_event = await intruder.trigger(0, "intruder", None)
    await eventually(lambda: demo.runtime.queue.waiting_count == 1)
    gate.set()

    done = await owner.done(event)
    assert done["success"] is True  # the owner's job ran to its end, not cancelled
    assert (await intruder.done(intruder_event))["success"] is True  # served, on its own
    assert demo.runtime.sessions[owner.session_id].connection is ConnectionState.CONNECTED
    assert all(message.get("event_id") != event for message in intruder.messages)
    # The owner's State holds only its own runs.
    again = await owner.trigger(0, "owner again", None)
    answer = await owner.done(again)
    assert answer["patches"][0]["ops"][0]["value"] == "owner again: 2"
    assert calls == ["owner", "intruder", "owner again"]
    await intruder.close()
    await owner.close()
