import base64

import httpx
import pytest
import websockets
from websockets.asyncio.client import connect

import blocks as gr


def _app() -> gr.Blocks:
    with gr.Blocks(title="Private") as demo:
        box = gr.Textbox()
        box.submit(lambda text: text, box, box, api_name="echo")
    return demo


def _basic(user: str, password: str) -> dict[str, str]:
    token = base64.b64encode(f"{user}:{password}".encode()).decode()
    return {"Authorization": f"Basic {token}"}


@pytest.fixture
def locked():
    demo = _app()
    demo.launch(
        server_port=0,
        prevent_thread_lock=True,
        quiet=True,
        auth=[("ada", "lovelace"), ("alan", "turing")],
    )
    yield demo
    demo.close()


def test_without_credentials_the_page_and_api_answer_401_with_a_basic_challenge(locked):
    page = httpx.get(locked.local_url + "/")
    assert page.status_code == 401
    assert page.headers["www-authenticate"] == 'Basic realm="Private"'
    assert httpx.post(locked.local_url + "/api/echo", json={"data": ["x"]}).status_code == 401
    assert (
        httpx.post(
            locked.local_url + "/api/echo", json={"data": ["x"]}, headers=_basic("ada", "wrong")
        ).status_code
        == 401
    )


def test_good_credentials_open_the_page_and_the_api_and_health_stays_open(locked):
    assert httpx.get(locked.local_url + "/", headers=_basic("alan", "turing")).status_code == 200
    answer = httpx.post(
        locked.local_url + "/api/echo", json={"data": ["x"]}, headers=_basic("ada", "lovelace")
    )
    assert answer.json()["data"] == ["x"]
    assert httpx.get(locked.local_url + "/health").status_code == 200


async def test_the_websocket_needs_credentials_too(locked):
    url = locked.local_url.replace("http://", "ws://") + "/ws"
    with pytest.raises(websockets.exceptions.WebSocketException):
        async with connect(url) as ws:
            await ws.send('{"type":"hello"}')
            await ws.recv()
    async with connect(url, additional_headers=_basic("ada", "lovelace")) as ws:
        await ws.send('{"type":"hello"}')
        assert "welcome" in await ws.recv()


def test_auth_may_be_a_function(free_port):
    demo = _app()
    demo.launch(
        server_port=free_port,
        prevent_thread_lock=True,
        quiet=True,
        auth=lambda user, password: user == password,
    )
    try:
        assert httpx.get(demo.local_url + "/", headers=_basic("x", "x")).status_code == 200
        assert httpx.get(demo.local_url + "/", headers=_basic("x", "y")).status_code == 401
    finally:
        demo.close()


def test_a_malformed_auth_argument_and_unknown_launch_arguments_are_refused():
    with pytest.raises(TypeError, match="auth must be"):
        _app().launch(auth="secret", prevent_thread_lock=True, quiet=True)
    with pytest.raises(TypeError, match="unknown argument"):
        _app().launch(server_prot=7000, prevent_thread_lock=True, quiet=True)


def test_options_blocks_does_not_act_on_warn_instead_of_failing(free_port):
    demo = _app()
    with pytest.warns(UserWarning, match="share=True"):
        demo.launch(
            server_port=free_port,
            share=True,
            favicon_path="x.ico",
            prevent_thread_lock=True,
            quiet=True,
        )
    demo.close()


def test_non_ascii_credentials_log_in_and_wrong_ones_are_a_plain_401(free_port):
    demo = _app()
    demo.launch(
        server_port=free_port, prevent_thread_lock=True, quiet=True, auth=("zoë", "pässwörd🔑")
    )
    try:
        assert (
            httpx.get(demo.local_url + "/", headers=_basic("zoë", "pässwörd🔑")).status_code == 200
        )
        assert httpx.get(demo.local_url + "/", headers=_basic("zoë", "passwörd")).status_code == 401
        assert (
            httpx.get(demo.local_url + "/", headers=_basic("zoe", "pässwörd🔑")).status_code == 401
        )
        # Bytes that are not UTF-8 in the header: refused, never a 500.
        raw = {"Authorization": "Basic " + base64.b64encode(b"\xff\xfe:\xff").decode()}
        assert httpx.get(demo.local_url + "/", headers=raw).status_code == 401
    finally:
        demo.close()


def test_an_auth_function_that_raises_refuses_instead_of_failing(free_port):
    def check(user, password):
        raise RuntimeError("database down")

    demo = _app()
    demo.launch(server_port=free_port, prevent_thread_lock=True, quiet=True, auth=check)
    try:
        assert httpx.get(demo.local_url + "/", headers=_basic("x", "y")).status_code == 401
    finally:
        demo.close()


def test_an_address_that_keeps_guessing_is_locked_out_while_others_log_in(free_port):
    demo = _app()
    demo.launch(server_port=free_port, prevent_thread_lock=True, quiet=True, auth=("ada", "pw"))
    attacker = httpx.Client(transport=httpx.HTTPTransport(local_address="127.0.0.1"))
    honest = httpx.Client(transport=httpx.HTTPTransport(local_address="127.0.0.2"))
    url = f"http://127.0.0.1:{free_port}/"
    try:
        codes = [
            attacker.get(url, headers=_basic("ada", f"guess{i}")).status_code for i in range(6)
        ]
        assert codes == [401] * 6
        locked = attacker.get(url, headers=_basic("ada", "pw"))
        assert locked.status_code == 429
        assert int(locked.headers["retry-after"]) >= 1
        assert "try again" in locked.text
        assert honest.get(url, headers=_basic("ada", "pw")).status_code == 200
    finally:
        attacker.close()
        honest.close()
        demo.close()
