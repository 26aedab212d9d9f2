"""``python -m blocks app.py``: the ``blocks`` command (blocks/dev/cli.py)."""

from blocks.dev.cli import main

__all__: list[str] = []

if __name__ == "__main__":
    raise SystemExit(main())
