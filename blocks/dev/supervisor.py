"""The app's process under ``blocks app.py``: started, stopped and started again when a
watched file changes (watch.py), always on the same port so the open pages find it again.

Each run is a fresh ``python -m blocks.dev.child app.py`` with ``BLOCKS_DEV=1`` (its pages
re-render in place when the app's code changed, instead of reloading: frontend/main.js) and,
from the second run on, ``BLOCKS_RELOADED=1`` (``gr.NO_RELOAD`` is then False). A run that
fails (a syntax error, say) is reported and the loop waits for the next change.
"""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

from blocks.dev.watch import Snapshot, changed, snapshot

__all__ = ["Supervisor", "pick_port"]

POLL_SECONDS = 0.5
STOP_SECONDS = 5.0


def pick_port(host: str, start: int, attempts: int = 100) -> int:
    """The first port from ``start`` that ``host`` can bind now (the app's, for every run)."""
    for port in range(start, start + attempts):
        with socket.socket(socket.AF_INET6 if ":" in host else socket.AF_INET) as probe:
            probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
            try:
                probe.bind((host, port))
            except OSError:
                continue
            return port
    raise OSError(f"no free port on {host} from {start} to {start + attempts - 1}")


class Supervisor:
    """Runs the app and reruns it on changes. ``say`` prints a line for the developer."""

    def __init__(
        self,
        app: Path,
        *,
        demo_name: str,
        host: str,
        port: int,
        watch: list[Path],
        say: Callable[[str], None] = print,
    ) -> None:
        self.app = app
        self.demo_name = demo_name
        self.host = host
        self.port = port
        self.watch = watch
        self.say = say
        self.process: subprocess.Popen[bytes] | None = None
        self.runs = 0

    def snapshot(self) -> Snapshot:
        files: Snapshot = {}
        for folder in self.watch:
            files.update(snapshot(folder, (self.app,)))
        return files

    def start(self) -> None:
        env = {
            **os.environ,
            "BLOCKS_SERVER_PORT": str(self.port),
            "BLOCKS_SERVER_NAME": self.host,
            "BLOCKS_DEV": "1",
            "PYTHONUNBUFFERED": "1",
        }
        if self.runs:
            env["BLOCKS_RELOADED"] = "1"
        command = [sys.executable, "-m", "blocks.dev.child", str(self.app), self.demo_name]
        self.process = subprocess.Popen(command, env=env, cwd=self.app.parent)
        self.runs += 1

    def stop(self) -> None:
        process, self.process = self.process, None
        if process is None or process.poll() is not None:
            return
        process.send_signal(signal.SIGTERM)
        try:
            process.wait(STOP_SECONDS)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()

    def run(self, until: Callable[[], bool] = lambda: False) -> None:
        """Serve until interrupted (or ``until()`` says so): rerun on each change."""
        before = self.snapshot()
        self.start()
        reported = False
        try:
            while not until():
                time.sleep(POLL_SECONDS)
                after = self.snapshot()
                edits = changed(before, after)
                if edits:
                    before = after
                    names = ", ".join(Path(name).name for name in edits[:3])
                    more = f" and {len(edits) - 3} more" if len(edits) > 3 else ""
                    self.say(f"* Changed: {names}{more}; reloading")
                    self.stop()
                    self.start()
                    reported = False
                elif not reported and self.process is not None and self.process.poll() is not None:
                    code = self.process.returncode
                    self.say(f"* The app stopped (exit code {code}); waiting for a change")
                    reported = True
        finally:
            self.stop()
