"""A job: one triggered run of a dependency, and its state machine.

::

    QUEUED ──> RUNNING ──> DONE
       │          ├──────> FAILED
       └──────────┴──────> CANCELLED
"""

from __future__ import annotations

import asyncio
import enum
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from blocks.exceptions import InvalidTransition

if TYPE_CHECKING:
    from blocks.graph.events import Dependency

__all__ = ["Job", "JobState"]


class JobState(enum.Enum):
    QUEUED = "queued"
    RUNNING = "running"
    DONE = "done"
    FAILED = "failed"
    CANCELLED = "cancelled"

    @property
    def finished(self) -> bool:
        return self in (JobState.DONE, JobState.FAILED, JobState.CANCELLED)


_ALLOWED = {
    JobState.QUEUED: {JobState.RUNNING, JobState.CANCELLED},
    JobState.RUNNING: {JobState.DONE, JobState.FAILED, JobState.CANCELLED},
    JobState.DONE: set(),
    JobState.FAILED: set(),
    JobState.CANCELLED: set(),
}


@dataclass(eq=False)
class Job:
    """One run of ``dependency`` for one session; ``group`` is its concurrency group."""

    event_id: str
    dependency: Dependency
    group: str
    owner: Any = None
    state: JobState = JobState.QUEUED
    enqueued_at: float = field(default_factory=time.monotonic)
    started_at: float | None = None
    ended_at: float | None = None
    cancel_requested: bool = False
    turn: asyncio.Future[None] | None = None
    # Set while the job holds a concurrency slot; released exactly once.
    holds_slot: bool = False
    # Set while it waits for a page that dropped: kept in line but not started (queue.hold).
    held: bool = False
    # Its place in line, given by the queue: held jobs go back to it when released.
    ticket: int = 0
    # Set when another job of the same batch listener runs this one; resolved when done.
    batch_done: asyncio.Future[None] | None = None
    # What the runtime attaches while the job lives (cleared when it ends, see forget()).
    task: asyncio.Task[None] | None = None
    stop: Callable[[], None] | None = None
    handover: Any = None
    batch_member: Any = None
    told_position: tuple[int, int] | None = None

    def forget(self) -> None:
        """Drop what the job refers to, breaking its reference cycles (job ↔ task, job ↔
        batch member) so refcounting frees it at once instead of the cyclic collector."""
        self.task = self.stop = self.handover = self.batch_member = None
        self.turn = None

    def move(self, new: JobState) -> None:
        """Change state, refusing moves the machine does not allow."""
        if new not in _ALLOWED[self.state]:
            raise InvalidTransition(
                f"job {self.event_id!r} cannot go from {self.state.value} to {new.value}; "
                f"allowed: {sorted(s.value for s in _ALLOWED[self.state]) or 'none (finished)'}"
            )
        self.state = new
        now = time.monotonic()
        if new is JobState.RUNNING:
            self.started_at = now
        elif new.finished:
            self.ended_at = now

    @property
    def duration(self) -> float | None:
        if self.started_at is None or self.ended_at is None:
            return None
        return self.ended_at - self.started_at
