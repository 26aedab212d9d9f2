"""A Python client for a running Blocks app: ``blocks.Client("http://127.0.0.1:7860")``.

It speaks the page's own protocol (one WebSocket, deltas applied locally), so streaming costs
what it costs a browser, and its gr.State values (a chat's history) live in its own session
on the server across calls. Its surface is the reference client's::

    client = Client(url)                       # auth=(user, password), headers={...}
    client.view_api()                          # prints how to call each endpoint
    client.predict("Hello", api_name="/chat")  # or by keyword: message="Hello"
    job = client.submit("Hello", api_name="/chat")
    for partial in job:                        # each output as it arrives, the last included
        print(partial)
    job.result(), job.status(), job.outputs(), job.cancel()

    async with Client(url) as client:          # the same, awaitable (blocks.client.aio)
        await client.predict("Hello", api_name="/chat")

Files: see blocks/client/files.py (``handle_file``, downloads into ``download_files``). The
session and its reconnects: blocks/client/session.py.
"""

from __future__ import annotations

import copy
import os
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal

if TYPE_CHECKING:
    from blocks.client.aio import AsyncClient
    from blocks.client.endpoints import Api
    from blocks.client.jobs import Job

__all__ = ["Client"]

_DEFAULT: Any = object()  # download_files: the default folder (files.default_download_dir)


class Client:
    """Connects to the app at ``src`` (its page URL).

    ``auth``: ``(username, password)`` for an app launched with ``auth=``. ``headers``: sent
    with every request (the WebSocket's included). ``download_files``: the folder output files
    are downloaded into (their local paths are returned), or False to get FileData with
    absolute URLs instead. ``timeout``: seconds to wait for the app when connecting, uploading
    or downloading (never for a job: ``predict(timeout=)`` and ``job.result(timeout=)`` are
    those). ``reconnect_timeout``: how long a dropped connection is retried before waiting
    calls fail. ``ssl_verify=False`` accepts a self-signed certificate."""

    def __init__(
        self,
        src: str,
        *,
        auth: tuple[str, str] | None = None,
        headers: dict[str, str] | None = None,
        download_files: str | os.PathLike[str] | Literal[False] = _DEFAULT,
        timeout: float = 30,
        reconnect_timeout: float = 60,
        ssl_verify: bool = True,
        verbose: bool = False,
    ) -> None:
        from blocks.client.files import FileTransfer, default_download_dir
        from blocks.client.http import Http
        from blocks.client.session import PageSession

        url = src.rstrip("/")
        if "://" not in url:
            url = f"http://{url}"
        self.url = url
        self.http = Http(url, headers=headers, auth=auth, timeout=timeout, ssl_verify=ssl_verify)
        if download_files is _DEFAULT:
            download_files = default_download_dir()
        self.download_files: Path | Literal[False] = (
            False if download_files is False else Path(download_files)
        )
        self.files = FileTransfer(self.http, self.download_files or None)
        self._session = PageSession(
            self.http,
            self._load_api(),
            self._load_api,
            self._convert,
            reconnect_timeout=reconnect_timeout,
        )
        if verbose:
            print(f"Loaded as API: {self.url} ✔")

    def _load_api(self) -> Api:
        from blocks.client.endpoints import Api
        from blocks.client.errors import ClientError

        try:
            return Api(self.http.get_json("/config"), self.http.get_json("/api/schema"))
        except ClientError:
            raise
        except OSError as exc:
            reason = getattr(exc, "reason", exc)
            raise ConnectionError(f"cannot reach the app at {self.url}: {reason}") from None

    @property
    def config(self) -> dict[str, Any]:
        return self._session.api.config

    @property
    def schema(self) -> dict[str, Any]:
        return self._session.api.schema

    @property
    def session_id(self) -> str | None:
        """This client's session on the server (a new one after ``reset_session()`` or
        after the app restarted)."""
        return self._session.session_id

    # ------------------------------------------------------------------ API

    def view_api(
        self,
        all_endpoints: bool | None = None,
        print_info: bool = True,
        return_format: Literal["dict", "str"] | None = None,
    ) -> Any:
        """Print how to call each endpoint (its parameters, their types and defaults, what it
        returns) and return the endpoints' schema, by name (``return_format="str"``: the text
        printed). ``all_endpoints`` also lists the undocumented ones."""
        api = self._session.api
        text = api.summary(self.url, all_endpoints=bool(all_endpoints))
        if print_info:
            print(text)
        if return_format == "str":
            return text
        endpoints: dict[str, Any] = api.schema["endpoints"]
        return endpoints

    def predict(
        self,
        *args: Any,
        api_name: str | None = None,
        fn_index: int | None = None,
        timeout: float | None = None,
        **kwargs: Any,
    ) -> Any:
        """Call an endpoint and wait for its final outputs (one value, or a tuple for
        several). Arguments by position or by parameter name; omitted ones take their
        defaults. ``timeout``: seconds to wait (None: as long as the job takes), after which
        the job is cancelled on the server and TimeoutError raised. ClientError carries the
        app's error; JobCancelled a cancellation."""
        job = self.submit(*args, api_name=api_name, fn_index=fn_index, **kwargs)
        try:
            return job.result(timeout)
        except TimeoutError:
            job.cancel()
            raise TimeoutError(
                f"no result from {job.api_name or job.fn_index} within {timeout:g} s: "
                "the job was cancelled"
            ) from None
        except KeyboardInterrupt:
            job.cancel()
            raise

    def submit(
        self,
        *args: Any,
        api_name: str | None = None,
        fn_index: int | None = None,
        result_callbacks: Callable[..., Any] | list[Callable[..., Any]] | None = None,
        **kwargs: Any,
    ) -> Job:
        """Start a call and return its Job at once (iterate it for the outputs as they come).

        Files (paths, URLs, ``handle_file(...)``) are uploaded first: FileNotFoundError for a
        missing one, ClientError when the app refuses one (too large...). Each of
        ``result_callbacks`` is called with the outputs (spread when several) once the job
        succeeds."""
        session = self._session
        endpoint = session.api.endpoint(api_name, fn_index)
        values = endpoint.bind(args, kwargs)
        values = self.files.prepare(values, endpoint.input_schemas())
        job = session.submit(endpoint, values)
        if result_callbacks is not None:
            callbacks = (
                result_callbacks if isinstance(result_callbacks, list) else [result_callbacks]
            )
            for callback in callbacks:
                job.add_done_callback(_calling(callback))
        return job

    def download(
        self, file_data: dict[str, Any] | str, dest_dir: str | os.PathLike[str] | None = None
    ) -> Path:
        """Download a file of the app's outputs (a FileData, or its URL) into ``dest_dir``
        (as ``dest_dir/<name>``, replacing a file of that name) or, by default, into a temp
        folder of this client that ``close()`` removes; the local path."""
        return self.files.download(file_data, dest_dir)

    def reset_session(self) -> None:
        """Start a new session: the app's gr.State values start afresh for this client."""
        self._session.reset()

    def close(self) -> None:
        """Close the connection (the server ends this client's session and its jobs) and
        remove the temp folder of ``download()``; downloaded outputs stay."""
        self._session.close()
        self.files.close()

    def __enter__(self) -> Client:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    async def __aenter__(self) -> AsyncClient:
        from blocks.client.aio import AsyncClient

        return AsyncClient(self)

    async def __aexit__(self, *exc: object) -> None:
        import asyncio

        await asyncio.to_thread(self.close)

    def __repr__(self) -> str:
        return f"<Client {self.url} ({self._session.link.value})>"

    # ------------------------------------------------------------------ internals

    def _convert(self, raw: Any) -> Any:
        """An output as it arrived -> as the caller gets it (files downloaded or their URLs
        made absolute), a copy of its own."""
        return copy.deepcopy(self.files.convert(raw))


def _calling(callback: Callable[..., Any]) -> Callable[[Job], None]:
    def call(job: Job) -> None:
        if job.exception() is None:
            result = job.result()
            callback(*result) if isinstance(result, tuple) else callback(result)

    return call
