"""Which files on disk a listener may show: the rule ``FileCache.add_path`` applies.

A path a listener returns is copied into the app's cache and served by id. It may be:

- a file of the app's own cache (an upload, or something already produced);
- under ``allowed_paths`` (the app declared those public): any client may name them;
- under the current folder (the app's folder);
- in the temp folder, only when this process made it: owned by this user, written since the
  process started, and not inside another app's cache. The temp folder as a whole is never a
  root: other programs and other users keep their files there.

Never, whatever the root: anything under ``blocked_paths``; hidden files and folders (``.env``,
``.git``, ``.ssh``) and key files (``*.pem``, ``id_rsa``), unless that very file is listed in
``allowed_paths``; and, outside the cache and ``allowed_paths``, a path the current client
sent (blocks.runtime.provenance), so a value that came from a client never turns into a
served file.
"""

from __future__ import annotations

import fnmatch
import os
import tempfile
import time
from collections.abc import Iterable
from pathlib import Path

from blocks.exceptions import BlocksError
from blocks.runtime.provenance import current_client

__all__ = ["SECRET_PATTERNS", "ClientPathRefused", "PathNotAllowed", "ServePolicy"]

# File names that hold credentials: never served unless the app lists that exact file.
SECRET_PATTERNS = (
    "*.pem",
    "*.key",
    "*.p12",
    "*.pfx",
    "*.jks",
    "*.keystore",
    "*.kdbx",
    "*.ppk",
    "id_rsa*",
    "id_dsa*",
    "id_ecdsa*",
    "id_ed25519*",
    "credentials",
    "credentials.json",
    "secrets.toml",
    "*.sqlite-journal",
)
# Temp-folder entries that are other apps' caches (ours are "blocks-*").
_OTHER_CACHES = ("blocks-*", "gradio", "gradio-*")
# A file written this long before the process started still counts as made by it (clocks).
_START_SLACK_SECONDS = 2.0


class PathNotAllowed(BlocksError, ValueError):
    """A listener returned a path the app may not serve."""


class ClientPathRefused(PathNotAllowed):
    """The path a listener returned is one the client sent: the client's doing, not the
    app's bug (reported as invalid input, without a traceback)."""


def _process_started() -> float:
    """When this process started (wall clock), from /proc on Linux, else now."""
    try:
        fields = Path("/proc/self/stat").read_text().rsplit(")", 1)[1].split()
        ticks = int(fields[19])
        boot = next(
            float(line.split()[1])
            for line in Path("/proc/stat").read_text().splitlines()
            if line.startswith("btime ")
        )
        return boot + ticks / os.sysconf("SC_CLK_TCK")
    except (OSError, ValueError, IndexError, StopIteration):
        return time.time()


_STARTED = _process_started()


def _from_env(name: str) -> list[str]:
    """``BLOCKS_<name>`` (or ``GRADIO_<name>``): comma-separated paths."""
    value = os.environ.get(f"BLOCKS_{name}") or os.environ.get(f"GRADIO_{name}") or ""
    return [part.strip() for part in value.split(",") if part.strip()]


SAMPLE_MEDIA = (Path(__file__).resolve().parent.parent / "media" / "files").resolve()


class ServePolicy:
    """The rule for one app: its cache ``root``, ``allowed_paths`` and ``blocked_paths``."""

    def __init__(
        self,
        root: Path,
        allowed: Iterable[str | os.PathLike[str]] = (),
        blocked: Iterable[str | os.PathLike[str]] = (),
    ) -> None:
        self.root = root
        self.allowed = [Path(p).resolve() for p in [*allowed, *_from_env("ALLOWED_PATHS")]]
        # gr.media's sample files ship with Blocks and are public: demos show them as they are.
        self.allowed.append(SAMPLE_MEDIA)
        self.blocked = [Path(p).resolve() for p in [*blocked, *_from_env("BLOCKED_PATHS")]]
        self.temp = Path(tempfile.gettempdir()).resolve()
        self.started = _STARTED

    def check(self, given: str | os.PathLike[str], resolved: Path) -> None:
        """Raise PathNotAllowed (saying why and what to do) unless ``resolved`` may be shown."""
        shown = os.fspath(given)
        if any(resolved.is_relative_to(blocked) for blocked in self.blocked):
            raise PathNotAllowed(f"cannot show {shown!r}: it is in blocked_paths")
        if resolved.is_relative_to(self.root):
            self._refuse_if_client_named(given, resolved, shown)
            return
        if resolved in self.allowed:
            return
        root = next((folder for folder in self.allowed if resolved.is_relative_to(folder)), None)
        if root is None:
            self._refuse_if_client_named(given, resolved, shown)
            cwd = Path.cwd().resolve()
            if resolved.is_relative_to(cwd):
                root = cwd
            elif resolved.is_relative_to(self.temp) and self._made_here(resolved):
                root = self.temp
            else:
                raise PathNotAllowed(
                    f"cannot show {shown!r}: a listener may show files under the app's folder, "
                    "temp files this app wrote, and folders listed in "
                    "launch(allowed_paths=[...])"
                )
        self._refuse_secrets(resolved.relative_to(root), shown)

    def _refuse_if_client_named(
        self, given: str | os.PathLike[str], resolved: Path, shown: str
    ) -> None:
        client = current_client()
        if client is None:
            return
        if client.overflowed:
            raise ClientPathRefused(
                f"cannot show {shown!r}: this session sent too many values to tell the files "
                "the app made from ones the client named; only uploads and files under "
                "launch(allowed_paths=[...]) can be shown to it"
            )
        if client.named(given) or client.named(resolved):
            raise ClientPathRefused(
                f"cannot show {shown!r}: the client sent this path, and a path that came from "
                "a client is never served (upload the file, or list its folder in "
                "launch(allowed_paths=[...]) to make it public)"
            )

    @staticmethod
    def _refuse_secrets(relative: Path, shown: str) -> None:
        hidden = [part for part in relative.parts if part.startswith(".")]
        if hidden:
            raise PathNotAllowed(
                f"cannot show {shown!r}: hidden files and folders ({hidden[0]}) are never "
                "served unless the file itself is listed in launch(allowed_paths=[...])"
            )
        name = relative.name.lower()
        if any(fnmatch.fnmatchcase(name, pattern) for pattern in SECRET_PATTERNS):
            raise PathNotAllowed(
                f"cannot show {shown!r}: it looks like a key or credentials file; list the "
                "file itself in launch(allowed_paths=[...]) if it is meant to be public"
            )

    def _made_here(self, resolved: Path) -> bool:
        """A temp file this process wrote: ours, recent, and not in another app's cache."""
        first = resolved.relative_to(self.temp).parts[0]
        if any(fnmatch.fnmatchcase(first, pattern) for pattern in _OTHER_CACHES):
            return False
        try:
            stat = resolved.stat()
        except OSError:
            return True  # no such file: add_path says so
        owner = getattr(os, "getuid", lambda: stat.st_uid)()
        return stat.st_uid == owner and stat.st_mtime >= self.started - _START_SLACK_SECONDS
