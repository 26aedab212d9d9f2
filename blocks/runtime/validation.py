"""Running a listener's ``validator=`` before its job: the inputs are checked first, and fn
never runs on inputs the app refused.

The validator gets the same (preprocessed) inputs as fn, with the Request and Progress
injected as fn's are, and runs the moment the event arrives: before the preview and before
the job waits in the queue, so a refused input costs no slot. A sync validator runs in the
worker pool (it may be slow), an async one on the loop. Its verdicts (blocks/validation.py)
decide: when any input is invalid the job ends at once with a ``validation`` failure whose
``invalid`` list names each refused block and its message; the page shows them beside the
inputs, the API answers 422. A validator that raises fails the job like fn would (gr.Error
shows its message; anything else is the app's failure).
"""

from __future__ import annotations

import asyncio
import contextvars
import functools
from typing import TYPE_CHECKING, Any

from blocks.exceptions import GraphError, OutputError, ValidationError
from blocks.graph.signature import ArgPlan, FnKind, fn_kind
from blocks.protocol import outgoing
from blocks.protocol.outgoing import InvalidInputDict
from blocks.runtime.emitter import error_info
from blocks.runtime.execution import listener_name
from blocks.runtime.job import JobState
from blocks.validation import Invalid, invalid_inputs

if TYPE_CHECKING:
    from blocks.graph.helpers import Request
    from blocks.protocol.messages import Trigger
    from blocks.runtime.emitter import Emitter
    from blocks.runtime.engine import Runtime
    from blocks.runtime.job import Job
    from blocks.runtime.session import Session

__all__ = ["passes_validation", "refusal"]


async def passes_validation(
    runtime: Runtime,
    job: Job,
    session: Session,
    trigger: Trigger,
    request: Request | None,
    emitter: Emitter,
) -> bool:
    """Run the job's validator; True when fn may run. False means the job is over and the
    client was told (the refused inputs, or the validator's own failure)."""
    dependency = job.dependency
    validator = dependency.validator
    assert validator is not None
    try:
        values = session.inputs(dependency, trigger.data)
    except (ValidationError, GraphError):
        return True  # inputs that do not fit at all: the job itself reports them
    loop = asyncio.get_running_loop()
    args, kwargs = ArgPlan.of(validator).build(
        list(values),
        request=request,
        reporter=emitter.reporter(loop),
        target=None,
        event_data=trigger.event_data,
    )
    try:
        if fn_kind(validator) == FnKind.ASYNC:
            returned = await validator(*args, **kwargs)
        else:
            context = contextvars.copy_context()
            call = functools.partial(context.run, validator, *args, **kwargs)
            returned = await loop.run_in_executor(runtime.executor, call)
    except Exception as exc:
        job.move(JobState.CANCELLED)
        emitter.failed(exc, show_details=runtime.app.show_error)
        return False
    try:
        invalid = invalid_inputs(returned, len(dependency.inputs))
    except ValueError as exc:
        name = listener_name(dependency)
        job.move(JobState.CANCELLED)
        emitter.failed(OutputError(f"the validator of {name}: {exc}", listener=name))
        return False
    if job.cancel_requested:
        job.move(JobState.CANCELLED)
        emitter.cancelled()
        return False
    if not invalid:
        return True
    job.move(JobState.CANCELLED)  # it never ran; the client hears of a failure
    session.deliver(outgoing.failed(job.event_id, refusal(dependency.inputs, invalid)))  # type: ignore[arg-type]
    return False


def refusal(inputs: list[Any], invalid: list[Invalid]) -> outgoing.ErrorDict:
    """The error of a job whose validator refused ``invalid`` (kind ``validation``): one
    message for toasts and the API, and each refused input with its own message."""
    named: list[InvalidInputDict] = []
    lines = []
    for verdict in invalid:
        block = inputs[verdict.index]
        named.append({"id": block.id, "message": verdict.message})
        label = getattr(block, "label", None)
        lines.append(f"{label}: {verdict.message}" if label else verdict.message)
    info = error_info(ValidationError("; ".join(lines)), title="Invalid input")
    info["invalid"] = named
    return info
