"""One submitted call of ``blocks.Client``: a Job, and the status updates it reports.

As the reference client's Job: iterate it for each output as it arrives (the final one
included), ``result()`` for the final outputs, ``status()`` for where it stands, ``outputs()``
for every output so far, ``cancel()``. Async code awaits it (``await job``: the result) and
iterates it with ``async for`` (every update: a StatusUpdate or an OutputUpdate, in order).

The client's connection thread feeds it (``_update``, ``_output``, ``_end``); every method
here may be called from any thread. Outputs are kept as they arrived and converted (files
downloaded or their URLs made absolute) when read, in the reader's thread, once each.
"""

from __future__ import annotations

import asyncio
import concurrent.futures
import enum
import threading
from collections.abc import AsyncIterator, Callable, Generator
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any, Literal

from blocks.client.errors import JobCancelled

__all__ = ["Job", "OutputUpdate", "ProgressUnit", "Status", "StatusUpdate"]


class Status(enum.Enum):
    """Where a job stands (the reference client's codes)."""

    STARTING = "STARTING"  # sent (or about to be), nothing heard yet
    IN_QUEUE = "IN_QUEUE"  # waiting for a slot: ``rank`` jobs ahead
    PROCESSING = "PROCESSING"  # running
    PROGRESS = "PROGRESS"  # running, with gr.Progress figures in ``progress_data``
    ITERATING = "ITERATING"  # running, streaming outputs
    LOG = "LOG"  # a gr.Info/gr.Warning message (``log``); not a stage of its own
    QUEUE_FULL = "QUEUE_FULL"  # ended: the queue was full (or the server stopping)
    FINISHED = "FINISHED"  # ended: ``success`` says how
    CANCELLED = "CANCELLED"  # ended: cancelled


_STAGES = {
    Status.STARTING: "starting",
    Status.IN_QUEUE: "queued",
    Status.PROCESSING: "running",
    Status.PROGRESS: "running",
    Status.ITERATING: "streaming",
    Status.LOG: "running",
    Status.QUEUE_FULL: "failed",
    Status.CANCELLED: "cancelled",
}


@dataclass(frozen=True)
class ProgressUnit:
    """One level of a ``gr.Progress`` report: ``progress`` is a fraction (0..1) when the
    function gave one, ``index``/``length`` the step of a ``progress.tqdm`` loop."""

    index: int | None = None
    length: int | None = None
    unit: str | None = None
    progress: float | None = None
    desc: str | None = None


@dataclass(frozen=True)
class StatusUpdate:
    """A job's status. ``rank`` (also ``position``) is how many jobs are ahead of it in the
    queue (0: next), ``queue_size`` how many wait, ``eta`` the seconds until it is expected
    to end (None: unknown), ``progress_data`` (also ``progress``) its gr.Progress report."""

    code: Status
    rank: int | None = None
    queue_size: int | None = None
    eta: float | None = None
    success: bool | None = None
    time: datetime = field(default_factory=datetime.now)
    progress_data: list[ProgressUnit] | None = None
    log: tuple[str, str] | None = None  # (message, level) of a LOG update
    type: Literal["status"] = "status"

    @property
    def position(self) -> int | None:
        return self.rank

    @property
    def progress(self) -> list[ProgressUnit] | None:
        return self.progress_data

    @property
    def stage(self) -> str:
        """In a word: starting, queued, running, streaming, finished, failed or cancelled."""
        if self.code is Status.FINISHED:
            return "finished" if self.success else "failed"
        return _STAGES[self.code]


@dataclass(frozen=True)
class OutputUpdate:
    """Outputs of a job, as ``result()`` gives them; ``final`` for the last one."""

    outputs: Any
    success: bool = True
    final: bool = False
    type: Literal["output"] = "output"


_RUNNING = (Status.PROCESSING, Status.PROGRESS, Status.ITERATING, Status.LOG)


class Job:
    """One submitted call (see the module docstring). ``convert`` turns an output as it
    arrived into what the caller gets; ``cancel`` asks for the job's end."""

    def __init__(
        self,
        event_id: str,
        api_name: str | None,
        fn_index: int,
        convert: Callable[[Any], Any],
        cancel: Callable[[Job], None],
    ) -> None:
        self.event_id = event_id
        self.api_name = api_name
        self.fn_index = fn_index
        self._convert = convert
        self._cancel = cancel
        self._lock = threading.Condition()
        self._future: concurrent.futures.Future[Any] = concurrent.futures.Future()
        self._status = StatusUpdate(Status.STARTING)
        self._raw: list[Any] = []  # each output as it arrived
        self._converted: dict[int, Any] = {}
        self._updates: list[StatusUpdate | tuple[int, bool]] = [self._status]
        self._waiters: list[tuple[asyncio.AbstractEventLoop, asyncio.Event]] = []
        self._next = 0  # for next(job), as the reference's Job is its own iterator
        self._final = -1  # the index of the result among the outputs

    # ------------------------------------------------------------------ fed by the client

    def _update(self, status: StatusUpdate) -> None:
        with self._lock:
            if self._future.done():
                return
            if status.code is not Status.LOG:
                self._status = status
            self._updates.append(status)
            self._notify()

    def _output(self, raw: Any, *, final: bool = False) -> None:
        with self._lock:
            self._raw.append(raw)
            self._updates.append((len(self._raw) - 1, final))
            if not final and self._status.code is not Status.ITERATING:
                self._status = StatusUpdate(Status.ITERATING, eta=self._status.eta)
                self._updates.append(self._status)
            self._notify()

    def _end(
        self, status: StatusUpdate, result: Any = None, error: BaseException | None = None
    ) -> None:
        """The job ended: with ``error``, else with ``result`` (raw), whose output is appended
        unless it is the last one already streamed."""
        with self._lock:
            if self._future.done():
                return
            if error is None:
                if not self._raw or self._raw[-1] != result:
                    self._output(result, final=True)
                self._final = len(self._raw) - 1
            self._status = status
            self._updates.append(status)
            if error is None:
                self._future.set_result(result)
            else:
                self._future.set_exception(error)
            self._notify()

    def _notify(self) -> None:
        self._lock.notify_all()
        for loop, event in self._waiters:
            try:
                loop.call_soon_threadsafe(event.set)
            except RuntimeError:
                pass  # that loop is closed: nobody waits there any more

    # ------------------------------------------------------------------ the reference's API

    def result(self, timeout: float | None = None) -> Any:
        """The final outputs (one value, or a tuple for several). Waits ``timeout`` seconds
        (None: as long as it takes) and raises TimeoutError after; raises ClientError when
        the app failed, JobCancelled when the job was cancelled."""
        self._future.result(timeout)
        return self._converted_at(self._final)

    def outputs(self) -> list[Any]:
        """Every output so far, in order, the final one included once the job has ended."""
        with self._lock:
            count = len(self._raw)
        return [self._converted_at(index) for index in range(count)]

    def status(self) -> StatusUpdate:
        with self._lock:
            return self._status

    def done(self) -> bool:
        return self._future.done()

    def running(self) -> bool:
        return self.status().code in _RUNNING

    def cancelled(self) -> bool:
        return self._future.done() and isinstance(self._future.exception(), JobCancelled)

    def exception(self, timeout: float | None = None) -> BaseException | None:
        return self._future.exception(timeout)

    def add_done_callback(self, fn: Callable[[Job], Any]) -> None:
        """Call ``fn(job)`` once the job has ended (at once if it has), in a thread of its
        own: it may wait for other calls of the client."""

        def start(_: Any) -> None:
            threading.Thread(target=fn, args=(self,), daemon=True, name="blocks-job").start()

        self._future.add_done_callback(start)

    def cancel(self) -> bool:
        """Cancel the job: a waiting one leaves the queue, a running one is stopped (its
        ``finally`` runs on the server). False when it had ended already."""
        if self._future.done():
            return False
        self._cancel(self)
        return True

    def __iter__(self) -> Job:
        return self

    def __next__(self) -> Any:
        with self._lock:
            while self._next >= len(self._raw) and not self._future.done():
                self._lock.wait()
            if self._next >= len(self._raw):
                raise StopIteration
            index = self._next
            self._next += 1
        return self._converted_at(index)

    # ------------------------------------------------------------------ async

    def __await__(self) -> Generator[Any, None, Any]:
        return self._result_async().__await__()

    async def _result_async(self) -> Any:
        await self._until(self._future.done)
        return await asyncio.to_thread(self.result)

    async def __aiter__(self) -> AsyncIterator[StatusUpdate | OutputUpdate]:
        """Every update, in order: StatusUpdate and OutputUpdate (the last one ``final``)."""
        seen = 0

        def more() -> bool:
            return seen < len(self._updates) or self._future.done()

        while True:
            await self._until(more)
            with self._lock:
                batch = self._updates[seen:]
                ended = self._future.done()
            seen += len(batch)
            for item in batch:
                if isinstance(item, StatusUpdate):
                    yield item
                else:
                    index, final = item
                    outputs = await asyncio.to_thread(self._converted_at, index)
                    yield OutputUpdate(outputs, success=True, final=final)
            if ended and not batch:
                return

    async def _until(self, ready: Callable[[], bool]) -> None:
        loop = asyncio.get_running_loop()
        event = asyncio.Event()
        entry = (loop, event)
        with self._lock:
            self._waiters.append(entry)
        try:
            while True:
                with self._lock:
                    if ready():
                        return
                    event.clear()
                await event.wait()
        finally:
            with self._lock:
                self._waiters.remove(entry)

    # ------------------------------------------------------------------ internals

    def _converted_at(self, index: int) -> Any:
        with self._lock:
            if index in self._converted:
                return self._converted[index]
            raw = self._raw[index]
        value = self._convert(raw)
        with self._lock:
            return self._converted.setdefault(index, value)

    def __repr__(self) -> str:
        return f"<Job {self.api_name or self.fn_index}: {self.status().stage}>"
