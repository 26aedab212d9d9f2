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

Files go both ways: an Image, File or MultimodalTextbox input takes local paths, which the
client uploads first (``POST /upload``); FileData in outputs has an absolute ``url``, and
``client.download(file_data)`` fetches one (nothing is downloaded unless asked).
"""

from __future__ import annotations

import itertools
import os
import queue
import threading
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import orjson

from blocks.client.pagemodel import PageModel
from blocks.exceptions import BlocksError
from blocks.protocol.files import safe_name

__all__ = ["Client", "ClientError", "ClientJob"]

_END = object()
_FILE_INPUTS = ("image", "file", "multimodaltextbox")
_UPLOAD_BATCH = 100  # file_routes.MAX_FILES_PER_UPLOAD


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
        self._downloads = itertools.count(1)
        self._download_dir: Path | None = None
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
        """Start a call; the returned job streams partial outputs.

        Local files given to an Image, File or MultimodalTextbox input (paths, lists of
        paths, ``{"text", "files": [paths]}``) are uploaded first: FileNotFoundError for a
        missing one, ClientError when the app refuses one (too large...)."""
        dep = self._dependency(api_name)
        inputs = [block for block in dep["inputs"] if self.page.types.get(block) != "state"]
        if len(args) != len(inputs):
            raise TypeError(f"{dep['api_name']} takes {len(inputs)} argument(s), got {len(args)}")
        values = iter(self._with_uploads(list(zip(inputs, args, strict=True))))
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

    def download(
        self, file_data: dict[str, Any] | str, dest_dir: str | os.PathLike[str] | None = None
    ) -> Path:
        """Download a file of the app's outputs (a FileData, or its URL) into ``dest_dir``
        (as ``dest_dir/<name>``, replacing a file of that name) or, by default, into a temp
        folder of this client that ``close()`` removes; the local path."""
        import shutil
        import urllib.error
        import urllib.request
        from urllib.parse import unquote, urlsplit

        if isinstance(file_data, dict):
            url, name = file_data.get("url"), file_data.get("orig_name")
        else:
            url, name = file_data, None
        if not isinstance(url, str) or not url:
            raise ValueError(f"not a file (a FileData with a url): {file_data!r:.100}")
        url = self._absolute_url(url)
        if urlsplit(url).scheme not in ("http", "https"):
            raise ValueError(f"can only download http(s) URLs, got {url!r:.100}")
        name = safe_name(name or unquote(urlsplit(url).path.rsplit("/", 1)[-1]))
        if dest_dir is None:
            # One folder per download: outputs often share a name ("image.webp").
            folder = self._temp_dir() / str(next(self._downloads))
        else:
            folder = Path(dest_dir)
        folder.mkdir(parents=True, exist_ok=True)
        target = folder / name
        partial = folder / f".{name}.part"
        try:
            with (
                urllib.request.urlopen(url, timeout=self.timeout) as response,
                partial.open("wb") as out,
            ):
                shutil.copyfileobj(response, out)
        except urllib.error.HTTPError as exc:
            partial.unlink(missing_ok=True)
            raise ClientError(f"cannot download {name}: {_error_message(exc)}") from None
        except BaseException:
            partial.unlink(missing_ok=True)
            raise
        os.replace(partial, target)
        return target

    def close(self) -> None:
        self._ws.close()
        self._reader.join(timeout=5)
        if self._download_dir is not None:
            import shutil

            shutil.rmtree(self._download_dir, ignore_errors=True)
            self._download_dir = None

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
            self._absolute_files(self.page.values.get(block))
            for block in dep["outputs"]
            if self.page.types.get(block) != "state"
        ]
        return values[0] if len(values) == 1 else tuple(values)

    # ------------------------------------------------------------------ files

    def _with_uploads(self, inputs: list[tuple[int, Any]]) -> list[Any]:
        """The values of ``(block, value)`` inputs, each local file replaced by the FileData
        of its upload. Every file is checked before any is sent."""
        paths: dict[str, None] = {}  # the files to send, in order, once each

        def collect(path: Any) -> Any:
            text = os.fspath(path)
            if not os.path.isfile(text):
                raise FileNotFoundError(f"no such file: {text!r}")
            paths[text] = None
            return path

        for block, value in inputs:
            self._map_files(block, value, collect)
        if not paths:
            return [self._map_files(block, value, lambda path: path) for block, value in inputs]
        order = list(paths)
        uploaded: dict[str, Any] = {}
        for start in range(0, len(order), _UPLOAD_BATCH):
            batch = order[start : start + _UPLOAD_BATCH]
            uploaded.update(zip(batch, self._upload(batch), strict=True))
        return [
            self._map_files(block, value, lambda path: uploaded[os.fspath(path)])
            for block, value in inputs
        ]

    def _map_files(self, block: int, value: Any, fn: Callable[[Any], Any]) -> Any:
        """``value`` for input ``block`` with ``fn`` applied to each local file in it."""
        kind = self.page.types.get(block)
        if kind not in _FILE_INPUTS or value is None:
            return value
        if kind == "multimodaltextbox":
            if isinstance(value, str):
                return {"text": value, "files": []}
            if isinstance(value, dict):
                files = value.get("files")
                if isinstance(files, (str, os.PathLike, dict)):
                    files = [files]
                if isinstance(files, (list, tuple)):
                    return {**value, "files": [_map_file(item, fn) for item in files]}
            return value
        if isinstance(value, (list, tuple)):
            return [_map_file(item, fn) for item in value]
        return _map_file(value, fn)

    def _upload(self, paths: list[str]) -> list[dict[str, Any]]:
        """POST the files to the app's /upload; their FileData, in order."""
        import mimetypes
        import urllib.error
        import urllib.request
        import uuid

        boundary = f"blocks-{uuid.uuid4().hex}"
        body = bytearray()
        for path in paths:
            name = os.path.basename(path) or "file"
            # As browsers do: the name as UTF-8, with quotes and line breaks percent-encoded.
            quoted = name.replace('"', "%22").replace("\r", "%0D").replace("\n", "%0A")
            mime = mimetypes.guess_type(name)[0] or "application/octet-stream"
            body += (
                f"--{boundary}\r\n"
                f'Content-Disposition: form-data; name="files"; filename="{quoted}"\r\n'
                f"Content-Type: {mime}\r\n\r\n"
            ).encode()
            with open(path, "rb") as file:
                body += file.read()
            body += b"\r\n"
        body += f"--{boundary}--\r\n".encode()
        request = urllib.request.Request(
            self.url + "/upload",
            data=bytes(body),
            headers={"Content-Type": f"multipart/form-data; boundary={boundary}"},
            method="POST",
        )
        try:
            with urllib.request.urlopen(request, timeout=self.timeout) as response:
                files: list[dict[str, Any]] = orjson.loads(response.read())
        except urllib.error.HTTPError as exc:
            raise ClientError(_error_message(exc)) from None
        if len(files) != len(paths):
            raise ClientError(f"the app stored {len(files)} of {len(paths)} uploaded files")
        return files

    def _absolute_files(self, value: Any) -> Any:
        """``value`` with the relative ``url`` of each FileData in it made absolute (new
        containers where something changed; the page's own values are left as sent)."""
        if isinstance(value, list):
            items = [self._absolute_files(item) for item in value]
            return items if any(a is not b for a, b in zip(items, value, strict=True)) else value
        if not isinstance(value, dict):
            return value
        url = value.get("url")
        if value.get("id") is not None and isinstance(url, str) and "orig_name" in value:
            absolute = self._absolute_url(url)
            return value if absolute == url else {**value, "url": absolute}
        changed = {}
        for key, item in value.items():
            new = self._absolute_files(item)
            if new is not item:
                changed[key] = new
        return {**value, **changed} if changed else value

    def _absolute_url(self, url: str) -> str:
        from urllib.parse import urlsplit

        if urlsplit(url).scheme:
            return url
        return f"{self.url}/{url.lstrip('/')}"

    def _temp_dir(self) -> Path:
        if self._download_dir is None:
            import tempfile

            self._download_dir = Path(tempfile.mkdtemp(prefix="blocks-client-"))
        return self._download_dir

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


def _map_file(item: Any, fn: Callable[[Any], Any]) -> Any:
    """A local file (a path, or gradio_client's ``{"path": ...}`` without an id) -> fn's
    answer; anything else (FileData with an "id" or "url") as it is."""
    if isinstance(item, (str, os.PathLike)):
        return fn(item)
    if (
        isinstance(item, dict)
        and item.get("id") is None
        and item.get("url") is None
        and isinstance(item.get("path"), (str, os.PathLike))
    ):
        return fn(item["path"])
    return item


def _error_message(exc: Any) -> str:
    """The ``{"error": ...}`` message of an HTTP error answer, else its status."""
    try:
        message = orjson.loads(exc.read()).get("error")
    except (orjson.JSONDecodeError, AttributeError, OSError):
        message = None
    return str(message) if message else f"HTTP {exc.code} {exc.reason}"


def _get(url: str, timeout: float) -> bytes:
    import urllib.request  # loaded by clients only, not by `import blocks`

    with urllib.request.urlopen(url, timeout=timeout) as response:
        data: bytes = response.read()
        return data
