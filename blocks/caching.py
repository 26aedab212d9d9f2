"""``@gr.cache``: a function's results remembered by the content of its inputs.

Works on plain and async functions and on sync and async generators (every yielded value is
kept and replayed on a hit; a generator stopped before its end is not cached). Keys hash the
inputs' content, so two equal arrays or images hit even as different objects; ``key=`` picks
what counts (``lambda kw: kw["prompt"]``). Bounded: at most ``max_size`` entries and
``max_memory`` bytes (either limit evicts the least recently used), one lock per cache, so
listeners on worker threads share it safely. ``per_session=True`` keeps each page's entries
apart (the session comes from the gr.Request the runtime injects). Two calls missing the same
key at once both run; the later result is kept.

Unlike the reference, a hit still goes through the queue like any job (it returns at once).
"""

from __future__ import annotations

import copy
import functools
import inspect
import re
import sys
import threading
from collections import OrderedDict
from collections.abc import Callable, Hashable
from typing import Any

from blocks.graph.helpers import Request
from blocks.graph.signature import ArgPlan, FnKind, fn_kind

__all__ = ["cache", "parse_memory"]

_SIZE = re.compile(r"^\s*(\d+(?:\.\d+)?)\s*([kmgt]?i?b?)?\s*$", re.IGNORECASE)
_UNITS = {"": 1, "b": 1, "k": 1024, "m": 1024**2, "g": 1024**3, "t": 1024**4}
# The keyword argument the runtime fills with the gr.Request, for per_session caches.
_REQUEST = "_blocks_cache_request"
_MISS: Any = object()


def parse_memory(value: str | int | None) -> int | None:
    """``max_memory`` in bytes: an int, or a size such as ``"512mb"`` or ``"2gb"``."""
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, (int, str)):
        raise TypeError(f"max_memory must be bytes (int) or a size such as '512mb', got {value!r}")
    if isinstance(value, int):
        if value < 1:
            raise ValueError(f"max_memory must be at least 1 byte, got {value}")
        return value
    match = _SIZE.match(value)
    if match is None:
        raise ValueError(f"max_memory must be a size such as '512mb' or '2gb', got {value!r}")
    unit = (match.group(2) or "").lower()[:1]
    return max(1, int(float(match.group(1)) * _UNITS[unit]))


class _Store:
    """The entries of one cached function: LRU order, sizes, one lock."""

    def __init__(self, max_size: int, max_memory: int | None) -> None:
        self.max_size = max_size
        self.max_memory = max_memory
        self.entries: OrderedDict[Hashable, tuple[Any, int]] = OrderedDict()
        self.memory = 0
        self.lock = threading.Lock()

    def get(self, key: Hashable) -> Any:
        with self.lock:
            entry = self.entries.get(key)
            if entry is None:
                return _MISS
            self.entries.move_to_end(key)
            return entry[0]

    def put(self, key: Hashable, value: Any) -> None:
        size = _size_of(value)
        if self.max_memory is not None and size > self.max_memory:
            return  # it would evict everything and still not fit
        with self.lock:
            old = self.entries.pop(key, None)
            if old is not None:
                self.memory -= old[1]
            self.entries[key] = (value, size)
            self.memory += size
            while self.entries and (
                (self.max_size and len(self.entries) > self.max_size)
                or (self.max_memory is not None and self.memory > self.max_memory)
            ):
                _, (_, freed) = self.entries.popitem(last=False)
                self.memory -= freed

    def clear(self) -> None:
        with self.lock:
            self.entries.clear()
            self.memory = 0


def cache(
    fn: Callable[..., Any] | None = None,
    *,
    key: Callable[[dict[str, Any]], Hashable] | None = None,
    max_size: int = 128,
    max_memory: str | int | None = None,
    per_session: bool = False,
) -> Any:
    """Remember ``fn``'s results by the content of its inputs: ``@gr.cache`` or
    ``@gr.cache(max_size=256, per_session=True)``.

    ``key(kwargs)`` (the arguments by parameter name) returns the key instead of the inputs'
    content; ``max_size`` entries at most (0: unlimited); ``max_memory`` bytes at most (an
    int, or ``"512mb"``); ``per_session`` keeps each user's results apart. The wrapper has
    ``cache_clear()`` and ``cache_info()``.
    """
    if not isinstance(max_size, int) or isinstance(max_size, bool) or max_size < 0:
        raise ValueError(f"max_size must be an int >= 0 (0: unlimited), got {max_size!r}")
    if key is not None and not callable(key):
        raise TypeError(f"key must be a function of the kwargs dict, got {key!r}")
    memory = parse_memory(max_memory)
    if fn is None:
        return functools.partial(
            cache, key=key, max_size=max_size, max_memory=max_memory, per_session=per_session
        )
    if not callable(fn):
        raise TypeError(f"gr.cache needs a function, got {fn!r}")
    return _wrap(fn, _Store(max_size, memory), key, per_session)


def _wrap(
    fn: Callable[..., Any],
    store: _Store,
    key: Callable[[dict[str, Any]], Hashable] | None,
    per_session: bool,
) -> Callable[..., Any]:
    signature = inspect.signature(fn)
    plan = ArgPlan.of(fn)
    injected = {
        *plan.request_params,
        *(name for name, _ in plan.progress_params),
        *(name for name, _ in plan.event_data_params),
    }

    def key_of(args: tuple[Any, ...], kwargs: dict[str, Any]) -> Hashable | None:
        request = kwargs.pop(_REQUEST, None)
        try:
            bound = signature.bind_partial(*args, **kwargs)
        except TypeError:
            return None  # let fn raise its own error
        named = {k: v for k, v in bound.arguments.items() if k not in injected}
        try:
            made = key(named) if key is not None else _digest(named)
            hash(made)
        except Exception:
            return None  # not hashable: call through, uncached
        session = getattr(request, "session_hash", None) if per_session else None
        return (session, made)

    kind = fn_kind(fn)
    if kind == FnKind.GENERATOR:

        @functools.wraps(fn)
        def generator(*args: Any, **kwargs: Any) -> Any:
            found = key_of(args, kwargs)
            hit = store.get(found) if found is not None else _MISS
            if hit is not _MISS:
                yield from hit
                return
            kept = []
            for value in fn(*args, **kwargs):
                kept.append(_copy(value))
                yield value
            if found is not None:
                store.put(found, kept)

        wrapper: Callable[..., Any] = generator
    elif kind == FnKind.ASYNC_GENERATOR:

        @functools.wraps(fn)
        async def async_generator(*args: Any, **kwargs: Any) -> Any:
            found = key_of(args, kwargs)
            hit = store.get(found) if found is not None else _MISS
            if hit is not _MISS:
                for value in hit:
                    yield value
                return
            kept = []
            async for value in fn(*args, **kwargs):
                kept.append(_copy(value))
                yield value
            if found is not None:
                store.put(found, kept)

        wrapper = async_generator
    elif kind == FnKind.ASYNC:

        @functools.wraps(fn)
        async def coroutine(*args: Any, **kwargs: Any) -> Any:
            found = key_of(args, kwargs)
            hit = store.get(found) if found is not None else _MISS
            if hit is not _MISS:
                return hit
            value = await fn(*args, **kwargs)
            if found is not None:
                store.put(found, _copy(value))
            return value

        wrapper = coroutine
    else:

        @functools.wraps(fn)
        def plain(*args: Any, **kwargs: Any) -> Any:
            found = key_of(args, kwargs)
            hit = store.get(found) if found is not None else _MISS
            if hit is not _MISS:
                return hit
            value = fn(*args, **kwargs)
            if found is not None:
                store.put(found, _copy(value))
            return value

        wrapper = plain
    if per_session:
        # One more keyword parameter, typed gr.Request, so the runtime hands the wrapper the
        # session (blocks/graph/signature.py reads the signature); fn never sees it.
        extra = inspect.Parameter(
            _REQUEST, inspect.Parameter.KEYWORD_ONLY, default=None, annotation=Request
        )
        params = list(signature.parameters.values())
        position = next(
            (i for i, p in enumerate(params) if p.kind is inspect.Parameter.VAR_KEYWORD),
            len(params),
        )
        params.insert(position, extra)
        wrapper.__signature__ = signature.replace(parameters=params)  # type: ignore[attr-defined]
    wrapper.cache_clear = store.clear  # type: ignore[attr-defined]
    wrapper.cache_info = lambda: {  # type: ignore[attr-defined]
        "entries": len(store.entries),
        "memory": store.memory,
        "max_size": store.max_size,
        "max_memory": store.max_memory,
    }
    return wrapper


def _copy(value: Any) -> Any:
    """What is stored: a copy, so a caller mutating its result cannot change the cache."""
    try:
        return copy.deepcopy(value)
    except Exception:
        return value


def _digest(named: dict[str, Any]) -> str:
    """A hash of the arguments' content: equal values give equal keys across objects."""
    import hashlib  # here, so `import blocks` does not pay for it

    hasher = hashlib.blake2b(digest_size=20)
    _feed(hasher, named, 0)
    return hasher.hexdigest()


def _feed(hasher: Any, value: Any, depth: int) -> None:
    if depth > 50:
        raise ValueError("arguments nested too deeply to hash")
    kind = type(value)
    hasher.update(f"<{kind.__module__}.{kind.__qualname__}>".encode())
    if value is None or isinstance(value, (bool, int, float, complex)):
        hasher.update(repr(value).encode())
    elif isinstance(value, str):
        hasher.update(value.encode("utf-8", "surrogatepass"))
    elif isinstance(value, (bytes, bytearray, memoryview)):
        hasher.update(bytes(value))
    elif isinstance(value, dict):
        hasher.update(str(len(value)).encode())
        for item_key in sorted(value, key=repr):
            _feed(hasher, item_key, depth + 1)
            _feed(hasher, value[item_key], depth + 1)
    elif isinstance(value, (list, tuple)):
        hasher.update(str(len(value)).encode())
        for item in value:
            _feed(hasher, item, depth + 1)
    elif isinstance(value, (set, frozenset)):
        for text in sorted(_digest({"": item}) for item in value):
            hasher.update(text.encode())
    elif hasattr(value, "tobytes") and hasattr(value, "dtype") and hasattr(value, "shape"):
        # A numpy array: its shape, dtype and data.
        hasher.update(f"{value.shape}{value.dtype}".encode())
        hasher.update(value.tobytes())
    elif hasattr(value, "tobytes") and hasattr(value, "mode") and hasattr(value, "size"):
        # A PIL image: its mode, size and pixels.
        hasher.update(f"{value.mode}{value.size}".encode())
        hasher.update(value.tobytes())
    elif hasattr(value, "to_numpy") and hasattr(value, "columns"):
        # A pandas DataFrame: its columns, index and values.
        _feed(hasher, [list(map(str, value.columns)), list(map(str, value.index))], depth + 1)
        _feed(hasher, value.to_numpy(), depth + 1)
    else:
        import pickle

        hasher.update(pickle.dumps(value, protocol=5))


def _size_of(value: Any, depth: int = 0) -> int:
    """About how many bytes ``value`` holds (arrays and images by their data)."""
    if depth > 20:
        return 0
    nbytes = getattr(value, "nbytes", None)
    if isinstance(nbytes, int):
        return nbytes
    if hasattr(value, "mode") and hasattr(value, "size") and hasattr(value, "tobytes"):
        width, height = value.size
        return width * height * max(1, len(value.getbands()))
    if isinstance(value, dict):
        return sys.getsizeof(value) + sum(
            _size_of(k, depth + 1) + _size_of(v, depth + 1) for k, v in value.items()
        )
    if isinstance(value, (list, tuple, set, frozenset)):
        return sys.getsizeof(value) + sum(_size_of(item, depth + 1) for item in value)
    return sys.getsizeof(value)
