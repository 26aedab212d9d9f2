"""The ``gr.Request`` a listener receives, from the HTTP request or WebSocket behind its event."""

from __future__ import annotations

from starlette.requests import HTTPConnection

from blocks.graph import helpers

__all__ = ["build_request"]


def build_request(connection: HTTPConnection, session_id: str) -> helpers.Request:
    """Headers, client address, query, path and the logged-in user (set by the login gate)."""
    client = connection.client
    return helpers.Request(
        headers=dict(connection.headers),
        client_host=client.host if client else None,
        query_params=dict(connection.query_params),
        session_hash=session_id,
        path=connection.url.path,
        username=connection.scope.get("state", {}).get("username"),
    )
