"""`blocks app.py`: the app runs, and runs again in a fresh process on the same port when a
watched file changes (real processes on 127.0.0.1; the browser side is e2e/test_dev_reload.py)."""

import contextlib
import os
import subprocess
import sys
import textwrap
import threading
import time

import httpx
import pytest

from blocks.dev.cli import main
from blocks.dev.supervisor import Supervisor, pick_port
from blocks.dev.watch import changed, snapshot

APP = """
import blocks as gr
from helper import GREETING

if gr.NO_RELOAD:
    open("first-runs.txt", "a").write("run\\n")

with gr.Blocks(title="{title}") as demo:
    gr.Textbox(value=GREETING, label="Greeting")
"""


def wait_for(condition, timeout=20.0):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            if condition():
                return True
        except httpx.HTTPError:
            pass
        time.sleep(0.1)
    return False


def title_of(url):
    return httpx.get(url + "/config", timeout=2).json()["title"]


@pytest.fixture
def project(tmp_path):
    (tmp_path / "helper.py").write_text('GREETING = "hello"\n')
    app = tmp_path / "app.py"
    app.write_text(textwrap.dedent(APP).format(title="first"))
    return app


def test_a_snapshot_sees_added_edited_and_removed_modules_but_not_caches_or_venvs(tmp_path):
    (tmp_path / "app.py").write_text("x = 1\n")
    for skipped in ("__pycache__", ".git", "node_modules"):
        (tmp_path / skipped).mkdir()
        (tmp_path / skipped / "m.py").write_text("")
    (tmp_path / "env2").mkdir()
    (tmp_path / "env2" / "pyvenv.cfg").write_text("")
    (tmp_path / "env2" / "lib.py").write_text("")
    before = snapshot(tmp_path)
    assert sorted(os.path.basename(name) for name in before) == ["app.py"]
    (tmp_path / "app.py").write_text("x = 22\n")
    (tmp_path / "pkg").mkdir()
    (tmp_path / "pkg" / "mod.py").write_text("")
    after = snapshot(tmp_path)
    assert changed(before, after) == sorted(
        [str(tmp_path / "app.py"), str(tmp_path / "pkg" / "mod.py")]
    )
    (tmp_path / "pkg" / "mod.py").unlink()
    assert changed(after, snapshot(tmp_path)) == [str(tmp_path / "pkg" / "mod.py")]


@contextlib.contextmanager
def supervised(app, lines):
    """A Supervisor of ``app`` running in a thread; yields it and its base URL."""
    port = pick_port("127.0.0.1", 7900)
    supervisor = Supervisor(
        app, demo_name="demo", host="127.0.0.1", port=port, watch=[app.parent], say=lines.append
    )
    stop = threading.Event()
    runner = threading.Thread(target=supervisor.run, args=(stop.is_set,))
    runner.start()
    try:
        yield supervisor, f"http://127.0.0.1:{port}"
    finally:
        stop.set()
        runner.join(15)


def test_an_edit_of_the_app_or_a_module_it_imports_reruns_it_on_the_same_port(project):
    lines = []
    with supervised(project, lines) as (supervisor, url):
        assert wait_for(lambda: title_of(url) == "first")
        config = httpx.get(url + "/config").json()
        assert config["dev"] is True
        project.write_text(textwrap.dedent(APP).format(title="second"))
        assert wait_for(lambda: title_of(url) == "second")
        (project.parent / "helper.py").write_text('GREETING = "bonjour"\n')
        assert wait_for(
            lambda: "bonjour" in httpx.get(url + "/config").text and title_of(url) == "second"
        )
        assert any(line.startswith("* Changed: helper.py") for line in lines)
        # Code under `if gr.NO_RELOAD:` ran in the first run only.
        assert (project.parent / "first-runs.txt").read_text() == "run\n"
        assert supervisor.runs == 3
    assert supervisor.process is None


def test_an_app_that_fails_is_reported_and_runs_again_once_fixed(project):
    lines = []
    project.write_text("raise SystemExit(3)\n")
    with supervised(project, lines) as (_, url):
        assert wait_for(lambda: "* The app stopped (exit code 3); waiting for a change" in lines)
        project.write_text(textwrap.dedent(APP).format(title="fixed"))
        assert wait_for(lambda: title_of(url) == "fixed")


def test_the_command_documents_itself_and_refuses_a_missing_file(capsys, tmp_path):
    with pytest.raises(SystemExit) as exit_info:
        main(["--help"])
    assert exit_info.value.code == 0
    out = capsys.readouterr().out
    assert "usage: blocks" in out and "--no-reload" in out and "gr.NO_RELOAD" in out
    assert main([str(tmp_path / "missing.py")]) == 2
    assert "no such file" in capsys.readouterr().err


def test_python_dash_m_blocks_runs_the_same_command():
    result = subprocess.run(
        [sys.executable, "-m", "blocks", "--help"], capture_output=True, text=True, check=True
    )
    assert "usage: blocks" in result.stdout
