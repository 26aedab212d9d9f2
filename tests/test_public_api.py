"""The public namespace is exactly what the submodules declare public."""

import importlib
import pkgutil
import subprocess
import sys
from pathlib import Path

import blocks
import components

ROOT = Path(__file__).resolve().parent.parent


def test_every_module_declares_all():
    for package in (blocks, components):
        for info in pkgutil.iter_modules(package.__path__):
            module = importlib.import_module(f"{package.__name__}.{info.name}")
            assert hasattr(module, "__all__"), f"{module.__name__} has no __all__"


def test_every_public_name_exists_and_comes_from_a_submodule():
    for name in blocks.__all__:
        assert hasattr(blocks, name), name
    exported_by_modules = set()
    for package in (blocks, components):
        for info in pkgutil.iter_modules(package.__path__):
            module = importlib.import_module(f"{package.__name__}.{info.name}")
            exported_by_modules.update(module.__all__)
    missing = set(blocks.__all__) - exported_by_modules
    assert not missing, f"exported but defined nowhere public: {missing}"


def test_every_component_is_exported_at_the_top_level():
    for name in components.__all__:
        assert getattr(blocks, name) is getattr(components, name)


def test_importing_blocks_does_not_load_the_server_stack():
    code = (
        "import sys, blocks; "
        "print(','.join(m for m in ('starlette','uvicorn','pydantic','fastapi','PIL','numpy') "
        "if m in sys.modules))"
    )
    loaded = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, cwd=ROOT
    ).stdout.strip()
    assert loaded == ""


def test_a_shadowing_components_module_fails_with_a_message_that_says_so(tmp_path):
    (tmp_path / "components.py").write_text("x = 1\n")
    code = f"import sys; sys.path.insert(0, {str(tmp_path)!r}); import blocks"
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, cwd=tmp_path
    )
    assert result.returncode != 0
    assert "Another module named `components`" in result.stderr


def test_every_python_component_has_a_frontend_twin():
    missing = []
    for name in components.__all__:
        cls = getattr(components, name)
        block_type = getattr(cls, "TYPE", None)
        if block_type in (None, "component", "formcomponent"):
            continue
        if not (ROOT / "frontend" / "components" / f"{block_type}.js").is_file():
            missing.append(block_type)
    assert not missing, f"components without frontend/components/<type>.js: {missing}"


def test_every_module_stays_reasonably_small():
    for folder in ("blocks", "components"):
        for path in (ROOT / folder).rglob("*.py"):
            lines = len(path.read_text().splitlines())
            assert lines < 650, f"{path.name} has {lines} lines: split it along its concepts"
