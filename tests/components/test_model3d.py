from __future__ import annotations

import struct
from pathlib import Path

import pytest

import blocks as gr
from blocks.exceptions import ValidationError
from blocks.runtime.files import FileCache, use_cache

CUBE_OBJ = "\n".join(
    [
        "# a cube",
        *(f"v {x} {y} {z}" for x in (0, 1) for y in (0, 1) for z in (0, 1)),
        *("f 1 2 4 3", "f 5 6 8 7", "f 1 2 6 5", "f 3 4 8 7", "f 1 3 7 5", "f 2 4 8 6", ""),
    ]
)


def _stl() -> bytes:
    """A binary STL of one triangle."""
    triangle = struct.pack("<12fH", 0, 0, 1, 0, 0, 0, 1, 0, 0, 0, 1, 0, 0)
    return b"made for a test".ljust(80, b" ") + struct.pack("<I", 1) + triangle


@pytest.fixture
def cache(tmp_path):
    with use_cache(FileCache(tmp_path / "cache")) as cache:
        yield cache


def test_an_uploaded_model_reaches_the_listener_as_the_path_of_the_file(cache):
    for name, data in (("cube.obj", CUBE_OBJ.encode()), ("part.stl", _stl())):
        upload = cache.add_bytes(data, name)
        path = gr.Model3D().preprocess(upload)
        assert path == str(cache.path_of(upload["id"]))
        assert Path(path).read_bytes() == data
    assert gr.Model3D().preprocess(None) is None


def test_only_3d_model_files_are_accepted(cache):
    picture = cache.add_bytes(b"\x89PNG\r\n", "cube.png")
    with pytest.raises(
        ValidationError,
        match=r"^Shape: cube\.png is not an accepted file type \(\.obj, \.glb, \.gltf, \.stl",
    ):
        gr.Model3D(label="Shape").preprocess(picture)
    splat = cache.add_bytes(b"\0" * 32, "scene.splat")
    with pytest.raises(ValidationError, match=r"scene\.splat is not an accepted file type"):
        gr.Model3D().preprocess(splat)


def test_a_path_or_anything_but_an_upload_from_the_client_is_refused(cache, tmp_path):
    model = tmp_path / "cube.obj"
    model.write_text(CUBE_OBJ)
    for payload in (str(model), {"path": str(model)}, {"id": "made-up", "orig_name": "x.obj"}):
        with pytest.raises(ValidationError, match=r"^Model3D: "):
            gr.Model3D().preprocess(payload)


def test_a_returned_path_url_or_file_data_is_shown(cache, tmp_path):
    model = tmp_path / "cube.obj"
    model.write_text(CUBE_OBJ)
    shown = gr.Model3D().postprocess(model)
    assert shown["orig_name"] == "cube.obj"
    assert cache.path_of(shown["id"]).read_text() == CUBE_OBJ
    assert gr.Model3D().postprocess(str(model)) == shown
    assert gr.Model3D().postprocess(shown) == shown
    url = "https://example.com/models/Fox.gltf"
    assert gr.Model3D().postprocess(url)["url"] == url  # shown as is, never fetched
    assert gr.Model3D().postprocess(None) is None


def test_values_that_are_not_a_model_are_refused(cache, tmp_path):
    with pytest.raises(TypeError, match="cannot show list"):
        gr.Model3D().postprocess([1, 2, 3])
    with pytest.raises(FileNotFoundError):
        gr.Model3D().postprocess(tmp_path / "missing.glb")


def test_the_viewer_settings_reach_the_page(cache):
    model = gr.Model3D(
        display_mode="wireframe",
        clear_color=(0.1, 0.2, 0.3, 1),
        camera_position=(45, None, 8),
        zoom_speed=2,
        pan_speed=0.5,
        height=300,
    )
    props = model.get_props()
    assert props["display_mode"] == "wireframe"
    assert props["clear_color"] == [0.1, 0.2, 0.3, 1]
    assert props["camera_position"] == [45, None, 8]
    assert (props["zoom_speed"], props["pan_speed"], props["height"]) == (2, 0.5, 300)
    assert gr.Model3D().get_props()["camera_position"] == [None, None, None]


@pytest.mark.parametrize(
    "wrong",
    [
        {"display_mode": "points"},
        {"clear_color": (0, 0, 0)},
        {"clear_color": (0, 0, 255, 1)},
        {"camera_position": (1, 2)},
        {"camera_position": (0, 0, -1)},
        {"camera_position": ("left", 0, 1)},
        {"zoom_speed": 0},
        {"pan_speed": True},
    ],
)
def test_wrong_viewer_settings_are_refused(wrong):
    with pytest.raises(ValueError, match=r"^Model3D "):
        gr.Model3D(**wrong)


def test_the_api_schema_is_a_file_and_the_example_is_a_model_it_accepts(cache):
    model = gr.Model3D()
    schema = model.api_info()
    assert schema["type"] == ["object", "null"] and ".glb" in schema["description"]
    assert {"id", "url", "orig_name"} <= set(schema["properties"])
    example = model.example_payload()
    assert Path(model.preprocess(example)).read_text().startswith("# a triangle")


def test_the_events_are_the_references(cache):
    assert set(gr.Model3D.EVENTS) == {"change", "upload", "edit", "clear"}
    assert set(gr.Video.EVENTS) == {
        *("change", "clear", "start_recording", "stop_recording", "stop"),
        *("play", "pause", "end", "upload"),
    }


def test_a_model_in_a_chat_message_is_sent_for_the_page_to_draw(cache, tmp_path):
    model = tmp_path / "cube.obj"
    model.write_text(CUBE_OBJ)
    chatbot = gr.Chatbot()
    content = gr.Model3D(model, clear_color=(1, 1, 1, 1), label="Cube")
    [message] = chatbot.postprocess([{"role": "assistant", "content": content}])
    [part] = message["content"]
    assert part["component"] == "model3d"
    assert part["value"]["orig_name"] == "cube.obj"
    assert part["props"] == {"clear_color": [1, 1, 1, 1], "label": "Cube"}
