"""``blocks app.py``: run an app in development mode, reloading it when its code changes.

    blocks app.py [--demo-name demo] [--port 7860] [--host 127.0.0.1] [--watch-dirs DIR ...]
    blocks app.py --no-reload          (or BLOCKS_NO_RELOAD=1: run once, watch nothing)

Also ``python -m blocks app.py``. The app runs as ``python app.py`` would; if the file
launches nothing, its ``demo`` (or ``--demo-name``) is launched. Each change to a ``.py`` file
under the app's folder (or ``--watch-dirs``) starts the app again in a fresh process on the
same port, and open pages show the new version in place, keeping what was typed. Code that
must not run again on a reload goes under ``if gr.NO_RELOAD:`` (False in reloaded runs).
"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

from blocks.dev.supervisor import Supervisor, pick_port

__all__ = ["main", "parser"]


def _env(name: str) -> str | None:
    for prefix in ("BLOCKS_", "GRADIO_"):
        value = os.environ.get(prefix + name, "").strip()
        if value:
            return value
    return None


def parser() -> argparse.ArgumentParser:
    made = argparse.ArgumentParser(
        prog="blocks",
        description="Run a Blocks app in development mode: it reloads when its code changes "
        "and open pages show the new version in place.",
        epilog="Code under `if gr.NO_RELOAD:` runs only in the first run, not after a reload.",
    )
    made.add_argument("app", type=Path, help="the app's Python file, e.g. app.py")
    made.add_argument(
        "--demo-name",
        default="demo",
        help="the variable holding the app, when the file does not launch it (default: demo)",
    )
    made.add_argument("--host", default=None, help="address to serve on (default: 127.0.0.1)")
    made.add_argument("--port", type=int, default=None, help="port to serve on (default: 7860)")
    made.add_argument(
        "--watch-dirs",
        nargs="+",
        type=Path,
        default=None,
        help="folders whose .py files are watched (default: the app's folder)",
    )
    made.add_argument(
        "--no-reload",
        action="store_true",
        default=os.environ.get("BLOCKS_NO_RELOAD", "").strip() not in ("", "0"),
        help="run the app once, without watching (also BLOCKS_NO_RELOAD=1)",
    )
    return made


def main(argv: list[str] | None = None) -> int:
    args = parser().parse_args(argv)
    app = args.app.resolve()
    if not app.is_file():
        print(f"blocks: no such file: {args.app}", file=sys.stderr)
        return 2
    if args.no_reload:
        from blocks.dev.child import main as run_once

        if args.port is not None:
            os.environ["BLOCKS_SERVER_PORT"] = str(args.port)
        if args.host is not None:
            os.environ["BLOCKS_SERVER_NAME"] = args.host
        run_once([str(app), args.demo_name])
        return 0
    host = args.host or _env("SERVER_NAME") or "127.0.0.1"
    given = args.port if args.port is not None else _env("SERVER_PORT")
    try:
        port = pick_port(host, int(given) if given is not None else 7860)
    except (OSError, ValueError) as exc:
        print(f"blocks: {exc}", file=sys.stderr)
        return 2
    watch = [folder.resolve() for folder in (args.watch_dirs or [app.parent])]
    shown = ", ".join(str(folder) for folder in watch)
    print(f"* Watching {shown} for changes (Ctrl+C stops)", flush=True)
    supervisor = Supervisor(app, demo_name=args.demo_name, host=host, port=port, watch=watch)
    try:
        supervisor.run()
    except KeyboardInterrupt:
        pass
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
