"""Checks that keep other sites' pages from driving an app."""

from __future__ import annotations

from urllib.parse import urlsplit

from starlette.requests import HTTPConnection

__all__ = ["origin_allowed"]


def origin_allowed(connection: HTTPConnection) -> bool:
    """Browsers send Origin with WebSocket upgrades and cross-site POSTs: a page of another
    site must not drive this app. Requests without Origin (curl, SDKs) are not from a page."""
    origin = connection.headers.get("origin")
    if origin is None:
        return True
    return urlsplit(origin).netloc == connection.headers.get("host", "")
