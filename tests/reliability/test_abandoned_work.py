"""Abandoned work does not hold the queue: a job whose client is gone is cancelled (its
``finally`` runs) once nobody can read it any more, and the next waiting job starts.

A page that drops (no close frame) keeps its running job for the resume grace
(BLOCKS_RESUME_GRACE_SECONDS), then the job is cancelled; its waiting jobs are held meanwhile,
so the jobs behind them pass. (HTTP clients that leave: tests/security/test_abandoned_calls.py.)
"""

from __future__ import annotations

import asyncio
import threading
import time

import pytest
from page_client import PageClient, eventually

import blocks as gr
from blocks.runtime.session import ConnectionState

GRACE = 1.5


@pytest.fixture
def grace(monkeypatch):
    monkeypatch.setenv("BLOCKS_RESUME_GRACE_SECONDS", str(GRACE))
    return GRACE


# ---------------------------------------------------------------- a page that drops


@pytest.fixture
def counting(grace):
    """One stream at a time: "long" streams until cancelled, others take a few steps."""
    record: list[tuple[str, str, float]] = []

    def count(text: str):
        record.append(("start", text, time.monotonic()))
        steps = 100_000 if text == "long" else 25
        try:
            for step in range(steps):
                time.sleep(0.02)
                yield f"{text} {step}"
        finally:
            record.append(("finally", text, time.monotonic()))

    with gr.Blocks() as demo:
        box = gr.Textbox()
        out = gr.Textbox()
        gr.Button().click(count, box, out, concurrency_limit=1)
    demo.launch(server_port=0, prevent_thread_lock=True, quiet=True)
    yield demo, record
    demo.close()


def _when(record, what: str, text: str) -> float | None:
    return next((at for kind, name, at in record if kind == what and name == text), None)


async def test_a_page_dropped_mid_stream_keeps_its_job_for_the_grace_then_frees_the_slot(
    counting,
):
    demo, record = counting
    runtime = demo.runtime
    dropping = await PageClient.open(demo.local_url)
    long = await dropping.trigger(0, "long")
    await dropping.output(long)
    waiting = await PageClient.open(demo.local_url)
    short = await waiting.trigger(0, "short")
    await eventually(lambda: runtime.queue.waiting_count == 1)

    dropped_at = time.monotonic()
    await dropping.drop()
    await asyncio.sleep(GRACE / 3)
    # Within the grace the page may come back: its job goes on, the other one waits.
    assert _when(record, "finally", "long") is None
    assert _when(record, "start", "short") is None

    done = await waiting.done(short, timeout=GRACE + 10)
    assert done["success"] is True
    stopped, started = _when(record, "finally", "long"), _when(record, "start", "short")
    assert stopped is not None and started is not None
    assert stopped >= dropped_at + GRACE - 0.1  # kept for the whole grace...
    assert started - (dropped_at + GRACE) < 1.0  # ...and the slot was free within 1 s of it
    assert dropping.session_id not in runtime.sessions
    await waiting.close()


async def test_a_page_that_comes_back_within_the_grace_gets_its_stream_to_the_end(counting):
    demo, record = counting
    page = await PageClient.open(demo.local_url)
    event = await page.trigger(0, "medium")
    await page.output(event)
    await page.drop()
    session = demo.runtime.sessions[page.session_id]
    # As a page does, it comes back once the server has seen it go (a live one is not taken).
    await eventually(lambda: session.connection is ConnectionState.DETACHED)
    back = await PageClient.open(demo.local_url, session_id=page.session_id, last_seq=page.last_seq)
    assert back.welcome["resumed"] is True and back.session_id == page.session_id
    done = await back.done(event)
    assert done["success"] is True
    assert [kind for kind, text, _ in record if text == "medium"] == ["start", "finally"]
    await back.close()


@pytest.fixture
def gated(grace):
    """One job at a time; "blocker" holds the slot until the gate opens."""
    calls: list[str] = []
    gate = threading.Event()

    def work(text: str) -> str:
        calls.append(text)
        if text == "blocker":
            gate.wait(10)
        return text.upper()

    with gr.Blocks() as demo:
        box = gr.Textbox()
        out = gr.Textbox()
        gr.Button().click(work, box, out, concurrency_limit=1)
    demo.launch(server_port=0, prevent_thread_lock=True, quiet=True)
    yield demo, calls, gate
    gate.set()
    demo.close()


async def _queue_behind_a_blocker(
    demo, calls
) -> tuple[PageClient, PageClient, PageClient, str, str]:
    """A blocker runs; page ``dropping`` then page ``waiting`` queue one job each."""
    runtime = demo.runtime
    blocker = await PageClient.open(demo.local_url)
    await blocker.trigger(0, "blocker")
    await eventually(lambda: calls == ["blocker"])
    dropping = await PageClient.open(demo.local_url)
    first = await dropping.trigger(0, "dropped page")
    await eventually(lambda: runtime.queue.waiting_count == 1)
    waiting = await PageClient.open(demo.local_url)
    second = await waiting.trigger(0, "waiting page")
    await eventually(lambda: runtime.queue.waiting_count == 2)
    await dropping.drop()
    session = runtime.sessions[dropping.session_id]
    await eventually(lambda: session.connection is ConnectionState.DETACHED)
    return blocker, dropping, waiting, first, second


async def test_the_waiting_jobs_of_a_dropped_page_let_the_others_pass_and_go_with_it(gated):
    demo, calls, gate = gated
    blocker, dropping, waiting, _, second = await _queue_behind_a_blocker(demo, calls)
    gate.set()
    done = await waiting.done(second)
    assert done["success"] is True
    assert calls == ["blocker", "waiting page"]  # nobody waited behind the dropped page
    await eventually(lambda: dropping.session_id not in demo.runtime.sessions, GRACE + 5)
    await asyncio.sleep(0.2)
    assert calls == ["blocker", "waiting page"]  # its job was dropped with it, never run
    assert demo.runtime.queue.waiting_count == 0
    await waiting.close()
    await blocker.close()


async def test_the_waiting_jobs_of_a_page_that_comes_back_run_after_all(gated):
    demo, calls, gate = gated
    blocker, dropping, waiting, first, second = await _queue_behind_a_blocker(demo, calls)
    gate.set()
    await waiting.done(second)
    back = await PageClient.open(
        demo.local_url, session_id=dropping.session_id, last_seq=dropping.last_seq
    )
    assert back.welcome["resumed"] is True
    done = await back.done(first)
    assert done["success"] is True
    assert calls == ["blocker", "waiting page", "dropped page"]
    await back.close()
    await waiting.close()
    await blocker.close()
