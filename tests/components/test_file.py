from __future__ import annotations

import pytest

import blocks as gr
from blocks.exceptions import ValidationError
from blocks.runtime.files import FileCache, use_cache


@pytest.fixture
def cache(tmp_path):
    with use_cache(FileCache(tmp_path / "cache")) as cache:
        yield cache


def test_file_gives_the_path_of_the_uploaded_file_which_also_has_a_name(cache):
    payload = cache.add_bytes(b"hello", "notes.txt")
    path = gr.File().preprocess(payload)
    assert path == str(cache.path_of(payload["id"]))
    assert path.name == path  # apps written for older versions read file.name
    assert path.endswith("notes.txt")


def test_file_gives_bytes_with_type_binary(cache):
    payload = cache.add_bytes(b"hello", "notes.txt")
    assert gr.File(type="binary").preprocess(payload) == b"hello"


def test_file_gives_a_list_when_several_files_are_allowed(cache):
    a = cache.add_bytes(b"a", "a.txt")
    b = cache.add_bytes(b"b", "b.txt")
    paths = gr.File(file_count="multiple").preprocess([a, b])
    assert [p.rsplit("/", 1)[-1] for p in paths] == ["a.txt", "b.txt"]
    assert gr.File(file_count="directory").preprocess(a) == [paths[0]]


def test_file_takes_a_list_of_one_for_a_single_file(cache):
    payload = cache.add_bytes(b"a", "a.txt")
    assert gr.File().preprocess([payload]) == gr.File().preprocess(payload)


def test_file_refuses_several_files_when_one_is_allowed(cache):
    a = cache.add_bytes(b"a", "a.txt")
    with pytest.raises(ValidationError, match="Doc: accepts one file, got 2"):
        gr.File(label="Doc").preprocess([a, a])


def test_file_accepts_only_the_file_types_it_names(cache):
    pdf = cache.add_bytes(b"%PDF", "Report.PDF")
    png = cache.add_bytes(b"png", "cat.png")
    exe = cache.add_bytes(b"MZ", "setup.exe")
    box = gr.File(file_types=["image", ".pdf"], label="Doc")
    assert box.preprocess(pdf).endswith("Report.PDF")
    assert box.preprocess(png).endswith("cat.png")
    with pytest.raises(ValidationError, match=r"Doc: setup.exe is not an accepted file type"):
        box.preprocess(exe)


@pytest.mark.parametrize(
    ("file_types", "name", "accepted"),
    [
        (["text"], "a.md", True),
        (["text"], "a.png", False),
        (["audio"], "a.mp3", True),
        (["video"], "a.mp4", True),
        (["video"], "a.mp3", False),
        (["image/*"], "a.webp", True),
        (["image/png"], "a.jpg", False),
        ([".tar.gz"], "backup.tar.gz", True),
        (["file"], "anything.bin", True),
    ],
)
def test_file_types_match_categories_extensions_and_mime_types(cache, file_types, name, accepted):
    payload = cache.add_bytes(b"x", name)
    box = gr.File(file_types=file_types)
    if accepted:
        assert box.preprocess(payload).endswith(name)
    else:
        with pytest.raises(ValidationError, match="not an accepted file type"):
            box.preprocess(payload)


def test_file_refuses_an_unknown_file_type_setting_with_a_hint():
    with pytest.raises(ValueError, match=r"did you mean '\.pdf'\?"):
        gr.File(file_types=["pdf"])


@pytest.mark.parametrize("payload", ["/etc/passwd", {"path": "/etc/passwd"}, {"id": "nope"}])
def test_file_refuses_anything_but_an_uploaded_file(cache, payload):
    with pytest.raises(ValidationError, match="File: "):
        gr.File().preprocess(payload)


def test_file_treats_null_as_empty(cache):
    assert gr.File().preprocess(None) is None
    assert gr.File().postprocess(None) is None


def test_file_offers_a_returned_path_for_download(cache, tmp_path):
    source = tmp_path / "out.csv"
    source.write_text("a,b\n")
    data = gr.File().postprocess(str(source))
    assert data["orig_name"] == "out.csv" and data["mime_type"] == "text/csv"
    assert data["url"] == f"file/{data['id']}/out.csv"


def test_file_offers_a_list_of_paths_as_a_list(cache, tmp_path):
    for name in ("a.txt", "b.txt"):
        (tmp_path / name).write_text(name)
    paths = [tmp_path / "a.txt", tmp_path / "b.txt"]
    assert [d["orig_name"] for d in gr.File().postprocess(paths)] == ["a.txt", "b.txt"]
    assert gr.File().postprocess([paths[0]])["orig_name"] == "a.txt"
    assert gr.File(file_count="multiple").postprocess(paths[0])[0]["orig_name"] == "a.txt"


def test_file_shows_urls_and_filedata_as_they_are(cache):
    payload = cache.add_bytes(b"x", "a.txt")
    assert gr.File().postprocess(payload) == payload
    assert gr.File().postprocess("https://example.com/a.zip")["url"] == "https://example.com/a.zip"


def test_file_refuses_to_show_a_file_id_this_app_did_not_issue(cache):
    with pytest.raises(ValueError, match="holds no file with that id"):
        gr.File().postprocess({"id": "elsewhere", "orig_name": "a.txt"})


def test_file_refuses_to_show_a_value_of_another_kind(cache):
    with pytest.raises(TypeError, match="file path, a URL or a FileData"):
        gr.File().postprocess({"name": "a.txt"})


def test_file_api_info_and_examples_fit_its_file_count_and_types(cache):
    single = gr.File(file_types=[".pdf"])
    many = gr.File(file_count="multiple")
    assert single.api_info()["type"] == ["object", "null"]
    assert many.api_info()["items"]["required"] == ["id"]
    assert single.preprocess(single.example_payload()).endswith("example.pdf")
    assert len(many.preprocess(many.example_payload())) == 1


def test_file_props_carry_its_settings():
    props = gr.File(file_count="multiple", file_types=[".pdf"], height=100).get_props()
    assert props["file_count"] == "multiple" and props["file_types"] == [".pdf"]
    assert props["type"] == "filepath" and props["height"] == 100


def test_file_has_the_events_of_a_file_input():
    assert {"change", "upload", "clear", "select", "download"} <= set(gr.File.EVENTS)


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [({"type": "file"}, "'filepath' or 'binary'"), ({"file_count": "many"}, "single, multiple")],
)
def test_file_refuses_unknown_settings(kwargs, message):
    with pytest.raises(ValueError, match=message):
        gr.File(**kwargs)
