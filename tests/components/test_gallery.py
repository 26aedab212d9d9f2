"""gr.Gallery: what a listener returns becomes the wire list of {"image"|"video", "caption"};
uploaded items reach the listener as (media, caption) tuples per ``type``."""

from __future__ import annotations

import io
from pathlib import Path

import numpy as np
import pytest
from PIL import Image as PILImage

import blocks as gr
from blocks.client import handle_file
from blocks.exceptions import ValidationError
from blocks.runtime.files import FileCache, PathNotAllowed, use_cache
from blocks.testing import TestClient


@pytest.fixture
def cache(tmp_path):
    with use_cache(FileCache(tmp_path / "cache")) as cache:
        yield cache


def _png(size=(3, 2), colour="red") -> bytes:
    buffer = io.BytesIO()
    PILImage.new("RGB", size, colour).save(buffer, format="PNG")
    return buffer.getvalue()


def _picture(folder: Path, name="red.png", size=(3, 2), colour="red") -> Path:
    path = folder / name
    path.write_bytes(_png(size, colour))
    return path


# ---------------------------------------------------------------------- out


def test_every_kind_of_picture_becomes_an_image_item_of_the_cache(cache, tmp_path):
    path = _picture(tmp_path, "dog.png")
    shown = gr.Gallery().postprocess(
        [PILImage.new("RGB", (4, 4)), np.zeros((2, 5, 3), dtype=np.uint8), str(path), path]
    )
    assert [item["caption"] for item in shown] == [None] * 4
    sizes = []
    for item in shown:
        with PILImage.open(cache.path_of(item["image"]["id"])) as image:
            sizes.append(image.size)
    assert sizes == [(4, 4), (5, 2), (3, 2), (3, 2)]
    assert [item["image"]["orig_name"] for item in shown] == [
        *("image.webp", "image.webp", "dog.png", "dog.png")
    ]


def test_pictures_in_memory_are_stored_in_the_gallerys_format(cache):
    [item] = gr.Gallery(format="png").postprocess([PILImage.new("RGB", (2, 2))])
    assert item["image"]["mime_type"] == "image/png"


def test_captions_come_from_pairs(cache, tmp_path):
    path = _picture(tmp_path)
    shown = gr.Gallery().postprocess([(str(path), "A red dot"), [PILImage.new("L", (1, 1)), 7]])
    assert [item["caption"] for item in shown] == ["A red dot", "7"]


def test_a_video_file_becomes_a_video_item(cache, tmp_path):
    clip = tmp_path / "clip.mp4"
    clip.write_bytes(b"not really a video")
    [item] = gr.Gallery().postprocess([(clip, "A clip")])
    assert set(item) == {"video", "caption"}
    assert item["video"]["mime_type"] == "video/mp4" and item["caption"] == "A clip"


def test_a_url_is_shown_as_is_and_never_fetched(cache):
    shown = gr.Gallery().postprocess(
        ["https://example.com/cat.jpg", ("https://example.com/run.webm", "Run")]
    )
    assert shown[0] == {
        "image": {
            "id": None,
            "url": "https://example.com/cat.jpg",
            "orig_name": "cat.jpg",
            "size": None,
            "mime_type": "image/jpeg",
        },
        "caption": None,
    }
    assert shown[1]["video"]["url"] == "https://example.com/run.webm"
    assert len(cache) == 0


def test_filedata_and_wire_items_are_shown_again(cache):
    data = cache.add_bytes(_png(), "cat.png")
    wire = [{"image": data, "caption": "Cat"}]
    assert gr.Gallery().postprocess([data]) == [{"image": data, "caption": None}]
    assert gr.Gallery().postprocess(wire) == wire


def test_none_shows_an_empty_gallery(cache):
    assert gr.Gallery().postprocess(None) == []


@pytest.mark.parametrize("value", ["cat.png", PILImage.new("RGB", (1, 1)), np.zeros((2, 2))])
def test_a_single_picture_instead_of_a_list_is_refused_clearly(cache, value):
    with pytest.raises(TypeError, match="put a single item in a list"):
        gr.Gallery().postprocess(value)


def test_an_item_of_another_kind_is_refused_naming_what_to_give(cache):
    with pytest.raises(TypeError, match="cannot show the number 3: give PIL images"):
        gr.Gallery().postprocess([3])
    with pytest.raises(TypeError, match=r"\(item, caption\) pairs; got a 3-item sequence"):
        gr.Gallery().postprocess([("a.png", "A", "extra")])


def test_the_gallery_will_not_show_files_outside_the_allowed_folders(cache):
    with pytest.raises(PathNotAllowed):
        gr.Gallery().postprocess(["/etc/passwd"])


# ---------------------------------------------------------------------- in


def _upload(cache, name="cat.png", data=None, caption=None, key="image"):
    return {key: cache.add_bytes(_png() if data is None else data, name), "caption": caption}


def test_uploads_reach_the_listener_as_paths_with_captions_by_default(cache):
    payload = [_upload(cache, caption="Cat"), _upload(cache, "dog.png")]
    value = gr.Gallery().preprocess(payload)
    assert value == [
        (str(cache.path_of(payload[0]["image"]["id"])), "Cat"),
        (str(cache.path_of(payload[1]["image"]["id"])), None),
    ]


def test_type_pil_gives_pil_images(cache):
    [(image, caption)] = gr.Gallery(type="pil").preprocess([_upload(cache, caption="Cat")])
    assert isinstance(image, PILImage.Image) and image.size == (3, 2) and caption == "Cat"


def test_type_numpy_gives_arrays(cache):
    [(array, _)] = gr.Gallery(type="numpy").preprocess([_upload(cache)])
    assert isinstance(array, np.ndarray) and array.shape == (2, 3, 3)
    assert array[0, 0].tolist() == [255, 0, 0]


def test_videos_always_reach_the_listener_as_paths(cache):
    payload = [_upload(cache, "clip.mp4", b"video bytes", key="video")]
    [(path, _)] = gr.Gallery(type="pil").preprocess(payload)
    assert Path(path).read_bytes() == b"video bytes"


def test_a_bare_uploaded_file_counts_as_an_item(cache):
    data = cache.add_bytes(_png(), "cat.png")
    assert gr.Gallery().preprocess([data]) == [(str(cache.path_of(data["id"])), None)]


def test_a_url_item_reaches_a_filepath_listener_as_the_url_unfetched(cache):
    shown = gr.Gallery().postprocess(["https://example.com/cat.jpg"])
    assert gr.Gallery().preprocess(shown) == [("https://example.com/cat.jpg", None)]
    with pytest.raises(ValidationError, match='Blocks does not fetch: use type="filepath"'):
        gr.Gallery(type="pil").preprocess(shown)


def test_an_empty_list_gives_none(cache):
    assert gr.Gallery().preprocess([]) is None
    assert gr.Gallery().preprocess(None) is None


def test_what_is_shown_reads_back_as_it_was_given(cache, tmp_path):
    path = _picture(tmp_path)
    gallery = gr.Gallery(type="pil")
    [(image, caption)] = gallery.preprocess(gallery.postprocess([(path, "Red")]))
    assert image.size == (3, 2) and caption == "Red"


@pytest.mark.parametrize(
    ("payload", "problem"),
    [
        ("cat.png", "expected a list of pictures and videos"),
        (["/etc/passwd"], "item 1 is the text '/etc/passwd', not a picture or a video"),
        ([{"caption": "x"}], "item 1 has no file"),
        ([{"image": {"path": "/etc/passwd"}}], "must be uploaded first"),
        ([{"image": {"id": "forged"}}], "unknown file id"),
    ],
)
def test_payloads_that_are_not_uploaded_pictures_are_refused(cache, payload, problem):
    with pytest.raises(ValidationError, match=problem):
        gr.Gallery(label="Photos").preprocess(payload)


def test_a_caption_that_is_not_text_is_refused(cache):
    with pytest.raises(ValidationError, match="Gallery: item 1 has a caption that is a list"):
        gr.Gallery().preprocess([_upload(cache, caption=["x"])])


def test_uploads_are_pictures_and_videos_unless_file_types_says_otherwise(cache):
    notes = [_upload(cache, "notes.txt", b"hello")]
    with pytest.raises(ValidationError, match=r"notes\.txt is not an accepted file type"):
        gr.Gallery().preprocess(notes)
    with pytest.raises(ValidationError, match=r"clip\.mp4 is not an accepted file type \(\.png"):
        gr.Gallery(file_types=[".png"]).preprocess([_upload(cache, "clip.mp4", b"v")])
    assert gr.Gallery(file_types=[".txt"]).preprocess(notes)[0][0].endswith("notes.txt")


def test_a_file_named_as_a_picture_that_is_not_one_is_refused_by_pil(cache):
    payload = [_upload(cache, "cat.png", b"%PDF-1.4 not a picture")]
    with pytest.raises(ValidationError, match=r"Photos: cat\.png is not an image"):
        gr.Gallery(type="pil", label="Photos").preprocess(payload)


# ---------------------------------------------------------------------- construction and schema


@pytest.mark.parametrize(
    ("kwargs", "problem"),
    [
        ({"type": "bytes"}, "type must be one of numpy, pil, filepath"),
        ({"columns": 0}, "columns must be a positive int"),
        ({"rows": [2, "3"]}, "rows must be a positive int"),
        ({"object_fit": "stretch"}, "object_fit must be one of"),
        ({"selected_index": "1"}, "selected_index must be an int"),
        ({"file_types": ["png"]}, "did you mean '.png'"),
        ({"buttons": ["copy"]}, 'takes a list of "download", "share", "fullscreen"'),
    ],
)
def test_wrong_arguments_are_refused_when_the_gallery_is_made(kwargs, problem):
    with pytest.raises(ValueError, match=problem):
        gr.Gallery(**kwargs)


def test_the_reference_arguments_reach_the_page():
    props = gr.Gallery(
        columns=(2, 4),
        rows=3,
        height=400,
        object_fit="contain",
        preview=True,
        selected_index=1,
        allow_preview=False,
        show_label=False,
        label="Shots",
        show_share_button=True,
    ).get_props()
    assert props["columns"] == [2, 4] and props["rows"] == 3 and props["height"] == 400
    assert props["object_fit"] == "contain" and props["preview"] is True
    assert props["selected_index"] == 1 and props["allow_preview"] is False
    assert (props["label"], props["show_label"]) == ("Shots", False)
    assert props["value"] == [] and props["columns"] == [2, 4]


def test_a_gallery_is_labelled_gallery_unless_named():
    assert gr.Gallery().get_props()["label"] == "Gallery"


def test_buttons_of_version_6_choose_the_buttons_shown():
    gallery = gr.Gallery(buttons=["fullscreen"])
    assert not gallery.show_download_button and gallery.show_fullscreen_button


def test_the_schema_names_image_video_and_caption_and_the_example_fits(cache):
    gallery = gr.Gallery()
    info = gallery.api_info()
    assert info["type"] == ["array", "null"]
    assert set(info["items"]["properties"]) == {"image", "video", "caption"}
    example = gallery.example_payload()
    [(path, caption)] = gallery.preprocess(example)
    assert Path(path).suffix == ".png" and caption is None


def test_the_interface_shortcut_makes_a_gallery():
    demo = gr.Interface(lambda n: [], "number", "gallery")
    assert isinstance(demo.output_components[0], gr.Gallery)


# ---------------------------------------------------------------------- in an app


def test_select_gives_the_listener_the_index_and_the_item():
    seen = []

    def on_select(evt: gr.SelectData):
        seen.append((evt.index, evt.value["caption"]))
        return f"#{evt.index}"

    with gr.Blocks() as demo:
        gallery = gr.Gallery(
            [("https://example.com/a.png", "A"), ("https://example.com/b.png", "B")]
        )
        picked = gr.Textbox()
        gallery.select(on_select, None, picked)
    with TestClient(demo) as client:
        item = client.value(gallery)[1]
        assert client.fire(gallery, "select", {"index": 1, "value": item})[0].success
        assert client.value(picked) == "#1"
    assert seen == [(1, "B")]


def test_preview_open_and_close_are_events_of_their_own():
    with gr.Blocks() as demo:
        gallery = gr.Gallery()
        shown = gr.Textbox()
        gallery.preview_open(lambda: "open", None, shown)
        gallery.preview_close(lambda: "closed", None, shown)
    with TestClient(demo) as client:
        client.fire(gallery, "preview_open")
        assert client.value(shown) == "open"
        client.fire(gallery, "preview_close")
        assert client.value(shown) == "closed"


def test_a_chat_function_may_answer_with_a_gallery():
    def reply(message, history):
        return gr.Gallery([(PILImage.new("RGB", (8, 8), "blue"), "Blue")], columns=3)

    chat = gr.ChatInterface(fn=reply)
    with TestClient(chat) as client:
        client.set(chat.textbox, "pictures please")
        assert client.submit(chat.textbox).success
        [part] = client.value(chat.chatbot)[-1]["content"]
        assert part["component"] == "gallery" and part["props"] == {"columns": 3}
        [item] = part["value"]
        assert item["caption"] == "Blue" and item["image"]["url"].startswith("file/")
        # The next turn reads the history back: the gallery in it is one again.
        client.set(chat.textbox, "again")
        assert client.submit(chat.textbox).success
        assert len(client.value(chat.chatbot)) == 4


# ---------------------------------------------------------------------- through blocks.Client


def _sizes(pictures):
    return ", ".join(f"{caption}: {image.width}x{image.height}" for image, caption in pictures)


def _mirror(pictures):
    return [
        (image.transpose(PILImage.Transpose.FLIP_LEFT_RIGHT), caption)
        for image, caption in pictures
    ]


@pytest.fixture(scope="module")
def url():
    with gr.Blocks() as demo:
        pictures = gr.Gallery(type="pil", interactive=True)
        sizes = gr.Textbox()
        gr.Button().click(_sizes, pictures, sizes, api_name="sizes")
        gr.Button().click(_mirror, pictures, gr.Gallery(), api_name="mirror")
    demo.launch(server_port=0, prevent_thread_lock=True, quiet=True)
    yield demo.local_url
    demo.close()


def test_the_client_uploads_local_pictures_for_a_gallery_input(url, tmp_path):
    red = _picture(tmp_path, "red.png", (7, 5))
    blue = _picture(tmp_path, "blue.png", (2, 9), "blue")
    with gr.Client(url) as client:
        given = [{"image": red, "caption": "Red"}, {"image": str(blue), "caption": "Blue"}]
        assert client.predict(given, api_name="/sizes") == "Red: 7x5, Blue: 2x9"
        assert client.predict([handle_file(red)], api_name="/sizes") == "None: 7x5"


def test_the_client_gets_gallery_outputs_as_local_files_with_captions(url, tmp_path):
    red = _picture(tmp_path, "red.png", (7, 5))
    with gr.Client(url, download_files=tmp_path / "got") as client:
        [item] = client.predict([{"image": red, "caption": "Red"}], api_name="/mirror")
    assert item["caption"] == "Red"
    with PILImage.open(item["image"]) as image:
        assert image.size == (7, 5)
    assert Path(item["image"]).is_relative_to(tmp_path / "got")
