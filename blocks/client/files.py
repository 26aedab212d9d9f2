"""Files through ``blocks.Client``: local files (and URLs) up, FileData down.

In: where an endpoint's schema says a file goes (an Image, a File, the files of a
MultimodalTextbox...), a path (``str``, ``pathlib.Path``), a URL or ``handle_file(...)`` is
uploaded first (``POST /upload``, a URL fetched by the client) and the FileData the app
returns is sent; ``handle_file`` marks a file anywhere else too. FileData (with an ``"id"``)
passes as it is. Out: each FileData in an output (an Image, files in a Chatbot...) becomes
the path of a local copy, downloaded once into the client's ``download_files`` folder; with
``download_files=False`` it stays FileData, its ``url`` made absolute.
"""

from __future__ import annotations

import hashlib
import os
import re
import shutil
import tempfile
import threading
import uuid
from collections.abc import Callable
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urlsplit

from blocks.client.errors import ClientError
from blocks.client.http import Http
from blocks.protocol.files import guess_mime, is_url, safe_name

__all__ = ["FileTransfer", "default_download_dir", "handle_file", "is_file_data"]

_UPLOAD_BATCH = 100  # file_routes.MAX_FILES_PER_UPLOAD
_MARK = {"_type": "gradio.FileData"}  # how the reference's handle_file marks a file
_SAFE_ID = re.compile(r"^[A-Za-z0-9_-]{1,64}$")


def handle_file(filepath_or_url: str | os.PathLike[str]) -> dict[str, Any]:
    """A file for an input, by local path or http(s) URL: the client uploads it (fetching a
    URL first). As the reference's ``gradio_client.handle_file``; FileNotFoundError for a
    path that is no file."""
    text = os.fspath(filepath_or_url)
    if not is_url(text) and not os.path.isfile(text):
        raise FileNotFoundError(f"no such file: {text!r} (give a local path or an http(s) URL)")
    return {"path": text, "meta": dict(_MARK)}


def default_download_dir() -> Path:
    """Where output files go unless ``download_files=`` says otherwise: ``blocks-client`` in
    ``$BLOCKS_TEMP_DIR``, ``$GRADIO_TEMP_DIR`` or the system's temp folder. Kept after the
    client closes (the paths it returned stay valid)."""
    parent = os.environ.get("BLOCKS_TEMP_DIR") or os.environ.get("GRADIO_TEMP_DIR")
    return Path(parent or tempfile.gettempdir()) / "blocks-client"


def is_file_data(value: Any) -> bool:
    """A FileData the app sent (it has an id and a url)."""
    return (
        isinstance(value, dict)
        and value.get("id") is not None
        and isinstance(value.get("url"), str)
        and "orig_name" in value
    )


def _is_file_schema(schema: Any) -> bool:
    if not isinstance(schema, dict):
        return False
    return {"id", "url", "orig_name"} <= (schema.get("properties") or {}).keys()


def _local(item: Any) -> str | None:
    """The local path or URL a caller means by ``item`` (a path, a URL, handle_file's mark,
    the reference's ``{"path": ...}``), None for anything else (FileData passes as it is)."""
    if isinstance(item, os.PathLike):
        return os.fspath(item)
    if (
        isinstance(item, dict)
        and item.get("id") is None
        and item.get("url") is None
        and isinstance(item.get("path"), (str, os.PathLike))
    ):
        return os.fspath(item["path"])
    return None


class FileTransfer:
    """The uploads and downloads of one client."""

    def __init__(self, http: Http, download_dir: str | os.PathLike[str] | None) -> None:
        self.http = http
        self.download_dir = Path(download_dir) if download_dir is not None else None
        self._downloaded: dict[str, str] = {}  # url -> local path
        self._temp: Path | None = None
        self._ids = iter(range(1, 1 << 62))
        self._lock = threading.Lock()

    # ------------------------------------------------------------------ in

    def prepare(self, values: list[Any], schemas: list[Any]) -> list[Any]:
        """``values`` (one per input, ``schemas`` their JSON schemas, None when unknown)
        with each file replaced by the FileData of its upload. Every local file is checked
        before any is sent: FileNotFoundError names a missing one."""
        wanted: dict[str, None] = {}  # local paths and URLs to send, in order, once each

        def collect(text: str) -> str:
            if not is_url(text) and not os.path.isfile(text):
                raise FileNotFoundError(f"no such file: {text!r}")
            wanted[text] = None
            return text

        for value, schema in zip(values, schemas, strict=True):
            _map(value, schema, collect)
        if not wanted:
            return [
                _map(value, schema, lambda text: text)
                for value, schema in zip(values, schemas, strict=True)
            ]
        order = list(wanted)
        sent: dict[str, Any] = {}
        with tempfile.TemporaryDirectory(prefix="blocks-client-") as folder:
            paths = [self._fetch(text, Path(folder)) if is_url(text) else text for text in order]
            for start in range(0, len(order), _UPLOAD_BATCH):
                batch = paths[start : start + _UPLOAD_BATCH]
                sent.update(
                    zip(order[start : start + _UPLOAD_BATCH], self.upload(batch), strict=True)
                )
        return [
            _map(value, schema, sent.__getitem__)
            for value, schema in zip(values, schemas, strict=True)
        ]

    def upload(self, paths: list[str]) -> list[dict[str, Any]]:
        """POST the files to the app's /upload; their FileData, in order."""
        import orjson

        boundary = f"blocks-{uuid.uuid4().hex}"
        body = bytearray()
        for path in paths:
            name = os.path.basename(path) or "file"
            # As browsers do: the name as UTF-8, with quotes and line breaks percent-encoded.
            quoted = name.replace('"', "%22").replace("\r", "%0D").replace("\n", "%0A")
            mime = guess_mime(name) or "application/octet-stream"
            body += (
                f"--{boundary}\r\n"
                f'Content-Disposition: form-data; name="files"; filename="{quoted}"\r\n'
                f"Content-Type: {mime}\r\n\r\n"
            ).encode()
            with open(path, "rb") as file:
                body += file.read()
            body += b"\r\n"
        body += f"--{boundary}--\r\n".encode()
        content = {"Content-Type": f"multipart/form-data; boundary={boundary}"}
        answer = self.http.request("POST", self.http.base + "/upload", bytes(body), content)
        files: list[dict[str, Any]] = orjson.loads(answer)
        if len(files) != len(paths):
            raise ClientError(f"the app stored {len(files)} of {len(paths)} uploaded files")
        return files

    def _fetch(self, url: str, folder: Path) -> str:
        """A URL given as an input, fetched into ``folder`` (to upload it)."""
        name = safe_name(unquote(urlsplit(url).path.rsplit("/", 1)[-1]) or "file")
        target = folder / str(next(self._ids)) / name
        target.parent.mkdir()
        self._save(url, target)
        return str(target)

    # ------------------------------------------------------------------ out

    def convert(self, value: Any) -> Any:
        """An output as the caller gets it: each FileData a local path (downloaded), or with
        ``download_files=False`` FileData with an absolute ``url``. New containers where
        something changed; ``value`` itself is left as it is."""
        if is_file_data(value):
            if self.download_dir is None:
                return {**value, "url": self.absolute(value["url"])}
            return self._download_once(value)
        if isinstance(value, list):
            items = [self.convert(item) for item in value]
            return items if any(a is not b for a, b in zip(items, value, strict=True)) else value
        if isinstance(value, tuple):
            return tuple(self.convert(item) for item in value)
        if isinstance(value, dict):
            changed = {
                key: new for key, item in value.items() if (new := self.convert(item)) is not item
            }
            return {**value, **changed} if changed else value
        return value

    def _download_once(self, file_data: dict[str, Any]) -> str:
        url = self.absolute(file_data["url"])
        with self._lock:
            known = self._downloaded.get(url)
        if known is not None and os.path.isfile(known):
            return known
        file_id = str(file_data["id"])
        folder_name = (
            file_id if _SAFE_ID.match(file_id) else hashlib.sha256(url.encode()).hexdigest()[:32]
        )
        assert self.download_dir is not None
        path = str(self.download(file_data, self.download_dir / folder_name))
        with self._lock:
            self._downloaded[url] = path
        return path

    def download(
        self, file_data: dict[str, Any] | str, dest_dir: str | os.PathLike[str] | None = None
    ) -> Path:
        """Download a file of the app's outputs (a FileData, or its URL) into ``dest_dir``
        (as ``dest_dir/<name>``, replacing a file of that name) or, by default, into a temp
        folder of this client that ``close()`` removes; the local path."""
        if isinstance(file_data, dict):
            url, name = file_data.get("url"), file_data.get("orig_name")
        else:
            url, name = file_data, None
        if not isinstance(url, str) or not url:
            raise ValueError(f"not a file (a FileData with a url): {file_data!r:.100}")
        url = self.absolute(url)
        if urlsplit(url).scheme not in ("http", "https"):
            raise ValueError(f"can only download http(s) URLs, got {url!r:.100}")
        name = safe_name(name or unquote(urlsplit(url).path.rsplit("/", 1)[-1]))
        # By default one folder per download: outputs often share a name ("image.webp").
        folder = self.temp_dir() / str(next(self._ids)) if dest_dir is None else Path(dest_dir)
        folder.mkdir(parents=True, exist_ok=True)
        target = folder / name
        self._save(url, target)
        return target

    def _save(self, url: str, target: Path) -> None:
        partial = target.parent / f".{target.name}.{uuid.uuid4().hex[:8]}.part"
        try:
            with self.http.open("GET", url) as response, partial.open("wb") as out:
                shutil.copyfileobj(response, out)
        except ClientError as exc:
            partial.unlink(missing_ok=True)
            raise ClientError(f"cannot download {target.name}: {exc}") from None
        except BaseException:
            partial.unlink(missing_ok=True)
            raise
        os.replace(partial, target)

    def absolute(self, url: str) -> str:
        if urlsplit(url).scheme:
            return url
        return f"{self.http.base}/{url.lstrip('/')}"

    def temp_dir(self) -> Path:
        with self._lock:
            if self._temp is None:
                self._temp = Path(tempfile.mkdtemp(prefix="blocks-client-"))
            return self._temp

    def close(self) -> None:
        with self._lock:
            temp, self._temp = self._temp, None
        if temp is not None:
            shutil.rmtree(temp, ignore_errors=True)


def _map(value: Any, schema: Any, fn: Callable[[str], Any]) -> Any:
    """``value`` of an input of JSON schema ``schema`` with ``fn`` applied to each file in it:
    a path or URL where a file goes, handle_file's mark anywhere."""
    if value is None:
        return None
    marked = _local(value)
    if marked is not None:
        return fn(marked)
    if _is_file_schema(schema):
        return fn(value) if isinstance(value, str) else value
    schema = schema if isinstance(schema, dict) else {}
    properties = schema.get("properties") or {}
    if isinstance(value, str) and {"text", "files"} <= properties.keys():
        return {"text": value, "files": []}  # a MultimodalTextbox given plain text
    items = schema.get("items")
    if _is_file_schema(items) and (isinstance(value, str) or is_file_data(value)):
        value = [value]  # one file where several may go
    if isinstance(value, (list, tuple)):
        return [_map(item, items, fn) for item in value]
    if isinstance(value, dict) and not is_file_data(value):
        if "files" in properties and isinstance(value.get("files"), (str, os.PathLike, dict)):
            value = {**value, "files": [value["files"]]}
        return {key: _map(item, properties.get(key), fn) for key, item in value.items()}
    return value
