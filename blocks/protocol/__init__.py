"""The wire protocol: every message in and out, typed once, the diff ops, and pure
file-reference helpers. Imports nothing of ours (an import-linter contract checks it).
"""

__all__: list[str] = []
