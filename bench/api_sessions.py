"""Server memory across one-shot API calls: RSS before and after N calls that never send a
session_id back. Prints a table; asserts nothing.

    python bench/api_sessions.py [--calls 5000] [--seconds 120] [--kinds chat,v1,echo]

Kinds: ``chat`` calls a ChatInterface's ``/api/<name>`` (its history is a gr.State, so each
session may be kept for the client: at most BLOCKS_API_SESSION_CAP of them); ``v1`` its
``/v1/chat/completions`` (stateless); ``echo`` a Blocks app without State. The server runs in
its own process (pinned to CPU 0 when there are two cores), on 127.0.0.1, importing the
``blocks`` of the tree this file is in; each kind stops at ``--seconds`` if not done.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import time
from pathlib import Path

import httpx
from measure import free_port, rss_mib

ROOT = Path(__file__).resolve().parent.parent


def serve() -> None:
    """The app the bench calls (run as ``--serve``): a chat and a stateless echo."""
    import blocks as gr

    def reply(message, history):
        return f"{len(history)} earlier messages; you said {message}"

    with gr.Blocks() as demo:
        gr.ChatInterface(reply)  # created inside: it renders here
        box = gr.Textbox()
        box.submit(lambda text: text, box, box, api_name="echo")
    demo.launch(quiet=True)


def request(kind: str, index: int) -> tuple[str, dict[str, object]]:
    text = f"hello {index} " + "x" * 200
    if kind == "chat":
        return "/api/reply", {"data": [text]}
    if kind == "v1":
        return "/v1/chat/completions", {"messages": [{"role": "user", "content": text}]}
    return "/api/echo", {"data": [text]}


def run(kind: str, calls: int, seconds: float) -> tuple[int, float, float, float, float]:
    port = free_port()
    env = {**os.environ, "BLOCKS_SERVER_PORT": str(port), "PYTHONPATH": str(ROOT)}
    command = [sys.executable, __file__, "--serve"]
    if (os.cpu_count() or 1) >= 2:
        command = ["taskset", "-c", "0", *command]
    process = subprocess.Popen(command, env=env, cwd=ROOT)
    url = f"http://127.0.0.1:{port}"
    try:
        with httpx.Client(base_url=url, timeout=10) as client:
            deadline = time.monotonic() + 30
            while True:
                try:
                    if client.get("/health").status_code == 200:
                        break
                except httpx.HTTPError:
                    pass
                if time.monotonic() > deadline or process.poll() is not None:
                    raise RuntimeError("the bench app did not start")
                time.sleep(0.01)
            for index in range(50):  # warm up: imports, caches, first allocations
                path, body = request(kind, index)
                client.post(path, json=body)
            time.sleep(1.0)
            before = rss_mib(process.pid)
            started = time.monotonic()
            done = 0
            while done < calls and time.monotonic() - started < seconds:
                path, body = request(kind, done)
                answer = client.post(path, json=body)
                answer.raise_for_status()
                done += 1
            elapsed = time.monotonic() - started
            after = rss_mib(process.pid)
            time.sleep(1.5)  # memory.trim_soon() gives freed memory back within a second
            settled = rss_mib(process.pid)
        return done, elapsed, before, after, settled
    finally:
        process.terminate()
        try:
            process.wait(5)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait(5)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--calls", type=int, default=5000)
    parser.add_argument("--seconds", type=float, default=120.0, help="per kind, at most")
    parser.add_argument("--kinds", default="chat,v1,echo")
    parser.add_argument("--serve", action="store_true", help=argparse.SUPPRESS)
    options = parser.parse_args()
    if options.serve:
        serve()
        return
    print(
        f"{'kind':<6} {'calls':>6} {'calls/s':>8} {'RSS before':>11} {'after':>9} "
        f"{'+1.5 s':>9} {'per call':>9}"
    )
    for kind in options.kinds.split(","):
        done, elapsed, before, after, settled = run(kind, options.calls, options.seconds)
        per_call = (settled - before) * 1024 * 1024 / max(done, 1)
        print(
            f"{kind:<6} {done:>6} {done / elapsed:>8.0f} {before:>8.1f} MiB {after:>5.1f} MiB "
            f"{settled:>5.1f} MiB {per_call:>7.0f} B",
            flush=True,
        )


if __name__ == "__main__":
    main()
