"""Model3D: show a 3D model (.obj, .glb, .gltf, .stl, .ply) the user can turn, or upload one."""

from __future__ import annotations

import numbers
import os
from collections.abc import Sequence
from typing import Any, Literal

from blocks.components._files import (
    FILE_DATA_SCHEMA,
    Clearable,
    Uploadable,
    file_output,
    resolve_file,
)
from blocks.components.base import Changeable, Component
from blocks.graph.events import EventListener
from blocks.graph.filestore import current_cache

__all__ = ["Model3D"]

FILE_TYPES = [".obj", ".glb", ".gltf", ".stl", ".ply"]
_MODES = ("solid", "point_cloud", "wireframe")
# A triangle: the example a client may send.
_EXAMPLE_OBJ = b"# a triangle\nv 0 0 0\nv 1 0 0\nv 0 1 0\nf 1 2 3\n"


class _Editable:
    edit = EventListener("edit", "The user edited the model.")


class Model3D(Component, Changeable, Uploadable, _Editable, Clearable):
    """A 3D model shown with orbit controls (drag to turn, wheel to zoom, right-drag or
    Shift+drag to pan); as an input, the user uploads one (.obj, .glb, .gltf, .stl or .ply).

    The listener receives the path of the file (``str``); a listener may return a path, a URL
    or a FileData dict. A ``.gltf`` must carry its buffers and textures inside (data: URIs),
    since only the one file is uploaded or served; Gaussian splats (.splat) are not shown.

    ``camera_position`` is ``(alpha, beta, radius)``: the turn around the vertical axis and
    the angle from it, in degrees, and the distance from the model's centre (None keeps the
    default: in front, a little above, showing it whole). ``clear_color`` is the background
    as RGBA floats in 0..1 (transparent by default); ``display_mode`` draws the surfaces
    ("solid"), their edges ("wireframe") or their vertices ("point_cloud").
    """

    PROPS = (
        "display_mode",
        "clear_color",
        "camera_position",
        "zoom_speed",
        "pan_speed",
        "height",
    )

    def __init__(
        self,
        value: Any = None,
        *,
        display_mode: Literal["solid", "point_cloud", "wireframe"] | None = None,
        clear_color: Sequence[float] | None = None,
        camera_position: Sequence[int | float | None] = (None, None, None),
        zoom_speed: float = 1,
        pan_speed: float = 1,
        height: int | str | None = None,
        **kwargs: Any,
    ) -> None:
        if display_mode is not None and display_mode not in _MODES:
            raise ValueError(
                f"Model3D display_mode must be one of {', '.join(_MODES)}, got {display_mode!r}"
            )
        if clear_color is not None:
            clear_color = list(clear_color)
            if len(clear_color) != 4 or not all(_number(c) and 0 <= c <= 1 for c in clear_color):
                raise ValueError(
                    f"Model3D clear_color must be 4 numbers (R, G, B, A) in 0..1, got {clear_color}"
                )
        camera = list(camera_position)
        if len(camera) != 3 or not all(c is None or _number(c) for c in camera):
            raise ValueError(
                "Model3D camera_position must be (alpha, beta, radius), each a number or None, "
                f"got {camera_position!r}"
            )
        if camera[2] is not None and camera[2] <= 0:
            raise ValueError(f"Model3D camera_position radius must be positive, got {camera[2]}")
        for name, speed in (("zoom_speed", zoom_speed), ("pan_speed", pan_speed)):
            if not _number(speed) or speed <= 0:
                raise ValueError(f"Model3D {name} must be a positive number, got {speed!r}")
        self.display_mode = display_mode
        self.clear_color = clear_color
        self.camera_position = camera
        self.zoom_speed = zoom_speed
        self.pan_speed = pan_speed
        self.height = height
        super().__init__(value=value, **kwargs)

    def preprocess(self, payload: Any) -> str | None:
        if payload is None:
            return None
        if not isinstance(payload, dict):
            raise self.invalid(f"expected an uploaded 3D model file, got {type(payload).__name__}")
        return str(resolve_file(self, payload, FILE_TYPES).path)

    def postprocess(self, value: Any) -> dict[str, Any] | None:
        if value is None:
            return None
        if not isinstance(value, (str, os.PathLike, dict)):
            raise TypeError(
                f"{self!r} cannot show {type(value).__name__} {str(value)[:60]!r}: return the "
                "path or URL of a 3D model file, or a FileData dict"
            )
        return file_output(value, self)

    def api_info(self) -> dict[str, Any]:
        return {
            **FILE_DATA_SCHEMA,
            "type": ["object", "null"],
            "description": f"a 3D model ({', '.join(FILE_TYPES)}); "
            + FILE_DATA_SCHEMA["description"],
        }

    def example_payload(self) -> dict[str, Any]:
        return current_cache().add_bytes(_EXAMPLE_OBJ, "triangle.obj")


def _number(value: Any) -> bool:
    return isinstance(value, numbers.Real) and not isinstance(value, bool)
