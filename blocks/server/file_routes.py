"""HTTP routes for files: ``POST /upload`` and ``GET /file/<id>/<name>``.

Uploads are multipart/form-data, parsed as they stream in (python-multipart) and written to the
app's cache chunk by chunk, so a large body never sits in memory and the size limit stops it
as soon as it is passed. Downloads serve only ids the cache issued; the name in the URL must
be the file's own name, and nothing is ever looked up by path.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

import orjson
from python_multipart.exceptions import FormParserError
from python_multipart.multipart import MultipartParser, parse_options_header
from starlette.requests import ClientDisconnect, Request
from starlette.responses import FileResponse, Response
from starlette.routing import Route

from blocks.runtime.files import FileCache, FileTooLarge, Upload
from blocks.server.security import origin_allowed

if TYPE_CHECKING:
    from python_multipart.multipart import MultipartCallbacks

__all__ = ["MAX_FILES_PER_UPLOAD", "file_routes", "presentation"]

MAX_FILES_PER_UPLOAD = 100
MAX_FIELD_BYTES = 64 * 1024
# After a file proved too large, read (and drop) up to this much more of the body so the
# client, still sending, gets the 413 rather than a reset connection.
DRAIN_BYTES = 64 * 1024 * 1024

# The only types shown inline (opened in a tab, they display): raster images, audio and
# video, which no browser runs script in. Everything else is an attachment (downloaded).
_INLINE = frozenset(
    {
        "image/png",
        "image/jpeg",
        "image/gif",
        "image/webp",
        "image/avif",
        "image/apng",
        "image/bmp",
        "image/x-icon",
        "image/vnd.microsoft.icon",
        "audio/mpeg",
        "audio/mp4",
        "audio/aac",
        "audio/ogg",
        "audio/opus",
        "audio/wav",
        "audio/wave",
        "audio/x-wav",
        "audio/webm",
        "audio/flac",
        "audio/x-flac",
        "audio/x-m4a",
        "video/mp4",
        "video/webm",
        "video/ogg",
        "video/quicktime",
        "video/x-matroska",
        "video/x-m4v",
        "video/mpeg",
    }
)
# Words of a type a browser may render as a document or run as script (html, xhtml, any
# XML, SVG, JavaScript): such a file is served as inert text, whatever it was uploaded as.
_ACTIVE_WORDS = ("html", "xml", "svg", "script", "xsl")
_TOKEN = re.compile(r"[a-z0-9][a-z0-9!#$&^_.+-]{0,126}/[a-z0-9][a-z0-9!#$&^_.+-]{0,126}")
_INERT_TEXT = "text/plain; charset=utf-8"
_FILE_HEADERS = {
    "X-Content-Type-Options": "nosniff",
    "Content-Security-Policy": "default-src 'none'; sandbox",
    "Cache-Control": "private, max-age=86400",
}


def _json(data: Any, status_code: int = 200) -> Response:
    return Response(orjson.dumps(data), status_code=status_code, media_type="application/json")


def presentation(mime_type: str | None) -> tuple[str, str]:
    """How a file of this type (chosen by whoever uploaded it) is served: (Content-Type,
    "inline" or "attachment").

    Inline only for the raster images, audio and video of ``_INLINE``. SVG keeps its type
    (an ``<img>`` shows it, and no script runs there) but is an attachment, so opening its URL
    downloads it instead of running it on our origin; any other type that could be rendered
    as a document or run (html, xhtml, xml and ``+xml`` types, JavaScript) becomes inert text,
    and every text type is served as plain text. Other types keep their name, attached; a
    malformed one becomes ``application/octet-stream``."""
    essence = (mime_type or "").split(";", 1)[0].strip().lower()
    if not _TOKEN.fullmatch(essence):
        return "application/octet-stream", "attachment"
    if essence in _INLINE:
        return essence, "inline"
    if essence == "image/svg+xml":
        return essence, "attachment"
    kind = essence.split("/", 1)[0]
    if kind == "text" or any(word in essence for word in _ACTIVE_WORDS):
        return _INERT_TEXT, "attachment"
    if kind in ("multipart", "message"):
        return "application/octet-stream", "attachment"
    return essence, "attachment"


class _FormReceiver:
    """python-multipart callbacks writing each file part into the cache as it arrives."""

    def __init__(self, cache: FileCache, limit: int | None) -> None:
        self.cache = cache
        self.limit = limit
        self.files: list[dict[str, Any]] = []
        self.upload: Upload | None = None
        self.field_bytes = 0
        self.in_part = False
        self._header_name = b""
        self._header_value = b""
        self._headers: dict[bytes, bytes] = {}

    def callbacks(self) -> MultipartCallbacks:
        return {
            "on_part_begin": self.on_part_begin,
            "on_header_field": self.on_header_field,
            "on_header_value": self.on_header_value,
            "on_header_end": self.on_header_end,
            "on_headers_finished": self.on_headers_finished,
            "on_part_data": self.on_part_data,
            "on_part_end": self.on_part_end,
        }

    def on_part_begin(self) -> None:
        self.in_part = True
        self._headers = {}

    def on_header_field(self, data: bytes, start: int, end: int) -> None:
        self._header_name += data[start:end]

    def on_header_value(self, data: bytes, start: int, end: int) -> None:
        self._header_value += data[start:end]

    def on_header_end(self) -> None:
        self._headers[self._header_name.lower()] = self._header_value
        self._header_name = self._header_value = b""

    def on_headers_finished(self) -> None:
        _, options = parse_options_header(self._headers.get(b"content-disposition", b""))
        if not options.get(b"filename"):
            return  # a plain field, or a file input left empty: counted, then ignored
        if len(self.files) >= MAX_FILES_PER_UPLOAD:
            raise _Refused(400, f"too many files in one upload (at most {MAX_FILES_PER_UPLOAD})")
        name = options[b"filename"].decode("utf-8", errors="replace")
        content_type = self._headers.get(b"content-type", b"").decode("latin-1")
        self.upload = self.cache.open_upload(
            name, content_type or None, max_size="cache" if self.limit is None else self.limit
        )

    def on_part_data(self, data: bytes, start: int, end: int) -> None:
        if self.upload is not None:
            self.upload.write(data[start:end])
            return
        self.field_bytes += end - start
        if self.field_bytes > MAX_FIELD_BYTES:
            raise _Refused(400, f"form fields are larger than {MAX_FIELD_BYTES} bytes")

    def on_part_end(self) -> None:
        self.in_part = False
        if self.upload is not None:
            self.files.append(self.upload.finish())
            self.upload = None

    def abort(self) -> None:
        if self.upload is not None:
            self.upload.abort()
            self.upload = None


class _Refused(Exception):
    def __init__(self, status: int, message: str) -> None:
        super().__init__(message)
        self.status = status


def file_routes(
    get_cache: Callable[[], FileCache], get_max_size: Callable[[], int | None]
) -> list[Route]:
    """The upload and download routes of the app whose cache ``get_cache()`` returns;
    ``get_max_size()`` is the upload limit in bytes (None: the cache's own, if any)."""

    async def upload(request: Request) -> Response:
        if not origin_allowed(request):
            return _json({"error": "cross-origin requests are not allowed"}, 403)
        kind, params = parse_options_header(request.headers.get("content-type"))
        if kind != b"multipart/form-data" or not params.get(b"boundary"):
            return _json({"error": "send files as multipart/form-data (field 'files')"}, 400)
        receiver = _FormReceiver(get_cache(), get_max_size())
        parser = MultipartParser(params[b"boundary"], receiver.callbacks())
        stream = request.stream()
        try:
            async for chunk in stream:
                parser.write(chunk)
            parser.finalize()
            if receiver.in_part:
                raise _Refused(400, "malformed multipart body: it ends inside a part")
        except FileTooLarge as exc:
            receiver.abort()
            await _drain(stream)
            return _json({"error": str(exc)}, 413)
        except _Refused as exc:
            receiver.abort()
            return _json({"error": str(exc)}, exc.status)
        except FormParserError as exc:
            receiver.abort()
            return _json({"error": f"malformed multipart body: {exc}"}, 400)
        except ClientDisconnect:
            receiver.abort()
            return Response(status_code=400)
        except BaseException:
            receiver.abort()
            raise
        if not receiver.files:
            return _json({"error": "the upload holds no file (parts need a filename)"}, 400)
        return _json(receiver.files)

    async def download(request: Request) -> Response:
        stored = get_cache().get(request.path_params["file_id"])
        if stored is None or request.path_params["name"] != stored.name:
            return _no_such_file()
        if not stored.path.is_file():
            return _no_such_file()
        media_type, disposition = presentation(stored.mime_type)
        return FileResponse(
            stored.path,
            media_type=media_type,
            filename=stored.name,
            content_disposition_type=disposition,
            headers=_FILE_HEADERS,
        )

    async def not_found(request: Request) -> Response:
        return _no_such_file()

    return [
        Route("/upload", upload, methods=["POST"]),
        Route("/file/{file_id}/{name:path}", download, methods=["GET"]),
        Route("/file/{rest:path}", not_found, methods=["GET"]),
    ]


def _no_such_file() -> Response:
    return _json({"error": "no such file"}, 404)


async def _drain(stream: Any) -> None:
    drained = 0
    try:
        async for chunk in stream:
            drained += len(chunk)
            if drained > DRAIN_BYTES:
                return
    except ClientDisconnect:
        return
