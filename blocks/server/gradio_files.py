"""Files for the reference's client (``gradio_client``): its FileData in and out, its upload
answer, and its download URL, each translated to ours and run through our own file routes.

The reference names a file by ``{"path", "meta": {"_type": "gradio.FileData"}}``, where
``path`` is what its upload answered. Here that answer is ``"<id>/<name>"``: the id our cache
issued, then the name, so the client's downloads land under the file's own name. Going in, only
the id of such a path (or of one of our ``file=`` URLs) is kept; anything else stays a path,
which our components refuse as not uploaded. Going out, our FileData becomes the reference's,
its ``path`` again ``"<id>/<name>"``, downloaded from ``{prefix}/file=<id>/<name>``, which is
served by our ``/file/<id>/<name>`` route and its rules: an issued id, the file's own name.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any
from urllib.parse import unquote, urlsplit

import orjson
from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route

from blocks.runtime.files import FileCache

__all__ = ["FILE_META", "FileAdapter", "is_reference_file"]

FILE_META = {"_type": "gradio.FileData"}
_FILE_ROUTE = "/file/{file_id}/{name:path}"


def is_reference_file(value: Any) -> bool:
    """A FileData of the reference's client (what ``handle_file`` makes)."""
    return (
        isinstance(value, dict)
        and isinstance(value.get("path"), str)
        and isinstance(value.get("meta"), dict)
        and value["meta"].get("_type") == FILE_META["_type"]
    )


class FileAdapter:
    """The reference's file surface over one app's cache and file routes (``routes``: what
    blocks.server.file_routes made for it); ``prefix`` is where its routes sit."""

    def __init__(self, get_cache: Callable[[], FileCache], routes: list[Route], prefix: str):
        self.get_cache = get_cache
        self.prefix = prefix
        paths = {route.path: route.endpoint for route in routes}
        self._upload = paths["/upload"]
        self._download = paths[_FILE_ROUTE]

    # ------------------------------------------------------------------ routes

    async def upload(self, request: Request) -> Response:
        """Our upload (limits, types, streaming to disk), answered as the reference does: the
        list of paths to send back, ``"<id>/<name>"`` each."""
        response = await self._upload(request)
        if response.status_code != 200:
            return response
        stored = orjson.loads(bytes(response.body))
        paths = [f"{data['id']}/{data['orig_name']}" for data in stored]
        return Response(orjson.dumps(paths), media_type="application/json")

    async def download(self, request: Request) -> Response:
        """``file=<id>/<name>``, served by our ``/file/<id>/<name>`` route, as it rules."""
        file_id, _, name = request.path_params["rest"].partition("/")
        scope = {**request.scope, "path_params": {"file_id": file_id, "name": name}}
        return await self._download(Request(scope, request.receive))

    # ------------------------------------------------------------------ values

    def inbound(self, value: Any) -> Any:
        """A value the reference's client sent, its FileData turned into ours (by id)."""
        if is_reference_file(value):
            file_id = self._issued_id(value.get("path")) or self._issued_id(value.get("url"))
            if file_id is None:
                # Not one of ours: left a path, which every file input refuses.
                return {k: v for k, v in value.items() if k != "meta"}
            return {"id": file_id, "orig_name": value.get("orig_name")}
        if isinstance(value, list):
            return [self.inbound(item) for item in value]
        if isinstance(value, dict):
            return {key: self.inbound(item) for key, item in value.items()}
        return value

    def outbound(self, value: Any, base_url: str) -> Any:
        """A value for the reference's client, our FileData turned into its own. Always a
        new structure (a later diff compares it with the next one)."""
        if isinstance(value, dict):
            if self._is_ours(value):
                path = f"{value['id']}/{value.get('orig_name') or 'file'}"
                return {
                    "path": path,
                    "url": f"{base_url}{self.prefix.lstrip('/')}/file={path}",
                    "orig_name": value.get("orig_name"),
                    "size": value.get("size"),
                    "mime_type": value.get("mime_type"),
                    "is_stream": False,
                    "meta": dict(FILE_META),
                }
            return {key: self.outbound(item, base_url) for key, item in value.items()}
        if isinstance(value, (list, tuple)):
            return [self.outbound(item, base_url) for item in value]
        return value

    def _is_ours(self, value: dict[str, Any]) -> bool:
        file_id = value.get("id")
        url = value.get("url")
        return (
            isinstance(file_id, str)
            and isinstance(url, str)
            and url.startswith(f"file/{file_id}/")
            and file_id in self.get_cache()
        )

    def _issued_id(self, where: Any) -> str | None:
        """The id in ``<id>/<name>`` or in a URL of our ``file=`` route, when the cache
        issued it; None for anything else (a path of the client's machine, say)."""
        if not isinstance(where, str):
            return None
        if where.startswith(("http://", "https://")):
            path = unquote(urlsplit(where).path)
            marker = f"{self.prefix}/file="
            if marker not in path:
                return None
            where = path.split(marker, 1)[1]
        file_id = where.split("/", 1)[0]
        return file_id if file_id in self.get_cache() else None
