"""The public namespace is exactly what the submodules declare public, each name defined once."""

import importlib
import pkgutil
import subprocess
import sys
from pathlib import Path

import blocks
import blocks.components as components

ROOT = Path(__file__).resolve().parent.parent


def _modules():
    for info in pkgutil.walk_packages(blocks.__path__, "blocks."):
        yield importlib.import_module(info.name)


def test_every_module_declares_all():
    missing = [m.__name__ for m in _modules() if not hasattr(m, "__all__")]
    assert not missing, f"modules without __all__: {missing}"


def test_the_public_names_are_exactly_the_classes_and_functions_users_reach_for():
    assert set(blocks.__all__) == {
        *("Accordion", "Blocks", "BrowserState", "Button", "ChatInterface", "ChatMessage"),
        *("Chatbot", "Checkbox", "Client", "Column", "Component", "Dependency", "Dropdown"),
        *("EditData", "Error", "EventData", "File", "FormComponent", "Group", "HTML", "Image"),
        *("Info", "JSON", "KeyUpData", "LikeData", "Markdown", "MessageDict", "MetadataDict"),
        *("MultimodalTextbox", "Number", "OptionDict", "Progress", "Radio", "Request"),
        *("RetryData", "Row", "SelectData", "Slider", "State", "Success", "Tab", "Tabs"),
        *("Textbox", "UndoData", "Warning", "on", "skip", "update"),
        # issue 9: more components, and the reference's other names for components
        *("CheckboxGroup", "Code", "ColorPicker", "HighlightedText", "Label"),
        *("Checkboxgroup", "Files", "Highlight", "Highlightedtext", "Json", "TabItem", "Text"),
        *("TextArea",),
        # issue 9: dynamic layouts, timers, the sidebar, deep links, the unsupported login
        *("DeepLinkButton", "LoginButton", "Sidebar", "Timer", "render"),
        # issue 9: helpers
        *("cache", "close_all", "load_chat", "validate"),
        # issue 11: serving inside another ASGI app
        *("mount_blocks", "mount_gradio_app"),
        # issue 9: apps from a function, examples
        *("ClearButton", "Dataset", "Examples", "Interface", "TabbedInterface"),
        # issue 10: audio
        *("Audio", "Mic", "Microphone", "WaveformOptions"),
        # issue 10: upload and download buttons
        *("DownloadButton", "UploadButton"),
        # issue 10: galleries and image sliders
        *("Gallery", "ImageSlider"),
        # issue 10: video and 3D models
        *("Model3D", "PlayableVideo", "Video", "WebcamOptions"),
        # issue 10: tables
        *("DataFrame", "Dataframe", "List", "Matrix", "Numpy"),
        # issue 10: plots
        *("BarPlot", "LinePlot", "Plot", "ScatterPlot"),
    }
    assert len(blocks.__all__) == len(set(blocks.__all__))
    for name in blocks.__all__:
        assert hasattr(blocks, name), name


def test_no_public_name_is_defined_in_two_modules():
    """Each public name has one home; other modules may import it, never define their own."""
    homes: dict[str, set[str]] = {}
    for module in _modules():
        for name in module.__all__:
            value = getattr(module, name)
            home = getattr(value, "__module__", module.__name__)
            if name in blocks.__all__:
                homes.setdefault(name, set()).add(f"{home}.{getattr(value, '__qualname__', name)}")
    doubles = {name: where for name, where in homes.items() if len(where) > 1}
    assert not doubles, f"public names defined twice: {doubles}"
    for name in blocks.__all__:
        assert name in homes, f"{name} is exported but no module declares it in __all__"


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


def test_importing_blocks_loads_neither_asyncio_nor_the_file_cache():
    """Both load when an app runs; a script that only builds an app should not pay for them."""
    code = (
        "import sys, blocks; "
        "print(','.join(m for m in ('asyncio', 'concurrent.futures', 'blocks.runtime.files') "
        "if m in sys.modules))"
    )
    loaded = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, cwd=ROOT
    ).stdout.strip()
    assert loaded == ""


def test_a_users_own_components_module_does_not_clash_with_the_library(tmp_path):
    (tmp_path / "components.py").write_text("MINE = True\n")
    code = (
        "import components, blocks as gr; "
        "assert components.MINE; "
        "assert gr.Textbox.__module__ == 'blocks.components.textbox'; print('ok')"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, cwd=tmp_path
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "ok"


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
    # blocks/components is a link to components/, which rglob does not follow: both are read.
    for path in [*(ROOT / "blocks").rglob("*.py"), *(ROOT / "components").rglob("*.py")]:
        lines = len(path.read_text().splitlines())
        assert lines < 650, f"{path.name} has {lines} lines: split it along its concepts"
