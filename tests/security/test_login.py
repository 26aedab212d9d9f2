"""Class 11: the login has a page of its own, and works for the API (Bearer, Basic) and the
WebSocket; guesses are throttled before they are checked."""

import asyncio
import base64

import httpx
import orjson
import pytest
import websockets
from websockets.asyncio.client import connect

import blocks as gr

BROWSER = {"Accept": "text/html,application/xhtml+xml,*/*;q=0.8"}


def _basic(user: str, password: str) -> dict[str, str]:
    token = base64.b64encode(f"{user}:{password}".encode()).decode()
    return {"Authorization": f"Basic {token}"}


@pytest.fixture
def locked():
    calls: list[tuple[str, str | None]] = []

    def echo(text: str, request: gr.Request) -> str:
        calls.append((text, request.username))
        return text

    with gr.Blocks(title="Vault") as demo:
        box = gr.Textbox()
        box.submit(echo, box, box, api_name="echo")
    demo.launch(
        server_port=0,
        prevent_thread_lock=True,
        quiet=True,
        auth=[("ada", "lovelace"), ("zoë", "pässwörd")],
        auth_message="Members only.",
    )
    yield demo, calls
    demo.close()


def _login(url: str, user: str, password: str, **options) -> httpx.Response:
    return httpx.post(url + "/login", data={"username": user, "password": password}, **options)


def test_a_browser_is_sent_to_a_login_page_of_its_own(locked):
    demo, calls = locked
    first = httpx.get(demo.local_url + "/", headers=BROWSER)
    assert first.status_code == 303 and first.headers["location"] == "/login"
    page = httpx.get(demo.local_url + "/login", headers=BROWSER)
    assert page.status_code == 200 and page.headers["content-type"].startswith("text/html")
    for needed in ('name="username"', 'type="password"', "Members only.", "Log in to Vault"):
        assert needed in page.text
    assert "content-security-policy" in page.headers
    assert calls == []


def test_the_login_form_sets_an_http_only_cookie_that_opens_the_page_api_and_websocket(locked):
    demo, calls = locked
    answer = _login(demo.local_url, "ada", "lovelace", headers=BROWSER)
    assert answer.status_code == 303 and answer.headers["location"] == "/"
    cookie = answer.headers["set-cookie"]
    assert "HttpOnly" in cookie and "SameSite=Lax" in cookie
    jar = answer.cookies
    assert httpx.get(demo.local_url + "/", cookies=jar).status_code == 200
    api = httpx.post(demo.local_url + "/api/echo", json={"data": ["hi"]}, cookies=jar)
    assert api.json()["data"] == ["hi"]
    header = "; ".join(f"{name}={value}" for name, value in jar.items())

    async def page():
        url = demo.local_url.replace("http://", "ws://") + "/ws"
        async with connect(url, additional_headers={"Cookie": header}) as ws:
            await ws.send('{"type":"hello"}')
            return orjson.loads(await asyncio.wait_for(ws.recv(), 5))["type"]

    assert asyncio.run(page()) == "welcome"
    assert calls == [("hi", "ada")]  # the listener knows who it serves


def test_a_program_logs_in_for_a_bearer_token_that_works_on_the_api_and_websocket(locked):
    demo, calls = locked
    answer = httpx.post(demo.local_url + "/login", json={"username": "zoë", "password": "pässwörd"})
    assert answer.status_code == 200 and answer.json()["success"] is True
    bearer = {"Authorization": f"Bearer {answer.json()['token']}"}
    api = httpx.post(demo.local_url + "/api/echo", json={"data": ["x"]}, headers=bearer)
    assert api.json()["data"] == ["x"]

    async def page():
        url = demo.local_url.replace("http://", "ws://") + "/ws"
        async with connect(url, additional_headers=bearer) as ws:
            await ws.send('{"type":"hello"}')
            return orjson.loads(await asyncio.wait_for(ws.recv(), 5))["type"]

    assert asyncio.run(page()) == "welcome"
    assert calls == [("x", "zoë")]


def test_basic_credentials_still_open_the_api_for_scripts(locked):
    demo, calls = locked
    api = httpx.post(
        demo.local_url + "/api/echo", json={"data": ["b"]}, headers=_basic("ada", "lovelace")
    )
    assert api.json()["data"] == ["b"]
    assert calls == [("b", "ada")]


@pytest.mark.parametrize(
    "headers",
    [
        {"Authorization": "Bearer made-up-token"},
        {"Authorization": "Bearer"},
        {"Cookie": "blocks-access=made-up"},
        {"Cookie": 'blocks-access="; x=\\'},
        _basic("ada", "wrong"),
        {"Authorization": "Digest abc"},
    ],
)
def test_forged_tokens_and_wrong_credentials_open_nothing(locked, headers):
    demo, calls = locked
    answer = httpx.post(demo.local_url + "/api/echo", json={"data": ["no"]}, headers=headers)
    assert answer.status_code == 401
    assert httpx.get(demo.local_url + "/", headers={**headers, **BROWSER}).status_code == 303

    async def page():
        url = demo.local_url.replace("http://", "ws://") + "/ws"
        async with connect(url, additional_headers=headers) as ws:
            await ws.send('{"type":"hello"}')
            await asyncio.wait_for(ws.recv(), 5)

    with pytest.raises((websockets.ConnectionClosed, websockets.InvalidStatus)):
        asyncio.run(page())
    assert calls == []
    ok = httpx.post(
        demo.local_url + "/api/echo", json={"data": ["ok"]}, headers=_basic("ada", "lovelace")
    )
    assert ok.json()["data"] == ["ok"]


def test_a_wrong_password_on_the_form_shows_the_page_again_with_an_alert(locked):
    demo, calls = locked
    answer = _login(demo.local_url, "ada", "nope", headers=BROWSER)
    assert answer.status_code == 401
    assert 'role="alert"' in answer.text and "Incorrect username or password." in answer.text
    assert "set-cookie" not in answer.headers
    program = _login(demo.local_url, "ada", "nope")
    assert program.status_code == 401 and program.json()["success"] is False
    assert calls == []


def test_a_locked_out_address_learns_nothing_even_from_the_right_password(locked):
    demo, calls = locked
    codes = [_login(demo.local_url, "ada", f"guess{n}").status_code for n in range(8)]
    assert codes[:5] == [401] * 5 and codes[-1] == 429
    assert _login(demo.local_url, "ada", "lovelace").status_code == 429
    right = httpx.get(demo.local_url + "/config", headers=_basic("ada", "lovelace"))
    assert right.status_code == 429 and int(right.headers["retry-after"]) >= 1
    assert calls == []


def test_a_token_from_before_the_lockout_keeps_working(locked):
    demo, _calls = locked
    token = httpx.post(demo.local_url + "/login", json={"username": "ada", "password": "lovelace"})
    bearer = {"Authorization": f"Bearer {token.json()['token']}"}
    for n in range(8):
        _login(demo.local_url, "ada", f"guess{n}")
    api = httpx.post(demo.local_url + "/api/echo", json={"data": ["still"]}, headers=bearer)
    assert api.json()["data"] == ["still"]


def test_logging_out_ends_the_token(locked):
    demo, _calls = locked
    jar = _login(demo.local_url, "ada", "lovelace", headers=BROWSER).cookies
    out = httpx.get(demo.local_url + "/logout", cookies=jar)
    assert out.status_code == 303 and out.headers["location"] == "/login"
    assert "Max-Age=0" in out.headers["set-cookie"]
    assert httpx.get(demo.local_url + "/config", cookies=jar).status_code == 401


def test_a_login_posted_from_another_site_is_refused(locked):
    demo, _calls = locked
    answer = _login(
        demo.local_url, "ada", "lovelace", headers={**BROWSER, "Origin": "http://evil.example"}
    )
    assert answer.status_code == 403 and "set-cookie" not in answer.headers


@pytest.mark.parametrize(
    "body, kind",
    [
        (b"username=ada", "application/x-www-form-urlencoded"),
        (b'["ada", "lovelace"]', "application/json"),
        (b'{"username": 1, "password": 2}', "application/json"),
        (b"\xff\xfe", "application/x-www-form-urlencoded"),
        (b"username=" + b"a" * 20_000, "application/x-www-form-urlencoded"),
    ],
)
def test_a_malformed_login_is_a_clear_400(locked, body, kind):
    demo, _calls = locked
    answer = httpx.post(demo.local_url + "/login", content=body, headers={"Content-Type": kind})
    assert answer.status_code == 400 and "username and password" in answer.text
