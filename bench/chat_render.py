"""A 2,000-token reply from a generator that never sleeps, in a real browser: how long until
it is fully rendered after the last yield, the bytes the WebSocket carried, and the HTTP
requests the turn made. Prints figures; asserts nothing.

    python bench/chat_render.py [--tokens 2000] [--runs 3]
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

import httpx
from measure import free_port
from playwright.sync_api import sync_playwright

ROOT = Path(__file__).resolve().parent.parent

APP = """
import time
import blocks as gr

TOKENS = int({tokens})

def fast(message, history):
    reply = ""
    for index in range(TOKENS):
        reply += f"tok{{index}} "
        yield reply
    with open({marker!r}, "w") as out:
        out.write(repr(time.time()))

gr.ChatInterface(fn=fast).launch()
"""


def measure_once(
    browser, url: str, marker: Path, tokens: int, run: int
) -> tuple[float, int, int, int]:
    """(seconds from the last yield to the last token on screen, WebSocket bytes received,
    bytes of text, HTTP requests) for one turn."""
    page = browser.new_page()
    cdp = page.context.new_cdp_session(page)
    cdp.send("Network.enable")
    received = [0]

    def on_frame(event: dict) -> None:
        received[0] += len(event["response"]["payloadData"])

    cdp.on("Network.webSocketFrameReceived", on_frame)
    page.goto(url)
    box = page.get_by_role("textbox").first
    box.wait_for()
    requests: list[str] = []
    page.on("request", lambda request: requests.append(request.url))
    received[0] = 0
    if marker.exists():
        marker.unlink()
    box.fill(f"go {run}")
    box.press("Enter")
    page.wait_for_function(
        """(needle) => [...document.querySelectorAll('[data-role="assistant"]')]
            .some(node => node.textContent.includes(needle))""",
        arg=f"tok{tokens - 1}",
        timeout=60_000,
        polling="raf",
    )
    rendered_at = time.time()
    last_yield = float(marker.read_text())
    text_bytes = len("".join(f"tok{i} " for i in range(tokens)))
    page.close()
    return rendered_at - last_yield, received[0], text_bytes, len(requests)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--tokens", type=int, default=2000)
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    work = Path("/tmp/blocks-bench-chat")
    work.mkdir(exist_ok=True)
    marker = work / "last_yield"
    (work / "app.py").write_text(APP.format(tokens=args.tokens, marker=str(marker)))
    port = free_port()
    env = {**os.environ, "BLOCKS_SERVER_PORT": str(port)}
    server = subprocess.Popen(
        [sys.executable, str(work / "app.py")],
        env=env,
        cwd=work,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    url = f"http://127.0.0.1:{port}"
    try:
        for _ in range(200):
            try:
                if httpx.get(url + "/health", timeout=1).status_code == 200:
                    break
            except httpx.HTTPError:
                time.sleep(0.05)
        results = []
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path="/usr/bin/chromium")
            for run in range(args.runs):
                results.append(measure_once(browser, url, marker, args.tokens, run))
            browser.close()
        lags = [r[0] for r in results]
        print(f"{args.tokens}-token reply, {args.runs} runs in chromium:")
        print(
            f"  rendered after the last yield: median {statistics.median(lags) * 1000:.0f} ms "
            f"(runs: {', '.join(f'{lag * 1000:.0f}' for lag in lags)} ms)"
        )
        wire, text = results[-1][1], results[-1][2]
        print(
            f"  WebSocket bytes received: {wire:,} for {text:,} bytes of text ({wire / text:.2f}x)"
        )
        print(f"  HTTP requests during the turn: {results[-1][3]}")
    finally:
        server.terminate()
        server.wait(5)


if __name__ == "__main__":
    main()
