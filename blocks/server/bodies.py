"""Reading a JSON API request body with a size limit, without holding more than the limit.

Starlette's ``request.body()`` reads the whole body before anyone can look at its size, so a
300 MB body cost the server 300 MB (and more while parsing) just to be refused. Here a
declared ``Content-Length`` over the limit is refused before a byte of the body is read, and
a body without one (chunked) is counted while it streams and refused as soon as it passes
the limit: the server never holds more than the limit plus one chunk.

The limit is ``BLOCKS_MAX_BODY_SIZE`` (bytes, or a size such as ``"32mb"``), 16 MiB by
default: an API body carries JSON values, while files go through ``POST /upload`` and its
own ``max_file_size``.
"""

from __future__ import annotations

import os

from starlette.requests import ClientDisconnect, Request

from blocks.server.launch import parse_size

__all__ = ["BodyRefused", "max_body_size", "read_body"]

DEFAULT_MAX_BODY_SIZE = 16 * 1024 * 1024
MAX_BODY_SIZE_ENV = "BLOCKS_MAX_BODY_SIZE"
# Sent with a refusal, so the server closes the connection instead of reading (and
# dropping) the rest of a body it has already refused.
REFUSAL_HEADERS = {"Connection": "close"}


class BodyRefused(Exception):
    """The body cannot be read: ``status`` and a message saying why (and, for a body over
    the limit, how to raise it)."""

    def __init__(self, status: int, message: str) -> None:
        super().__init__(message)
        self.status = status
        self.message = message


def max_body_size() -> int:
    """The largest JSON API body accepted, in bytes: ``BLOCKS_MAX_BODY_SIZE`` or 16 MiB."""
    text = os.environ.get(MAX_BODY_SIZE_ENV, "").strip()
    if not text:
        return DEFAULT_MAX_BODY_SIZE
    try:
        size = parse_size(int(text) if text.isdigit() else text)
    except ValueError:
        size = None
    if size is None or size <= 0:
        raise ValueError(
            f"{MAX_BODY_SIZE_ENV} must be a positive number of bytes or a size like '32mb', "
            f"got {text!r}"
        )
    return size


def _too_large(limit: int) -> BodyRefused:
    return BodyRefused(
        413,
        f"the request body is larger than the limit of {_shown(limit)} ({limit} bytes); "
        f"the app's owner can raise it with the {MAX_BODY_SIZE_ENV} environment variable "
        "(e.g. BLOCKS_MAX_BODY_SIZE=64mb); send files through POST /upload instead",
    )


def _shown(size: int) -> str:
    for unit, factor in (("GiB", 1024**3), ("MiB", 1024**2), ("KiB", 1024)):
        if size >= factor:
            return f"{size / factor:g} {unit}"
    return f"{size} bytes"


async def read_body(request: Request, limit: int | None = None) -> bytes:
    """The request's body, at most ``limit`` bytes (default: :func:`max_body_size`).

    Raises :class:`BodyRefused`: 413 when the declared Content-Length is over the limit
    (nothing is read) or when the streamed body passes it (reading stops there); 400 for a
    Content-Length that is not a number or a client that went away mid-body."""
    if limit is None:
        limit = max_body_size()
    declared = request.headers.get("content-length")
    if declared is not None:
        if not declared.strip().isdigit():
            raise BodyRefused(400, f"the Content-Length header is not a number: {declared!r}")
        if int(declared) > limit:
            raise _too_large(limit)
    chunks: list[bytes] = []
    total = 0
    try:
        async for chunk in request.stream():
            total += len(chunk)
            if total > limit:
                # A chunked body (or one longer than it said): stop reading at once.
                raise _too_large(limit)
            chunks.append(chunk)
    except ClientDisconnect:
        raise BodyRefused(400, "the client went away before sending the whole body") from None
    return b"".join(chunks)
