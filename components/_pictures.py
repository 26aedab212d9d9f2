"""Pictures for components that hold several (Gallery, ImageSlider): each one read and written
the way gr.Image reads and writes its own, by an Image that does the work."""

from __future__ import annotations

import os
import sys
from typing import TYPE_CHECKING, Any, Literal

from blocks.components._files import file_output
from blocks.components.image import Image

if TYPE_CHECKING:
    from blocks.components.base import Component

__all__ = ["is_picture_object", "picture_in", "picture_out"]


def is_picture_object(value: Any) -> bool:
    """A PIL image or a numpy array (pixels in memory, not a file yet)."""
    from PIL import Image as PIL

    numpy = sys.modules.get("numpy")
    return isinstance(value, PIL.Image) or (numpy is not None and isinstance(value, numpy.ndarray))


def picture_in(
    owner: Component,
    payload: Any,
    kind: Literal["numpy", "pil", "filepath"],
    image_mode: str | None,
) -> Any:
    """An uploaded picture (FileData) as a listener wants it (``kind``: "numpy", "pil" or
    "filepath"): decoded, upright and checked as gr.Image does, its errors naming ``owner``."""
    name = owner.label or type(owner).__name__
    reader = Image(type=kind, image_mode=image_mode, label=name, render=False)
    return reader.preprocess(payload)


def picture_out(owner: Component, value: Any, fmt: str) -> dict[str, Any]:
    """What a listener returned for one picture -> its FileData: a PIL image or numpy array is
    stored in ``fmt``; a path, URL (shown as is) or FileData dict goes as a file does."""
    if is_picture_object(value):
        data = Image(format=fmt, render=False).postprocess(value)
        assert data is not None  # a picture in memory is always stored
        return data
    if isinstance(value, (str, os.PathLike, dict)):
        return file_output(value, owner)
    raise TypeError(
        f"{owner!r} cannot show {type(value).__name__}: give a PIL image, a numpy array, a file "
        "path, a URL or a FileData dict"
    )
