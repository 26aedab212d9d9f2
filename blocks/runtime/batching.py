"""Batch functions (``batch=True``): one call for several waiting jobs of the same listener.

The job that gets a slot takes up to ``max_batch_size - 1`` companions from the line; the
function receives one list per input and returns one list per output, and each job gets its
own item back on its own page.
"""

from __future__ import annotations

import asyncio
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from blocks.exceptions import GraphError, ValidationError
from blocks.graph.signature import FnKind, fn_kind
from blocks.runtime.execution import OutputProcessor
from blocks.runtime.job import Job, JobState
from blocks.runtime.patches import PatchSender
from blocks.runtime.provenance import from_client

if TYPE_CHECKING:
    from blocks.protocol.messages import Trigger
    from blocks.runtime.emitter import Emitter
    from blocks.runtime.engine import Runtime
    from blocks.runtime.session import Session

__all__ = ["BatchMember", "run_batch"]


@dataclass
class BatchMember:
    job: Job
    session: Session
    trigger: Trigger
    emitter: Emitter


async def run_batch(runtime: Runtime, members: list[BatchMember]) -> None:
    """Run one call of the batch function for ``members`` and answer each of them."""
    dependency = members[0].job.dependency
    fn = dependency.fn
    assert fn is not None
    ready: list[tuple[BatchMember, list[Any]]] = []
    for member in members:
        try:
            values = member.session.inputs(dependency, member.trigger.data)
        except (ValidationError, GraphError) as exc:
            member.job.move(JobState.FAILED)
            member.emitter.failed(exc, title="Invalid input")
            continue
        ready.append((member, values))
    if not ready:
        return
    columns = [[values[index] for _, values in ready] for index in range(len(dependency.inputs))]
    try:
        if fn_kind(fn) == FnKind.ASYNC:
            returned = await fn(*columns)
        else:
            loop = asyncio.get_running_loop()
            returned = await loop.run_in_executor(runtime.executor, lambda: fn(*columns))
        per_output = _split(returned, len(dependency.outputs), len(ready))
    except Exception as exc:
        for member, _ in ready:
            member.job.move(JobState.FAILED)
            member.emitter.failed(exc, show_details=runtime.app.show_error)
        return
    for index, (member, _) in enumerate(ready):
        processor = OutputProcessor(dependency, member.session.component)
        sender = PatchSender(
            member.session, dependency, member.trigger.versions, runtime.state_listeners
        )
        try:
            items = [column[index] for column in per_output]
            with from_client(member.session.client_values):
                result = processor.process(items[0] if len(items) == 1 else tuple(items))
        except Exception as exc:
            member.job.move(JobState.FAILED)
            member.emitter.failed(exc, show_details=runtime.app.show_error)
            continue
        member.job.move(JobState.DONE)
        member.emitter.done(sender.patches(result), member.job.duration)


def _split(returned: Any, outputs: int, jobs: int) -> list[list[Any]]:
    if outputs == 0:
        return []
    if not isinstance(returned, (list, tuple)) or len(returned) != outputs:
        raise GraphError(
            f"a batch function must return {outputs} list(s), one per output, each with one "
            f"item per input row; got {type(returned).__name__}"
        )
    columns = [list(column) for column in returned]
    for column in columns:
        if len(column) != jobs:
            raise GraphError(
                f"a batch function returned {len(column)} item(s) for {jobs} input row(s)"
            )
    return columns
