"""`blocks app.py` with a browser open: saving the file shows the new version in the open tab
without a reload (the page's own JavaScript state survives), keeping what was typed."""

import os
import signal
import subprocess
import sys
import textwrap
import time
import urllib.request

from harness import ROOT, free_port
from playwright.sync_api import Page, expect

APP = """
import blocks as gr

def greet(name):
    return "{greeting}, " + name + "!"

with gr.Blocks(title="Greeter") as demo:
    gr.Markdown("# {heading}")
    name = gr.Textbox(label="Name")
    out = gr.Textbox(label="Greeting")
    gr.Button("{button}").click(greet, name, out)
"""


def write(path, **text):
    path.write_text(textwrap.dedent(APP).format(**text))


def wait_healthy(url):
    for _ in range(200):
        try:
            with urllib.request.urlopen(url + "/health", timeout=1) as response:
                if response.status == 200:
                    return
        except OSError:
            time.sleep(0.1)
    raise AssertionError(f"{url} never answered /health")


def test_saving_the_file_shows_the_new_version_in_place_and_keeps_the_typing(page: Page, tmp_path):
    app = tmp_path / "app.py"
    write(app, greeting="Hello", heading="Version one", button="Greet")
    port = free_port()
    env = {**os.environ, "BLOCKS_SERVER_PORT": str(port), "PYTHONPATH": str(ROOT)}
    command = [sys.executable, "-m", "blocks", str(app)]
    process = subprocess.Popen(command, env=env, cwd=tmp_path, start_new_session=True)
    try:
        url = f"http://127.0.0.1:{port}"
        wait_healthy(url)
        page.goto(url)
        expect(page.get_by_role("heading", name="Version one")).to_be_visible()
        page.evaluate("window.sameDocument = true")
        page.get_by_role("textbox", name="Name").fill("Ana")

        write(app, greeting="Welcome", heading="Version two", button="Say hi")
        expect(page.get_by_role("heading", name="Version two")).to_be_visible(timeout=20_000)
        assert page.evaluate("window.sameDocument") is True  # shown in place, not reloaded
        expect(page.get_by_role("textbox", name="Name")).to_have_value("Ana")
        page.get_by_role("button", name="Say hi").click()
        expect(page.get_by_role("textbox", name="Greeting")).to_have_value("Welcome, Ana!")
        expect(page.get_by_test_id("connection-notice")).to_have_count(1)
    finally:
        os.killpg(process.pid, signal.SIGTERM)
        process.wait(10)
