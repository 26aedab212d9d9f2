"""Server memory across many short page sessions: RSS before and after N WebSocket sessions
that come and go, closing cleanly or dropping abruptly. Prints the figures; asserts nothing.

    python bench/soak.py [--sessions 10000] [--parallel 16] [--grace 2] [--seconds 600]

Each session opens ``/ws``, says hello, runs one event and goes, in turn one of four ways:
``clean`` (waits for the answer, closes with 1000), ``away`` (closes with 1001 mid-stream),
``drop`` (waits for the answer, then the TCP connection is aborted: no close frame, so the
session is kept for the resume grace) and ``midstream`` (aborted while a stream runs: its job
is kept for the grace, then cancelled). The server runs in its own process (pinned to CPU 0
when there are two cores) on 127.0.0.1 with ``BLOCKS_RESUME_GRACE_SECONDS=--grace``, so the
dropped sessions expire during the bench; "settled" is read once they all have (grace + 2 s).
"""

from __future__ import annotations

import argparse
import asyncio
import itertools
import os
import subprocess
import sys
import time
from pathlib import Path

import httpx
import orjson
from measure import free_port, rss_mib
from websockets.asyncio.client import ClientConnection, connect

ROOT = Path(__file__).resolve().parent.parent
KINDS = ("clean", "away", "drop", "midstream")


def serve() -> None:
    """The app the bench talks to (run as ``--serve``): an echo and a slow stream."""
    import time as clock

    import blocks as gr

    def stream(text: str):
        for index in range(20):
            clock.sleep(0.01)
            yield f"{text} {index}"

    with gr.Blocks() as demo:
        box = gr.Textbox()
        out = gr.Textbox()
        gr.Button("echo").click(lambda text: text + "!", box, out)  # dependency 0
        gr.Button("stream").click(stream, box, out, concurrency_limit=None)  # dependency 1
    demo.launch(quiet=True)


async def receive_until(ws: ClientConnection, kind: str) -> None:
    while True:
        message = orjson.loads(await ws.recv())
        if message["type"] == kind or message["type"] == "done":
            return


async def session(url: str, kind: str, index: int) -> None:
    ws = await connect(url, max_size=None)
    try:
        await ws.send('{"type":"hello"}')  # text frames, as a page sends
        await receive_until(ws, "welcome")
        dep = 1 if kind in ("away", "midstream") else 0
        trigger = {"type": "trigger", "event_id": f"e{index}", "dep": dep, "data": [f"hi {index}"]}
        await ws.send(orjson.dumps(trigger).decode())
        await receive_until(ws, "output" if dep == 1 else "done")
    finally:
        if kind in ("clean", "away"):
            await ws.close(1000 if kind == "clean" else 1001)
        else:
            ws.transport.abort()  # no close frame: the server sees the connection break
            await ws.wait_closed()


async def sessions(url: str, count: int, parallel: int, seconds: float) -> int:
    numbers = itertools.count()
    deadline = time.monotonic() + seconds
    done = 0

    async def worker() -> None:
        nonlocal done
        while time.monotonic() < deadline:
            index = next(numbers)
            if index >= count:
                return
            await asyncio.wait_for(session(url, KINDS[index % len(KINDS)], index), 30)
            done += 1

    await asyncio.gather(*(worker() for _ in range(parallel)))
    return done


def run(count: int, parallel: int, grace: float, seconds: float) -> None:
    port = free_port()
    env = {
        **os.environ,
        "BLOCKS_SERVER_PORT": str(port),
        "PYTHONPATH": str(ROOT),
        "BLOCKS_RESUME_GRACE_SECONDS": str(grace),
    }
    command = [sys.executable, __file__, "--serve"]
    if (os.cpu_count() or 1) >= 2:
        command = ["taskset", "-c", "0", *command]
    process = subprocess.Popen(command, env=env, cwd=ROOT)
    url = f"ws://127.0.0.1:{port}/ws"
    try:
        deadline = time.monotonic() + 30
        while True:
            try:
                if httpx.get(f"http://127.0.0.1:{port}/health").status_code == 200:
                    break
            except httpx.HTTPError:
                pass
            if time.monotonic() > deadline or process.poll() is not None:
                raise RuntimeError("the bench app did not start")
            time.sleep(0.01)
        # Warm up (imports, caches, first allocations), then let the warm-up sessions expire.
        asyncio.run(sessions(url, 400, parallel, seconds))
        time.sleep(grace + 2.0)
        before = rss_mib(process.pid)
        started = time.monotonic()
        done = asyncio.run(sessions(url, count, parallel, seconds))
        elapsed = time.monotonic() - started
        after = rss_mib(process.pid)
        time.sleep(grace + 2.0)  # the dropped sessions expire; memory.trim_soon() trims
        settled = rss_mib(process.pid)
    finally:
        process.terminate()
        try:
            process.wait(5)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait(5)
    print(f"sessions: {done} in {elapsed:.1f} s ({done / elapsed:.0f}/s), kinds {', '.join(KINDS)}")
    print(f"RSS before: {before:.1f} MiB")
    print(f"RSS after:  {after:.1f} MiB (right after the last session)")
    print(
        f"RSS settled: {settled:.1f} MiB ({settled - before:+.1f} MiB, "
        f"{(settled - before) * 1024 * 1024 / max(done, 1):.0f} B per session) "
        f"after the {grace:g} s grace"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sessions", type=int, default=10_000)
    parser.add_argument("--parallel", type=int, default=16, help="sessions open at once")
    parser.add_argument("--grace", type=float, default=2.0, help="BLOCKS_RESUME_GRACE_SECONDS")
    parser.add_argument("--seconds", type=float, default=600.0, help="at most, for the sessions")
    parser.add_argument("--serve", action="store_true", help=argparse.SUPPRESS)
    options = parser.parse_args()
    if options.serve:
        serve()
        return
    run(options.sessions, options.parallel, options.grace, options.seconds)


if __name__ == "__main__":
    main()
