"""Behind a reverse proxy: X-Forwarded-* headers count only from a trusted proxy."""

import httpx
import pytest

import blocks as gr
from blocks.server.proxies import trusted_proxies_from

PUBLIC = {"X-Forwarded-Host": "chat.example", "X-Forwarded-Proto": "https"}


def _app(calls: list[str]) -> gr.Blocks:
    def echo(text: str, request: gr.Request) -> str:
        calls.append(request.client.host)
        return text

    with gr.Blocks() as demo:
        box = gr.Textbox()
        box.submit(echo, box, box, api_name="echo")
    return demo


@pytest.fixture
def served(monkeypatch, request):
    trusted = request.param
    if trusted:
        monkeypatch.setenv("BLOCKS_TRUSTED_PROXIES", trusted)
    else:
        monkeypatch.delenv("BLOCKS_TRUSTED_PROXIES", raising=False)
    calls: list[str] = []
    demo = _app(calls)
    demo.launch(
        server_port=0,
        prevent_thread_lock=True,
        quiet=True,
        allowed_hosts=["chat.example"],
        auth=("ada", "lovelace"),
    )
    yield demo, calls
    demo.close()


def _login(demo, headers, password="lovelace"):
    body = {"username": "ada", "password": password}
    return httpx.post(demo.local_url + "/login", json=body, headers=headers)


@pytest.mark.parametrize("served", ["127.0.0.1"], indirect=True)
def test_a_trusted_proxy_passes_on_the_public_host_scheme_and_visitor(served):
    demo, _calls = served
    headers = {**PUBLIC, "Origin": "https://chat.example", "X-Forwarded-For": "203.0.113.7"}
    answer = _login(demo, headers)
    assert answer.status_code == 200
    assert "Secure" in answer.headers["set-cookie"]  # the visitor used https
    bearer = {**headers, "Authorization": f"Bearer {answer.json()['token']}"}
    api = httpx.post(demo.local_url + "/api/echo", json={"data": ["hi"]}, headers=bearer)
    assert api.status_code == 200


@pytest.mark.parametrize("served", ["127.0.0.1"], indirect=True)
def test_a_trusted_proxy_forwarding_a_foreign_host_is_still_refused(served):
    demo, calls = served
    headers = {"X-Forwarded-Host": "evil.example", "Origin": "http://evil.example"}
    assert _login(demo, headers).status_code in (400, 421)
    assert calls == []


@pytest.mark.parametrize("served", ["127.0.0.1"], indirect=True)
def test_behind_a_trusted_proxy_each_visitor_has_their_own_lockout(served):
    demo, _calls = served
    attacker = {"X-Forwarded-For": "198.51.100.9"}
    codes = [_login(demo, attacker, f"guess{n}").status_code for n in range(8)]
    assert codes[-1] == 429
    honest = {"X-Forwarded-For": "203.0.113.7"}
    assert _login(demo, honest).status_code == 200


@pytest.mark.parametrize("served", [None], indirect=True)
def test_without_a_trusted_proxy_forwarded_headers_are_ignored(served):
    demo, calls = served
    # The public Origin does not match the real Host: the forwarded Host is not believed.
    headers = {**PUBLIC, "Origin": "https://chat.example"}
    assert _login(demo, headers).status_code == 403
    # A forged X-Forwarded-For does not escape the lockout of the real address.
    codes = [
        _login(demo, {"X-Forwarded-For": f"192.0.2.{n}"}, f"guess{n}").status_code for n in range(8)
    ]
    assert codes[-1] == 429
    assert calls == []


def test_a_trusted_proxy_setting_that_is_not_an_address_is_a_clear_error(monkeypatch):
    monkeypatch.setenv("BLOCKS_TRUSTED_PROXIES", "127.0.0.1, proxy.local")
    with pytest.raises(ValueError, match=r"'proxy\.local' is not an IP address or network"):
        trusted_proxies_from()
