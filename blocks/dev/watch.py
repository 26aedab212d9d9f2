"""What changed among an app's source files, sans-I/O but for one ``os.scandir`` walk.

The app's folder is walked for ``.py`` files (hidden folders, virtualenvs, caches and
``node_modules`` left out): the app file and every local module it may import. A snapshot is
each file's (mtime_ns, size); two snapshots differ when a file was added, removed or edited.
Polling every half second costs a few milliseconds for a project of a few hundred files and
needs no dependency (inotify is not everywhere: containers, network mounts).
"""

from __future__ import annotations

import os
from pathlib import Path

__all__ = ["Snapshot", "changed", "snapshot"]

Snapshot = dict[str, tuple[int, int]]

# Folders never watched: other projects' code, caches, tool state.
SKIPPED = frozenset(
    {"__pycache__", "node_modules", "site-packages", "venv", "env", "build", "dist"}
)
# A runaway walk (the app sits in a home folder) stops here: the files first found are watched.
MAX_FILES = 5_000


def snapshot(folder: Path, also: tuple[Path, ...] = ()) -> Snapshot:
    """Every ``.py`` file under ``folder`` (and the files ``also`` names) -> (mtime, size)."""
    found: Snapshot = {}
    stack = [folder]
    while stack and len(found) < MAX_FILES:
        current = stack.pop()
        try:
            entries = list(os.scandir(current))
        except OSError:
            continue
        for entry in entries:
            name = entry.name
            if name.startswith(".") or name in SKIPPED:
                continue
            try:
                if entry.is_dir(follow_symlinks=False):
                    if not (Path(entry.path) / "pyvenv.cfg").exists():
                        stack.append(Path(entry.path))
                elif name.endswith(".py"):
                    info = entry.stat()
                    found[entry.path] = (info.st_mtime_ns, info.st_size)
            except OSError:
                continue
    for path in also:
        try:
            info = path.stat()
        except OSError:
            continue
        found[str(path)] = (info.st_mtime_ns, info.st_size)
    return found


def changed(before: Snapshot, after: Snapshot) -> list[str]:
    """The files added, removed or edited between two snapshots, sorted."""
    names = before.keys() | after.keys()
    return sorted(name for name in names if before.get(name) != after.get(name))
