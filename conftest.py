"""Shared by tests/ and e2e/: with ``BLOCKS_NO_SKIPS=1`` (scripts/test sets it) a skipped
test fails the run.

A skip for a missing package or browser means the suite did not test what it claims; in the
test command that is a failure to fix (install the package), not a footnote.
"""

from __future__ import annotations

import os
from typing import Any

import pytest

__all__ = ["pytest_sessionfinish", "pytest_terminal_summary"]


def _skipped(reporter: Any) -> list[str]:
    return [report.nodeid for report in getattr(reporter, "stats", {}).get("skipped", [])]


def _enforced() -> bool:
    return os.environ.get("BLOCKS_NO_SKIPS") == "1"


def pytest_sessionfinish(session: pytest.Session, exitstatus: int) -> None:
    if not _enforced():
        return
    reporter = session.config.pluginmanager.get_plugin("terminalreporter")
    if _skipped(reporter) and exitstatus == 0:
        session.exitstatus = 1


def pytest_terminal_summary(terminalreporter: Any, exitstatus: int, config: pytest.Config) -> None:
    skipped = _skipped(terminalreporter)
    if skipped and _enforced():
        terminalreporter.write_line(
            f"FAILED: {len(skipped)} test(s) skipped; the test command allows none:", red=True
        )
        for nodeid in skipped:
            terminalreporter.write_line(f"  {nodeid}")
