"""ChatInterface: a chat app from one function (see interface.py)."""

from .interface import ChatInterface

__all__ = ["ChatInterface"]
