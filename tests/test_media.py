"""gr.media: sample files of each kind that ship with the package, under the reference's names."""

from __future__ import annotations

import csv
import json
import struct
import subprocess
import sys
import textwrap
import wave
import zipfile
from pathlib import Path

import pytest
from PIL import Image

import blocks as gr
from blocks import media

ROOT = Path(__file__).resolve().parent.parent
PIP = [sys.executable, "-m", "pip"]
# The names the reference's demos ask for most; each must be there.
DEMO_NAMES = {
    media.get_image: ["cheetah1.jpg", "tower.jpg", "lion.jpg", "logo.png", "avatar.png"],
    media.get_video: ["world.mp4", "a.mp4", "b.mp4"],
    media.get_audio: ["cantina.wav", "recording1.wav", "cate_blanch.mp3"],
    media.get_model3d: ["Bunny.obj", "Duck.glb", "Fox.gltf", "face.obj", "sofia.stl"],
    media.get_file: ["titanic.csv", "time.csv", "sample.txt", "imagenet_labels.json"],
}


def test_gr_media_is_the_media_submodule_and_not_a_name_of_all():
    assert gr.media is media
    assert "media" not in gr.__all__


@pytest.mark.parametrize("getter", list(DEMO_NAMES), ids=lambda getter: getter.__name__)
def test_each_getter_returns_the_absolute_path_of_a_file_the_package_ships(getter):
    for name in DEMO_NAMES[getter]:
        path = Path(getter(name))
        assert path.is_absolute() and path.is_file() and path.name == name
        assert path.parent in media.MEDIA_PATHS


@pytest.mark.parametrize("getter", list(DEMO_NAMES), ids=lambda getter: getter.__name__)
def test_with_no_name_a_getter_returns_one_of_its_kind(getter):
    kind = Path(getter(DEMO_NAMES[getter][0])).parent
    for _ in range(10):
        assert Path(getter()).parent == kind


def test_every_sample_image_opens_with_pil():
    for name in media.get_media_info()["images"]:
        with Image.open(media.get_image(name)) as image:
            image.verify()
    with Image.open(media.get_image("screenshot.gif")) as gif:
        assert gif.n_frames > 1
    with Image.open(media.get_image("hf-logo_transpng.png")) as transparent:
        assert transparent.mode == "RGBA"


def test_the_wav_samples_open_with_wave_and_the_mp3_samples_are_mpeg_audio():
    for name in ("cantina.wav", "recording1.wav"):
        with wave.open(media.get_audio(name)) as sound:
            assert sound.getnframes() / sound.getframerate() >= 1
    for name in ("cate_blanch.mp3", "cate_blanch_2.mp3", "heath_ledger.mp3"):
        head = Path(media.get_audio(name)).read_bytes()[:3]
        assert head == b"ID3" or (head[0] == 0xFF and head[1] & 0xE0 == 0xE0)


def test_the_videos_are_small_mp4_files():
    for name in media.get_media_info()["videos"]:
        data = Path(media.get_video(name)).read_bytes()
        assert data[4:8] == b"ftyp" and b"avc1" in data  # an MP4 holding H.264 video
        assert len(data) < 100_000


def test_the_3d_models_are_well_formed_obj_gltf_glb_and_stl():
    obj = Path(media.get_model3d("Bunny.obj")).read_text().splitlines()
    vertices = [line for line in obj if line.startswith("v ")]
    faces = [line for line in obj if line.startswith("f ")]
    assert len(vertices) >= 4 and len(faces) >= 4
    assert all(1 <= int(i) <= len(vertices) for face in faces for i in face.split()[1:])
    gltf = json.loads(Path(media.get_model3d("Fox.gltf")).read_text())
    assert gltf["asset"]["version"] == "2.0" and gltf["meshes"]
    glb = Path(media.get_model3d("Duck.glb")).read_bytes()
    magic, version, length = struct.unpack("<4sII", glb[:12])
    assert (magic, version, length) == (b"glTF", 2, len(glb))
    chunk_length, chunk_type = struct.unpack("<I4s", glb[12:20])
    assert chunk_type == b"JSON" and json.loads(glb[20 : 20 + chunk_length])["meshes"]
    stl = Path(media.get_model3d("sofia.stl")).read_bytes()
    (triangles,) = struct.unpack("<I", stl[80:84])
    assert len(stl) == 84 + 50 * triangles and triangles > 0


def test_the_data_files_parse():
    with open(media.get_file("titanic.csv"), newline="") as file:
        rows = list(csv.DictReader(file))
    assert len(rows) > 10 and {"Survived", "Pclass", "Sex", "Age", "Fare"} <= rows[0].keys()
    assert isinstance(json.loads(Path(media.get_file("imagenet_labels.json")).read_text()), list)
    assert Path(media.get_file("sample.txt")).read_text().strip()


def test_a_url_is_returned_as_given():
    url = "https://example.com/cat.png"
    assert media.get_image(url) == url


def test_an_unknown_name_raises_file_not_found_listing_the_samples():
    with pytest.raises(FileNotFoundError, match=r"no sample 'nope\.jpg'.*tower\.jpg"):
        media.get_image("nope.jpg")
    with pytest.raises(FileNotFoundError):
        media.get_file("../videos/world.mp4")
    with pytest.raises(FileNotFoundError):
        media.get_file("../../__init__.py")


def test_media_info_lists_each_kind_and_media_paths_are_its_folders():
    info = media.get_media_info()
    assert set(info) == {"images", "videos", "audio", "models3d", "data"}
    assert [path.name for path in media.MEDIA_PATHS] == list(info)
    assert all(path.is_dir() and path.parent == media.MEDIA_ROOT for path in media.MEDIA_PATHS)


def test_an_app_allowing_media_paths_shows_a_sample_it_returns(tmp_path):
    with gr.Blocks() as demo:
        image = gr.Image(type="filepath")
        gr.Button().click(lambda: media.get_image("tower.jpg"), None, image, api_name="tower")
    demo.launch(
        server_port=0, prevent_thread_lock=True, quiet=True, allowed_paths=media.MEDIA_PATHS
    )
    try:
        with gr.Client(demo.local_url, download_files=tmp_path) as client:
            local = client.predict(api_name="/tower")
        with Image.open(local) as shown, Image.open(media.get_image("tower.jpg")) as sample:
            assert shown.size == sample.size
    finally:
        demo.close()


def test_the_wheel_ships_the_samples_and_the_installed_package_finds_them(tmp_path):
    wheels = tmp_path / "wheels"
    subprocess.run(
        [*PIP, "wheel", "--no-deps", "--no-build-isolation", "-q", "-w", str(wheels), str(ROOT)],
        check=True,
        capture_output=True,
    )
    (wheel,) = wheels.glob("blocks-*.whl")
    names = set(zipfile.ZipFile(wheel).namelist())
    shipped = {
        f"blocks/media/files/{path.parent.name}/{path.name}"
        for path in media.MEDIA_ROOT.glob("*/*")
    }
    assert shipped and shipped <= names
    assert "blocks/media/__init__.py" in names

    target = tmp_path / "site"
    subprocess.run(
        [*PIP, "install", "-q", "--no-deps", "--target", str(target), str(wheel)],
        check=True,
        capture_output=True,
    )
    script = textwrap.dedent(f"""
        import sys
        sys.path.insert(0, {str(target)!r})
        from pathlib import Path
        from blocks import media
        for path in (media.get_video("world.mp4"), media.get_image(), media.get_audio()):
            assert Path(path).is_file(), path
            assert Path(path).is_relative_to({str(target)!r}), path
        print(Path(media.get_video("world.mp4")).stat().st_size)
    """)
    result = subprocess.run(
        [sys.executable, "-c", script], cwd=tmp_path, capture_output=True, text=True, timeout=60
    )
    assert result.returncode == 0, result.stderr
    assert int(result.stdout) == Path(media.get_video("world.mp4")).stat().st_size
