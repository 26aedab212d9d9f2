"""gr.ImageSlider: a pair of pictures out (each stored as gr.Image stores one) and in (each
read as gr.Image reads one, per ``type`` and ``image_mode``)."""

from __future__ import annotations

import io

import numpy as np
import pytest
from PIL import Image as PILImage

import blocks as gr
from blocks.exceptions import ValidationError
from blocks.runtime.files import FileCache, use_cache


@pytest.fixture
def cache(tmp_path):
    with use_cache(FileCache(tmp_path / "cache")) as cache:
        yield cache


def _png(size=(3, 2), mode="RGB") -> bytes:
    buffer = io.BytesIO()
    PILImage.new(mode, size).save(buffer, format="PNG")
    return buffer.getvalue()


def _pair(cache, first=(3, 2), second=(3, 2), mode="RGB"):
    return [
        cache.add_bytes(_png(first, mode), "before.png"),
        cache.add_bytes(_png(second, mode), "after.png"),
    ]


def test_a_pair_of_any_picture_kinds_is_shown_as_two_files(cache, tmp_path):
    path = tmp_path / "after.png"
    path.write_bytes(_png((5, 4)))
    first, second = gr.ImageSlider().postprocess((np.zeros((4, 5, 3), dtype=np.uint8), path))
    assert first["orig_name"] == "image.webp" and second["orig_name"] == "after.png"
    for data in (first, second):
        with PILImage.open(cache.path_of(data["id"])) as image:
            assert image.size == (5, 4)


def test_a_pil_image_is_stored_in_the_sliders_format_and_a_url_as_is(cache):
    first, second = gr.ImageSlider(format="png").postprocess(
        [PILImage.new("RGB", (2, 2)), "https://example.com/after.jpg"]
    )
    assert first["mime_type"] == "image/png"
    assert second["url"] == "https://example.com/after.jpg" and second["id"] is None


def test_either_side_may_be_empty_and_none_is_no_pair(cache):
    assert gr.ImageSlider().postprocess((None, PILImage.new("RGB", (1, 1))))[0] is None
    assert gr.ImageSlider().postprocess(None) is None
    assert gr.ImageSlider().preprocess(None) is None


@pytest.mark.parametrize("value", [PILImage.new("RGB", (1, 1)), ["a.png"], ("a", "b", "c")])
def test_anything_but_a_pair_is_refused_when_shown(cache, value):
    with pytest.raises(TypeError, match=r"a pair of pictures \(before, after\)"):
        gr.ImageSlider().postprocess(value)


def test_a_side_of_another_kind_is_refused_naming_what_to_give(cache):
    with pytest.raises(TypeError, match="cannot show int: give a PIL image, a numpy array"):
        gr.ImageSlider().postprocess((1, None))


def test_uploads_reach_the_listener_as_numpy_arrays_by_default(cache):
    first, second = gr.ImageSlider().preprocess(_pair(cache, (3, 2), (4, 5)))
    assert first.shape == (2, 3, 3) and second.shape == (5, 4, 3)


def test_type_pil_gives_pil_images_in_the_image_mode(cache):
    payload = _pair(cache, mode="RGBA")
    first, second = gr.ImageSlider(type="pil").preprocess(payload)
    assert first.mode == second.mode == "RGB"
    first, _ = gr.ImageSlider(type="pil", image_mode=None).preprocess(payload)
    assert first.mode == "RGBA"


def test_type_filepath_gives_the_uploaded_files(cache):
    payload = _pair(cache)
    paths = gr.ImageSlider(type="filepath").preprocess(payload)
    assert paths == tuple(str(cache.path_of(data["id"])) for data in payload)


def test_a_missing_side_reaches_the_listener_as_none(cache):
    payload = [None, cache.add_bytes(_png(), "after.png")]
    first, second = gr.ImageSlider(type="pil").preprocess(payload)
    assert first is None and second.size == (3, 2)


@pytest.mark.parametrize(
    ("payload", "problem"),
    [
        ({"id": "x"}, "expected a pair of pictures, got an object"),
        ([None], "expected a pair of pictures, got a list"),
        (["/etc/passwd", None], "must be uploaded first"),
        ([{"path": "/etc/passwd"}, None], "must be uploaded first"),
    ],
)
def test_payloads_that_are_not_two_uploaded_pictures_are_refused(cache, payload, problem):
    with pytest.raises(ValidationError, match=problem):
        gr.ImageSlider(label="Pair").preprocess(payload)


def test_a_file_that_is_not_a_picture_is_refused_naming_the_slider(cache):
    payload = [cache.add_bytes(b"not a picture", "before.png"), None]
    with pytest.raises(ValidationError, match=r"^Pair: before\.png is not an image"):
        gr.ImageSlider(label="Pair").preprocess(payload)
    with pytest.raises(ValidationError, match=r"^ImageSlider: before\.png is not an image"):
        gr.ImageSlider().preprocess(payload)


@pytest.mark.parametrize(
    ("kwargs", "problem"),
    [
        ({"type": "bytes"}, "type must be one of numpy, pil, filepath"),
        ({"slider_position": 120}, "percentage from 0 to 100"),
        ({"buttons": ["share"]}, 'takes a list of "download", "fullscreen"'),
    ],
)
def test_wrong_arguments_are_refused_when_the_slider_is_made(kwargs, problem):
    with pytest.raises(ValueError, match=problem):
        gr.ImageSlider(**kwargs)


def test_the_reference_arguments_reach_the_page():
    props = gr.ImageSlider(slider_position=30, max_height=300, label="Before/after").get_props()
    assert (props["slider_position"], props["max_height"]) == (30, 300)
    assert props["type"] == "numpy" and props["label"] == "Before/after"


def test_the_schema_is_a_pair_of_files_and_the_example_fits(cache):
    slider = gr.ImageSlider(type="filepath")
    info = slider.api_info()
    assert (info["minItems"], info["maxItems"]) == (2, 2)
    assert "id" in info["items"]["properties"]
    first, second = slider.preprocess(slider.example_payload())
    assert first.endswith(".png") and second.endswith(".png")


def test_the_client_sends_a_pair_of_local_pictures(tmp_path):
    def sizes(pair):
        return " / ".join(f"{image.width}x{image.height}" for image in pair)

    with gr.Blocks() as demo:
        pair = gr.ImageSlider(type="pil")
        text = gr.Textbox()
        gr.Button().click(sizes, pair, text, api_name="sizes")
    before, after = tmp_path / "before.png", tmp_path / "after.png"
    before.write_bytes(_png((6, 2)))
    after.write_bytes(_png((2, 6)))
    demo.launch(server_port=0, prevent_thread_lock=True, quiet=True)
    try:
        with gr.Client(demo.local_url) as client:
            assert client.predict((before, str(after)), api_name="/sizes") == "6x2 / 2x6"
    finally:
        demo.close()
