"""The queue: concurrency groups with limits, FIFO waiting, positions and ETAs.

Event-driven: a job waits on a future that the queue resolves when a slot of its group frees;
nothing polls. The interface (add, wait_turn, release, remove, hold, unhold, positions, eta) is
what a distributed backend would implement to share one queue between workers.

A held job (its page dropped and may resume) keeps its place in line but is not started: the
jobs behind it pass it, and it goes back to its place when unheld. Held jobs count toward
``max_size`` (they are accepted work) but not in the positions of the others.
"""

from __future__ import annotations

import asyncio
import itertools
from collections import deque
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Protocol

from blocks.exceptions import QueueFullError
from blocks.runtime.job import Job, JobState

__all__ = ["ConcurrencyGroup", "InProcessQueue", "QueueBackend"]

# Weight of the newest duration in the moving average used for ETAs.
_ETA_WEIGHT = 0.2


class QueueBackend(Protocol):
    """What the runtime needs from a queue. InProcessQueue is the one process's; a backend on
    a distributed store (several workers sharing global limits and positions) implements the
    same methods, and the runtime takes it as ``Runtime(app, queue=...)``."""

    max_size: int | None

    def define_group(self, name: str, limit: int | None) -> None: ...

    def add(self, job: Job) -> None: ...

    async def wait_turn(self, job: Job) -> None: ...

    def release(self, job: Job) -> None: ...

    def remove(self, job: Job) -> bool: ...

    def hold(self, job: Job) -> None: ...

    def unhold(self, job: Job) -> None: ...

    def position(self, job: Job) -> tuple[int, int]: ...

    def eta(self, job: Job) -> float | None: ...

    def take_companions(self, leader: Job, count: int) -> list[Job]: ...


@dataclass
class ConcurrencyGroup:
    """Jobs sharing one concurrency limit (None: unlimited)."""

    name: str
    limit: int | None
    running: int = 0
    waiting: deque[Job] = field(default_factory=deque)
    # Waiting jobs on hold (not started until unheld), in no particular order.
    held: list[Job] = field(default_factory=list)
    average_duration: float | None = None

    @property
    def has_room(self) -> bool:
        return self.limit is None or self.running < self.limit


class InProcessQueue:
    """The queue of one process. ``on_moved(jobs)`` is told which waiting jobs changed
    position, so their pages can be told."""

    def __init__(
        self,
        *,
        max_size: int | None = None,
        on_moved: Callable[[list[Job]], None] | None = None,
    ) -> None:
        self.max_size = max_size
        self.groups: dict[str, ConcurrencyGroup] = {}
        self._on_moved = on_moved
        self._tickets = itertools.count(1)

    def define_group(self, name: str, limit: int | None) -> None:
        """Declare a group; a group declared twice keeps the lowest limit."""
        group = self.groups.get(name)
        if group is None:
            self.groups[name] = ConcurrencyGroup(name, limit)
        elif limit is not None and (group.limit is None or limit < group.limit):
            group.limit = limit

    @property
    def waiting_count(self) -> int:
        return sum(len(group.waiting) + len(group.held) for group in self.groups.values())

    def add(self, job: Job) -> None:
        """Put a job in line (on hold if ``job.held``); raises QueueFullError when max_size
        jobs already wait."""
        if self.max_size is not None and self.waiting_count >= self.max_size:
            raise QueueFullError(
                f"The queue is full ({self.max_size} waiting); try again in a moment."
            )
        group = self.groups.get(job.group)
        if group is None:
            raise KeyError(f"unknown concurrency group {job.group!r}")
        job.turn = asyncio.get_running_loop().create_future()
        job.ticket = next(self._tickets)
        if job.held:
            group.held.append(job)
            return
        group.waiting.append(job)
        self._dispatch(group)

    async def wait_turn(self, job: Job) -> None:
        """Return once the job holds a slot of its group."""
        assert job.turn is not None, "add() the job first"
        await job.turn

    def release(self, job: Job) -> None:
        """Give back the job's slot (once its user code has stopped)."""
        if not job.holds_slot:
            return
        job.holds_slot = False
        group = self.groups[job.group]
        group.running -= 1
        duration = job.duration
        if duration is not None and job.state is JobState.DONE:
            previous = group.average_duration
            group.average_duration = (
                duration if previous is None else previous + _ETA_WEIGHT * (duration - previous)
            )
        self._dispatch(group)

    def remove(self, job: Job) -> bool:
        """Take a waiting job out of line; False if it was not waiting."""
        group = self.groups.get(job.group)
        if group is None:
            return False
        if job.held and job in group.held:
            group.held.remove(job)
            job.held = False
            moved = False
        elif job in group.waiting:
            group.waiting.remove(job)
            moved = True
        else:
            return False
        if job.turn is not None and not job.turn.done():
            job.turn.cancel()
        if moved:
            self._notify(list(group.waiting))
        return True

    def hold(self, job: Job) -> None:
        """Keep a waiting job in line without starting it; the jobs behind it move up. A job
        that is not waiting (started, or not in line yet) is left as it is."""
        group = self.groups.get(job.group)
        if group is None or job.held or job not in group.waiting:
            return
        group.waiting.remove(job)
        group.held.append(job)
        job.held = True
        self._notify(list(group.waiting))

    def unhold(self, job: Job) -> None:
        """Put a held job back in its place in line (by the order jobs were added); it starts
        when its turn comes, at once if a slot is free."""
        group = self.groups.get(job.group)
        if group is None or not job.held or job not in group.held:
            return
        group.held.remove(job)
        job.held = False
        index = len(group.waiting)
        while index > 0 and group.waiting[index - 1].ticket > job.ticket:
            index -= 1
        group.waiting.insert(index, job)
        self._notify(list(group.waiting))
        self._dispatch(group)

    def take_companions(self, leader: Job, count: int) -> list[Job]:
        """Take up to ``count`` waiting jobs of the leader's dependency out of line, to run in
        one batch with it (they share the leader's slot)."""
        group = self.groups[leader.group]
        taken = [job for job in group.waiting if job.dependency is leader.dependency][:count]
        for job in taken:
            group.waiting.remove(job)
        if taken:
            self._notify(list(group.waiting))
        return taken

    def position(self, job: Job) -> tuple[int, int]:
        """(jobs ahead of it, jobs waiting) in its group; a held job is behind them all."""
        group = self.groups[job.group]
        if job.held:
            return len(group.waiting), len(group.waiting) + 1
        return group.waiting.index(job), len(group.waiting)

    def eta(self, job: Job) -> float | None:
        """Seconds until the job is expected to finish, from the group's average duration."""
        group = self.groups[job.group]
        average = group.average_duration
        if average is None:
            return None
        if job not in group.waiting or group.limit is None:
            return average
        # The slots free about once per average duration, `limit` at a time.
        rounds_before_start = group.waiting.index(job) // group.limit + 1
        return (rounds_before_start + 1) * average

    def _dispatch(self, group: ConcurrencyGroup) -> None:
        started = False
        while group.waiting and group.has_room:
            job = group.waiting.popleft()
            if job.turn is None or job.turn.done():
                continue
            group.running += 1
            job.holds_slot = True
            job.turn.set_result(None)
            started = True
        if started:
            self._notify(list(group.waiting))

    def _notify(self, jobs: list[Job]) -> None:
        if self._on_moved is not None and jobs:
            self._on_moved(jobs)
