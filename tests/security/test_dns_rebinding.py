"""DNS rebinding: an app bound to loopback answers only for loopback or allowed host names."""

import httpx
import pytest
import websockets
from websockets.asyncio.client import connect

import blocks as gr
from blocks.server.hosts import host_allowed


def _app(calls: list[str]) -> gr.Blocks:
    def echo(text: str) -> str:
        calls.append(text)
        return text

    with gr.Blocks() as demo:
        box = gr.Textbox()
        box.submit(echo, box, box, api_name="echo")
    return demo


@pytest.fixture
def served():
    calls: list[str] = []
    demo = _app(calls)
    demo.launch(server_port=0, prevent_thread_lock=True, quiet=True, allowed_hosts=["chat.test"])
    yield demo, calls
    demo.close()


@pytest.mark.parametrize(
    "host", ["evil.example", "evil.example:7860", "127.0.0.1.evil.example", "localhost.evil", ""]
)
def test_a_request_for_a_foreign_host_is_refused_before_any_listener_runs(served, host):
    demo, calls = served
    headers = {"Host": host, "Origin": f"http://{host}"}
    answer = httpx.post(demo.local_url + "/api/echo", json={"data": ["x"]}, headers=headers)
    assert answer.status_code in (400, 421)
    page = httpx.get(demo.local_url + "/", headers=headers)
    assert page.status_code in (400, 421)
    assert calls == []
    # Meanwhile an honest client is served.
    assert httpx.post(demo.local_url + "/api/echo", json={"data": ["ok"]}).json()["data"] == ["ok"]
    assert calls == ["ok"]


@pytest.mark.parametrize(
    "host", ["localhost", "127.0.0.1", "127.0.0.2:1234", "[::1]:80", "chat.test"]
)
def test_loopback_names_and_allowed_hosts_are_served(served, host):
    demo, _ = served
    assert httpx.get(demo.local_url + "/", headers={"Host": host}).status_code == 200


async def test_a_websocket_upgrade_for_a_foreign_host_is_refused(served):
    demo, _ = served
    url = demo.local_url.replace("http://", "ws://") + "/ws"
    with pytest.raises(websockets.exceptions.InvalidStatus):
        async with connect(url, additional_headers={"Host": "evil.example"}):
            pass
    async with connect(url) as ws:
        await ws.send('{"type":"hello"}')
        assert "welcome" in await ws.recv()


def test_host_names_are_compared_without_port_case_or_trailing_dot():
    allowed = frozenset({"chat.test"})
    assert host_allowed("CHAT.test.:443", allowed)
    assert host_allowed("LocalHost:7860", allowed)
    assert not host_allowed("chat.test.evil", allowed)
    assert not host_allowed(None, allowed)
    assert not host_allowed("[::2]:80", allowed)
