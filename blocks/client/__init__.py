"""Calling a Blocks app from Python: ``blocks.Client`` and the page model it shares with
``blocks.testing``. Uses the wire protocol only.
"""

__all__: list[str] = []
