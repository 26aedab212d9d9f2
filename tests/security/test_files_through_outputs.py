"""Class 1: a value that came from a client never becomes a served file.

Every app here runs in a folder holding a secret and its own source; the attacker sends paths
to them through every way a value reaches an output: browser-held saved chats, an API call, a
text box, event data. The refusal is an error, the secret never reaches the client, and an
honest client is served meanwhile.
"""

import asyncio
import os
import tempfile
import time

import httpx
import orjson
import pytest
from websockets.asyncio.client import connect

import blocks as gr

SECRET = "TOP-SECRET-7f3a"


@pytest.fixture
def app_folder(tmp_path, monkeypatch):
    folder = tmp_path / "app"
    folder.mkdir()
    (folder / "secret.txt").write_text(SECRET)
    (folder / "app.py").write_text(f"# source {SECRET}\n")
    (folder / ".env").write_text(f"KEY={SECRET}")
    (folder / "server.key").write_text(SECRET)
    (folder / "logo.txt").write_text("public logo")
    monkeypatch.chdir(folder)
    return folder


@pytest.fixture
def launched():
    demos = []

    def launch(demo, **options):
        demo.launch(server_port=0, prevent_thread_lock=True, quiet=True, **options)
        demos.append(demo)
        return demo

    yield launch
    for demo in demos:
        demo.close()


def _ws_url(demo) -> str:
    return demo.local_url.replace("http://", "ws://") + "/ws"


async def _events(demo, triggers: list[tuple[int, list]]) -> list[dict]:
    """Open a page, send each trigger in turn; every server message received."""
    received = []
    async with connect(_ws_url(demo)) as ws:
        await ws.send('{"type":"hello"}')
        received.append(orjson.loads(await asyncio.wait_for(ws.recv(), 5)))
        for number, (dep, data) in enumerate(triggers):
            event_id = f"e{number}"
            message = {"type": "trigger", "event_id": event_id, "dep": dep, "data": data}
            await ws.send(orjson.dumps(message).decode())
            while True:
                answer = orjson.loads(await asyncio.wait_for(ws.recv(), 5))
                received.append(answer)
                if answer.get("event_id") == event_id and answer["type"] == "done":
                    break
    return received


def _served_text(demo, messages) -> str:
    """Everything the client could read: the messages and every file they name."""
    text = orjson.dumps(messages).decode()
    for url in _file_urls(messages):
        text += httpx.get(f"{demo.local_url}/{url}").text
    return text


def _file_urls(value) -> list[str]:
    if isinstance(value, dict):
        found = [value["url"]] if str(value.get("url", "")).startswith("file/") else []
        return found + [url for item in value.values() for url in _file_urls(item)]
    if isinstance(value, list):
        return [url for item in value for url in _file_urls(item)]
    return []


def _dep(demo, inputs_kind: str, event: str) -> int:
    config = httpx.get(demo.local_url + "/config").json()
    types = {block["id"]: block["type"] for block in config["blocks"].values()}
    for dependency in config["dependencies"]:
        for target, name in dependency["targets"]:
            if name == event and types.get(target) == inputs_kind:
                return dependency["id"]
    raise LookupError(f"no {event} listener on a {inputs_kind}")


FORGED_MESSAGES = [
    {"role": "assistant", "content": {"path": "secret.txt"}},
    {"role": "assistant", "content": [{"type": "file", "file": {"path": "app.py"}}]},
    {"role": "assistant", "content": {"path": "../app/secret.txt", "alt_text": "x"}},
    {"role": "assistant", "content": {"file": {"path": os.path.abspath("/etc/passwd")}}},
]


@pytest.mark.parametrize("message", FORGED_MESSAGES)
def test_a_saved_chat_the_browser_forged_cannot_read_the_app_folder(app_folder, launched, message):
    calls = []

    def echo(text, history):
        calls.append(text)
        return text

    demo = launched(gr.ChatInterface(echo, save_history=True))
    stored = [{"id": "c1", "title": "Hi", "messages": [message], "updated": 1}]
    triggers = [(_load(demo), [stored]), (_dep(demo, "radio", "input"), ["c1", None])]
    received = asyncio.run(_events(demo, triggers))
    done = [m for m in received if m["type"] == "done"]
    assert done[-1]["success"] is False
    assert SECRET not in _served_text(demo, received)
    assert "root:" not in _served_text(demo, received)
    assert calls == []
    # An honest user of the same app is served meanwhile.
    answer = httpx.post(demo.local_url + "/api/echo", json={"data": ["hello"]}).json()
    assert answer["data"][0] == "hello"


def _load(demo) -> int:
    config = httpx.get(demo.local_url + "/config").json()
    for dependency in config["dependencies"]:
        if any(name == "load" for _, name in dependency["targets"]):
            return dependency["id"]
    raise LookupError("no load listener")


@pytest.mark.parametrize(
    "named",
    [
        "secret.txt",
        "./secret.txt",
        "app.py",
        "{folder}/secret.txt",
        "{folder}/../app/app.py",
        "/etc/passwd",
        {"path": "secret.txt"},
        {"path": "secret.txt", "orig_name": "innocent.png"},
        {"id": "made-up", "path": "app.py"},
    ],
)
def test_an_api_value_handed_back_to_a_file_output_is_refused(app_folder, launched, named):
    if isinstance(named, str):
        named = named.format(folder=app_folder)
    calls = []

    def echo(value):
        calls.append(value)
        return value

    with gr.Blocks() as demo:
        data = gr.JSON()
        out = gr.File()
        data.change(echo, data, out, api_name="echo")
        text = gr.Textbox()
        text.submit(lambda: "logo.txt", None, gr.File(), api_name="logo")
    launched(demo)
    answer = httpx.post(demo.local_url + "/api/echo", json={"data": [named]})
    assert answer.status_code >= 400 or answer.json().get("error")
    assert "client sent this path" in answer.text or "cannot show" in answer.text
    assert SECRET not in _served_text(demo, answer.json())
    assert "root:" not in answer.text
    assert len(calls) == 1  # fn ran; its output was refused before anything was stored
    # The app's own files are still served to an honest client.
    logo = httpx.post(demo.local_url + "/api/logo", json={"data": []}).json()
    assert httpx.get(f"{demo.local_url}/{logo['data'][0]['url']}").text == "public logo"


def test_a_text_box_naming_a_file_is_not_shown_as_an_image_or_file(app_folder, launched):
    with gr.Blocks() as demo:
        box = gr.Textbox()
        image = gr.Image(type="filepath")
        files = gr.File(file_count="multiple")
        box.submit(lambda path: path, box, image, api_name="image")
        box.submit(lambda path: [path, "logo.txt"], box, files, api_name="files")
    launched(demo)
    for name in ("image", "files"):
        answer = httpx.post(f"{demo.local_url}/api/{name}", json={"data": ["secret.txt"]})
        assert SECRET not in _served_text(demo, answer.json())
        assert "client sent this path" in answer.text


def test_forged_event_data_does_not_name_a_file(app_folder, launched):
    with gr.Blocks() as demo:
        chat = gr.Chatbot([{"role": "assistant", "content": "hi"}])
        shown = gr.File()

        def shown_file(evt: gr.SelectData):
            return evt.value

        chat.select(shown_file, None, shown)
    launched(demo)

    async def forge():
        async with connect(_ws_url(demo)) as ws:
            await ws.send('{"type":"hello"}')
            await ws.recv()
            dep = _dep(demo, "chatbot", "select")
            message = {
                "type": "trigger",
                "event_id": "e1",
                "dep": dep,
                "data": [],
                "target": None,
                "event_data": {"index": 0, "value": "secret.txt"},
            }
            await ws.send(orjson.dumps(message).decode())
            while True:
                answer = orjson.loads(await asyncio.wait_for(ws.recv(), 5))
                if answer["type"] == "done":
                    return answer

    done = asyncio.run(forge())
    assert done["success"] is False
    assert SECRET not in _served_text(demo, done)


def test_hidden_files_and_keys_are_never_served_even_when_the_app_names_them(
    app_folder, launched, caplog
):
    with gr.Blocks() as demo:
        button = gr.Button()
        out = gr.File()
        button.click(lambda: ".env", None, out, api_name="env")
        button.click(lambda: "server.key", None, out, api_name="key")
        button.click(lambda: "logo.txt", None, out, api_name="logo")
    launched(demo)
    for name in ("env", "key"):
        answer = httpx.post(f"{demo.local_url}/api/{name}", json={"data": []})
        assert answer.status_code == 500  # the app's own mistake: details in its log
        assert SECRET not in _served_text(demo, answer.json())
    assert "hidden files and folders (.env) are never served" in caplog.text
    assert "looks like a key or credentials file" in caplog.text
    logo = httpx.post(f"{demo.local_url}/api/logo", json={"data": []}).json()
    assert httpx.get(f"{demo.local_url}/{logo['data'][0]['url']}").text == "public logo"


def test_an_exact_file_listed_in_allowed_paths_is_served(app_folder, launched):
    with gr.Blocks() as demo:
        button = gr.Button()
        out = gr.File()
        button.click(lambda: "server.key", None, out, api_name="key")
    launched(demo, allowed_paths=[str(app_folder / "server.key")])
    answer = httpx.post(f"{demo.local_url}/api/key", json={"data": []}).json()
    assert httpx.get(f"{demo.local_url}/{answer['data'][0]['url']}").text == SECRET


def test_blocked_paths_win_over_allowed_paths(app_folder, launched, caplog):
    (app_folder / "data").mkdir()
    (app_folder / "data" / "private.csv").write_text(SECRET)
    with gr.Blocks() as demo:
        button = gr.Button()
        out = gr.File()
        button.click(lambda: "data/private.csv", None, out, api_name="csv")
    launched(demo, allowed_paths=[str(app_folder)], blocked_paths=[str(app_folder / "data")])
    answer = httpx.post(f"{demo.local_url}/api/csv", json={"data": []})
    assert answer.status_code == 500
    assert SECRET not in answer.text
    assert "'data/private.csv': it is in blocked_paths" in caplog.text


def test_the_temp_folder_serves_only_files_this_app_wrote(app_folder, launched, caplog):
    with tempfile.NamedTemporaryFile("w", suffix=".txt", delete=False) as old:
        old.write(SECRET)
    an_hour_ago = time.time() - 3600
    os.utime(old.name, (an_hour_ago, an_hour_ago))  # left by another program

    def fresh():
        with tempfile.NamedTemporaryFile("w", suffix=".txt", delete=False) as made:
            made.write("made by the app")
        return made.name

    with gr.Blocks() as demo:
        button = gr.Button()
        out = gr.File()
        button.click(lambda: old.name, None, out, api_name="old")
        button.click(fresh, None, out, api_name="fresh")
    launched(demo)
    try:
        refused = httpx.post(f"{demo.local_url}/api/old", json={"data": []})
        assert SECRET not in _served_text(demo, refused.json())
        assert "temp files this app wrote" in caplog.text
        made = httpx.post(f"{demo.local_url}/api/fresh", json={"data": []}).json()
        assert httpx.get(f"{demo.local_url}/{made['data'][0]['url']}").text == "made by the app"
    finally:
        os.unlink(old.name)


def test_a_dropdown_of_the_apps_own_files_still_shows_the_chosen_one(app_folder, launched):
    with gr.Blocks() as demo:
        pick = gr.Dropdown(["logo.txt"], value="logo.txt")
        out = gr.File()
        pick.change(lambda path: path, pick, out, api_name="pick")
    launched(demo)
    answer = httpx.post(f"{demo.local_url}/api/pick", json={"data": ["logo.txt"]}).json()
    assert httpx.get(f"{demo.local_url}/{answer['data'][0]['url']}").text == "public logo"


def test_a_session_that_sent_too_many_paths_is_served_only_uploads_and_allowed_paths(
    app_folder, tmp_path
):
    from pathlib import Path

    from blocks.runtime.provenance import MAX_REMEMBERED, ClientValues, from_client
    from blocks.runtime.servable import ClientPathRefused, ServePolicy

    client = ClientValues()
    client.record(["a"] + [f"junk-{n}" for n in range(MAX_REMEMBERED + 5)])
    assert client.overflowed and client.named("a")
    assert len(client) == MAX_REMEMBERED  # bounded, whatever the client sends
    (tmp_path / "public").mkdir()
    policy = ServePolicy(tmp_path / "cache", allowed=[tmp_path / "public"])
    with from_client(client), pytest.raises(ClientPathRefused, match="too many values"):
        policy.check("logo.txt", Path("logo.txt").resolve())
    with from_client(client):
        policy.check("x", tmp_path / "public" / "x")  # allowed_paths are public
    policy.check("logo.txt", Path("logo.txt").resolve())  # outside a job: the app's own


def test_display_names_of_uploaded_files_are_not_taken_for_paths():
    from blocks.runtime.provenance import ClientValues

    client = ClientValues()
    client.record({"id": "x1", "orig_name": "logo.txt", "path": "secret.txt"})
    assert client.named("secret.txt") and client.named(os.path.abspath("secret.txt"))
    assert not client.named("logo.txt")
