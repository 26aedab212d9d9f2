"""gr.Request is filled the same way over every entry point: the page's WebSocket, /api,
/api/<name>/stream and /v1/chat/completions (headers, client address, user, session)."""

import asyncio

import httpx
import orjson
import pytest
from websockets.asyncio.client import connect

import blocks as gr


def describe(request: gr.Request) -> str:
    return "|".join(
        [
            str(request.headers.get("x-probe")),
            str(request.client.host),
            str(request.username),
            "session" if request.session_hash else "no session",
        ]
    )


def tell(text, request: gr.Request):
    return describe(request)


def chat(message, history, request: gr.Request):
    return describe(request)


@pytest.fixture(scope="module")
def url():
    with gr.Blocks() as demo:
        box = gr.Textbox()
        out = gr.Textbox()
        gr.Button().click(tell, box, out, api_name="tell")
        gr.ChatInterface(chat)
    demo.launch(server_port=0, prevent_thread_lock=True, quiet=True, auth=("ana", "pw"))
    yield demo.local_url
    demo.close()


EXPECTED = "probe|127.0.0.1|ana|session"
HEADERS = {"x-probe": "probe"}


def test_over_the_api(url):
    answer = httpx.post(
        url + "/api/tell", json={"data": ["x"]}, headers=HEADERS, auth=("ana", "pw")
    )
    assert answer.json()["data"] == [EXPECTED]


def test_over_the_api_stream(url):
    with httpx.stream(
        "POST", url + "/api/tell/stream", json={"data": ["x"]}, headers=HEADERS, auth=("ana", "pw")
    ) as response:
        text = "".join(response.iter_text())
    assert EXPECTED in text


def test_over_the_openai_endpoint(url):
    body = {"model": "chat", "messages": [{"role": "user", "content": "hi"}]}
    answer = httpx.post(
        url + "/v1/chat/completions", json=body, headers=HEADERS, auth=("ana", "pw")
    ).json()
    assert answer["choices"][0]["message"]["content"] == EXPECTED


def test_over_the_pages_websocket(url):
    token = httpx.post(url + "/login", json={"username": "ana", "password": "pw"}).json()["token"]
    config = httpx.get(url + "/config", headers={"authorization": f"Bearer {token}"}).json()
    dep = next(d["id"] for d in config["dependencies"] if d["api_name"] == "tell")

    async def run():
        headers = {**HEADERS, "authorization": f"Bearer {token}"}
        async with connect(url.replace("http", "ws") + "/ws", additional_headers=headers) as ws:
            await ws.send('{"type":"hello"}')
            await ws.recv()
            trigger = {"type": "trigger", "event_id": "e1", "dep": dep, "data": ["x"]}
            await ws.send(orjson.dumps(trigger).decode())
            while True:
                message = orjson.loads(await asyncio.wait_for(ws.recv(), 5))
                if message["type"] == "done":
                    return message

    done = asyncio.run(run())
    assert done["success"], done
    values = [op["value"] for patch in done["patches"] for op in patch.get("ops", [])]
    assert EXPECTED in values
