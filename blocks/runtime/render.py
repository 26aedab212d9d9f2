"""Running a @gr.render listener for one page, and finding that page's dynamic listeners.

A render job runs the user's function (sync ones in the worker pool) with a fresh
:class:`~blocks.graph.render.Fragment` open, so the blocks and listeners it makes belong to
that page only; then the session installs the fragment in place of the previous one (what the
server kept for removed blocks is forgotten) and the page gets one ``render`` message with the
subtree to mount. A trigger naming a dynamic listener finds it in the session (``dependency``).
"""

from __future__ import annotations

import asyncio
import contextvars
from typing import TYPE_CHECKING, Any

from blocks.exceptions import GraphError, ValidationError
from blocks.graph.render import Fragment, Fragments
from blocks.graph.signature import ArgPlan, FnKind, fn_kind
from blocks.protocol import outgoing
from blocks.runtime.job import JobState

if TYPE_CHECKING:
    from blocks.graph.block import Block
    from blocks.graph.events import Dependency
    from blocks.graph.helpers import Request
    from blocks.protocol.messages import Trigger
    from blocks.runtime.emitter import Emitter
    from blocks.runtime.engine import Runtime
    from blocks.runtime.job import Job
    from blocks.runtime.session import Session

__all__ = ["dependency", "find_block", "group_for", "rerender_for_states", "run_render"]


def fragments_of(runtime: Runtime, session: Session) -> Fragments:
    """The session's dynamic blocks (made on its first render)."""
    if session.fragments is None:
        session.fragments = Fragments.of_app(runtime.graph)
    return session.fragments


def dependency(runtime: Runtime, session: Session, dep_id: int) -> Dependency | None:
    """Listener ``dep_id`` as this page knows it: the app's, or one a render made for it."""
    if 0 <= dep_id < len(runtime.graph.dependencies):
        return runtime.graph.dependencies[dep_id]
    if session.fragments is None:
        return None
    return session.fragments.dependencies.get(dep_id)


def find_block(runtime: Runtime, session: Session, block_id: int | None) -> Block | None:
    if block_id is None:
        return None
    block = runtime.graph.blocks.get(block_id)
    if block is None and session.fragments is not None:
        block = session.fragments.blocks.get(block_id)
    return block


def group_for(runtime: Runtime, dep: Dependency) -> str:
    """The concurrency group of a dynamic listener: one per function *definition* (each run
    makes new closures of the same code), so the groups stay as many as the app's code."""
    code = getattr(dep.fn, "__code__", dep.fn)
    name = dep.concurrency_id or f"render-fn:{id(code)}"
    limit = dep.concurrency_limit
    if limit == "default":
        limit = runtime.app.default_concurrency_limit
    assert limit is None or isinstance(limit, int)
    runtime.queue.define_group(name, limit)
    return name


def rerender_for_states(runtime: Runtime, session: Session, job: Job) -> None:
    """A job of this page stored gr.State outputs: run again each render that listens to
    their ``change`` and reads only server-side values (States, or nothing), since the page
    cannot see State values to notice the change itself. The page gets its ``render``
    message as for any run (the event id is the server's)."""
    states = {id(block) for block in job.dependency.outputs if block.TYPE == "state"}
    if not states or not session.has_page:
        return
    from blocks.protocol.messages import Trigger

    for dep in runtime.graph.dependencies:
        if dep.render is None or any(block.TYPE != "state" for block in dep.inputs):
            continue
        changed = [b for b, event in dep.targets if event == "change" and id(b) in states]
        if not changed:
            continue
        runtime.rerenders += 1
        trigger = Trigger(
            event_id=f"server-render-{runtime.rerenders}",
            dep=dep.id,
            target=changed[0].id,
            event="change",
            data=[None] * len(dep.inputs),
        )
        try:
            runtime.submit(session, trigger)
        except Exception:  # refused (too many events, server stopping): the page was told
            continue


async def run_render(
    runtime: Runtime,
    job: Job,
    session: Session,
    trigger: Trigger,
    request: Request | None,
    emitter: Emitter,
) -> None:
    """Run the render listener of ``job`` and send the page what it built."""
    dep = job.dependency
    place = dep.render
    fn = dep.fn
    assert place is not None and place.id is not None and fn is not None
    try:
        values = session.inputs(dep, trigger.data)
    except (ValidationError, GraphError) as exc:
        job.move(JobState.FAILED)
        emitter.failed(exc, title="Invalid input")
        return
    fragments = fragments_of(runtime, session)
    fragment = Fragment(runtime.graph, place, fragments, fragments.by_place.get(place.id))
    loop = asyncio.get_running_loop()
    args, kwargs = ArgPlan.of(fn).build(
        values,
        request=request,
        reporter=emitter.reporter(loop),
        target=find_block(runtime, session, trigger.target),
        event_data=trigger.event_data,
    )
    if fn_kind(fn) == FnKind.ASYNC:
        with fragment.top:
            await fn(*args, **kwargs)
        config = fragment.config()
    else:

        def build() -> dict[str, Any]:
            with fragment.top:
                fn(*args, **kwargs)
            return fragment.config()

        # The context carries the file cache (and the open fragment, inside build only).
        context = contextvars.copy_context()
        config = await loop.run_in_executor(runtime.executor, context.run, build)
    if job.cancel_requested:
        job.move(JobState.CANCELLED)
        emitter.cancelled()
        return
    kept = list(fragment.kept)
    gone = fragments.install(fragment)
    session.forget_blocks(gone, kept)
    session.deliver(outgoing.rendered(trigger.event_id, config, kept))  # type: ignore[arg-type]
    job.move(JobState.DONE)
    emitter.done([], job.duration)
