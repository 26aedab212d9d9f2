"""A page made by other code than the server runs (a redeploy) never triggers: its hello names
the config's fingerprint, and a fingerprint that is not the server's closes the socket with
STALE_PAGE (the page then reloads; e2e/test_stale_page.py)."""

import subprocess
import sys
import textwrap

import orjson
import pytest

import blocks as gr
from blocks.runtime.connection import STALE_PAGE, Close, Connection, Phase


def app(first, second):
    with gr.Blocks() as demo:
        name = gr.Textbox(label="Name")
        out = gr.Textbox(label="Result")
        gr.Button("One").click(first, name, out)
        gr.Button("Two").click(second, name, out)
    return demo


@pytest.fixture
def demo():
    made = app(lambda n: f"hello {n}", lambda n: f"deleted {n}")
    yield made
    made.close()


def test_a_hello_with_another_fingerprint_is_closed_as_stale_and_opens_no_session(demo):
    runtime = demo.runtime
    connection = Connection(runtime)
    close = connection.receive(orjson.dumps({"type": "hello", "app": "0123456789abcdef"}))
    assert close == Close(STALE_PAGE, "the app has changed since this page was loaded: reload it")
    assert connection.phase is Phase.CLOSED
    assert runtime.sessions == {}


def test_a_hello_with_the_servers_fingerprint_or_none_is_welcomed(demo):
    runtime = demo.runtime
    fingerprint = demo.config()["fingerprint"]
    for hello in ({"type": "hello", "app": fingerprint}, {"type": "hello"}):
        connection = Connection(runtime)
        assert connection.receive(orjson.dumps(hello)) is None
        assert connection.phase is Phase.OPEN


def test_swapping_what_two_buttons_do_changes_the_fingerprint_and_a_label_does_not():
    harmless, delete = (lambda n: f"hello {n}"), (lambda n: f"deleted {n}")
    before = app(harmless, delete).config()["fingerprint"]
    assert app(harmless, delete).config()["fingerprint"] == before
    assert app(delete, harmless).config()["fingerprint"] != before
    with gr.Blocks() as relabelled:
        name = gr.Textbox(label="Your name")
        out = gr.Textbox(label="Result")
        gr.Button("First").click(harmless, name, out)
        gr.Button("Second").click(delete, name, out)
    assert relabelled.config()["fingerprint"] == before


def test_the_fingerprint_is_the_same_in_every_process_running_the_same_code(tmp_path):
    source = tmp_path / "app.py"
    source.write_text(
        textwrap.dedent("""
            import blocks as gr
            def pick(kind):
                return kind in {"a", "b", "c"}
            with gr.Blocks() as demo:
                box = gr.Textbox()
                gr.Button().click(pick, box, gr.Checkbox())
                gr.Button().click(lambda t: [c for c in t], box, gr.JSON())
            print(demo.config()["fingerprint"])
        """)
    )
    prints = {
        subprocess.run(
            [sys.executable, str(source)],
            capture_output=True,
            text=True,
            check=True,
            env={"PYTHONHASHSEED": seed, "PATH": "/usr/bin:/bin"},
        ).stdout.strip()
        for seed in ("1", "2", "3")
    }
    assert len(prints) == 1 and len(next(iter(prints))) == 16
