"""gr.mount_blocks (and the reference's mount_gradio_app): a Blocks app inside a real FastAPI
app served by uvicorn on 127.0.0.1, under a path and under the server's root_path."""

import asyncio
import re
import threading
import time

import httpx
import orjson
import pytest
import uvicorn
from fastapi import FastAPI
from websockets.asyncio.client import connect

import blocks as gr


def shout(message, history):
    return message.upper()


def serve(app, port, root_path=""):
    server = uvicorn.Server(
        uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning", root_path=root_path)
    )
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    for _ in range(200):
        if server.started:
            break
        time.sleep(0.02)
    return server, thread


@pytest.fixture
def mounted(free_port):
    app = FastAPI()

    @app.get("/")
    def home():
        return {"app": "the host"}

    demo = gr.ChatInterface(shout)
    assert gr.mount_blocks(app, demo, path="/chat") is app
    server, thread = serve(app, free_port)
    yield f"http://127.0.0.1:{free_port}"
    server.should_exit = True
    thread.join(5)


async def _turn_over_the_socket(url):
    async with connect(url) as ws:
        await ws.send('{"type":"hello"}')
        welcome = orjson.loads(await ws.recv())
        return welcome["type"]


def test_the_page_config_api_socket_and_v1_answer_under_the_path(mounted):
    assert httpx.get(mounted + "/").json() == {"app": "the host"}
    page = httpx.get(mounted + "/chat/")
    assert page.status_code == 200
    assert re.search(r'src="/chat/static/[0-9a-f]+/main\.js"', page.text)
    static = re.search(r'"(/chat/static/[0-9a-f]+/main\.js)"', page.text).group(1)
    assert httpx.get(mounted + static).status_code == 200
    assert httpx.get(mounted + "/chat/config").json()["title"] == "Chat"
    answer = httpx.post(mounted + "/chat/api/shout", json={"data": ["hi"]}).json()
    assert answer["data"] == ["HI"]
    completion = httpx.post(
        mounted + "/chat/v1/chat/completions",
        json={"messages": [{"role": "user", "content": "yo"}]},
    ).json()
    assert completion["choices"][0]["message"]["content"] == "YO"
    socket = mounted.replace("http://", "ws://") + "/chat/ws"
    assert asyncio.run(_turn_over_the_socket(socket)) == "welcome"


def test_the_client_talks_to_a_mounted_app(mounted):
    client = gr.Client(mounted + "/chat")
    try:
        assert client.predict("quiet", api_name="/shout") == "QUIET"
    finally:
        client.close()


def test_the_reference_name_mounts_behind_a_login_and_a_root_path(free_port):
    app = FastAPI()
    demo = gr.ChatInterface(shout)
    gr.mount_gradio_app(app, demo, "/chat", auth=("ana", "pw"))
    server, thread = serve(app, free_port, root_path="/proxy")
    base = f"http://127.0.0.1:{free_port}"
    try:
        refused = httpx.post(base + "/chat/api/shout", json={"data": ["hi"]})
        assert refused.status_code == 401
        redirect = httpx.get(base + "/chat/", headers={"accept": "text/html"})
        assert redirect.status_code in (302, 303, 307)
        assert redirect.headers["location"] == "/proxy/chat/login"
        allowed = httpx.post(base + "/chat/api/shout", json={"data": ["hi"]}, auth=("ana", "pw"))
        assert allowed.json()["data"] == ["HI"]
        page = httpx.get(base + "/chat/", auth=("ana", "pw"))
        assert '"/proxy/chat/static/' in page.text
        assert page.headers["x-content-type-options"] == "nosniff"
    finally:
        server.should_exit = True
        thread.join(5)


def test_mounting_on_something_that_is_not_an_asgi_app_or_on_a_bad_path_is_refused():
    demo = gr.ChatInterface(shout)
    with pytest.raises(TypeError, match="needs a FastAPI or Starlette app"):
        gr.mount_blocks(object(), demo, "/chat")
    with pytest.raises(ValueError, match="must start with '/'"):
        gr.mount_blocks(FastAPI(), demo, "chat")
