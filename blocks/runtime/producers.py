"""Running the user's function: sync ones in a worker thread, async ones on the loop,
generators streaming; each result goes through the Handover to the job's sender."""

from __future__ import annotations

import asyncio
import contextvars
from concurrent.futures import ThreadPoolExecutor
from typing import Any

from blocks.graph.helpers import current_reporter
from blocks.graph.signature import FnKind
from blocks.runtime.execution import OutputProcessor
from blocks.runtime.streaming import Handover

__all__ = ["Producer", "start_producer"]


class Producer:
    """Runs the user's function and pushes its results; ``stop()`` asks it to end early."""

    def __init__(self) -> None:
        self.done: asyncio.Future[Any] | None = None
        self._stop_flag = False
        self._task: asyncio.Task[Any] | None = None

    @property
    def stop_requested(self) -> bool:
        return self._stop_flag

    def stop(self) -> None:
        self._stop_flag = True
        if self._task is not None and not self._task.done():
            self._task.cancel()

    async def stopped(self) -> None:
        """Return once the user code has really stopped (finally blocks have run)."""
        if self.done is None:
            return
        try:
            await asyncio.shield(self.done)
        except BaseException:
            pass


def start_producer(
    kind: str,
    fn: Any,
    args: list[Any],
    kwargs: dict[str, Any],
    processor: OutputProcessor,
    handover: Handover,
    reporter: Any,
    executor: ThreadPoolExecutor,
    loop: asyncio.AbstractEventLoop,
) -> Producer:
    producer = Producer()
    if kind in (FnKind.SYNC, FnKind.GENERATOR):
        context = contextvars.copy_context()
        context.run(current_reporter.set, reporter)
        body = _run_sync if kind == FnKind.SYNC else _run_sync_generator
        producer.done = loop.run_in_executor(
            executor, context.run, body, fn, args, kwargs, processor, handover, producer
        )
    else:
        token = current_reporter.set(reporter)
        try:
            body_async = _run_async if kind == FnKind.ASYNC else _run_async_generator
            producer._task = loop.create_task(
                body_async(fn, args, kwargs, processor, handover, producer)
            )
        finally:
            current_reporter.reset(token)
        producer.done = producer._task
    return producer


def _run_sync(
    fn: Any,
    args: list[Any],
    kwargs: dict[str, Any],
    processor: OutputProcessor,
    handover: Handover,
    producer: Producer,
) -> None:
    try:
        handover.push(processor.process(fn(*args, **kwargs)))
    except BaseException as exc:
        handover.finish(exc)
    else:
        handover.finish()


def _run_sync_generator(
    fn: Any,
    args: list[Any],
    kwargs: dict[str, Any],
    processor: OutputProcessor,
    handover: Handover,
    producer: Producer,
) -> None:
    generator = fn(*args, **kwargs)
    try:
        for value in generator:
            handover.push(processor.process(value))
            if producer.stop_requested:
                break
    except BaseException as exc:
        handover.finish(exc)
        return
    finally:
        generator.close()
    handover.finish()


async def _run_async(
    fn: Any,
    args: list[Any],
    kwargs: dict[str, Any],
    processor: OutputProcessor,
    handover: Handover,
    producer: Producer,
) -> None:
    try:
        handover.push(processor.process(await fn(*args, **kwargs)))
    except asyncio.CancelledError:
        handover.finish()
        raise
    except Exception as exc:
        handover.finish(exc)
    else:
        handover.finish()


async def _run_async_generator(
    fn: Any,
    args: list[Any],
    kwargs: dict[str, Any],
    processor: OutputProcessor,
    handover: Handover,
    producer: Producer,
) -> None:
    generator = fn(*args, **kwargs)
    try:
        async for value in generator:
            handover.push(processor.process(value))
    except asyncio.CancelledError:
        handover.finish()
        raise
    except Exception as exc:
        handover.finish(exc)
    else:
        handover.finish()
    finally:
        await generator.aclose()
