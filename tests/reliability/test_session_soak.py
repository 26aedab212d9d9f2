"""A soak of short page sessions coming and going over real WebSockets (closed, gone away,
dropped after their answer, dropped mid-stream): once the resume grace is over, the server
holds none of them, and its memory grew by a bounded amount. bench/soak.py measures the figure
for 10,000 sessions in a server process of its own; this asserts a generous bound on fewer."""

from __future__ import annotations

import asyncio
import gc
import itertools
import time

import pytest
from page_client import PageClient, eventually, rss_mib

import blocks as gr

GRACE = 1.0
SESSIONS = 2000
PARALLEL = 16
# In this process the clients' memory counts too; the server alone grows ~7 MiB in 10,000
# (bench/soak.py), and 2,000 drops used to keep ~36 MiB for the whole 60 s grace.
GROWTH_LIMIT_MIB = 25.0
WAYS = ("clean", "away", "drop", "midstream")


@pytest.fixture
def soaked(monkeypatch):
    monkeypatch.setenv("BLOCKS_RESUME_GRACE_SECONDS", str(GRACE))
    finished: list[str] = []

    def stream(text: str):
        try:
            for step in range(20):
                time.sleep(0.01)
                yield f"{text} {step}"
        finally:
            finished.append(text)

    with gr.Blocks() as demo:
        box = gr.Textbox()
        out = gr.Textbox()
        gr.Button().click(lambda text: text + "!", box, out)  # dependency 0
        gr.Button().click(stream, box, out, concurrency_limit=None)  # dependency 1
    demo.launch(server_port=0, prevent_thread_lock=True, quiet=True)
    yield demo, finished
    demo.close()


async def _session(url: str, way: str, index: int) -> None:
    page = await PageClient.open(url)
    try:
        if way in ("away", "midstream"):
            await page.output(await page.trigger(1, f"s{index}"))
        else:
            done = await page.done(await page.trigger(0, f"e{index}"))
            assert done["success"] is True
    finally:
        if way == "clean":
            await page.close(1000)
        elif way == "away":
            await page.close(1001)
        else:
            await page.drop()


async def _soak(url: str, count: int) -> None:
    numbers = itertools.count()

    async def worker() -> None:
        while (index := next(numbers)) < count:
            await _session(url, WAYS[index % len(WAYS)], index)

    await asyncio.gather(*(worker() for _ in range(PARALLEL)))


@pytest.mark.slow
async def test_short_sessions_coming_and_going_leave_nothing_behind(soaked):
    demo, finished = soaked
    runtime = demo.runtime
    await _soak(demo.local_url, 200)  # warm up: imports, caches, worker threads
    await eventually(lambda: not runtime.sessions, GRACE + 10)
    gc.collect()
    before = rss_mib()

    await _soak(demo.local_url, SESSIONS)
    # The dropped ones wait out the grace; then none is left, nor any of their jobs.
    await eventually(lambda: not runtime.sessions, GRACE + 10)
    await eventually(lambda: len(finished) == 200 // 2 + SESSIONS // 2)  # every stream ended
    assert runtime.queue.waiting_count == 0
    assert all(group.running == 0 for group in runtime.queue.groups.values())
    gc.collect()
    await asyncio.sleep(1.5)  # memory.trim_soon() gives freed memory back within a second
    growth = rss_mib() - before
    assert growth < GROWTH_LIMIT_MIB, f"RSS grew {growth:.1f} MiB over {SESSIONS} sessions"
    # And the server still serves.
    page = await PageClient.open(demo.local_url)
    assert (await page.done(await page.trigger(0, "still here")))["success"] is True
    await page.close()
