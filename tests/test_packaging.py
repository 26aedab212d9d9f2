"""The installed package (a wheel, not the source checkout) serves the frontend."""

import subprocess
import sys
import textwrap
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def _site_packages() -> list[str]:
    import site

    return [path for path in site.getsitepackages() if Path(path).is_dir()]


def test_a_wheel_installed_in_a_fresh_venv_serves_the_page_and_its_static_files(tmp_path):
    wheels = tmp_path / "wheels"
    subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "wheel",
            "--no-deps",
            "--no-build-isolation",
            "-q",
            "-w",
            str(wheels),
            str(ROOT),
        ],
        check=True,
        capture_output=True,
    )
    (wheel,) = wheels.glob("blocks-*.whl")
    names = set(zipfile.ZipFile(wheel).namelist())
    assert "blocks/frontend/index.html" in names
    assert "blocks/frontend/components/chatbot.js" in names
    assert any(name.startswith("blocks/frontend/vendor/") for name in names)
    assert "blocks/components/chatbot.py" in names
    assert not any(name.startswith("components/") for name in names), "a top-level components"

    venv = tmp_path / "venv"
    subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True)
    python = venv / "bin" / "python"
    # The runtime dependencies come from this test's environment (a venv or not: not the base
    # interpreter's, which --system-site-packages would give), blocks itself from the wheel.
    # A plain path line in a .pth adds the folder without running its .pth files, so an
    # editable install of blocks there stays out.
    (site,) = (venv / "lib").glob("python3*/site-packages")
    (site / "deps.pth").write_text("\n".join(_site_packages()) + "\n")
    subprocess.run(
        [str(python), "-m", "pip", "install", "-q", "--no-deps", str(wheel)],
        check=True,
        capture_output=True,
    )
    script = textwrap.dedent("""
        import urllib.request
        try:
            import components
            raise SystemExit(f"a top-level components module is installed: {components}")
        except ModuleNotFoundError:
            pass
        from blocks.components.chatbot import Chatbot
        assert Chatbot.__module__ == "blocks.components.chatbot"
        import blocks as gr
        from blocks.server.paths import frontend_dir, frontend_version
        assert "site-packages" in str(frontend_dir()), frontend_dir()
        with gr.Blocks() as demo:
            gr.Textbox(label="Name")
        demo.launch(server_port=0, prevent_thread_lock=True, quiet=True)
        page = urllib.request.urlopen(demo.local_url + "/").read().decode()
        main = urllib.request.urlopen(
            f"{demo.local_url}/static/{frontend_version()}/main.js").read()
        demo.close()
        assert '"label":"Name"' in page and main
        print("served from", frontend_dir())
    """)
    result = subprocess.run(
        [str(python), "-c", script], cwd=tmp_path, capture_output=True, text=True, timeout=60
    )
    assert result.returncode == 0, result.stderr
    assert "site-packages" in result.stdout


def test_the_installed_package_has_no_top_level_components_module(tmp_path):
    """Whatever the install (editable here or the wheel), `components` is not ours to take."""
    code = "import blocks.components, importlib.util; print(importlib.util.find_spec('components'))"
    result = subprocess.run(
        [sys.executable, "-c", code], cwd=tmp_path, capture_output=True, text=True, check=True
    )
    assert result.stdout.strip() == "None"
