"""The reference's own Python client, ``gradio_client`` (the real package, a test dependency),
against live Blocks apps on 127.0.0.1: view_api, predict and submit (streaming, by name,
defaults), files up and down, a ChatInterface, cancel, errors, and the same gates as ours.
Offline: the client's hub lookups and telemetry are switched off before it is imported."""

import os

os.environ["HF_HUB_OFFLINE"] = "1"
os.environ["HF_HUB_DISABLE_TELEMETRY"] = "1"
os.environ["GRADIO_ANALYTICS_ENABLED"] = "False"

import threading
from pathlib import Path

import httpx
import orjson
import pytest
from gradio_client import Client, handle_file
from gradio_client.exceptions import AppError, AuthenticationError
from PIL import Image

import blocks as gr

FILE_META = {"_type": "gradio.FileData"}


def greet(name, excited=False):
    return f"Hello {name}{'!' if excited else '.'}"


def half(number):
    if number < 0:
        raise gr.Error("no negatives, please")
    return number / 2


def size_of(picture):
    return f"{picture.width}x{picture.height}"


def chat(message, history):
    return f"{message} ({len(history)} messages before)"


class Gate:
    """Lets a generator yield its next value only once the test has read the previous one,
    so no two outputs can merge on the way; and tells when the generator stopped."""

    def __init__(self):
        self.next = threading.Semaphore(0)
        self.stopped = threading.Event()

    def count(self, upto):
        try:
            for index in range(int(upto)):
                yield str(index)
                self.next.acquire(timeout=30)
        finally:
            self.stopped.set()


@pytest.fixture(scope="module")
def gate():
    return Gate()


@pytest.fixture(scope="module")
def forever():
    stopped = threading.Event()

    def ticks():
        try:
            while True:
                yield "tick"
                stopped.wait(0.05)
        finally:
            stopped.set()

    ticks.stopped = stopped
    return ticks


@pytest.fixture(scope="module")
def url(gate, forever, tmp_path_factory):
    made = tmp_path_factory.mktemp("made")

    def report(text):
        path = made / "report.txt"
        path.write_text(f"report: {text}")
        return str(path)

    with gr.Blocks() as demo:
        name, excited, out = gr.Textbox(label="Name"), gr.Checkbox(label="Excited"), gr.Textbox()
        gr.Button().click(greet, [name, excited], out, api_name="greet")
        number, halved = gr.Number(), gr.Number()
        gr.Button().click(half, number, halved, api_name="half")
        upto, counted = gr.Number(value=3), gr.Textbox()
        gr.Button().click(gate.count, upto, counted, api_name="count")
        gr.Button().click(forever, None, gr.Textbox(), api_name="forever")
        picture, size = gr.Image(type="pil"), gr.Textbox()
        gr.Button().click(size_of, picture, size, api_name="size")
        gr.Button().click(report, name, gr.File(), api_name="report")
        gr.Button().click(greet, name, out, api_name="hidden", api_visibility="undocumented")
        gr.Button().click(greet, name, out, api_name="secret", api_visibility="private")
        with gr.Tab("Chat"):
            gr.ChatInterface(chat, api_name="chat")
    demo.launch(server_port=0, prevent_thread_lock=True, quiet=True)
    yield demo.local_url
    demo.close()


@pytest.fixture
def client(url, tmp_path):
    client = _client(url, download_files=str(tmp_path / "downloads"))
    yield client
    client.close()


def _client(url, **options):
    return Client(url, verbose=False, analytics_enabled=False, **options)


def _png(folder: Path, size=(7, 5)) -> Path:
    path = folder / "red.png"
    Image.new("RGB", size, (200, 10, 10)).save(path)
    return path


def _events(url, session_hash):
    """The messages of a session's event stream, read to its close."""
    with httpx.stream(
        "GET", f"{url}/gradio_api/queue/data", params={"session_hash": session_hash}, timeout=30
    ) as stream:
        for line in stream.iter_lines():
            if line.startswith("data:"):
                message = orjson.loads(line[5:])
                if message["msg"] == "close_stream":
                    return
                yield message


# ---------------------------------------------------------------------- the endpoints


def test_view_api_names_each_public_endpoint_with_its_parameters_and_defaults(client):
    text = client.view_api(print_info=False, return_format="str")
    assert 'predict(name, excited, api_name="/greet")' in text
    assert "[Textbox] name: str (required)" in text
    assert "[Checkbox] excited: bool (not required, defaults to:   False)" in text
    assert "[Number] upto: float (not required, defaults to:   3.0)" in text
    assert 'predict(message, api_name="/chat")' in text
    assert "picture: filepath (required)" in text
    named = client.view_api(print_info=False, return_format="dict")["named_endpoints"]
    assert {"/greet", "/half", "/count", "/size", "/report", "/chat"} <= set(named)
    assert "/hidden" not in named and "/secret" not in named


def test_predict_takes_values_by_position_or_by_parameter_name(client):
    assert client.predict("Ada", True, api_name="/greet") == "Hello Ada!"
    assert client.predict(name="Ada", excited=True, api_name="/greet") == "Hello Ada!"
    assert client.predict(4, api_name="/half") == 2


def test_an_omitted_parameter_takes_its_default(client):
    assert client.predict(name="Ada", api_name="/greet") == "Hello Ada."


def test_an_undocumented_endpoint_is_still_callable_and_a_private_one_is_not(client):
    assert client.predict("Ada", api_name="/hidden") == "Hello Ada."
    with pytest.raises(ValueError, match="/secret"):
        client.predict("Ada", api_name="/secret")


def test_submit_streams_each_output_of_a_generator_then_ends_with_the_final_one(client, gate):
    job = client.submit(upto=4, api_name="/count")
    seen = []
    for output in job:
        seen.append(output)
        gate.next.release()
    assert seen == ["0", "1", "2", "3"]
    assert job.result() == "3"
    assert job.outputs() == ["0", "1", "2", "3"]


def test_a_chat_interface_answers_on_chat_and_keeps_each_client_s_history(url, client):
    assert client.predict(message="hi", api_name="/chat") == "hi (0 messages before)"
    assert client.predict(message="again", api_name="/chat") == "again (2 messages before)"
    other = _client(url)
    try:
        assert other.predict(message="hello", api_name="/chat") == "hello (0 messages before)"
    finally:
        other.close()


# ---------------------------------------------------------------------- files


def test_an_image_input_is_uploaded_by_handle_file(client, tmp_path):
    assert client.predict(handle_file(_png(tmp_path)), api_name="/size") == "7x5"
    assert client.predict(picture=handle_file(str(_png(tmp_path, (3, 2)))), api_name="/size") == (
        "3x2"
    )


def test_a_file_output_is_downloaded_to_a_local_path_under_its_own_name(client, tmp_path):
    local = Path(client.predict("Ada", api_name="/report"))
    assert local.is_file() and local.is_relative_to(tmp_path / "downloads")
    assert local.name == "report.txt"
    assert local.read_text() == "report: Ada"


def test_a_client_path_that_was_never_uploaded_is_refused(url):
    session_hash = "never-uploaded-1"
    fn_index = _fn_index(url, "size")
    data = [{"path": "/etc/hostname", "meta": FILE_META}]
    joined = httpx.post(
        f"{url}/gradio_api/queue/join",
        json={"data": data, "fn_index": fn_index, "session_hash": session_hash},
    )
    assert joined.status_code == 200
    completed = [m for m in _events(url, session_hash) if m["msg"] == "process_completed"]
    assert completed[0]["success"] is False
    assert "upload" in completed[0]["output"]["error"]


def test_the_file_route_serves_only_files_the_app_issued_under_their_own_name(client, url):
    assert httpx.get(f"{url}/gradio_api/file=/etc/passwd").status_code == 404
    assert httpx.get(f"{url}/gradio_api/file=../../etc/passwd").status_code == 404
    client.download_files = False
    served = client.predict("Ada", api_name="/report")
    file_id = served["path"].split("/")[0]
    assert httpx.get(served["url"]).text == "report: Ada"
    assert httpx.get(f"{url}/gradio_api/file={file_id}/other.txt").status_code == 404


# ---------------------------------------------------------------------- cancel and errors


def test_a_job_cancelled_while_running_stops_its_function(client, forever):
    job = client.submit(api_name="/forever")
    assert next(iter(job)) == "tick"
    job.cancel()
    assert forever.stopped.wait(10)


def test_a_gr_error_is_raised_as_an_app_error_with_its_message(client):
    with pytest.raises(AppError, match="no negatives, please"):
        client.predict(-1, api_name="/half")


def test_a_session_whose_stream_nobody_reads_has_its_job_cancelled(monkeypatch):
    monkeypatch.setenv("BLOCKS_RESUME_GRACE_SECONDS", "0.2")
    stopped = threading.Event()

    def ticks():
        try:
            while not stopped.wait(0.05):
                yield "tick"
        finally:
            stopped.set()

    with gr.Blocks() as demo:
        gr.Button().click(ticks, None, gr.Textbox(), api_name="ticks")
    demo.launch(server_port=0, prevent_thread_lock=True, quiet=True)
    try:
        body = {"data": [], "fn_index": _fn_index(demo.local_url, "ticks")}
        joined = httpx.post(
            f"{demo.local_url}/gradio_api/queue/join",
            json={**body, "session_hash": "nobody-reads-1"},
        )
        assert joined.status_code == 200
        assert stopped.wait(10)
    finally:
        demo.close()


def test_a_join_with_a_malformed_session_hash_or_unknown_endpoint_is_refused(url):
    join = f"{url}/gradio_api/queue/join"
    bad_hash = httpx.post(join, json={"data": [1], "fn_index": 0, "session_hash": "x"})
    assert bad_hash.status_code == 400
    unknown = httpx.post(join, json={"data": [], "fn_index": 999, "session_hash": "abcdefgh1"})
    assert unknown.status_code == 404


def _fn_index(url, api_name):
    config = httpx.get(url + "/config").json()
    return next(d["id"] for d in config["dependencies"] if d["api_name"] == api_name)


# ---------------------------------------------------------------------- the same gates


def test_another_site_s_page_cannot_join_the_queue(url):
    answer = httpx.post(
        f"{url}/gradio_api/queue/join",
        json={"data": ["Ada", False], "fn_index": _fn_index(url, "greet"), "session_hash": "x" * 8},
        headers={"origin": "https://elsewhere.example"},
    )
    assert answer.status_code == 403


def test_an_app_with_auth_needs_the_client_s_credentials(tmp_path):
    with gr.Blocks() as demo:
        box = gr.Textbox()
        box.submit(lambda text: text.upper(), box, box, api_name="shout")
    demo.launch(server_port=0, prevent_thread_lock=True, quiet=True, auth=("ada", "lovelace"))
    try:
        with pytest.raises(AuthenticationError):
            _client(demo.local_url)
        client = _client(demo.local_url, auth=("ada", "lovelace"))
        try:
            assert client.predict("hi", api_name="/shout") == "HI"
        finally:
            client.close()
    finally:
        demo.close()
