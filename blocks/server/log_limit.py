"""Rate-limited logging: the same message at most a few times a second.

A server out of file descriptors fails every accept, a client flood is refused connection after
connection, a broken proxy sends invalid requests in a loop: each failure logs one line, and
the log grows by hundreds of megabytes. ``RateLimitFilter`` lets each message (by logger, level
and format string, so the same message with other arguments counts as the same) through at most
``per_second`` times a second, after a first burst of ``burst`` (a token bucket: a few errors in
a row are all shown, a flood is cut down); the first one let through after a suppression says
how many were left out ("(42 similar messages suppressed)"), as does ``flush`` when the server
stops.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable
from dataclasses import dataclass

__all__ = ["LOGGERS", "RateLimitFilter", "flush", "install"]

# uvicorn's (connection errors, invalid requests), asyncio's (accept failures: "out of system
# resource") and ours. A filter on a logger sees only what is logged to that logger itself.
LOGGERS = ("uvicorn", "uvicorn.error", "uvicorn.access", "asyncio", "blocks")
DEFAULT_PER_SECOND = 5
DEFAULT_BURST = 10
# Messages tracked at most: past it, the quiet ones are forgotten.
_MAX_KEYS = 1024

_Key = tuple[str, int, str]


@dataclass
class _Bucket:
    tokens: float
    at: float
    suppressed: int = 0
    # The last suppressed message, for flush() (formatted: the record would keep its
    # arguments and traceback alive).
    last: str = ""


class RateLimitFilter(logging.Filter):
    """Let each message through at most ``per_second`` times per second after a burst of
    ``burst`` (``clock``: seconds, injectable for tests)."""

    def __init__(
        self,
        per_second: float = DEFAULT_PER_SECOND,
        burst: int = DEFAULT_BURST,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        super().__init__()
        self.per_second = per_second
        self.burst = burst
        self.clock = clock
        self._buckets: dict[_Key, _Bucket] = {}

    def filter(self, record: logging.LogRecord) -> bool:
        key = (record.name, record.levelno, str(record.msg))
        now = self.clock()
        bucket = self._buckets.get(key)
        if bucket is None:
            if len(self._buckets) >= _MAX_KEYS:
                self._forget_quiet()
            bucket = self._buckets[key] = _Bucket(float(self.burst), now)
        else:
            bucket.tokens = min(self.burst, bucket.tokens + (now - bucket.at) * self.per_second)
            bucket.at = now
        if bucket.tokens < 1:
            bucket.suppressed += 1
            bucket.last = record.getMessage()
            return False
        bucket.tokens -= 1
        if bucket.suppressed:
            record.msg = f"{record.msg} ({bucket.suppressed} similar messages suppressed)"
            bucket.suppressed, bucket.last = 0, ""
        return True

    def flush(self) -> None:
        """Log, for each message suppressed since it last got through, how many were."""
        buckets, self._buckets = self._buckets, {}
        for (name, level, _), bucket in buckets.items():
            if bucket.suppressed:
                logging.getLogger(name).log(
                    level, "%s (%d similar messages suppressed)", bucket.last, bucket.suppressed
                )

    def _forget_quiet(self) -> None:
        """Past _MAX_KEYS messages: forget those with nothing suppressed (or, failing that,
        everything), so a stream of ever-new messages cannot grow this without bound."""
        self._buckets = {key: b for key, b in self._buckets.items() if b.suppressed}
        if len(self._buckets) >= _MAX_KEYS:
            self._buckets.clear()


_installed: RateLimitFilter | None = None


def install() -> RateLimitFilter:
    """Put one RateLimitFilter on each of LOGGERS (once per process) and return it."""
    global _installed
    if _installed is None:
        _installed = RateLimitFilter()
        for name in LOGGERS:
            logging.getLogger(name).addFilter(_installed)
    return _installed


def flush() -> None:
    """Say what the installed filter suppressed (the server stops)."""
    if _installed is not None:
        _installed.flush()
