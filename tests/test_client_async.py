"""blocks.Client from async code: ``async with Client(url)``, awaited calls and jobs, and
``async for`` over a job's updates. Against a real app on 127.0.0.1."""

import asyncio
import threading
import time

import pytest

import blocks as gr
from blocks.client import JobCancelled, OutputUpdate, Status, StatusUpdate

started = threading.Event()
finished = threading.Event()


def count(n):
    for index in range(int(n)):
        time.sleep(0.02)
        yield str(index)


async def waits(text):
    try:
        started.set()
        yield f"{text} started"
        await asyncio.sleep(30)
    finally:
        finished.set()


@pytest.fixture(scope="module")
def url():
    with gr.Blocks() as demo:
        box = gr.Textbox(label="Text")
        out = gr.Textbox()
        gr.Button().click(lambda t: t[::-1], box, out, api_name="reverse")
        gr.Button().click(count, gr.Number(value=3), out, api_name="count")
        gr.Button().click(waits, box, out, api_name="waits")
    demo.launch(server_port=0, prevent_thread_lock=True, quiet=True)
    yield demo.local_url
    demo.close()


async def test_predict_is_awaitable_inside_async_with(url):
    async with gr.Client(url) as client:
        assert await client.predict("abc", api_name="/reverse") == "cba"
        assert await client.predict(t="xy", api_name="/reverse") == "yx"


async def test_a_submitted_job_is_awaited_for_its_result(url):
    async with gr.Client(url) as client:
        job = await client.submit(4, api_name="/count")
        assert await job == "3"
        assert job.outputs()[-1] == "3"


async def test_async_for_over_a_job_yields_its_updates_the_final_output_last(url):
    async with gr.Client(url) as client:
        job = await client.submit(5, api_name="/count")
        updates = [update async for update in job]
    outputs = [u for u in updates if isinstance(u, OutputUpdate)]
    assert [u.outputs for u in outputs][-1] == "4"
    assert outputs[-1].final and not any(u.final for u in outputs[:-1])
    assert len(outputs) >= 2
    assert isinstance(updates[-1], StatusUpdate) and updates[-1].code is Status.FINISHED


async def test_an_awaited_predict_with_a_timeout_cancels_the_job(url):
    finished.clear()
    async with gr.Client(url) as client:
        with pytest.raises(TimeoutError, match="the job was cancelled"):
            await client.predict("slow", api_name="/waits", timeout=0.3)
        assert await asyncio.to_thread(finished.wait, 5)


async def test_a_job_cancelled_while_awaited_raises_job_cancelled(url):
    finished.clear()
    async with gr.Client(url) as client:
        job = await client.submit("held", api_name="/waits")
        waiting = asyncio.ensure_future(job)
        async for update in job:
            if isinstance(update, OutputUpdate):
                break
        assert job.cancel()
        with pytest.raises(JobCancelled):
            await waiting
        assert await asyncio.to_thread(finished.wait, 5)


async def test_cancelling_the_task_awaiting_predict_cancels_the_job(url):
    started.clear()
    finished.clear()
    async with gr.Client(url) as client:
        task = asyncio.ensure_future(client.predict("held", api_name="/waits"))
        assert await asyncio.to_thread(started.wait, 5)
        task.cancel()
        with pytest.raises(asyncio.CancelledError):
            await task
        assert await asyncio.to_thread(finished.wait, 5)
