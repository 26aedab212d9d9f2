"""Test an app without a browser: ``blocks.testing.TestClient(demo)``.

The client is a page in-process: it holds the page's values, fires events the way the browser
does (inputs read at the moment, chained ``.then`` steps run after), and sends them as frames
through the Connection the WebSocket route feeds, to the app's real queue and runtime on a
private event loop::

    client = TestClient(demo)
    client.set(name, "Ada")
    run = client.click(button)
    assert client.value(greeting) == "Hello Ada!"
    assert run.chunks  # every streamed state of the outputs
"""

from __future__ import annotations

import asyncio
import threading
from collections.abc import Callable, Coroutine
from typing import TYPE_CHECKING, Any, TypeVar

import orjson

from blocks.client.pagemodel import EventRun, PageModel
from blocks.graph.block import Block
from blocks.graph.helpers import Request
from blocks.runtime.connection import Connection, Phase

if TYPE_CHECKING:
    from blocks.app import Blocks
    from blocks.runtime.engine import Runtime
    from blocks.runtime.session import Session

__all__ = ["EventRun", "TestClient", "TestPage", "update_sent"]

T = TypeVar("T")


class _LoopThread:
    """An event loop running in a daemon thread."""

    def __init__(self) -> None:
        self.loop = asyncio.new_event_loop()
        self.thread = threading.Thread(
            target=self.loop.run_forever, daemon=True, name="blocks-testclient"
        )
        self.thread.start()

    def run(self, coroutine: Coroutine[Any, Any, T], timeout: float | None = 30) -> T:
        return asyncio.run_coroutine_threadsafe(coroutine, self.loop).result(timeout)

    def stop(self) -> None:
        self.loop.call_soon_threadsafe(self.loop.stop)
        self.thread.join(timeout=5)
        self.loop.close()


class TestPage:
    """One in-process page of an app (see TestClient).

    It speaks the wire protocol: every message it sends is encoded to a frame and fed through
    the same Connection the WebSocket route feeds, and every message it receives is decoded
    from the frame the server would have written, so what it records is a copy the server can
    no longer change."""

    def __init__(self, runtime: Runtime, loop: _LoopThread, timeout: float) -> None:
        self.runtime = runtime
        self._loop = loop
        self.timeout = timeout
        self.page = PageModel(
            orjson.loads(orjson.dumps(runtime.config, option=orjson.OPT_NON_STR_KEYS))
        )
        # Every server message this page received, in order (the welcome first).
        self.received: list[dict[str, Any]] = []
        self._acked = 0
        self.connection = Connection(
            runtime, lambda session_id: Request(client_host="testclient", session_hash=session_id)
        )
        self.session: Session = loop.run(self._open())

    async def _open(self) -> Session:
        self._feed({"type": "hello"})
        self._pump()
        assert self.connection.session is not None
        return self.connection.session

    # ------------------------------------------------------------------ reading and writing

    def value(self, block: Block) -> Any:
        """The block's value as the page holds it now (its wire form)."""
        self.refresh()
        return self.page.values.get(_id(block))

    def props(self, block: Block) -> dict[str, Any]:
        """The block's properties as the page holds them now (after gr.update(...)s)."""
        self.refresh()
        return self.page.props.get(_id(block), {})

    def refresh(self) -> None:
        """Apply every message the server has sent so far, as a browser would have."""
        self._on_loop(self._pump)

    def state(self, block: Block) -> Any:
        """The session's value of a gr.State."""
        return self.session.state_values.get(_id(block), getattr(block, "value", None))

    def set(self, block: Block, value: Any) -> None:
        """Type or pick a value, as a user would (wire form)."""
        self.page.set_value(_id(block), value)

    def send_frame(self, frame: str | bytes) -> list[dict[str, Any]]:
        """Send one raw frame, as a page would; returns the messages received since (a
        malformed frame gets the protocol error the WebSocket route gives)."""
        before = len(self.received)
        self._on_loop(self._feed_frame, frame)
        self.refresh()
        return self.received[before:]

    # ------------------------------------------------------------------ events

    def fire(
        self, block: Block, event: str, event_data: Any = None, *, wait: bool = True
    ) -> list[EventRun]:
        """Fire ``event`` on ``block``; returns the runs of every listener (and chained step)."""
        deps = self.page.listeners(_id(block), event)
        if not deps:
            raise LookupError(f"nothing listens to {event!r} on {block!r}")
        return self._loop.run(
            self._run_all(deps, _id(block), event, event_data, wait), self.timeout * 4
        )

    def click(self, block: Block, **kwargs: Any) -> EventRun:
        return self.fire(block, "click", **kwargs)[0]

    def submit(self, block: Block, **kwargs: Any) -> EventRun:
        return self.fire(block, "submit", **kwargs)[0]

    def change(self, block: Block, value: Any, **kwargs: Any) -> list[EventRun]:
        self.set(block, value)
        return self.fire(block, "change", **kwargs)

    def load(self) -> list[EventRun]:
        """Run the app's load listeners, as opening the page does."""
        root = self.runtime.graph.root
        if not self.page.listeners(_id(root), "load"):
            return []
        return self.fire(root, "load")

    def start(self, block: Block, event: str = "click", event_data: Any = None) -> EventRun:
        """Fire an event without waiting for it (see ``wait`` and ``cancel``)."""
        return self.fire(block, event, event_data, wait=False)[0]

    def wait(self, run: EventRun) -> EventRun:
        self._loop.run(self._wait(run), self.timeout)
        return run

    def cancel(self, run: EventRun) -> None:
        self._on_loop(self._feed, {"type": "cancel", "event_id": run.event_id})

    def _on_loop(self, fn: Callable[..., T], *args: Any) -> T:
        """Call ``fn`` on the page's event loop, where the runtime and its sessions live."""

        async def call() -> T:
            return fn(*args)

        return self._loop.run(call())

    async def _run_all(
        self, deps: list[int], target: int | None, event: str, event_data: Any, wait: bool
    ) -> list[EventRun]:
        runs = []
        pending = [(dep, target, event, event_data) for dep in deps]
        while pending:
            dep, tgt, evt, data = pending.pop(0)
            # Like a browser, the page has applied everything received before it acts.
            pending.extend((follow, None, "then", None) for follow in self._pump())
            message = self.page.trigger(dep, target=tgt, event=evt, event_data=data)
            run = self.page.runs[message["event_id"]]
            runs.append(run)
            pending.extend((follow, None, "then", None) for follow in self._send(message))
            if not wait:
                continue
            for follow in await self._wait(run):
                pending.append((follow, None, "then", None))
        return runs

    def _send(self, message: dict[str, Any]) -> list[int]:
        # Like the browser, the page stops the runs of the dependencies this one cancels.
        for cancelled in self.page.dependencies[message["dep"]]["cancels"]:
            for run in list(self.page.runs.values()):
                if run.dep == cancelled and run.done is None:
                    self._feed({"type": "cancel", "event_id": run.event_id})
        self._feed(message)
        return self._pump()  # a refused trigger was answered at once, as a failed event

    def _feed(self, message: dict[str, Any]) -> None:
        self._feed_frame(orjson.dumps(message, option=orjson.OPT_NON_STR_KEYS))

    def _feed_frame(self, frame: str | bytes) -> None:
        close = self.connection.receive(frame)
        if close is not None:
            raise ConnectionError(f"the server closed the page ({close.code}): {close.reason}")

    def _pump(self) -> list[int]:
        """Receive every frame the server has queued; returns the chained dependencies."""
        follow: list[int] = []
        for frame in self.connection.drain():
            # Decoded twice: the record and the page's working copy share nothing.
            self.received.append(orjson.loads(frame))
            follow.extend(self.page.receive(orjson.loads(frame)))
            self.connection.sent(frame)
        seq = self.received[-1].get("seq", 0) if self.received else 0
        if seq > self._acked and self.connection.phase is Phase.OPEN:
            self._acked = seq
            self._feed({"type": "ack", "seq": seq})
        return follow

    async def _wait(self, run: EventRun) -> list[int]:
        wakeup = self.connection.wakeup
        assert wakeup is not None
        follow: list[int] = []
        async with asyncio.timeout(self.timeout):
            while run.done is None:
                await wakeup.wait()
                follow.extend(self._pump())
        return follow

    def close_page(self) -> None:
        """Close this page, as closing the browser tab does (its jobs are cancelled)."""
        self._on_loop(self.connection.disconnected, 1001)  # the code of a tab closing


class TestClient(TestPage):
    """An in-process page of ``app``; ``new_page()`` opens more pages of the same app.

    Use as a context manager, or call ``close()``.
    """

    __test__ = False  # not a pytest test class

    def __init__(self, app: Blocks, *, timeout: float = 30) -> None:
        self.app = app
        loop = _LoopThread()
        runtime = loop.run(self._make_runtime(app))
        super().__init__(runtime, loop, timeout)
        self._pages: list[TestPage] = [self]

    @staticmethod
    async def _make_runtime(app: Blocks) -> Runtime:
        return app.runtime

    def new_page(self) -> TestPage:
        page = TestPage(self.runtime, self._loop, self.timeout)
        self._pages.append(page)
        return page

    def close(self) -> None:
        self._loop.run(self.runtime.drain())
        self.app.close()
        self._loop.stop()

    def __enter__(self) -> TestClient:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def update_sent(returned: Block) -> dict[str, Any]:
    """What a page receives when a listener returns the component ``returned`` for an output
    of its type: the properties it changes, plus ``value`` when it sets the value (wire forms).

    A returned component updates only what it was given, so
    ``update_sent(gr.Textbox(label="Name")) == {"label": "Name"}``."""
    from blocks.app import Blocks
    from blocks.components.button import Button

    with Blocks() as app:
        output = type(returned)()
        button = Button()
        button.click(lambda: returned, None, output)
    with TestClient(app) as client:
        run = client.click(button)
        if not run.success:
            raise AssertionError(f"the listener failed: {run.error}")
        assert run.done is not None
        update: dict[str, Any] = {}
        for patch in run.done["patches"]:
            update.update(patch.get("props") or {})
            if "ops" in patch:
                update["value"] = client.value(output)
        return update


def _id(block: Block) -> int:
    if block.id is None:
        raise LookupError(f"{block!r} is not part of an app")
    return block.id
