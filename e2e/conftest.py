"""Browser-test fixtures: Debian's chromium driven by pytest-playwright, apps run as subprocesses.

Use `launch_app("examples/hello.py")` to get the base URL of a running app, then
`page.goto(url)`. See e2e/harness.py for what a launch waits for.
"""

from __future__ import annotations

import shutil
from collections.abc import Callable, Iterator
from typing import Any

import pytest
from harness import AppLauncher

__all__ = ["base_url", "browser_context_args", "browser_type_launch_args", "launch_app"]


@pytest.fixture(scope="session")
def base_url(pytestconfig: pytest.Config) -> str | None:
    # Same as pytest-playwright 0.10.0's own, which is a method-style session fixture: pytest
    # >= 9.2 deprecates those, and with warnings as errors every browser test would fail setup.
    return pytestconfig.getoption("--base-url") or pytestconfig.getini("base_url") or None


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args: dict[str, Any]) -> dict[str, Any]:
    # Playwright cannot download its own browser here; the Debian package is the one we have.
    executable = shutil.which("chromium") or "/usr/bin/chromium"
    # A fake microphone (a tone) for the recording tests, allowed without a prompt.
    media = ["--use-fake-device-for-media-stream", "--use-fake-ui-for-media-stream"]
    args = [*browser_type_launch_args.get("args", []), *media]
    return {**browser_type_launch_args, "executable_path": executable, "args": args}


@pytest.fixture(scope="session")
def browser_context_args(browser_context_args: dict[str, Any]) -> dict[str, Any]:
    # Otherwise the machine's locale and TZ leak into the page and into what tests see.
    return {**browser_context_args, "locale": "en-US", "timezone_id": "UTC"}


@pytest.fixture(scope="session")
def launch_app() -> Iterator[Callable[..., str]]:
    """`launch_app(path, env=None) -> base URL`; one server per (path, env) for the session."""
    launcher = AppLauncher()
    try:
        yield launcher.launch
    finally:
        launcher.close()
