"""The root of the framework's errors, and the one the protocol raises (blocks.exceptions
draws the whole hierarchy and re-exports these)."""

from __future__ import annotations

__all__ = ["BlocksError", "ProtocolError"]


class BlocksError(Exception):
    """Base of the errors the framework itself raises."""


class ProtocolError(BlocksError):
    """A client message is malformed, of an unknown type or refers to something unknown."""
