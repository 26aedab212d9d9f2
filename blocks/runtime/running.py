"""Running one job's function: its inputs checked and prepared, the function started (sync in
a worker thread, async on the loop, generators streaming), its results sent as they come
(coalesced, with backpressure from a slow page), and its end reported: done, failed or
cancelled. The Runtime (engine.py) decides when a job runs; this is what running it means.
"""

from __future__ import annotations

import asyncio
import contextvars
from typing import TYPE_CHECKING, Any

from blocks.exceptions import GraphError, ValidationError
from blocks.graph.helpers import Request
from blocks.graph.signature import ArgPlan, FnKind, fn_kind
from blocks.protocol.messages import Trigger
from blocks.runtime import render
from blocks.runtime.emitter import Emitter
from blocks.runtime.execution import OutputProcessor, Result
from blocks.runtime.files import use_cache
from blocks.runtime.job import Job, JobState
from blocks.runtime.patches import PatchSender
from blocks.runtime.producers import start_producer
from blocks.runtime.provenance import from_client
from blocks.runtime.session import Session
from blocks.runtime.streaming import Handover

if TYPE_CHECKING:
    from blocks.runtime.engine import Runtime

__all__ = ["execute", "preview"]


def preview(
    runtime: Runtime,
    job: Job,
    session: Session,
    trigger: Trigger,
    sender: PatchSender,
    emitter: Emitter,
) -> bool:
    """Show the dependency's preview result at once, before the job waits in line;
    False when the preview failed (the job is then over)."""
    dependency = job.dependency
    assert dependency.preview is not None
    try:
        with use_cache(runtime.files), from_client(session.client_values):
            values = session.inputs(dependency, trigger.data)
            processor = OutputProcessor(dependency, session.component)
            result = processor.process(dependency.preview(*values))
    except (ValidationError, GraphError):
        return True  # the job itself will report the problem
    except Exception as exc:
        job.move(JobState.FAILED)
        emitter.failed(exc, show_details=runtime.app.show_error)
        return False
    emitter.output(sender.patches(result))
    return True


async def _inputs(runtime: Runtime, session: Session, dependency: Any, data: list[Any]) -> Any:
    """The fn values of a trigger's payloads: on a worker thread when an input decodes media
    (an upload's picture or sound), so a large file never stalls the loop; at once otherwise
    (a text box costs less than the hop to a thread)."""
    if not any(getattr(block, "DECODES", False) for block in dependency.inputs):
        return session.inputs(dependency, data)
    context = contextvars.copy_context()  # the file cache and provenance of this job
    loop = asyncio.get_running_loop()
    return await loop.run_in_executor(
        runtime.executor, context.run, session.inputs, dependency, data
    )


async def execute(
    runtime: Runtime,
    job: Job,
    session: Session,
    trigger: Trigger,
    request: Request | None,
    emitter: Emitter,
    sender: PatchSender,
) -> None:
    dependency = job.dependency
    loop = asyncio.get_running_loop()
    handover = Handover(loop)
    processor = OutputProcessor(dependency, session.component)
    fn = dependency.fn
    try:
        values = await _inputs(runtime, session, dependency, trigger.data)
    except (ValidationError, GraphError) as exc:
        job.move(JobState.FAILED)
        emitter.failed(exc, title="Invalid input")
        return
    if fn is None:
        # A js-only or cancels-only listener: inputs pass through to outputs.
        job.move(JobState.DONE)
        emitter.done(sender.patches(_passthrough(processor, values)), job.duration)
        return
    target = render.find_block(runtime, session, trigger.target)
    if trigger.event_data is not None:
        session.client_values.record(trigger.event_data)  # e.g. a forged SelectData value
    reporter = emitter.reporter(loop)
    args, kwargs = ArgPlan.of(fn).build(
        values,
        request=request,
        reporter=reporter,
        target=target,
        event_data=trigger.event_data,
    )
    kind = fn_kind(fn)
    producer = start_producer(
        kind, fn, args, kwargs, processor, handover, reporter, runtime.executor, loop
    )
    job.stop = producer.stop
    job.handover = handover
    streams = kind in (FnKind.GENERATOR, FnKind.ASYNC_GENERATOR)
    if kind == FnKind.SYNC:
        # One wake-up of the loop per call (the worker's future), not one per hand-over.
        await producer.stopped()
    pending = Result()
    while True:
        result, finished, error = await handover.take()
        if result:
            pending.merge(result)
        if job.cancel_requested or finished:
            break
        if streams and pending:
            # A page slower than the generator: wait for it, merging yields meanwhile.
            if session.has_page and not session.outbox.has_room:
                while not session.outbox.has_room and not job.cancel_requested:
                    await session.outbox.wait_for_room()
                newer, finished, error = handover.poll()
                if newer:
                    pending.merge(newer)
                if job.cancel_requested or finished:
                    break
            emitter.output(sender.patches(pending))
            pending = Result()
            # Later yields within the interval merge into one message.
            await handover.wait_finished(runtime.stream_interval)
    result = pending
    if job.cancel_requested:
        await producer.stopped()
        job.move(JobState.CANCELLED)
        emitter.cancelled()
        return
    if error is not None:
        if result:
            # What the function yielded before failing is shown, then the error.
            emitter.output(sender.patches(result))
        job.move(JobState.FAILED)
        emitter.failed(error, show_details=runtime.app.show_error)
        return
    await producer.stopped()
    job.move(JobState.DONE)
    emitter.done(sender.patches(result) if result else [], job.duration)


def _passthrough(processor: OutputProcessor, values: list[Any]) -> Result:
    if not processor.outputs:
        return Result()
    returned = values[0] if len(values) == 1 else tuple(values)
    return processor.process(returned)
