"""Stopping gracefully: SIGTERM (a deploy, a scale-down) drains the server instead of killing it.

The drain, in order:

1. stop accepting connections (the port is closed: a load balancer sends new clients elsewhere);
2. tell every open page (a ``restarting`` message: it shows "Restarting…", holds new events,
   and reconnects with backoff once the socket closes);
3. refuse new jobs, and fail the jobs still waiting in the queue with a clear error ("the server
   is restarting: try again"), kind ``queue_full`` (an API client gets 503): never silence;
4. let the running jobs finish, up to the drain timeout (``BLOCKS_DRAIN_TIMEOUT``, seconds);
5. cancel what still runs (their ``finally`` blocks run), flush what the pages are owed,
   then stop the server; ``launch()`` returns and the process exits 0.

``drain_runtime`` is steps 2-5 on the runtime (the server adds 1 and the stop); ``on_sigterm``
routes the signal to it while ``launch()`` blocks in the main thread. A second SIGTERM stops at
once.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import os
import signal
import sys
import threading
from collections.abc import Callable, Iterator
from typing import TYPE_CHECKING, Any

from blocks.protocol import outgoing
from blocks.runtime.session import ConnectionState

if TYPE_CHECKING:
    from blocks.runtime.engine import Runtime
    from blocks.runtime.session import Session

__all__ = [
    "DEFAULT_DRAIN_TIMEOUT",
    "RESTART_MESSAGE",
    "drain_runtime",
    "drain_timeout",
    "on_sigterm",
]

log = logging.getLogger("blocks")

RESTART_MESSAGE = "The server is restarting: try again in a moment."
# Fits, with the cancellation and the server's own stop, in the 30 s an orchestrator such as
# Kubernetes waits after SIGTERM before it kills.
DEFAULT_DRAIN_TIMEOUT = 20.0
# How long cancelled jobs get to run their `finally` blocks, and pages to take their last frames.
CANCEL_TIMEOUT = 5.0
FLUSH_TIMEOUT = 1.0
_SWEEP_SECONDS = 0.25


def drain_timeout() -> float:
    """Seconds running jobs get to finish when the server stops (``BLOCKS_DRAIN_TIMEOUT``)."""
    raw = os.environ.get("BLOCKS_DRAIN_TIMEOUT", "").strip()
    if not raw:
        return DEFAULT_DRAIN_TIMEOUT
    try:
        value = float(raw)
    except ValueError:
        value = -1.0
    if not value >= 0:  # also refuses nan
        raise ValueError(
            f"BLOCKS_DRAIN_TIMEOUT must be a number of seconds >= 0 (how long running jobs may "
            f"finish when the server stops), got {raw!r}"
        )
    return value


async def drain_runtime(runtime: Runtime, timeout: float) -> None:
    """Steps 2-5 of the drain (see the module docstring), on the runtime's event loop."""
    loop = asyncio.get_running_loop()
    runtime.refuse_jobs(RESTART_MESSAGE)
    pages = [s for s in runtime.sessions.values() if s.has_page]
    for session in pages:
        session.deliver(dict(outgoing.restarting()))
    failed = runtime.fail_waiting(RESTART_MESSAGE)
    if failed:
        log.warning("stopping: %d waiting job(s) told the server is restarting", failed)
    deadline = loop.time() + timeout
    # Sweep again now and then: a job submitted just before the refusal may reach the queue.
    while not await runtime.wait_for_jobs(max(0.0, min(_SWEEP_SECONDS, deadline - loop.time()))):
        runtime.fail_waiting(RESTART_MESSAGE)
        if loop.time() >= deadline:
            log.warning("stopping: jobs still running after %g s: cancelling them", timeout)
            break
    connected = [page for page in pages if page.connection is ConnectionState.CONNECTED]
    await runtime.drain(CANCEL_TIMEOUT)
    await _flush(connected, loop.time() + FLUSH_TIMEOUT)


async def _flush(pages: list[Session], deadline: float) -> None:
    """Wait (a little) until the pages have been written what they are owed (the cancellations
    just sent), before the server closes their sockets."""
    loop = asyncio.get_running_loop()
    while loop.time() < deadline and any(page.outbox.pending_bytes for page in pages):
        await asyncio.sleep(0.02)


@contextlib.contextmanager
def on_sigterm(
    drain: Callable[[], None], stop_now: Callable[[], None], seconds: float
) -> Iterator[None]:
    """While inside, the first SIGTERM calls ``drain`` (which must return at once; it gives
    running jobs ``seconds``), a second ``stop_now``; the previous handler is restored after.
    Only the main thread can take signals: elsewhere this does nothing."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    received = 0

    def handle(signum: int, frame: Any) -> None:
        nonlocal received
        received += 1
        if received == 1:
            print(
                f"Stopping: running jobs may finish within {seconds:g} s "
                "(BLOCKS_DRAIN_TIMEOUT); send SIGTERM again to stop now.",
                file=sys.stderr,
                flush=True,
            )
            drain()
        else:
            stop_now()

    previous = signal.signal(signal.SIGTERM, handle)
    try:
        yield
    finally:
        signal.signal(signal.SIGTERM, previous)
