"""One run of the app under ``blocks app.py`` (a fresh process per reload, started by
supervisor.py): run the file as ``python app.py`` would, then, if it launched nothing, launch
its ``demo`` (or the Blocks named by ``--demo-name``), as the reference's ``gradio app.py``
does. Imports nothing of ours: the app imports blocks itself."""

from __future__ import annotations

import runpy
import sys
import threading
from pathlib import Path
from typing import Any

__all__ = ["find_app", "main"]


def find_app(namespace: dict[str, Any], name: str) -> Any:
    """The app to launch: ``namespace[name]``, else the only object there that launches like
    a Blocks (has ``launch`` and ``local_url``); a clear SystemExit otherwise."""
    if name in namespace:
        return namespace[name]
    found = [
        value
        for key, value in namespace.items()
        if not key.startswith("_") and hasattr(value, "launch") and hasattr(value, "local_url")
    ]
    if len(found) == 1:
        return found[0]
    raise SystemExit(
        f"blocks: the file defines no app named {name!r}"
        + (f" (it has {len(found)} apps: pass --demo-name)" if found else "")
    )


def main(argv: list[str]) -> None:
    path, name = Path(argv[0]).resolve(), argv[1]
    sys.argv = [str(path)]
    sys.path.insert(0, str(path.parent))
    namespace = runpy.run_path(str(path), run_name="__main__")
    app = find_app(namespace, name)
    if not getattr(app, "launched", False):
        app.launch()  # blocks until the supervisor stops this process
    elif getattr(app, "local_url", None) is not None:
        threading.Event().wait()  # launched with prevent_thread_lock: serve until stopped
    # else: the file's own blocking launch() served until the supervisor stopped it


if __name__ == "__main__":
    main(sys.argv[1:])
