"""A Python client for a running Blocks app: ``blocks.Client("http://127.0.0.1:7860")``.

It speaks the page's own protocol (one WebSocket, deltas applied locally), so streaming costs
what it costs a browser, and its gr.State values (a chat's history) live in its own session
on the server across calls::

    client = Client(url)
    client.predict("Hello", api_name="/chat")
    job = client.submit("Hello", api_name="/chat")
    for partial in job:          # each streamed state of the outputs
        print(partial)
    job.result()
"""

from __future__ import annotations

import itertools
import queue
import threading
import time
from collections.abc import Iterator
from typing import Any

import orjson

from .exceptions import BlocksError
from .pagemodel import PageModel

__all__ = ["Client", "ClientError", "ClientJob"]

_END = object()


class ClientError(BlocksError):
    """The app answered an API call with an error; ``str()`` is the app's message."""


class ClientJob:
    """One submitted call: iterate for partial outputs, ``result()`` for the final one."""

    def __init__(self, client: Client, event_id: str, dep: dict[str, Any]) -> None:
        self._client = client
        self.event_id = event_id
        self._dep = dep
        self._updates: queue.Queue[Any] = queue.Queue()
        self._done = threading.Event()
        self._final: Any = None
        self._error: str | None = None
        self.cancelled = False
        self.status = "pending"

    def _deliver(self, message: dict[str, Any]) -> None:
        kind = message["type"]
        self.status = kind
        if kind == "output":
            self._updates.put(self._client._outputs(self._dep))
        elif kind == "done":
            if message.get("success"):
                self._final = self._client._outputs(self._dep)
                self.cancelled = bool(message.get("cancelled"))
            else:
                self._error = (message.get("error") or {}).get("message", "error")
            self._done.set()
            self._updates.put(_END)

    def __iter__(self) -> Iterator[Any]:
        while True:
            item = self._updates.get()
            if item is _END:
                return
            yield item

    def result(self, timeout: float | None = None) -> Any:
        """The final outputs (one value, or a tuple for several); raises ClientError."""
        if not self._done.wait(timeout):
            raise TimeoutError(f"no result within {timeout} s")
        if self._error is not None:
            raise ClientError(self._error)
        return self._final

    def done(self) -> bool:
        return self._done.is_set()

    def cancel(self) -> None:
        self._client._send({"type": "cancel", "event_id": self.event_id})


class Client:
    """Connects to the app at ``url`` (its page URL)."""

    def __init__(self, url: str, *, timeout: float = 30) -> None:
        from websockets.sync.client import connect

        self.url = url.rstrip("/")
        self.timeout = timeout
        self.config = orjson.loads(_get(self.url + "/config", timeout))
        self.schema = orjson.loads(_get(self.url + "/api/schema", timeout))
        self.page = PageModel(self.config)
        self._ids = itertools.count(1)
        self._jobs: dict[str, ClientJob] = {}
        self._lock = threading.Lock()
        connection = connect(
            self.url.replace("http", "ws", 1) + "/ws", open_timeout=timeout, max_size=None
        )
        # Entered by hand: the connection lives as long as this client, not one `with`.
        self._ws = connection.__enter__()
        self._ws.send('{"type":"hello"}')
        welcome = orjson.loads(self._ws.recv(timeout))
        self.session_id: str = welcome["session_id"]
        self._reader = threading.Thread(target=self._read, daemon=True, name="blocks-client")
        self._reader.start()

    # ------------------------------------------------------------------ API

    def view_api(self) -> dict[str, Any]:
        """The app's public endpoints: parameters and returns of each."""
        endpoints: dict[str, Any] = self.schema["endpoints"]
        return endpoints

    def predict(self, *args: Any, api_name: str | None = None) -> Any:
        """Call an endpoint and wait for its final outputs."""
        return self.submit(*args, api_name=api_name).result(self.timeout)

    def submit(self, *args: Any, api_name: str | None = None) -> ClientJob:
        """Start a call; the returned job streams partial outputs."""
        dep = self._dependency(api_name)
        inputs = [block for block in dep["inputs"] if self.page.types.get(block) != "state"]
        if len(args) != len(inputs):
            raise TypeError(f"{dep['api_name']} takes {len(inputs)} argument(s), got {len(args)}")
        values = iter(args)
        data = [
            None if self.page.types.get(block) == "state" else next(values)
            for block in dep["inputs"]
        ]
        event_id = f"c{next(self._ids)}"
        job = ClientJob(self, event_id, dep)
        with self._lock:
            self._jobs[event_id] = job
        versions = {b: self.page.versions[b] for b in dep["outputs"] if b in self.page.versions}
        self._send(
            {
                "type": "trigger",
                "event_id": event_id,
                "dep": dep["id"],
                "data": data,
                "versions": versions,
            }
        )
        return job

    def close(self) -> None:
        self._ws.close()
        self._reader.join(timeout=5)

    def __enter__(self) -> Client:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # ------------------------------------------------------------------ internals

    def _dependency(self, api_name: str | None) -> dict[str, Any]:
        named = [dep for dep in self.page.dependencies if dep.get("api_name")]
        if api_name is None:
            if not named:
                raise ValueError("this app has no API endpoints")
            return named[0]
        wanted = api_name.lstrip("/")
        for dep in named:
            if dep["api_name"] == wanted:
                return dep
        raise ValueError(
            f"no endpoint {api_name!r}; endpoints: {', '.join(d['api_name'] for d in named)}"
        )

    def _outputs(self, dep: dict[str, Any]) -> Any:
        values = [
            self.page.values.get(block)
            for block in dep["outputs"]
            if self.page.types.get(block) != "state"
        ]
        return values[0] if len(values) == 1 else tuple(values)

    def _send(self, message: dict[str, Any]) -> None:
        self._ws.send(orjson.dumps(message, option=orjson.OPT_NON_STR_KEYS).decode())

    def _read(self) -> None:
        from websockets.exceptions import ConnectionClosed

        last_ack = time.monotonic()
        try:
            for frame in self._ws:
                message = orjson.loads(frame)
                self.page.receive(message)
                with self._lock:
                    job = self._jobs.get(message.get("event_id") or "")
                if job is not None:
                    job._deliver(message)
                    if message["type"] == "done":
                        with self._lock:
                            self._jobs.pop(job.event_id, None)
                if time.monotonic() - last_ack > 1.0 and "seq" in message:
                    last_ack = time.monotonic()
                    self._send({"type": "ack", "seq": message["seq"]})
        except ConnectionClosed:
            pass
        finally:
            with self._lock:
                jobs, self._jobs = list(self._jobs.values()), {}
            for job in jobs:
                job._deliver(
                    {
                        "type": "done",
                        "success": False,
                        "error": {"message": "the connection to the app was lost"},
                    }
                )


def _get(url: str, timeout: float) -> bytes:
    import urllib.request  # loaded by clients only, not by `import blocks`

    with urllib.request.urlopen(url, timeout=timeout) as response:
        data: bytes = response.read()
        return data
