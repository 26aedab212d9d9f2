from __future__ import annotations

from pathlib import Path

import pytest

import blocks as gr
from blocks.client import ClientError
from blocks.exceptions import ValidationError
from blocks.runtime.files import FileCache, use_cache


@pytest.fixture
def cache(tmp_path):
    with use_cache(FileCache(tmp_path / "cache")) as cache:
        yield cache


def test_an_upload_button_is_labelled_upload_a_file_and_is_interactive_by_default():
    button = gr.UploadButton()
    props = button.get_props()
    assert props["label"] == "Upload a File"
    assert props["interactive"] is True
    assert (props["variant"], props["size"], props["file_count"]) == ("secondary", "lg", "single")
    assert gr.UploadButton("Pick a photo").label == "Pick a photo"


def test_an_upload_button_has_click_and_upload_events():
    assert set(gr.UploadButton.EVENTS) == {"click", "upload"}


def test_the_listener_gets_the_path_of_the_uploaded_file_which_also_has_a_name(cache):
    payload = cache.add_bytes(b"hello", "notes.txt")
    path = gr.UploadButton().preprocess(payload)
    assert path == str(cache.path_of(payload["id"]))
    assert path.name == path
    assert Path(path).read_bytes() == b"hello"


def test_type_binary_gives_the_bytes_of_the_file(cache):
    payload = cache.add_bytes(b"\x00\x01raw", "blob.bin")
    assert gr.UploadButton(type="binary").preprocess(payload) == b"\x00\x01raw"


def test_several_files_come_as_a_list_in_the_order_they_were_picked(cache):
    a = cache.add_bytes(b"a", "a.txt")
    b = cache.add_bytes(b"b", "b.txt")
    paths = gr.UploadButton(file_count="multiple").preprocess([b, a])
    assert [Path(p).name for p in paths] == ["b.txt", "a.txt"]
    assert gr.UploadButton(file_count="directory", type="binary").preprocess(a) == [b"a"]


def test_no_upload_gives_none():
    assert gr.UploadButton().preprocess(None) is None
    assert gr.UploadButton(file_count="multiple").preprocess(None) is None


def test_several_files_for_a_single_file_button_are_refused_naming_the_button(cache):
    a = cache.add_bytes(b"a", "a.txt")
    with pytest.raises(ValidationError, match="Upload a File: accepts one file, got 2"):
        gr.UploadButton().preprocess([a, a])


def test_only_the_file_types_it_names_are_accepted(cache):
    png = cache.add_bytes(b"png", "cat.png")
    exe = cache.add_bytes(b"MZ", "setup.exe")
    button = gr.UploadButton("Photo", file_types=["image"])
    assert button.preprocess(png).endswith("cat.png")
    with pytest.raises(ValidationError, match=r"Photo: setup.exe is not an accepted file type"):
        button.preprocess(exe)


def test_a_path_on_the_server_sent_by_a_client_is_never_accepted(cache):
    with pytest.raises(ValidationError, match="Upload a File:"):
        gr.UploadButton().preprocess({"path": "/etc/passwd"})
    with pytest.raises(ValidationError, match="Upload a File:"):
        gr.UploadButton().preprocess({"id": "not-issued-by-this-app"})


def test_a_returned_path_becomes_file_data_a_list_of_them_for_several_files(cache, tmp_path):
    note = tmp_path / "note.txt"
    note.write_text("hi")
    one = gr.UploadButton().postprocess(str(note))
    assert one["orig_name"] == "note.txt" and one["id"] in cache
    many = gr.UploadButton(file_count="multiple").postprocess(note)
    assert [item["orig_name"] for item in many] == ["note.txt"]
    assert gr.UploadButton().postprocess(None) is None
    url = gr.UploadButton().postprocess("https://example.com/a.pdf")
    assert url["url"] == "https://example.com/a.pdf" and url["id"] is None


def test_the_api_schema_is_file_data_or_a_list_of_it():
    single = gr.UploadButton().api_info()
    assert single["type"] == ["object", "null"] and "id" in single["properties"]
    many = gr.UploadButton(file_count="multiple").api_info()
    assert many["type"] == ["array", "null"] and "id" in many["items"]["properties"]


def test_the_example_payload_is_an_accepted_upload(cache):
    button = gr.UploadButton(file_types=[".csv"])
    assert button.preprocess(button.example_payload()).endswith(".csv")
    many = gr.UploadButton(file_count="multiple", file_types=["image"])
    assert many.preprocess(many.example_payload())[0].endswith(".png")


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"file_count": "several"}, "file_count must be one of single, multiple, directory"),
        ({"type": "pil"}, "type must be 'filepath' or 'binary'"),
        ({"variant": "danger"}, "variant must be one of primary, secondary, stop"),
        ({"size": "xl"}, "size must be one of sm, md, lg"),
        ({"file_types": ["pdf"]}, r"did you mean '\.pdf'"),
    ],
)
def test_arguments_that_do_not_fit_are_refused_when_the_button_is_made(kwargs, message):
    with pytest.raises(ValueError, match=message):
        gr.UploadButton(**kwargs)


def test_a_local_icon_is_served_as_a_file_and_a_url_icon_is_kept(cache, tmp_path):
    icon = tmp_path / "up.png"
    icon.write_bytes(bytes.fromhex("89504e470d0a1a0a"))
    served = gr.UploadButton(icon=str(icon)).get_props()["icon"]
    assert served["orig_name"] == "up.png" and served["id"] in cache
    assert gr.UploadButton(icon="https://example.com/i.svg").get_props()["icon"] == (
        "https://example.com/i.svg"
    )


def _describe(files):
    return ", ".join(f"{Path(f).name}={Path(f).read_text()}" for f in files)


@pytest.fixture(scope="module")
def url():
    with gr.Blocks() as demo:
        one = gr.UploadButton("Upload one")
        many = gr.UploadButton("Upload many", file_count="multiple", file_types=[".txt"])
        raw = gr.UploadButton("Upload bytes", type="binary")
        out = gr.Textbox()
        one.upload(lambda path: Path(path).read_text(), one, out, api_name="one")
        many.upload(_describe, many, out, api_name="many")
        raw.upload(len, raw, gr.Number(), api_name="size")
    demo.launch(server_port=0, prevent_thread_lock=True, quiet=True)
    yield demo.local_url
    demo.close()


def test_a_client_uploads_a_local_file_through_an_upload_button_endpoint(url, tmp_path):
    path = tmp_path / "hello.txt"
    path.write_text("hello from the client")
    with gr.Client(url) as client:
        assert client.predict(path, api_name="/one") == "hello from the client"
        assert client.predict(str(path), api_name="/size") == len("hello from the client")


def test_a_client_uploads_several_files_and_the_server_keeps_their_order(url, tmp_path):
    (tmp_path / "b.txt").write_text("B")
    (tmp_path / "a.txt").write_text("A")
    with gr.Client(url) as client:
        reply = client.predict([tmp_path / "b.txt", tmp_path / "a.txt"], api_name="/many")
    assert reply == "b.txt=B, a.txt=A"


def test_a_client_upload_of_a_refused_type_is_an_error_naming_the_button(url, tmp_path):
    path = tmp_path / "tool.exe"
    path.write_bytes(b"MZ")
    with gr.Client(url) as client, pytest.raises(ClientError, match=r"Upload many: tool\.exe"):
        client.predict([path], api_name="/many")
