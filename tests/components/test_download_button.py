from __future__ import annotations

from pathlib import Path

import pytest

import blocks as gr
from blocks.exceptions import ValidationError
from blocks.runtime.files import FileCache, use_cache
from blocks.testing import TestClient


@pytest.fixture
def cache(tmp_path):
    with use_cache(FileCache(tmp_path / "cache")) as cache:
        yield cache


def test_a_download_button_is_labelled_download_and_has_only_a_click_event():
    button = gr.DownloadButton()
    assert button.get_props()["label"] == "Download"
    assert button.get_props()["interactive"] is True
    assert gr.DownloadButton.EVENTS == ("click",)


def test_its_value_a_path_is_offered_as_a_file_of_the_cache(cache, tmp_path):
    report = tmp_path / "report.csv"
    report.write_text("a,b\n1,2\n")
    props = gr.DownloadButton("Get the report", value=report).get_props()
    data = props["value"]
    assert props["label"] == "Get the report"
    assert data["orig_name"] == "report.csv" and data["size"] == 8
    assert cache.path_of(data["id"]).read_text() == "a,b\n1,2\n"


def test_a_url_is_offered_as_is_and_no_value_is_none(cache):
    data = gr.DownloadButton().postprocess("https://example.com/files/model.bin")
    assert data["id"] is None and data["url"] == "https://example.com/files/model.bin"
    assert data["orig_name"] == "model.bin"
    assert gr.DownloadButton().postprocess(None) is None


def test_it_downloads_one_file_so_a_list_of_two_is_refused(cache, tmp_path):
    (tmp_path / "a.txt").write_text("a")
    assert gr.DownloadButton().postprocess([tmp_path / "a.txt"])["orig_name"] == "a.txt"
    with pytest.raises(TypeError, match="downloads one file, got a list of 2"):
        gr.DownloadButton().postprocess([tmp_path / "a.txt", tmp_path / "a.txt"])


def test_as_an_input_the_listener_gets_the_path_of_its_file(cache):
    payload = cache.add_bytes(b"data", "out.bin")
    path = gr.DownloadButton().preprocess(payload)
    assert path == str(cache.path_of(payload["id"])) and path.name == path
    assert gr.DownloadButton().preprocess(None) is None
    url = {"id": None, "url": "https://example.com/x.zip", "orig_name": "x.zip"}
    assert gr.DownloadButton().preprocess(url) == "https://example.com/x.zip"


def test_a_file_the_app_did_not_issue_is_refused_naming_the_button(cache):
    with pytest.raises(ValidationError, match="Save: "):
        gr.DownloadButton("Save").preprocess({"path": "/etc/passwd"})
    with pytest.raises(ValidationError, match="Save: holds one file, got a list of 2"):
        gr.DownloadButton("Save").preprocess([{"id": "a"}, {"id": "b"}])


def test_the_api_schema_is_file_data_or_null_and_the_example_is_accepted(cache):
    button = gr.DownloadButton()
    schema = button.api_info()
    assert schema["type"] == ["object", "null"] and "url" in schema["properties"]
    assert Path(button.preprocess(button.example_payload())).is_file()


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"variant": "link"}, "DownloadButton variant must be one of primary"),
        ({"size": "huge"}, "DownloadButton size must be one of sm, md, lg"),
    ],
)
def test_a_variant_or_size_a_button_does_not_have_is_refused(kwargs, message):
    with pytest.raises(ValueError, match=message):
        gr.DownloadButton(**kwargs)


def test_a_listener_sets_the_file_by_returning_a_path_or_a_download_button(tmp_path):
    def shout(text):
        path = tmp_path / f"{text}.txt"
        path.write_text(text.upper())
        return path

    def relabel(text):
        return gr.DownloadButton(f"Download {len(text)} letters", value=shout(text))

    with gr.Blocks() as demo:
        text = gr.Textbox()
        button = gr.DownloadButton("Nothing yet")
        by_path = gr.Button("Path")
        by_path.click(shout, text, button)
        by_component = gr.Button("Component")
        by_component.click(relabel, text, button)
    with TestClient(demo) as client:
        assert client.value(button) is None
        client.set(text, "hi")
        assert client.click(by_path).success
        assert client.value(button)["orig_name"] == "hi.txt"
        assert client.value(button)["size"] == 2
        client.set(text, "abc")
        assert client.click(by_component).success
        assert client.props(button)["label"] == "Download 3 letters"
        assert client.value(button)["orig_name"] == "abc.txt"


def test_a_client_downloads_the_file_a_download_button_endpoint_returns(tmp_path):
    folder = tmp_path / "made"
    folder.mkdir()

    def export(name):
        path = folder / f"{name}.txt"
        path.write_text(f"exported {name}")
        return path

    with gr.Blocks() as demo:
        name = gr.Textbox()
        gr.Button().click(export, name, gr.DownloadButton(), api_name="export")
    demo.launch(server_port=0, prevent_thread_lock=True, quiet=True)
    try:
        with gr.Client(demo.local_url, download_files=tmp_path / "got") as client:
            local = client.predict("notes", api_name="/export")
        assert Path(local).name == "notes.txt"
        assert Path(local).read_text() == "exported notes"
    finally:
        demo.close()
