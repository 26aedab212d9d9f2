"""What the layers import, name by name, where the import-linter contracts (pyproject.toml) only
see modules.

The chat and the interfaces (blocks/interface/: Interface, TabbedInterface, Examples) are built
from the public API: every name a module of blocks/chat/ or blocks/interface/ imports from
another blocks module must be a public name (in ``blocks.__all__``, the very object), whatever
the form of the import (relative, inside a function, ``import blocks.x``). Two exceptions,
named here: the package's own modules, and the graph's signature module, the one internal
module the chat composes (it calls the user's fn as the runtime calls a listener's, from the same
injection rules). The exception hierarchy is public as a module: ``blocks.exceptions``.
"""

from __future__ import annotations

import ast
import importlib
from pathlib import Path

import pytest

import blocks

CHAT = Path(blocks.__file__).parent / "chat"
# Packages held to the same rule, by folder: (package, folder).
COMPOSED = [("blocks.chat", CHAT), ("blocks.interface", Path(blocks.__file__).parent / "interface")]
# The one internal module the chat composes: fn kinds and argument injection.
SEAM = "blocks.graph.signature"
# Public as a module: the exceptions users raise and catch (gr.Error is also a top-level name).
PUBLIC_MODULES = {"blocks.exceptions"}


def imported_names(path: Path, package: str = "blocks.chat") -> list[tuple[int, str, str | None]]:
    """``(line, absolute module, name or None for a whole module)`` of every import in the
    file, by line, relative ones resolved against its package (blocks.chat), at any depth
    (inside functions too, and under ``if TYPE_CHECKING:``: stricter than the linter)."""
    found: list[tuple[int, str, str | None]] = []
    for node in ast.walk(ast.parse(path.read_text(), str(path))):
        if isinstance(node, ast.Import):
            found += [(node.lineno, alias.name, None) for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            module = node.module or ""
            if node.level:
                base = package.split(".")
                base = base[: len(base) - (node.level - 1)]
                module = ".".join([*base, module] if module else base)
            found += [(node.lineno, module, alias.name) for alias in node.names]
    return sorted(found)


def is_ours(module: str) -> bool:
    return module == "blocks" or module.startswith("blocks.")


def problem(module: str, name: str | None, package: str = "blocks.chat") -> str | None:
    """Why this import (in a module of ``package``) is not allowed, or None."""
    if module in (package, SEAM) or module.startswith(package + "."):
        return None
    if name is None:
        return None if module == "blocks" else "imports a module that is not public"
    if module in PUBLIC_MODULES:
        exported = getattr(importlib.import_module(module), "__all__", ())
        return None if name in exported else f"{name} is not in {module}.__all__"
    if name not in blocks.__all__:
        return f"{name} is not a public name (blocks.__all__)"
    if module == "blocks":
        return None
    if getattr(importlib.import_module(module), name, None) is not getattr(blocks, name):
        return f"{module}.{name} is not the public blocks.{name}"
    return None


@pytest.mark.parametrize(("package", "folder"), COMPOSED, ids=[p for p, _ in COMPOSED])
def test_the_chat_and_the_interfaces_import_only_public_names_and_the_signature_module(
    package, folder
):
    problems = []
    paths = sorted(folder.glob("*.py"))
    assert paths, f"{folder} has no modules"
    for path in paths:
        for line, module, name in imported_names(path, package):
            if not is_ours(module):
                continue
            why = problem(module, name, package)
            if why is not None:
                problems.append(f"{path.name}:{line}: from {module} import {name}: {why}")
    assert not problems, "\n".join(problems)


def test_the_interfaces_may_not_import_the_chats_internals():
    assert problem("blocks.chat.flagging", "FlagLog", "blocks.interface") is not None


def test_the_chat_really_composes_the_signature_module():
    """The seam named above is in use (if the chat stopped using it, drop the exception)."""
    modules = {module for path in CHAT.glob("*.py") for _, module, _ in imported_names(path)}
    assert SEAM in modules


def test_relative_and_function_level_imports_are_read_and_resolved(tmp_path):
    sample = tmp_path / "sample.py"
    sample.write_text(
        "from . import turns\n"
        "from .views import ChatView\n"
        "from ..runtime.engine import Runtime\n"
        "def later():\n"
        "    import blocks.server.routes\n"
        "    from blocks.graph.helpers import current_reporter\n"
    )
    found = imported_names(sample)
    assert [(module, name) for _, module, name in found] == [
        ("blocks.chat", "turns"),
        ("blocks.chat.views", "ChatView"),
        ("blocks.runtime.engine", "Runtime"),
        ("blocks.server.routes", None),
        ("blocks.graph.helpers", "current_reporter"),
    ]
    verdicts = [problem(module, name) for _, module, name in found]
    assert verdicts[:2] == [None, None]
    assert all(verdicts[2:]), verdicts


def test_a_public_name_imported_from_where_it_is_defined_is_allowed():
    assert problem("blocks.graph.helpers", "Progress") is None
    assert problem("blocks", "Textbox") is None
    assert problem("blocks.exceptions", "ValidationError") is None
    assert problem("blocks.graph.helpers", "current_reporter") is not None
