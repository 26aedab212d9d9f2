"""API sessions: the sessions of `/api/<name>` calls, kept between calls, bounded.

A call without a ``session_id`` gets a new session. When the call ends, a session holding
gr.State values (a chat's history) is kept for the client's next call, which names it by the
id the answer gave; any other session is dropped at once. Kept sessions are bounded, so callers
that never come back cannot grow the server's memory: at most ``cap`` are kept, the least
recently used forgotten first, and each is forgotten after ``idle`` seconds unused (one timer
for all). A session a call runs in is never forgotten. Only sessions opened here
(``page=False``) are API sessions: a page's session id never names one.
"""

from __future__ import annotations

import asyncio
import math
import os
import time
from collections import OrderedDict
from typing import TYPE_CHECKING, overload

if TYPE_CHECKING:
    from blocks.runtime.engine import Runtime
    from blocks.runtime.session import Session

__all__ = ["API_SESSION_CAP", "API_SESSION_IDLE_SECONDS", "ApiSessions", "api_session_limits"]

# The defaults; the environment can set both.
API_SESSION_CAP = 1000
API_SESSION_IDLE_SECONDS = 600.0
API_SESSION_CAP_ENV = "BLOCKS_API_SESSION_CAP"
API_SESSION_IDLE_ENV = "BLOCKS_API_SESSION_IDLE_SECONDS"


def api_session_limits() -> tuple[int, float]:
    """How many API sessions are kept between calls, and for how many seconds unused:
    ``BLOCKS_API_SESSION_CAP`` and ``BLOCKS_API_SESSION_IDLE_SECONDS``, else the defaults."""
    cap = _env_number(API_SESSION_CAP_ENV, API_SESSION_CAP)
    idle = _env_number(API_SESSION_IDLE_ENV, API_SESSION_IDLE_SECONDS)
    return int(cap), float(idle)


def _env_number(name: str, default: float) -> float:
    text = os.environ.get(name, "").strip()
    if not text:
        return default
    try:
        value = float(text)
    except ValueError:
        value = -1.0
    if not (math.isfinite(value) and value >= 0):
        raise ValueError(f"{name} must be a number >= 0, got {text!r}")
    return value


class ApiSessions:
    """The API sessions of one runtime (which opens and closes them)."""

    def __init__(self, runtime: Runtime) -> None:
        self.runtime = runtime
        self.cap, self.idle = api_session_limits()
        # Kept between calls, least recently used first; and calls running per session.
        self._kept: OrderedDict[str, Session] = OrderedDict()
        self._calls: dict[str, int] = {}
        self._sweep: asyncio.TimerHandle | None = None

    @overload
    def session_for(self, session_id: None) -> Session: ...

    @overload
    def session_for(self, session_id: str | None) -> Session | None: ...

    def session_for(self, session_id: str | None) -> Session | None:
        """The session of an API call: a new one when ``session_id`` is None; else the API
        session it names, now the most recently used, or None when it names none (never
        issued, forgotten: past the cap or idle too long, or a page's session).

        Page and API sessions are separate namespaces: the id a page got in its welcome is
        not an API session id, so an API call naming it gets None, exactly as for an id never
        issued (which does not tell whether such a page exists), and can neither read the
        page's State nor run in its session."""
        if session_id is None:
            session = self.runtime.open_session(page=False)
            # Counted among the kept ones until its call starts: a call that never starts
            # (its client left at once) still leaves only a bounded session behind.
            self._keep(session)
            return session
        named = self.runtime.sessions.get(session_id)
        if named is not None and named.has_page:
            return None
        if named is not None:
            named.last_seen = time.monotonic()
            if session_id in self._kept:
                self._kept.move_to_end(session_id)
        return named

    def call_started(self, session: Session) -> None:
        """An API call runs in ``session``: it is not forgotten until the call ends."""
        self._kept.pop(session.id, None)
        self._calls[session.id] = self._calls.get(session.id, 0) + 1

    def call_finished(self, session: Session, *, keep: bool = True) -> None:
        """An API call ended. Its session is kept for the client's next call only when
        ``keep`` (the client was given its id) and it holds gr.State values; otherwise it is
        dropped (once its cancelled job, if any, has stopped): a later call with its id
        would find only the defaults, as a new session does."""
        calls = self._calls.pop(session.id, 1) - 1
        if calls > 0:
            self._calls[session.id] = calls  # another call still runs in it
            return
        session.last_seen = time.monotonic()
        if session.has_page or session.id not in self.runtime.sessions:
            return  # a page's session (the page owns it), or one already forgotten
        if keep and session.state_values:
            self._keep(session)
        else:
            self._drop(session)

    def _drop(self, session: Session) -> None:
        if session.id in self._calls or session.id not in self.runtime.sessions:
            return  # a new call runs in it, or it is gone already
        running = [job.task for job in session.jobs.values() if job.task is not None]
        if not running:
            self.runtime.close_session(session)
            return
        # A call that went away mid-job: drop the session once its cancelled job has stopped.
        for task in running:
            task.add_done_callback(lambda _: self._drop(session))

    def _keep(self, session: Session) -> None:
        self._kept[session.id] = session
        self._kept.move_to_end(session.id)
        while len(self._kept) > self.cap:
            _, oldest = self._kept.popitem(last=False)
            self.runtime.close_session(oldest)
        self._schedule_sweep()

    def _schedule_sweep(self) -> None:
        # One timer for all kept sessions, due when the least recently used one expires.
        if self._sweep is not None or not self._kept:
            return
        oldest = next(iter(self._kept.values()))
        delay = oldest.last_seen + self.idle - time.monotonic()
        loop = asyncio.get_running_loop()
        self._sweep = loop.call_later(max(0.0, delay), self._sweep_expired)

    def _sweep_expired(self) -> None:
        """Forget the kept API sessions unused for the idle limit, oldest first."""
        self._sweep = None
        deadline = time.monotonic() - self.idle
        while self._kept:
            oldest = next(iter(self._kept.values()))
            if oldest.last_seen > deadline:
                break
            self._kept.popitem(last=False)
            self.runtime.close_session(oldest)
        self._schedule_sweep()

    def stats(self) -> dict[str, float]:
        """``api_kept`` (kept between calls, at most ``api_cap``, each for ``api_idle_seconds``
        unused) and ``api_in_call`` (sessions a call runs in)."""
        return {
            "api_kept": len(self._kept),
            "api_in_call": len(self._calls),
            "api_cap": self.cap,
            "api_idle_seconds": self.idle,
        }

    def forget(self, session: Session) -> None:
        """The runtime closed ``session``: it is no longer kept."""
        self._kept.pop(session.id, None)
