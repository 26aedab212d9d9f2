"""The HTTP surface the reference's own Python client (``gradio_client``) speaks, over our
runtime: ``Client(url)``, ``view_api()``, ``predict``/``submit`` (streaming included), files
and cancel work against a Blocks app.

``/config`` is the page's config plus the keys that client reads (blocks/server/
gradio_info.py); under ``/gradio_api``: ``info`` (the endpoints), ``queue/join`` and
``queue/data`` (blocks/server/gradio_queue.py), ``upload`` and ``file=<id>/<name>``
(blocks/server/gradio_files.py, through our own file routes), ``cancel`` and ``reset``.
These routes sit behind the same middleware as ours (login, Host check, limits); the POSTs
refuse other sites' pages as ours do.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import TYPE_CHECKING

import orjson
from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route

from blocks.server.file_routes import file_routes
from blocks.server.gradio_files import FileAdapter
from blocks.server.gradio_info import API_PREFIX, config_extras, info_document
from blocks.server.gradio_queue import GradioQueue
from blocks.server.security import origin_allowed

if TYPE_CHECKING:
    from blocks.runtime.engine import Runtime

__all__ = ["gradio_routes"]

Endpoint = Callable[[Request], Awaitable[Response]]


def _json(data: object, status_code: int = 200) -> Response:
    return Response(
        orjson.dumps(data, option=orjson.OPT_NON_STR_KEYS),
        status_code=status_code,
        media_type="application/json",
    )


def _same_origin(endpoint: Endpoint) -> Endpoint:
    async def guarded(request: Request) -> Response:
        if not origin_allowed(request):
            return _json({"error": "cross-origin requests are not allowed"}, 403)
        return await endpoint(request)

    return guarded


def gradio_routes(runtime: Runtime, page_config: Endpoint) -> list[Route]:
    """The reference client's routes over ``runtime``; ``page_config`` answers our own
    ``/config``, which the one here extends (listed first, it is the one served)."""
    files = FileAdapter(
        lambda: runtime.files,
        file_routes(lambda: runtime.files, lambda: runtime.app.max_file_size),
        API_PREFIX,
    )
    queue = GradioQueue(runtime, files)

    async def config(request: Request) -> Response:
        response = await page_config(request)
        if response.status_code != 200:
            return response
        extended = config_extras(runtime, orjson.loads(bytes(response.body)))
        headers = {k: v for k, v in response.headers.items() if k.lower() != "content-length"}
        return Response(orjson.dumps(extended, option=orjson.OPT_NON_STR_KEYS), headers=headers)

    async def info(request: Request) -> Response:
        return _json(info_document(runtime, files, str(request.base_url)))

    prefix = API_PREFIX
    return [
        Route("/config", config),
        Route(f"{prefix}/info", info),
        Route(f"{prefix}/queue/join", _same_origin(queue.join), methods=["POST"]),
        Route(f"{prefix}/queue/data", queue.data),
        Route(f"{prefix}/cancel", _same_origin(queue.cancel), methods=["POST"]),
        Route(f"{prefix}/reset", _same_origin(queue.cancel), methods=["POST"]),
        Route(f"{prefix}/upload", files.upload, methods=["POST"]),
        Route(f"{prefix}/file={{rest:path}}", files.download, methods=["GET"]),
    ]
