"""The running app: sessions, the queue and the execution of jobs.

A trigger becomes a Job; the job waits for a slot of its concurrency group, runs the function
(sync ones in a bounded thread pool, async ones on the loop, generators streaming), and reports
through its session's outbox: queued → started → output* → done. Everything here runs on one
event loop; only user code runs in worker threads.
"""

from __future__ import annotations

import asyncio
import logging
import math
import os
from concurrent.futures import ThreadPoolExecutor
from typing import TYPE_CHECKING, Any, overload

from blocks.exceptions import QueueFullError, TooManyEvents, ValidationError
from blocks.graph.helpers import Request
from blocks.protocol.messages import Trigger
from blocks.runtime import render, running
from blocks.runtime.api_sessions import ApiSessions
from blocks.runtime.batching import BatchMember, run_batch
from blocks.runtime.emitter import Emitter
from blocks.runtime.files import FileCache, clean_periodically, use_cache
from blocks.runtime.job import Job, JobState
from blocks.runtime.memory import TRIM_INTERVAL_SECONDS, trim_soon
from blocks.runtime.patches import PatchSender
from blocks.runtime.provenance import from_client
from blocks.runtime.queue import InProcessQueue, QueueBackend
from blocks.runtime.session import ConnectionState, Session
from blocks.runtime.validation import passes_validation

if TYPE_CHECKING:
    from blocks.app import Blocks
    from blocks.graph.events import Dependency

__all__ = ["RESUME_GRACE_ENV", "RESUME_GRACE_SECONDS", "Runtime", "resume_grace_seconds"]

log = logging.getLogger("blocks")

# How long a page that lost its connection (without closing) keeps its session and running
# jobs, so it can resume; BLOCKS_RESUME_GRACE_SECONDS sets it. Its queued jobs wait meanwhile
# without blocking anyone; when the grace ends, all its jobs are cancelled.
RESUME_GRACE_SECONDS = 60.0
RESUME_GRACE_ENV = "BLOCKS_RESUME_GRACE_SECONDS"
WORKER_THREADS = 40
# A page (or API session) may have at most this many events waiting or running: a client
# flooding triggers gets a clear refusal instead of growing the server's memory.
MAX_JOBS_PER_SESSION = 100
# Waiting pages hear about their new queue position at most this often.
POSITION_UPDATE_SECONDS = 0.25


def resume_grace_seconds() -> float:
    """The resume grace: ``BLOCKS_RESUME_GRACE_SECONDS`` (seconds >= 0), else 60."""
    text = os.environ.get(RESUME_GRACE_ENV, "").strip()
    if not text:
        return RESUME_GRACE_SECONDS
    try:
        value = float(text)
    except ValueError:
        value = -1.0
    if not (math.isfinite(value) and value >= 0):
        raise ValueError(
            f"{RESUME_GRACE_ENV} must be a number of seconds >= 0 (how long a dropped page "
            f"may resume its session), got {text!r}"
        )
    return value


class Runtime:
    """Sessions, queue and job execution of one app."""

    def __init__(
        self,
        app: Blocks,
        *,
        executor: ThreadPoolExecutor | None = None,
        queue: QueueBackend | None = None,
    ) -> None:
        self.app = app
        self.graph = app.root_graph
        # Files this app receives and produces live in its own cache, served only by id.
        self.files = FileCache.temporary(
            app.max_file_size,
            allowed_paths=app.allowed_paths,
            blocked_paths=app.blocked_paths,
        )
        self._cleaner: asyncio.Task[None] | None = None
        with use_cache(self.files):
            self.config = app.config()
        self.sessions: dict[str, Session] = {}
        self.queue: QueueBackend = queue or InProcessQueue(
            max_size=app.max_queue_size, on_moved=self._tell_positions
        )
        self.executor = executor or ThreadPoolExecutor(
            max_workers=app.max_threads,
            thread_name_prefix="blocks-worker",
        )
        self._groups: dict[int, str] = {}
        self._tasks: set[asyncio.Task[Any]] = set()
        self._moved: set[Job] = set()
        self._position_timer: asyncio.TimerHandle | None = None
        self._trim_timer: asyncio.TimerHandle | None = None
        self.stream_interval = app.stream_interval
        self.resume_grace = resume_grace_seconds()
        self.api_sessions = ApiSessions(self)
        self.rerenders = 0  # server-started render runs (runtime/render.py), for event ids
        # Set while the server stops: every new trigger fails with it (refuse_jobs, at the end).
        self.refusing: str | None = None
        for dependency in self.graph.dependencies:
            self._groups[dependency.id] = self._define_group(dependency)
        # The States whose change listeners the page must be told to fire (patches.py).
        self.state_listeners = frozenset(
            block.id
            for dependency in self.graph.dependencies
            for block, event in dependency.targets
            if event == "change" and block.TYPE == "state" and block.id is not None
        )

    def _define_group(self, dependency: Dependency) -> str:
        # Listeners of the same function share one group, as the reference does.
        name = dependency.concurrency_id or f"fn:{id(dependency.fn)}"
        limit = dependency.concurrency_limit
        if limit == "default":
            limit = self.app.default_concurrency_limit
        assert limit is None or isinstance(limit, int)
        self.queue.define_group(name, limit)
        return name

    # ------------------------------------------------------------------ sessions

    def open_session(self, session_id: str | None = None, *, page: bool = True) -> Session:
        if self._cleaner is None and self.app.delete_cache is not None:
            frequency, age = self.app.delete_cache
            self._cleaner = asyncio.get_running_loop().create_task(
                clean_periodically(self.files, frequency, age)
            )
        session = Session(session_id)
        session.has_page = page
        self.sessions[session.id] = session
        return session

    # API sessions (kept between calls, bounded): see runtime/api_sessions.py.

    @overload
    def session_for_api(self, session_id: None) -> Session: ...

    @overload
    def session_for_api(self, session_id: str | None) -> Session | None: ...

    def session_for_api(self, session_id: str | None) -> Session | None:
        return self.api_sessions.session_for(session_id)

    def api_call_started(self, session: Session) -> None:
        self.api_sessions.call_started(session)

    def api_call_finished(self, session: Session, *, keep: bool = True) -> None:
        self.api_sessions.call_finished(session, keep=keep)

    def session_stats(self) -> dict[str, float]:
        """What the runtime holds, for monitoring and tests: ``sessions`` (pages and API
        clients alike) and the API sessions' figures (ApiSessions.stats)."""
        return {"sessions": len(self.sessions), **self.api_sessions.stats()}

    def detach(self, session: Session) -> None:
        """The page's connection dropped without closing: keep the session for the resume
        grace. Its running jobs go on (their output waits in the outbox for the replay); its
        waiting jobs are held, so the jobs behind them start first. When the grace ends
        without a resume, the session is closed and every job of it cancelled."""
        if session.connection is not ConnectionState.CONNECTED:
            return
        session.move(ConnectionState.DETACHED)
        for job in session.jobs.values():
            if job.state is JobState.QUEUED:
                self.queue.hold(job)
        loop = asyncio.get_running_loop()
        # The timer holds the session id, not the session: a resumed (or closed) session is
        # not kept alive by the timers of its earlier drops.
        session.expiry = loop.call_later(self.resume_grace, self._expire, session.id)

    def resume(self, session_id: str, last_seq: int) -> Session | None:
        """The page of a dropped session is back: that session, its missed messages queued
        again; None when there is none to resume (the page then gets a new session).

        Only a DETACHED page session resumes. A session that is still CONNECTED (another
        socket holds it) is refused, so a second socket knowing the id cannot take over a
        live page, read its messages or cancel its jobs; the newcomer gets a session of its
        own. API sessions (no page) are never resumed by a page."""
        session = self.sessions.get(session_id)
        if session is None or not session.has_page:
            return None
        if session.connection is not ConnectionState.DETACHED:
            if session.connection is ConnectionState.CONNECTED:
                log.debug("a hello named a session that is connected elsewhere: refused")
            return None
        if not session.outbox.can_replay_after(last_seq):
            self.close_session(session)
            return None
        session.move(ConnectionState.CONNECTED)
        if session.expiry is not None:
            session.expiry.cancel()
            session.expiry = None
        held = [job for job in session.jobs.values() if job.held]
        for job in held:
            self.queue.unhold(job)
        if held:
            self._tell_positions(held)
        session.outbox.replay_after(last_seq)
        return session

    def _expire(self, session_id: str) -> None:
        """The resume grace of a dropped page ended: close its session (its jobs are
        cancelled; each frees its slot once its user code has stopped)."""
        session = self.sessions.get(session_id)
        if session is not None and session.connection is ConnectionState.DETACHED:
            session.expiry = None
            self.close_session(session)

    def close_session(self, session: Session) -> None:
        """Forget a session, cancelling its jobs (their `finally` blocks run)."""
        for job in list(session.jobs.values()):
            self.cancel(session, job.event_id)
        if session.connection is not ConnectionState.CLOSED:
            session.move(ConnectionState.CLOSED)
        if session.expiry is not None:
            session.expiry.cancel()
            session.expiry = None
        if self.sessions.get(session.id) is session:
            del self.sessions[session.id]
        self.api_sessions.forget(session)
        self._trim()

    def _trim(self) -> None:
        """Give freed memory back to the system now, or (trimmed just now) once the interval
        is over: the last of a burst of closing sessions is trimmed too, not left in the heap
        until some later job ends."""
        if trim_soon() or self._trim_timer is not None:
            return
        try:
            loop = asyncio.get_running_loop()
        except RuntimeError:
            return  # closed from outside the loop (the app shutting down)
        self._trim_timer = loop.call_later(TRIM_INTERVAL_SECONDS, self._trim_now)

    def _trim_now(self) -> None:
        self._trim_timer = None
        trim_soon()

    # ------------------------------------------------------------------ jobs

    def submit(self, session: Session, trigger: Trigger, request: Request | None = None) -> Job:
        """Start a job for a trigger; problems are reported to the session as a failed job."""
        emitter = Emitter(session, trigger.event_id)
        if self.refusing is not None:
            refused = QueueFullError(self.refusing)
            emitter.failed(refused, title="Server restarting")
            raise refused
        if request is None:
            request = Request(session_hash=session.id)
        if len(session.jobs) >= MAX_JOBS_PER_SESSION:
            flood = TooManyEvents(
                f"this page already has {MAX_JOBS_PER_SESSION} events waiting or running; "
                "wait for some to finish"
            )
            emitter.failed(flood, title="Too many events")
            raise flood
        if trigger.event_id in session.jobs:
            emitter.failed(ValidationError(f"event id {trigger.event_id!r} is already running"))
            raise ValidationError(f"event id {trigger.event_id!r} is already running")
        dependency = render.dependency(self, session, trigger.dep)
        if dependency is None:
            error = ValidationError(f"there is no dependency {trigger.dep} in this app")
            emitter.failed(error)
            raise error
        for cancelled in dependency.cancels:
            for other in list(session.jobs.values()):
                if other.dependency is cancelled:
                    self.cancel(session, other.event_id)
        group = self._groups[dependency.id] if dependency.graph is self.graph else None
        group = group or render.group_for(self, dependency)  # a listener a render made
        job = Job(trigger.event_id, dependency, group, owner=session)
        session.jobs[job.event_id] = job
        job.batch_member = BatchMember(job, session, trigger, emitter)
        with use_cache(self.files), from_client(session.client_values):
            # The task (and the threads it starts) copies this context: every pre- and
            # postprocess of the job sees the app's file cache.
            task = asyncio.get_running_loop().create_task(
                self._run(job, session, trigger, request, emitter)
            )
        job.task = task
        self._tasks.add(task)
        task.add_done_callback(self._tasks.discard)
        return job

    def cancel(self, session: Session, event_id: str) -> bool:
        """Cancel a waiting or running job of the session; False if it is not there."""
        job = session.jobs.get(event_id)
        if job is None or job.state.finished:
            return False
        job.cancel_requested = True
        if job.state is JobState.QUEUED:
            self.queue.remove(job)
        if job.stop is not None:
            job.stop()
        if job.handover is not None:
            job.handover.interrupt()
        session.outbox.wake_waiters()
        return True

    async def drain(self, timeout: float = 5.0) -> None:
        """Cancel every job and wait (up to ``timeout``) until their user code has stopped."""
        for session in list(self.sessions.values()):
            self.close_session(session)
        if self._tasks:
            await asyncio.wait(list(self._tasks), timeout=timeout)

    def close(self) -> None:
        """Cancel every job and let the worker threads go."""
        for session in list(self.sessions.values()):
            self.close_session(session)
        self.executor.shutdown(wait=False, cancel_futures=True)
        if self._trim_timer is not None:
            self._trim_timer.cancel()
            self._trim_timer = None
        if self._cleaner is not None:
            self._cleaner.cancel()
        self.files.close()

    def _tell_positions(self, jobs: list[Job]) -> None:
        """Queue positions moved: tell those pages once the burst is over (at most every
        POSITION_UPDATE_SECONDS), not once per move, which costs O(waiting) per event."""
        self._moved.update(jobs)
        if self._position_timer is None:
            loop = asyncio.get_running_loop()
            self._position_timer = loop.call_later(POSITION_UPDATE_SECONDS, self._flush_positions)

    def _flush_positions(self) -> None:
        self._position_timer = None
        jobs, self._moved = self._moved, set()
        for job in jobs:
            session = job.owner
            if job.state is not JobState.QUEUED or session is None or job.holds_slot:
                continue  # started (or about to) since it moved
            if job.held or session.connection is not ConnectionState.CONNECTED:
                continue  # nobody reads it now; a resumed page is told then
            position, size = self.queue.position(job)
            if job.told_position == (position, size):
                continue
            job.told_position = (position, size)
            Emitter(session, job.event_id).queued(position, size, self.queue.eta(job))

    async def _run(
        self,
        job: Job,
        session: Session,
        trigger: Trigger,
        request: Request | None,
        emitter: Emitter,
    ) -> None:
        dependency = job.dependency
        sender = PatchSender(session, dependency, trigger.versions, self.state_listeners)
        try:
            if job.cancel_requested:
                # Cancelled (its page closed, say) before this task first ran.
                job.move(JobState.CANCELLED)
                emitter.cancelled()
                return
            # validator=: refused inputs end the job here, before the preview and the queue.
            if dependency.validator is not None and not await passes_validation(
                self, job, session, trigger, request, emitter
            ):
                return
            if dependency.preview is not None and not running.preview(
                self, job, session, trigger, sender, emitter
            ):
                return
            if dependency.queue and dependency.fn is not None:
                # A page that dropped before its job got in line: the job waits for it.
                job.held = session.connection is ConnectionState.DETACHED
                try:
                    self.queue.add(job)
                except QueueFullError as exc:
                    job.move(JobState.CANCELLED)
                    emitter.failed(exc, title="Queue full")
                    return
                if job.state is JobState.QUEUED and not job.holds_slot and not job.held:
                    # Announced with the next position update (within 0.25 s) if it still
                    # waits then: a short wait costs no queued/started frames at all.
                    self._tell_positions([job])
                try:
                    await self.queue.wait_turn(job)
                except asyncio.CancelledError:
                    if job.cancel_requested and job.state is JobState.QUEUED:
                        job.move(JobState.CANCELLED)
                        emitter.cancelled()
                        return
                    raise
            if job.batch_done is not None:
                # Another job of this listener runs us in its batch.
                await job.batch_done
                return
            job.move(JobState.RUNNING)
            if job.told_position is not None:
                # Only a job that waited is announced; one that starts at once saves a frame.
                emitter.started(self.queue.eta(job))
            if dependency.render is not None:
                # A @gr.render listener builds this page's blocks: runtime/render.py.
                await render.run_render(self, job, session, trigger, request, emitter)
            elif dependency.batch:
                await self._run_batch(BatchMember(job, session, trigger, emitter))
            else:
                await running.execute(self, job, session, trigger, request, emitter, sender)
            if job.state is JobState.DONE:
                render.rerender_for_states(self, session, job)  # State outputs -> renders
        except Exception as exc:  # a bug must not kill the loop; the page is told
            # emitter.failed logs it (once, naming the listener, with the traceback).
            if not job.state.finished:
                job.move(JobState.FAILED)
            emitter.failed(exc, show_details=self.app.show_error)
        finally:
            self.queue.release(job)
            session.jobs.pop(job.event_id, None)
            job.forget()
            self._trim()

    async def _run_batch(self, leader: BatchMember) -> None:
        dependency = leader.job.dependency
        companions = self.queue.take_companions(leader.job, dependency.max_batch_size - 1)
        members = [leader]
        loop = asyncio.get_running_loop()
        for job in companions:
            job.batch_done = loop.create_future()
            job.move(JobState.RUNNING)
            member = job.batch_member
            member.emitter.started(None)
            members.append(member)
            assert job.turn is not None
            job.turn.set_result(None)
        try:
            await run_batch(self, members)
        finally:
            for job in companions:
                assert job.batch_done is not None
                job.batch_done.set_result(None)

    # ------------------------------------------------------------------ stopping
    # The server's graceful stop (blocks/server/drain.py): no new job, the waiting ones told,
    # the running ones given time to finish (then `drain` cancels what is left).

    def refuse_jobs(self, message: str) -> None:
        """From now on fail every trigger at once with ``message`` (kind ``queue_full``: the
        client may try again later, or elsewhere)."""
        self.refusing = message

    def fail_waiting(self, message: str) -> int:
        """Fail each job still waiting for its turn in the queue with ``message`` (kind
        ``queue_full``); running jobs are left alone. How many there were."""
        failed = 0
        for session in list(self.sessions.values()):
            for job in list(session.jobs.values()):
                if job.state is not JobState.QUEUED or job.holds_slot or not self.queue.remove(job):
                    continue
                # Its task wakes cancelled and ends (its state is no longer QUEUED, so it sends
                # no `cancelled` of its own): this failure is the one answer the client gets.
                job.move(JobState.CANCELLED)
                Emitter(session, job.event_id).failed(
                    QueueFullError(message), title="Server restarting"
                )
                failed += 1
        return failed

    async def wait_for_jobs(self, timeout: float) -> bool:
        """Wait up to ``timeout`` seconds for every job to end; whether they all did."""
        if not self._tasks:
            return True
        _, pending = await asyncio.wait(list(self._tasks), timeout=timeout)
        return not pending
