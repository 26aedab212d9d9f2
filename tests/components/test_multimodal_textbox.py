from __future__ import annotations

import pytest

import blocks as gr
from blocks.exceptions import ValidationError
from blocks.runtime.files import FileCache, use_cache


@pytest.fixture
def cache(tmp_path):
    with use_cache(FileCache(tmp_path / "cache")) as cache:
        yield cache


def test_multimodal_textbox_gives_text_and_local_paths(cache):
    photo = cache.add_bytes(b"png", "cat.png")
    value = gr.MultimodalTextbox().preprocess({"text": "What is this?", "files": [photo]})
    assert value == {"text": "What is this?", "files": [str(cache.path_of(photo["id"]))]}


def test_multimodal_textbox_accepts_file_ids_from_the_api(cache):
    a = cache.add_bytes(b"a", "a.txt")
    b = cache.add_bytes(b"b", "b.txt")
    box = gr.MultimodalTextbox(file_count="multiple")
    value = box.preprocess({"text": "two", "files": [a["id"], {"id": b["id"]}]})
    assert value["files"] == [cache.resolve(a), cache.resolve(b)]


def test_multimodal_textbox_fills_in_what_is_left_out(cache):
    box = gr.MultimodalTextbox()
    assert box.preprocess({"text": "hi"}) == {"text": "hi", "files": []}
    assert box.preprocess({"text": None, "files": None}) == {"text": "", "files": []}
    assert box.preprocess("just text") == {"text": "just text", "files": []}
    assert box.preprocess(None) is None


@pytest.mark.parametrize(
    "files", [["/etc/passwd"], [{"path": "/etc/passwd"}], [{"url": "https://x.io/a.png"}]]
)
def test_multimodal_textbox_refuses_paths_sent_by_a_client(cache, files):
    with pytest.raises(ValidationError, match="Ask: files must be uploaded first"):
        gr.MultimodalTextbox(label="Ask").preprocess({"text": "", "files": files})


@pytest.mark.parametrize(
    ("payload", "message"),
    [
        (["hi"], 'expected {"text": ..., "files": \\[...\\]}, got a list'),
        ({"text": 3}, '"text" must be text, got the number 3'),
        ({"text": "", "files": "a.png"}, '"files" must be a list'),
    ],
)
def test_multimodal_textbox_refuses_payloads_of_the_wrong_shape(cache, payload, message):
    with pytest.raises(ValidationError, match=message):
        gr.MultimodalTextbox().preprocess(payload)


def test_multimodal_textbox_takes_one_file_unless_told_otherwise(cache):
    a = cache.add_bytes(b"a", "a.txt")
    b = cache.add_bytes(b"b", "b.txt")
    with pytest.raises(ValidationError, match="accepts one file, got 2"):
        gr.MultimodalTextbox().preprocess({"text": "", "files": [a, b]})
    box = gr.MultimodalTextbox(file_count="multiple")
    assert len(box.preprocess({"text": "", "files": [a, b]})["files"]) == 2


def test_multimodal_textbox_accepts_only_its_file_types(cache):
    pdf = cache.add_bytes(b"%PDF", "doc.pdf")
    txt = cache.add_bytes(b"t", "notes.txt")
    box = gr.MultimodalTextbox(file_types=["image", ".pdf"], file_count="multiple")
    assert box.preprocess({"text": "", "files": [pdf]})["files"][0].endswith("doc.pdf")
    with pytest.raises(
        ValidationError, match=r"notes.txt is not an accepted file type \(image, .pdf\)"
    ):
        box.preprocess({"text": "", "files": [txt]})


def test_multimodal_textbox_leaves_long_text_alone(cache):
    # max_plain_text_length is when the page turns pasted text into a file, not a limit.
    text = "x" * 5000
    assert gr.MultimodalTextbox(max_plain_text_length=10).preprocess(text)["text"] == text


def test_multimodal_textbox_refuses_text_larger_than_any_payload(cache):
    with pytest.raises(ValidationError, match="too large"):
        gr.MultimodalTextbox().preprocess("x" * 1_000_001)


def test_multimodal_textbox_shows_text_and_files_from_a_listener(cache, tmp_path):
    source = tmp_path / "answer.png"
    source.write_bytes(b"png")
    shown = gr.MultimodalTextbox().postprocess({"text": "Here", "files": [str(source)]})
    assert shown["text"] == "Here"
    assert [f["orig_name"] for f in shown["files"]] == ["answer.png"]


def test_multimodal_textbox_shows_a_string_or_nothing_as_text_without_files(cache, tmp_path):
    box = gr.MultimodalTextbox()
    assert box.postprocess("hi") == {"text": "hi", "files": []}
    assert box.postprocess(None) == {"text": "", "files": []}
    source = tmp_path / "one.txt"
    source.write_text("1")
    assert len(box.postprocess({"text": None, "files": source})["files"]) == 1


def test_multimodal_textbox_refuses_to_show_a_value_of_another_kind(cache):
    with pytest.raises(TypeError, match="or a string"):
        gr.MultimodalTextbox().postprocess(42)


def test_multimodal_textbox_api_info_and_example_fit_its_file_types(cache):
    box = gr.MultimodalTextbox(file_types=[".pdf"])
    info = box.api_info()
    assert info["properties"]["text"] == {"type": "string"}
    assert info["properties"]["files"]["items"]["required"] == ["id"]
    value = box.preprocess(box.example_payload())
    assert value["files"][0].endswith("example.pdf")


def test_multimodal_textbox_props_carry_its_settings():
    box = gr.MultimodalTextbox(
        placeholder="Ask", file_types=["image"], submit_btn="Send", stop_btn=True, lines=2
    )
    props = box.get_props()
    assert props["value"] == {"text": "", "files": []}
    assert props["placeholder"] == "Ask" and props["file_types"] == ["image"]
    assert props["submit_btn"] == "Send" and props["stop_btn"] is True
    assert props["sources"] == ["upload"] and props["file_count"] == "single"
    assert props["max_plain_text_length"] == 1000 and props["lines"] == 2
    assert box.TYPE == "multimodaltextbox"


def test_multimodal_textbox_has_the_events_of_a_message_box():
    expected = {"change", "input", "submit", "focus", "blur", "stop", "upload"}
    assert expected <= set(gr.MultimodalTextbox.EVENTS)


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"sources": ["webcam"]}, "upload, microphone"),
        ({"file_count": "two"}, "single, multiple"),
        ({"file_types": ["images"]}, "file_types entries"),
    ],
)
def test_multimodal_textbox_refuses_unknown_settings(kwargs, message):
    with pytest.raises(ValueError, match=message):
        gr.MultimodalTextbox(**kwargs)
