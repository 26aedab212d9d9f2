"""The installed package (a wheel, not the source checkout) serves the frontend."""

import subprocess
import sys
import textwrap
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


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
    assert "components/chatbot.py" in names

    venv = tmp_path / "venv"
    # The runtime dependencies come from this environment; blocks itself from the wheel.
    subprocess.run([sys.executable, "-m", "venv", "--system-site-packages", str(venv)], check=True)
    python = venv / "bin" / "python"
    subprocess.run(
        [str(python), "-m", "pip", "install", "-q", "--no-deps", str(wheel)],
        check=True,
        capture_output=True,
    )
    script = textwrap.dedent("""
        import urllib.request
        import blocks as gr
        from blocks.paths import frontend_dir, frontend_version
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
