"""Which strings a client has sent: the output side never serves a file a client named.

Everything a page or an API client sends (event payloads, browser-held state, chat history,
event data) is client data. A listener may hand such a value straight back to an output: the
saved conversations of ``ChatInterface(save_history=True)`` do exactly that, and so does
``lambda x: x`` from a JSON input to a File output. If a string in it named a file (``app.py``,
``/tmp/other-app/secret.csv``), turning it into a served file would let any visitor read
it. So each session remembers the paths its client has mentioned, and ``FileCache.add_path``
refuses to serve one of them while that session's job is running (``current_client``).

Only files the app's own code named, or that were uploaded (by id), become file ids. The
memory is bounded: strings longer than a path can be are skipped, each remembered path costs
one hash, and past ``MAX_REMEMBERED`` the session is *overflowed*: from then on it is served no
path outside the app's cache and ``allowed_paths`` (a conservative answer, never a leak).
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from typing import Any

__all__ = ["MAX_REMEMBERED", "ClientValues", "current_client", "from_client"]

# More distinct path-like strings than this in one session and it is served only cache and
# allowed_paths files. ~60 bytes each: about 0.6 MB for a session at the cap.
MAX_REMEMBERED = 10_000
# Longer strings cannot be paths (PATH_MAX on Linux is 4096 bytes).
_MAX_PATH_CHARS = 4096
# How deep a payload is walked; JSON nested deeper than this is refused elsewhere anyway.
_MAX_DEPTH = 64
# Keys whose values are shown, never opened: a FileData's display name, a file part's alt text.
_DISPLAY_KEYS = frozenset({"orig_name", "alt_text", "mime_type"})


def _key(text: str) -> int:
    return hash(os.path.normpath(os.path.join(os.getcwd(), text)))


class ClientValues:
    """The paths one session's client has mentioned, as hashes of their absolute form."""

    __slots__ = ("_seen", "overflowed")

    def __init__(self) -> None:
        self._seen: set[int] = set()
        self.overflowed = False

    def record(self, payload: Any) -> None:
        """Remember every string in ``payload`` (a decoded JSON value) that could be a path."""
        seen = self._seen
        for text in _strings(payload, 0):
            if len(seen) >= MAX_REMEMBERED:
                self.overflowed = True
                return
            seen.add(_key(text))

    def named(self, path: str | os.PathLike[str]) -> bool:
        """Whether the client mentioned this path (as given, relative to the current folder)."""
        text = os.fspath(path)
        if isinstance(text, bytes):
            text = os.fsdecode(text)
        return _key(text) in self._seen

    def __len__(self) -> int:
        return len(self._seen)


def _strings(value: Any, depth: int) -> Iterator[str]:
    if isinstance(value, str):
        if 0 < len(value) <= _MAX_PATH_CHARS:
            yield value
    elif depth >= _MAX_DEPTH:
        return
    elif isinstance(value, dict):
        for key, item in value.items():
            if isinstance(key, str) and 0 < len(key) <= _MAX_PATH_CHARS:
                yield key
            if key not in _DISPLAY_KEYS:
                yield from _strings(item, depth + 1)
    elif isinstance(value, (list, tuple)):
        for item in value:
            yield from _strings(item, depth + 1)


_current: ContextVar[ClientValues | None] = ContextVar("blocks_client_values", default=None)


def current_client() -> ClientValues | None:
    """What the client of the job running this code has sent; None outside a job."""
    return _current.get()


@contextmanager
def from_client(values: ClientValues) -> Iterator[ClientValues]:
    """Run the enclosed code (and the tasks and threads it starts) for this client."""
    token = _current.set(values)
    try:
        yield values
    finally:
        _current.reset(token)
