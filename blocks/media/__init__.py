"""``gr.media``: small sample files for demos, as the reference's ``gradio.media`` offers.

``get_image("tower.jpg")`` is the absolute path of a file that ships with Blocks (a URL is
returned as given); with no name, a random one of its kind. The files carry the reference's
names, so its demos run unchanged, but they are small stand-ins made for Blocks (patterns and
shapes drawn with PIL, tones written with ``wave``, MP3 and H.264 MP4 made once with ffmpeg,
meshes written by hand), not the reference's pictures and recordings.

The files live inside the package, so an app shows them (as values or returned by listeners)
once it allows their folders: ``demo.launch(allowed_paths=gr.media.MEDIA_PATHS)``, as the
reference's demos do.
"""

from __future__ import annotations

import random
from pathlib import Path

__all__ = [
    "MEDIA_PATHS",
    "MEDIA_ROOT",
    "get_audio",
    "get_file",
    "get_image",
    "get_media_info",
    "get_model3d",
    "get_video",
]

MEDIA_ROOT = Path(__file__).resolve().parent / "files"
_KINDS = ("images", "videos", "audio", "models3d", "data")
MEDIA_PATHS = [MEDIA_ROOT / kind for kind in _KINDS]


def _names(kind: str) -> list[str]:
    return sorted(path.name for path in (MEDIA_ROOT / kind).iterdir() if path.is_file())


def _media_path(kind: str, filename: str | None) -> str:
    if filename is None:
        return str(MEDIA_ROOT / kind / random.choice(_names(kind)))
    if filename.startswith(("http://", "https://")):
        return filename
    names = _names(kind)
    # Only a plain name of this folder: never a path that climbs out of it.
    if filename not in names:
        raise FileNotFoundError(
            f"no sample {filename!r} among the {kind} of gr.media; there are: {', '.join(names)}"
        )
    return str(MEDIA_ROOT / kind / filename)


def get_image(filename: str | None = None) -> str:
    """The path of a sample image (``"cheetah1.jpg"``, ``"tower.jpg"``...); random when None."""
    return _media_path("images", filename)


def get_video(filename: str | None = None) -> str:
    """The path of a sample MP4 video (``"world.mp4"``, ``"a.mp4"``...); random when None."""
    return _media_path("videos", filename)


def get_audio(filename: str | None = None) -> str:
    """The path of a sample sound (``"cantina.wav"``, ``"cate_blanch.mp3"``...); random when
    None."""
    return _media_path("audio", filename)


def get_model3d(filename: str | None = None) -> str:
    """The path of a sample 3D model (``"Bunny.obj"``, ``"Duck.glb"``, ``"Fox.gltf"``,
    ``"sofia.stl"``...); random when None."""
    return _media_path("models3d", filename)


def get_file(filename: str | None = None) -> str:
    """The path of a sample data file (``"titanic.csv"``, ``"sample.txt"``...); random when
    None."""
    return _media_path("data", filename)


def get_media_info() -> dict[str, list[str]]:
    """The file names of each kind: ``{"images": [...], "videos": [...], ...}``."""
    return {kind: _names(kind) for kind in _KINDS}
