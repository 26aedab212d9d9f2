"""Launch example apps as subprocesses for browser tests.

`AppLauncher.launch(path, env)` starts `python path` on a free loopback port, waits until the
app has printed its URL and answers `GET /health` with 200, and returns the base URL. Launches are
cached per (path, env), so tests that ask for the same app share one server; `close()` stops them
all (SIGTERM, then SIGKILL after 5 s).
"""

from __future__ import annotations

import os
import re
import signal
import socket
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.request
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path

__all__ = ["ROOT", "AppLaunchError", "AppLauncher", "free_port"]

ROOT = Path(__file__).resolve().parent.parent
URL_PATTERN = re.compile(r"http://127\.0\.0\.1:\d+")
START_TIMEOUT = 20.0
STOP_TIMEOUT = 5.0


class AppLaunchError(RuntimeError):
    """The app exited or did not become healthy in time; the message carries its output."""


def free_port() -> int:
    """Return a TCP port on 127.0.0.1 that was free a moment ago (the kernel picks it)."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@dataclass
class _App:
    """One running app: its process, and a thread that drains its output so it never blocks."""

    process: subprocess.Popen[str]
    lines: list[str] = field(default_factory=list)
    url_seen: threading.Event = field(default_factory=threading.Event)
    url: str = ""

    def __post_init__(self) -> None:
        self.reader = threading.Thread(target=self._read, daemon=True)
        self.reader.start()

    def _read(self) -> None:
        assert self.process.stdout is not None
        with self.process.stdout:
            for line in self.process.stdout:
                self.lines.append(line)
                match = URL_PATTERN.search(line)
                if match and not self.url_seen.is_set():
                    self.url = match.group(0)
                    self.url_seen.set()
        self.url_seen.set()  # EOF: wake the waiter, which sees that no URL came

    def output(self) -> str:
        return "".join(self.lines) or "<no output>\n"

    def stop(self) -> None:
        if self.process.poll() is None:
            # The app runs in its own session, so this also reaches any children it started.
            os.killpg(self.process.pid, signal.SIGTERM)
            try:
                self.process.wait(STOP_TIMEOUT)
            except subprocess.TimeoutExpired:
                os.killpg(self.process.pid, signal.SIGKILL)
                self.process.wait()
        self.reader.join(STOP_TIMEOUT)


class AppLauncher:
    """Starts apps on demand and stops every one of them at `close()`."""

    def __init__(self, timeout: float = START_TIMEOUT) -> None:
        self.timeout = timeout
        self._urls: dict[tuple[str, tuple[tuple[str, str], ...]], str] = {}
        self._apps: list[_App] = []

    def launch(self, path: str | os.PathLike[str], env: Mapping[str, str] | None = None) -> str:
        """Run `python path` (relative paths are from the repo root); return its base URL."""
        script = (ROOT / path).resolve()
        extra = dict(env or {})
        key = (str(script), tuple(sorted(extra.items())))
        if key not in self._urls:
            self._urls[key] = self._start(script, extra)
        return self._urls[key]

    def _start(self, script: Path, extra: dict[str, str]) -> str:
        if not script.is_file():
            raise AppLaunchError(f"no such app: {script}")
        port = free_port()
        env = {
            **os.environ,
            "BLOCKS_SERVER_NAME": "127.0.0.1",
            "BLOCKS_SERVER_PORT": str(port),
            "PYTHONUNBUFFERED": "1",
            **extra,
        }
        process = subprocess.Popen(
            [sys.executable, str(script)],
            env=env,
            stdin=subprocess.DEVNULL,
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            cwd=script.parent,  # apps find their own files (images, flag folders) beside them
            text=True,
            start_new_session=True,
        )
        app = _App(process)
        self._apps.append(app)
        deadline = time.monotonic() + self.timeout
        try:
            if not app.url_seen.wait(self.timeout):
                raise self._failure(app, script, "did not print its http://127.0.0.1:PORT URL")
            if not app.url:  # its output ended: the app is exiting
                app.reader.join(STOP_TIMEOUT)
                app.process.wait(STOP_TIMEOUT)
                raise self._failure(app, script, "exited before printing its URL")
            while not _healthy(app.url):
                if app.process.poll() is not None:
                    raise self._failure(app, script, "exited before /health answered 200")
                if time.monotonic() > deadline:
                    raise self._failure(app, script, "did not answer 200 on /health")
                time.sleep(0.05)
        except AppLaunchError:
            app.stop()
            raise
        return app.url

    def _failure(self, app: _App, script: Path, what: str) -> AppLaunchError:
        code = app.process.poll()
        state = f"still running after {self.timeout:.0f} s" if code is None else f"exit code {code}"
        return AppLaunchError(f"{script} {what} ({state}). Its output:\n{app.output()}")

    def close(self) -> None:
        """Stop every launched app (SIGTERM, then SIGKILL after 5 s)."""
        for app in self._apps:
            app.stop()
        self._apps.clear()
        self._urls.clear()


def _healthy(url: str) -> bool:
    try:
        with urllib.request.urlopen(f"{url}/health", timeout=2) as response:
            return bool(response.status == 200)
    except (urllib.error.URLError, ConnectionError, TimeoutError):
        return False
