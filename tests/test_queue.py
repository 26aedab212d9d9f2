import asyncio

import pytest

from blocks.exceptions import InvalidTransition, QueueFullError
from blocks.graph.events import Dependency
from blocks.runtime.job import Job, JobState
from blocks.runtime.queue import InProcessQueue


def _job(name: str, group: str = "g") -> Job:
    dependency = Dependency(targets=[], fn=None, inputs=[], outputs=[])
    return Job(name, dependency, group)


async def test_a_group_runs_at_most_its_limit_and_starts_the_next_in_fifo_order():
    queue = InProcessQueue()
    queue.define_group("g", 2)
    jobs = [_job(f"j{i}") for i in range(4)]
    for job in jobs:
        queue.add(job)
    await asyncio.sleep(0)
    assert [job.holds_slot for job in jobs] == [True, True, False, False]
    assert queue.position(jobs[2]) == (0, 2)
    assert queue.position(jobs[3]) == (1, 2)
    jobs[1].move(JobState.RUNNING)
    jobs[1].move(JobState.DONE)
    queue.release(jobs[1])
    await asyncio.wait_for(queue.wait_turn(jobs[2]), 1)
    assert jobs[2].holds_slot and not jobs[3].holds_slot


async def test_groups_declared_twice_keep_the_lowest_limit():
    queue = InProcessQueue()
    queue.define_group("g", 5)
    queue.define_group("g", 2)
    queue.define_group("g", None)
    assert queue.groups["g"].limit == 2


async def test_an_unlimited_group_starts_everything_at_once():
    queue = InProcessQueue()
    queue.define_group("g", None)
    jobs = [_job(f"j{i}") for i in range(50)]
    for job in jobs:
        queue.add(job)
    assert all(job.holds_slot for job in jobs)


async def test_a_full_queue_refuses_the_next_job_with_a_clear_error():
    queue = InProcessQueue(max_size=1)
    queue.define_group("g", 1)
    queue.add(_job("running"))
    queue.add(_job("waiting"))
    with pytest.raises(QueueFullError, match="queue is full"):
        queue.add(_job("refused"))


async def test_removing_a_waiting_job_moves_the_others_up_and_tells_them():
    moved = []
    queue = InProcessQueue(on_moved=moved.extend)
    queue.define_group("g", 1)
    first, second, third = _job("a"), _job("b"), _job("c")
    for job in (first, second, third):
        queue.add(job)
    moved.clear()
    assert queue.remove(second)
    assert queue.position(third) == (0, 1)
    assert moved == [third]
    with pytest.raises(asyncio.CancelledError):
        await second.turn  # type: ignore[misc]


async def test_the_eta_grows_with_the_position_from_the_average_duration():
    queue = InProcessQueue()
    queue.define_group("g", 1)
    done = _job("done")
    queue.add(done)
    done.move(JobState.RUNNING)
    done.started_at = 0.0
    done.move(JobState.DONE)
    done.ended_at = 2.0
    queue.release(done)
    running, first, second = _job("r"), _job("a"), _job("b")
    for job in (running, first, second):
        queue.add(job)
    assert queue.eta(running) == pytest.approx(2.0)
    assert queue.eta(first) == pytest.approx(4.0)
    assert queue.eta(second) == pytest.approx(6.0)


def test_a_finished_job_cannot_start_again():
    job = _job("j")
    job.move(JobState.RUNNING)
    job.move(JobState.DONE)
    with pytest.raises(InvalidTransition, match="cannot go from done to running"):
        job.move(JobState.RUNNING)
