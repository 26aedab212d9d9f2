from __future__ import annotations

import io
import struct
import zlib
from pathlib import Path

import numpy as np
import pytest
from PIL import Image as PILImage

import blocks as gr
from blocks.exceptions import ValidationError
from blocks.runtime.files import FileCache, PathNotAllowed, use_cache


@pytest.fixture
def cache(tmp_path):
    with use_cache(FileCache(tmp_path / "cache")) as cache:
        yield cache


def _png(image: PILImage.Image) -> bytes:
    buffer = io.BytesIO()
    image.save(buffer, format="PNG")
    return buffer.getvalue()


def _upload(cache: FileCache, data: bytes, name: str = "cat.png") -> dict:
    return cache.add_bytes(data, name)


def _red(size=(3, 2), mode="RGB") -> PILImage.Image:
    return PILImage.new(mode, size, (255, 0, 0) if mode == "RGB" else (255, 0, 0, 128))


def _chunk(kind: bytes, data: bytes) -> bytes:
    return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))


def _bomb_header(width: int, height: int) -> bytes:
    """A PNG that claims a huge size: the header alone is enough to refuse it."""
    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return b"\x89PNG\r\n\x1a\n" + _chunk(b"IHDR", header) + _chunk(b"IDAT", zlib.compress(b""))


def test_image_gives_a_numpy_array_by_default_as_the_reference_does(cache):
    value = gr.Image().preprocess(_upload(cache, _png(_red())))
    assert isinstance(value, np.ndarray)
    assert value.shape == (2, 3, 3) and value.dtype == np.uint8
    assert value[0, 0].tolist() == [255, 0, 0]


def test_image_gives_a_pil_image_converted_to_its_mode(cache):
    payload = _upload(cache, _png(_red(mode="RGBA")))
    assert gr.Image(type="pil").preprocess(payload).mode == "RGB"
    assert gr.Image(type="pil", image_mode="L").preprocess(payload).mode == "L"
    assert gr.Image(type="pil", image_mode=None).preprocess(payload).mode == "RGBA"


def test_image_gives_the_cached_path_when_nothing_changes(cache):
    payload = _upload(cache, _png(_red()))
    path = gr.Image(type="filepath").preprocess(payload)
    assert path == str(cache.path_of(payload["id"]))


def test_image_saves_a_converted_copy_when_the_mode_changes(cache):
    payload = _upload(cache, _png(_red()))
    path = gr.Image(type="filepath", image_mode="L").preprocess(payload)
    assert path != str(cache.path_of(payload["id"]))
    assert Path(path).is_relative_to(cache.root)
    with PILImage.open(path) as image:
        assert image.mode == "L"


def test_image_turns_a_photo_upright_from_its_exif_orientation(cache):
    image = _red(size=(4, 2))
    exif = image.getexif()
    exif[0x0112] = 6  # rotate 90° clockwise to view
    buffer = io.BytesIO()
    image.save(buffer, format="JPEG", exif=exif)
    value = gr.Image(type="pil").preprocess(_upload(cache, buffer.getvalue(), "photo.jpg"))
    assert value.size == (2, 4)


def test_image_refuses_a_file_that_is_not_an_image(cache):
    payload = _upload(cache, b"%PDF-1.4 not an image", "cat.png")
    with pytest.raises(ValidationError, match=r"Photo: cat\.png is not an image"):
        gr.Image(label="Photo").preprocess(payload)


def test_image_refuses_a_damaged_image(cache):
    payload = _upload(cache, _png(_red(size=(50, 50)))[:60], "broken.png")
    with pytest.raises(ValidationError, match=r"broken\.png is damaged"):
        gr.Image().preprocess(payload)


def test_image_refuses_a_decompression_bomb_from_its_header_alone(cache):
    payload = _upload(cache, _bomb_header(100_000, 100_000), "bomb.png")
    limit = r"bomb.png has too many pixels \(the limit is 89,478,485\)"
    with pytest.raises(ValidationError, match=limit):
        gr.Image().preprocess(payload)


def test_image_limit_on_pixels_can_be_lowered(cache, monkeypatch):
    monkeypatch.setattr(gr.Image, "MAX_PIXELS", 100)
    payload = _upload(cache, _png(_red(size=(20, 20))))
    with pytest.raises(ValidationError, match=r"the limit is 100\)"):
        gr.Image().preprocess(payload)


def test_image_refuses_pillows_own_bomb_warning_as_a_clear_error(cache, monkeypatch):
    monkeypatch.setattr(PILImage, "MAX_IMAGE_PIXELS", 100)
    payload = _upload(cache, _png(_red(size=(20, 20))))
    with pytest.raises(ValidationError, match="too many pixels"):
        gr.Image().preprocess(payload)


@pytest.mark.parametrize("payload", ["/etc/passwd", {"path": "/tmp/cat.png"}])
def test_image_refuses_paths_sent_by_a_client(cache, payload):
    with pytest.raises(ValidationError, match="must be uploaded first"):
        gr.Image().preprocess(payload)


def test_image_treats_null_as_empty(cache):
    assert gr.Image().preprocess(None) is None
    assert gr.Image().postprocess(None) is None


def test_image_shows_a_pil_image_stored_in_its_format(cache):
    data = gr.Image().postprocess(_red())
    assert data["orig_name"] == "image.webp" and data["mime_type"] == "image/webp"
    with PILImage.open(cache.path_of(data["id"])) as image:
        assert image.format == "WEBP" and image.size == (3, 2)


def test_image_in_png_keeps_exact_pixels(cache):
    array = np.arange(24, dtype=np.uint8).reshape(2, 4, 3)
    data = gr.Image(format="png").postprocess(array)
    assert data["orig_name"] == "image.png"
    with PILImage.open(cache.path_of(data["id"])) as image:
        assert np.array_equal(np.array(image), array)


def test_image_in_jpeg_drops_the_alpha_it_cannot_hold(cache):
    data = gr.Image(format="jpeg").postprocess(_red(mode="RGBA"))
    assert data["orig_name"] == "image.jpg"
    with PILImage.open(cache.path_of(data["id"])) as image:
        assert image.mode == "RGB"


@pytest.mark.parametrize(
    ("array", "pixel"),
    [
        (np.full((2, 2, 3), 0.5), [128, 128, 128]),
        (np.full((2, 2), 200, dtype=np.int64), 200),
        (np.ones((2, 2), dtype=bool), 255),
        (np.full((2, 2, 1), 7, dtype=np.uint8), 7),
        (np.full((2, 2), 65535, dtype=np.uint16), 255),
    ],
)
def test_image_shows_numpy_arrays_of_common_types(cache, array, pixel):
    data = gr.Image(format="png").postprocess(array)
    with PILImage.open(cache.path_of(data["id"])) as image:
        shown = np.array(image)[0, 0]
    assert shown.tolist() == pixel


def test_image_refuses_an_array_of_the_wrong_shape(cache):
    with pytest.raises(ValueError, match="H×W, H×W×3 or H×W×4"):
        gr.Image().postprocess(np.zeros((2, 2, 5)))


def test_image_shows_a_file_path_as_that_file(cache, tmp_path):
    source = tmp_path / "dog.png"
    source.write_bytes(_png(_red()))
    data = gr.Image().postprocess(str(source))
    assert data["orig_name"] == "dog.png"
    assert cache.path_of(data["id"]).read_bytes() == source.read_bytes()
    assert gr.Image().postprocess(source)["id"] == data["id"]


def test_image_shows_a_url_as_is_without_fetching_it(cache):
    data = gr.Image().postprocess("https://example.com/cat.png")
    assert data["url"] == "https://example.com/cat.png" and data["id"] is None
    assert len(cache) == 0


def test_image_shows_filedata_of_the_cache_again(cache):
    payload = _upload(cache, _png(_red()))
    assert gr.Image().postprocess(payload) == payload


def test_image_will_not_show_files_outside_the_allowed_folders(cache):
    with pytest.raises(PathNotAllowed):
        gr.Image().postprocess("/etc/passwd")


def test_image_refuses_to_show_a_value_of_another_kind(cache):
    with pytest.raises(TypeError, match="PIL image, a numpy array, a file path or a URL"):
        gr.Image().postprocess(42)


def test_image_api_info_is_filedata_and_its_example_is_accepted(cache):
    image = gr.Image(type="pil")
    assert image.api_info()["properties"]["id"]["type"] == ["string", "null"]
    assert image.preprocess(image.example_payload()).size == (1, 1)


def test_image_props_carry_its_settings_and_initial_value(cache, tmp_path):
    source = tmp_path / "start.png"
    source.write_bytes(_png(_red()))
    props = gr.Image(str(source), height=200, type="pil", label="Photo").get_props()
    assert props["value"]["orig_name"] == "start.png"
    assert props["height"] == 200 and props["type"] == "pil"
    assert props["sources"] == ["upload", "clipboard"]
    assert props["image_mode"] == "RGB" and props["format"] == "webp"
    assert props["show_download_button"] is True


def test_image_has_the_events_of_an_image_input():
    assert {"change", "upload", "clear", "select", "input"} <= set(gr.Image.EVENTS)


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"type": "array"}, "numpy, pil, filepath"),
        ({"sources": ["camera"]}, "upload, webcam, clipboard"),
        ({"streaming": True}, "webcam"),
    ],
)
def test_image_refuses_unknown_settings(kwargs, message):
    with pytest.raises(ValueError, match=message):
        gr.Image(**kwargs)


def test_image_accepts_a_single_source_as_a_string():
    assert gr.Image(sources="upload").sources == ["upload"]


def test_type_numpy_without_numpy_names_the_missing_package(tmp_path):
    import subprocess
    import sys
    import textwrap

    script = textwrap.dedent(
        """
        import sys
        sys.modules["numpy"] = None  # as in an install without numpy
        from PIL import Image as PIL
        import blocks as gr
        from blocks.runtime.files import FileCache, use_cache

        cache = FileCache(sys.argv[1])
        PIL.new("RGB", (2, 2)).save(sys.argv[1] + "/dot.png")
        with use_cache(cache):
            data = cache.add_path(sys.argv[1] + "/dot.png")
            print(type(gr.Image(type="pil").preprocess(data)).__name__)
            try:
                gr.Image().preprocess(data)
            except ImportError as exc:
                print(exc)
        """
    )
    done = subprocess.run(
        [sys.executable, "-c", script, str(tmp_path)], capture_output=True, text=True, timeout=60
    )
    lines = done.stdout.splitlines()
    assert len(lines) == 2, done.stderr[-2000:]
    assert lines[0].endswith("ImageFile") or lines[0] == "Image"  # type="pil" works
    assert lines[1].startswith('gr.Image(type="numpy") needs the numpy package: pip install numpy')
