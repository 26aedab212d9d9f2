"""The browser and the launch harness work on their own, before any Blocks app exists."""

from __future__ import annotations

import socket
from collections.abc import Callable
from pathlib import Path

import pytest
from harness import AppLaunchError, free_port
from playwright.sync_api import Page, expect

# A stand-in for a Blocks app: same environment contract, same URL line, a /health route.
STDLIB_APP = """
import os
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

HOST = os.environ["BLOCKS_SERVER_NAME"]
PORT = int(os.environ["BLOCKS_SERVER_PORT"])
GREETING = os.environ.get("GREETING", "Hello from the harness")


class Handler(BaseHTTPRequestHandler):
    def do_GET(self):
        if self.path == "/health":
            body, kind = b"ok", "text/plain"
        else:
            body, kind = f"<!doctype html><h1>{GREETING}</h1>".encode(), "text/html"
        self.send_response(200)
        self.send_header("Content-Type", kind)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args):
        pass


server = ThreadingHTTPServer((HOST, PORT), Handler)
print(f"Running on local URL:  http://{HOST}:{PORT}")
server.serve_forever()
"""

LaunchApp = Callable[..., str]


@pytest.fixture
def stdlib_app(tmp_path: Path) -> Path:
    script = tmp_path / "app.py"
    script.write_text(STDLIB_APP)
    return script


def test_launched_app_opens_in_the_browser(launch_app: LaunchApp, stdlib_app: Path, page: Page):
    page.goto(launch_app(stdlib_app))
    expect(page.locator("h1")).to_have_text("Hello from the harness")


def test_env_reaches_the_app_and_each_env_gets_its_own_server(
    launch_app: LaunchApp, stdlib_app: Path, page: Page
):
    plain = launch_app(stdlib_app)
    custom = launch_app(stdlib_app, {"GREETING": "Bonjour"})
    assert custom != plain
    assert launch_app(stdlib_app, {"GREETING": "Bonjour"}) == custom
    page.goto(custom)
    expect(page.locator("h1")).to_have_text("Bonjour")


def test_page_runs_in_utc_and_en_us(launch_app: LaunchApp, stdlib_app: Path, page: Page):
    page.goto(launch_app(stdlib_app))
    assert page.evaluate("Intl.DateTimeFormat().resolvedOptions().timeZone") == "UTC"
    assert page.evaluate("navigator.language") == "en-US"


def test_an_app_that_dies_fails_with_its_output(launch_app: LaunchApp, tmp_path: Path):
    script = tmp_path / "broken.py"
    script.write_text("raise SystemExit('boom: no such component')\n")
    with pytest.raises(AppLaunchError, match=r"(?s)exited before printing.*boom: no such"):
        launch_app(script)


def test_free_port_can_be_bound():
    port = free_port()
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", port))  # raises if the port is taken
        assert sock.getsockname() == ("127.0.0.1", port)
