"""gr.State change events: a listener that changes a State runs that State's change listeners
(the page never sees the value; the server says which State changed)."""

import asyncio

import orjson
from websockets.asyncio.client import connect

import blocks as gr
from blocks.testing import TestClient


def _app(runs: list):
    with gr.Blocks() as demo:
        items = gr.State([])
        item = gr.Textbox()
        count = gr.Number()
        add = gr.Button("Add")
        append = gr.Button("Append in place")

        def added(new, values):
            return [*values, new] if new else values

        def appended(new, values):
            values.append(new)
            return values

        def counted(values):
            runs.append(list(values))
            return len(values)

        add.click(added, [item, items], items)
        append.click(appended, [item, items], items)
        items.change(counted, items, count)
    return demo, items, item, count, add, append


def test_a_listener_changing_a_state_runs_its_change_listener_once():
    runs: list = []
    demo, _items, item, count, add, _append = _app(runs)
    with TestClient(demo) as client:
        client.set(item, "milk")
        client.click(add)
        assert client.value(count) == 1 and runs == [["milk"]]
        client.set(item, "")
        client.click(add)  # returns an equal list: nothing changed, nothing runs
        assert runs == [["milk"]]


def test_a_state_changed_in_place_counts_as_changed():
    runs: list = []
    demo, _items, item, count, _add, append = _app(runs)
    with TestClient(demo) as client:
        client.set(item, "a")
        client.click(append)
        client.set(item, "b")
        client.click(append)
        assert runs == [["a"], ["a", "b"]]
        assert client.value(count) == 2


def test_the_page_is_told_only_about_states_someone_listens_to():
    with gr.Blocks() as demo:
        heard = gr.State(0)
        unheard = gr.State(0)
        out = gr.Number()
        gr.Button().click(lambda a, b: (a + 1, b + 1), [heard, unheard], [heard, unheard])
        heard.change(lambda value: value, heard, out)
    demo.launch(server_port=0, prevent_thread_lock=True, quiet=True)
    try:

        async def click():
            url = demo.local_url.replace("http://", "ws://") + "/ws"
            async with connect(url) as ws:
                await ws.send('{"type":"hello"}')
                await ws.recv()
                trigger = {"type": "trigger", "event_id": "e1", "dep": 0, "data": [None, None]}
                await ws.send(orjson.dumps(trigger).decode())
                while True:
                    message = orjson.loads(await asyncio.wait_for(ws.recv(), 5))
                    if message["type"] == "done":
                        return message

        done = asyncio.run(click())
        assert done["success"]
        assert done["patches"] == [{"id": heard.id, "changed": True}]
        assert unheard.id not in [patch["id"] for patch in done["patches"]]
    finally:
        demo.close()
