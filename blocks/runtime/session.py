"""A session: one page (or API client) and everything the server keeps for it.

Sans-I/O: the session numbers outgoing messages and keeps those not yet acknowledged for replay
(the outbox), holds the page's state values, the last value sent for each block (so streams can
send deltas) and per-page property overrides. The connection adapter feeds it and drains it.

Connection states::

    CONNECTED ──drop──> DETACHED ──grace over──> CLOSED
        ^                   │
        └──── resume ───────┘
"""

from __future__ import annotations

import asyncio
import copy
import enum
import secrets
import time
from collections import deque
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

import orjson

from blocks.exceptions import InvalidTransition
from blocks.runtime.execution import prepare_inputs
from blocks.runtime.provenance import ClientValues

if TYPE_CHECKING:
    from blocks.graph.block import Block
    from blocks.graph.events import Dependency
    from blocks.graph.render import Fragments
    from blocks.runtime.job import Job

__all__ = ["ConnectionState", "Known", "Outbox", "Session"]


class ConnectionState(enum.Enum):
    CONNECTED = "connected"
    DETACHED = "detached"
    CLOSED = "closed"


_MOVES = {
    ConnectionState.CONNECTED: {ConnectionState.DETACHED, ConnectionState.CLOSED},
    ConnectionState.DETACHED: {ConnectionState.CONNECTED, ConnectionState.CLOSED},
    ConnectionState.CLOSED: set(),
}


@dataclass
class Known:
    """The value the page holds for a block, as last sent by the server, and its version."""

    ver: int
    value: Any


# What keeping one frame costs besides its bytes (the bytes object and the deque entry).
_FRAME_OVERHEAD = 100


class Outbox:
    """Numbered outgoing messages, kept until acknowledged so a reconnecting page can get
    what it missed. At most ``max_bytes`` are kept; past that the oldest are dropped and a
    resume from before them is refused (the page then starts afresh).

    It also measures what is queued but not yet written to the page (``pending_bytes``): past
    ``high_water`` streaming jobs wait for room (``wait_for_room``) and meanwhile merge their
    yields, so a page slower than the generator gets fewer, larger deltas and the server's
    memory stays bounded; nothing is dropped."""

    def __init__(
        self,
        max_bytes: int = 1024 * 1024,
        high_water: int = 256 * 1024,
        low_water: int = 64 * 1024,
    ) -> None:
        self.seq = 0
        self._kept: deque[tuple[int, bytes]] = deque()
        self._kept_bytes = 0
        self._max_bytes = max_bytes
        self._unsent: deque[bytes] = deque()
        self.lowest_replayable = 1
        self.pending_bytes = 0
        self._high_water = high_water
        self._low_water = low_water
        running = _loop_running()
        self.wakeup = asyncio.Event() if running else None
        self._room = asyncio.Event() if running else None
        if self._room is not None:
            self._room.set()

    def push(self, encode: Callable[[int], bytes]) -> int:
        """Number the next message, ``encode(seq)`` it and queue it for sending."""
        self.seq += 1
        frame = encode(self.seq)
        self._kept.append((self.seq, frame))
        self._kept_bytes += len(frame) + _FRAME_OVERHEAD
        while self._kept_bytes > self._max_bytes and len(self._kept) > 1:
            old_seq, old = self._kept.popleft()
            self._kept_bytes -= len(old) + _FRAME_OVERHEAD
            self.lowest_replayable = old_seq + 1
        self._unsent.append(frame)
        self.pending_bytes += len(frame)
        if self._room is not None and self.pending_bytes >= self._high_water:
            self._room.clear()
        if self.wakeup is not None:
            self.wakeup.set()
        return self.seq

    def sent(self, frame: bytes) -> None:
        """A drained frame was written to the page."""
        self.pending_bytes = max(0, self.pending_bytes - len(frame))
        if self._room is not None and self.pending_bytes <= self._low_water:
            self._room.set()

    @property
    def has_room(self) -> bool:
        return self._room is None or self._room.is_set()

    async def wait_for_room(self) -> None:
        """Return once the page has taken enough of what was queued (or wake_waiters())."""
        if self._room is not None and not self._room.is_set():
            await self._room.wait()

    def wake_waiters(self) -> None:
        """Wake every wait_for_room() once (a job is being cancelled); the room stays closed
        for the others, who wait again."""
        if self._room is not None and not self._room.is_set():
            self._room.set()
            self._room.clear()

    def drain(self) -> list[bytes]:
        """Every frame queued since the last drain, in order."""
        frames = list(self._unsent)
        self._unsent.clear()
        if self.wakeup is not None:
            self.wakeup.clear()
        return frames

    def ack(self, seq: int) -> None:
        while self._kept and self._kept[0][0] <= seq:
            _, frame = self._kept.popleft()
            self._kept_bytes -= len(frame) + _FRAME_OVERHEAD
        self.lowest_replayable = max(self.lowest_replayable, min(seq + 1, self.seq + 1))

    def can_replay_after(self, last_seq: int) -> bool:
        return last_seq + 1 >= self.lowest_replayable and last_seq <= self.seq

    def replay_after(self, last_seq: int) -> None:
        """Queue again every kept frame numbered after ``last_seq`` (for a resumed page)."""
        self._unsent.clear()
        self._unsent.extend(frame for seq, frame in self._kept if seq > last_seq)
        self.pending_bytes = sum(len(frame) for frame in self._unsent)
        if self._room is not None and self.pending_bytes <= self._low_water:
            self._room.set()
        if self.wakeup is not None and self._unsent:
            self.wakeup.set()


def _loop_running() -> bool:
    try:
        asyncio.get_running_loop()
    except RuntimeError:
        return False
    return True


class Session:
    """Everything the server keeps for one page."""

    def __init__(self, session_id: str | None = None) -> None:
        self.id = session_id or secrets.token_urlsafe(16)
        self.state_values: dict[int, Any] = {}
        # Copies of the State values the page was last told changed (runtime/patches.py).
        self.state_snapshots: dict[int, Any] = {}
        self.known: dict[int, Known] = {}
        self.overrides: dict[int, dict[str, Any]] = {}
        self.jobs: dict[str, Job] = {}
        self.outbox = Outbox()
        self.connection = ConnectionState.CONNECTED
        self.detached_at: float | None = None
        # While DETACHED: the timer that closes the session when the resume grace ends.
        self.expiry: asyncio.TimerHandle | None = None
        self.last_seen = time.monotonic()
        self._component_cache: dict[int, Any] = {}
        # A page session sends through the outbox; an API session only to its watchers.
        self.has_page = True
        self.watchers: dict[str, Callable[[dict[str, Any]], None]] = {}
        # The paths this client has sent: never turned into served files (provenance.py).
        self.client_values = ClientValues()
        # The blocks and listeners @gr.render functions built for this page (runtime/render.py).
        self.fragments: Fragments | None = None

    def deliver(self, message: dict[str, Any]) -> None:
        """Send one server message (a dict shaped as in blocks/protocol.py)."""
        watcher = self.watchers.get(message.get("event_id"))  # type: ignore[arg-type]
        if watcher is not None:
            watcher(message)
        if self.has_page:

            def encode(seq: int) -> bytes:
                message["seq"] = seq
                return orjson.dumps(message, option=orjson.OPT_NON_STR_KEYS)

            self.outbox.push(encode)

    def move(self, new: ConnectionState) -> None:
        if new not in _MOVES[self.connection]:
            raise InvalidTransition(
                f"session connection cannot go from {self.connection.value} to {new.value}"
            )
        self.connection = new
        self.detached_at = time.monotonic() if new is ConnectionState.DETACHED else None

    # ------------------------------------------------------------------ values

    def inputs(self, dependency: Dependency, data: Sequence[Any]) -> list[Any]:
        """The values ``dependency``'s fn receives for the payloads ``data`` this page sent:
        States from this session, the rest preprocessed by this page's components (and their
        strings remembered as client data). ValidationError or GraphError when one does not fit."""
        return prepare_inputs(
            dependency,
            list(data),
            component_for=self.component,
            state_value=self.state_value,
            client=self.client_values,
        )

    def state_value(self, block: Block) -> Any:
        """The session's value of a gr.State (its initial value, copied, on first use)."""
        assert block.id is not None
        if block.id not in self.state_values:
            initial = getattr(block, "value", None)
            self.state_values[block.id] = initial() if callable(initial) else copy.deepcopy(initial)
        return self.state_values[block.id]

    def set_state(self, block: Block, value: Any) -> None:
        assert block.id is not None
        self.state_values[block.id] = value

    def component(self, block: Block) -> Any:
        """The block as this page sees it: with the page's property updates applied."""
        assert block.id is not None
        overrides = self.overrides.get(block.id)
        if not overrides:
            return block
        cached = self._component_cache.get(block.id)
        if cached is None:
            cached = block.with_props(overrides)  # type: ignore[attr-defined]
            self._component_cache[block.id] = cached
        return cached

    def override(self, block_id: int, props: dict[str, Any]) -> None:
        self.overrides.setdefault(block_id, {}).update(props)
        self._component_cache.pop(block_id, None)

    def forget_blocks(self, gone: list[int], replaced: list[int]) -> None:
        """A re-render removed the blocks ``gone`` (everything kept for them goes) and made
        the keyed blocks ``replaced`` anew (their value and version stay, as the page keeps
        them; their property updates go, as the new run sets the properties)."""
        for block_id in gone:
            self.known.pop(block_id, None)
            self.state_values.pop(block_id, None)
        for block_id in (*gone, *replaced):
            self.overrides.pop(block_id, None)
            self._component_cache.pop(block_id, None)

    def baseline(self, block_id: int, page_ver: int | None) -> Known | None:
        """What the page holds for a block, if the server knows it exactly."""
        known = self.known.get(block_id)
        if known is None or page_ver is None or known.ver != page_ver:
            return None
        return known
