"""ChatInterface: a chat app from one function (see interface.py)."""

from blocks.chat.interface import ChatInterface

__all__ = ["ChatInterface"]
