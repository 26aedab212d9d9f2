"""A flood past the queue's ``max_size``: the jobs beyond it are refused with a clear "queue
full" answer, and every accepted job runs exactly once, in the order it was sent, to its end."""

from __future__ import annotations

import asyncio
import collections
import time
from concurrent.futures import ThreadPoolExecutor

import httpx
import pytest
from page_client import PageClient

import blocks as gr

MAX_SIZE = 8
PAGES = 3
PER_PAGE = 30


@pytest.fixture
def flooded():
    calls: list[str] = []

    def work(text: str) -> str:
        calls.append(text)
        time.sleep(0.005)
        return text.upper()

    with gr.Blocks() as demo:
        box = gr.Textbox()
        out = gr.Textbox()
        gr.Button().click(work, box, out, concurrency_limit=1, api_name="work")
    demo.queue(max_size=MAX_SIZE)
    demo.launch(server_port=0, prevent_thread_lock=True, quiet=True)
    yield demo, calls
    demo.close()


def _value(done: dict) -> str:
    return done["patches"][0]["ops"][0]["value"]


async def test_pages_flooding_past_max_size_get_each_accepted_job_once_and_in_order(flooded):
    demo, calls = flooded
    pages = [await PageClient.open(demo.local_url) for _ in range(PAGES)]
    sent: list[list[tuple[str, str]]] = [[] for _ in pages]
    for index in range(PER_PAGE):  # as fast as the sockets take them, interleaved
        for number, page in enumerate(pages):
            text = f"p{number}-{index}"
            sent[number].append((await page.trigger(0, text), text))

    async def answers(page: PageClient, events: list[tuple[str, str]]) -> list[dict]:
        return [await page.done(event_id, timeout=30) for event_id, _ in events]

    finals = await asyncio.gather(*(answers(p, s) for p, s in zip(pages, sent, strict=True)))
    accepted: list[list[str]] = []
    for page, events, dones in zip(pages, sent, finals, strict=True):
        done_counts = collections.Counter(
            m["event_id"] for m in page.messages if m["type"] == "done"
        )
        assert all(done_counts[event_id] == 1 for event_id, _ in events)  # one end each
        mine = []
        for (_, text), done in zip(events, dones, strict=True):
            if done["success"]:
                assert _value(done) == text.upper()  # its own answer
                mine.append(text)
            else:
                assert done["error"]["kind"] == "queue_full", done
                assert "queue is full" in done["error"]["message"].lower()
        accepted.append(mine)

    total = sum(len(mine) for mine in accepted)
    assert MAX_SIZE <= total < PAGES * PER_PAGE  # the flood went past max_size
    assert len(calls) == len(set(calls)) == total  # none lost, none run twice
    for mine in accepted:
        assert [text for text in calls if text in set(mine)] == mine  # each page's in order
    # The queue is empty again and takes new work.
    assert demo.runtime.queue.waiting_count == 0
    after = await pages[0].trigger(0, "after")
    assert _value(await pages[0].done(after)) == "AFTER"
    for page in pages:
        await page.close()


def test_api_calls_flooding_past_max_size_are_answered_503_or_with_their_own_result(flooded):
    demo, calls = flooded
    texts = [f"api-{index}" for index in range(40)]

    def call(text: str) -> tuple[str, httpx.Response]:
        return text, httpx.post(demo.local_url + "/api/work", json={"data": [text]}, timeout=30)

    with ThreadPoolExecutor(len(texts)) as pool:
        results = list(pool.map(call, texts))
    served = [text for text, answer in results if answer.status_code == 200]
    for text, answer in results:
        if answer.status_code == 200:
            assert answer.json()["data"] == [text.upper()]
        else:
            assert answer.status_code == 503
            assert answer.json()["kind"] == "queue_full"
    assert MAX_SIZE <= len(served) < len(texts)
    assert sorted(calls) == sorted(served)  # each served call ran once; no refused one ran
