"""Give freed memory back to the operating system after bursts of work.

glibc keeps memory that Python freed in its heaps (especially the per-thread arenas that
worker threads allocate in) instead of returning it, so a server's RSS ratchets up to its peak
and stays there although nothing is alive. ``trim_soon()`` runs ``malloc_trim(0)`` at most once
per interval, called when jobs end; elsewhere than glibc it does nothing.
"""

from __future__ import annotations

import ctypes
import ctypes.util
import time

__all__ = ["trim_soon"]

TRIM_INTERVAL_SECONDS = 1.0

_last_trim = time.monotonic()


def _load_trim() -> object | None:
    name = ctypes.util.find_library("c")
    if name is None:
        return None
    try:
        return ctypes.CDLL(name).malloc_trim
    except (OSError, AttributeError):
        return None


_malloc_trim = _load_trim()


def trim_soon() -> bool:
    """Trim the C heap unless it was trimmed within the interval; True when it trimmed."""
    global _last_trim
    now = time.monotonic()
    if _malloc_trim is None or now - _last_trim < TRIM_INTERVAL_SECONDS:
        return False
    _last_trim = now
    _malloc_trim(0)  # type: ignore[operator]
    return True
