"""Calling a Blocks app from Python: ``blocks.Client`` (its jobs, files and async use) and the
page model it shares with ``blocks.testing``. Uses the wire protocol only.

The names load on first use, so ``import blocks`` does not load the client's HTTP and
asyncio machinery.
"""

from __future__ import annotations

import importlib
from typing import Any

__all__ = [
    "AsyncClient",
    "AuthenticationError",
    "Client",
    "ClientError",
    "ConnectionLost",
    "Job",
    "JobCancelled",
    "OutputUpdate",
    "ProgressUnit",
    "Status",
    "StatusUpdate",
    "handle_file",
]

_HOMES = {
    "AsyncClient": "aio",
    "AuthenticationError": "errors",
    "Client": "client",
    "ClientError": "errors",
    "ConnectionLost": "errors",
    "Job": "jobs",
    "JobCancelled": "errors",
    "OutputUpdate": "jobs",
    "ProgressUnit": "jobs",
    "Status": "jobs",
    "StatusUpdate": "jobs",
    "handle_file": "files",
}


def __getattr__(name: str) -> Any:
    home = _HOMES.get(name)
    if home is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    value = getattr(importlib.import_module(f"{__name__}.{home}"), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted({*globals(), *__all__})
