"""Hand-over of results from a running function to the job's sender, with coalescing.

The producer (a worker thread for sync functions, a task for async ones) pushes each processed
result; the sender takes everything pushed since its last take, merged. A push from a worker
thread wakes the event loop only when the sender is waiting, so a fast sync generator costs no
thread hop per item: while the sender is busy, items merge instead.
"""

from __future__ import annotations

import asyncio
import threading

from blocks.runtime.execution import Result

__all__ = ["Handover"]


class Handover:
    """Results pushed from any thread, taken merged on the event loop."""

    def __init__(self, loop: asyncio.AbstractEventLoop) -> None:
        self._loop = loop
        self._lock = threading.Lock()
        self._pending: Result | None = None
        self._finished = False
        self._error: BaseException | None = None
        self._waiter: asyncio.Future[None] | None = None
        self._interrupted = False

    def push(self, result: Result) -> None:
        with self._lock:
            if self._pending is None:
                self._pending = result
            else:
                self._pending.merge(result)
            self._wake_locked()

    def finish(self, error: BaseException | None = None) -> None:
        with self._lock:
            self._finished = True
            self._error = error
            self._wake_locked()

    def interrupt(self) -> None:
        """Wake a waiting take() without data (the job is being cancelled)."""
        with self._lock:
            self._interrupted = True
            self._wake_locked()

    def _wake_locked(self) -> None:
        waiter = self._waiter
        if waiter is None:
            return
        self._waiter = None
        if _on_loop_thread(self._loop):
            if not waiter.done():
                waiter.set_result(None)
        else:
            self._loop.call_soon_threadsafe(_resolve, waiter)

    def poll(self) -> tuple[Result | None, bool, BaseException | None]:
        """Take what was pushed so far without waiting: (merged result or None, finished,
        error)."""
        with self._lock:
            pending, self._pending = self._pending, None
            return pending, self._finished, self._error

    async def take(self) -> tuple[Result | None, bool, BaseException | None]:
        """Wait for something pushed (or the end); return (merged result, finished, error)."""
        while True:
            with self._lock:
                if self._pending is not None or self._finished or self._interrupted:
                    pending, self._pending = self._pending, None
                    return pending, self._finished, self._error
                waiter = self._loop.create_future()
                self._waiter = waiter
            await waiter

    async def wait_finished(self, timeout: float) -> None:
        """Sleep up to ``timeout`` seconds, returning early when the producer finishes."""
        with self._lock:
            if self._finished:
                return
        deadline = self._loop.time() + timeout
        while True:
            with self._lock:
                if self._finished or self._interrupted:
                    return
                waiter = self._loop.create_future()
                self._waiter = waiter
            remaining = deadline - self._loop.time()
            if remaining <= 0:
                with self._lock:
                    if self._waiter is waiter:
                        self._waiter = None
                return
            handle = self._loop.call_later(remaining, _resolve, waiter)
            try:
                await waiter
            finally:
                handle.cancel()
            # A push woke us before the interval was over: keep sleeping, unless finished.


def _resolve(waiter: asyncio.Future[None]) -> None:
    if not waiter.done():
        waiter.set_result(None)


def _on_loop_thread(loop: asyncio.AbstractEventLoop) -> bool:
    try:
        return asyncio.get_running_loop() is loop
    except RuntimeError:
        return False
