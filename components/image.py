"""Image: upload, paste or show a picture."""

from __future__ import annotations

import io
import os
import sys
import warnings
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any, ClassVar, Literal

from blocks.components._files import (
    FILE_DATA_SCHEMA,
    Clearable,
    Uploadable,
    example_file,
    file_output,
    resolve_file,
)
from blocks.components.base import Changeable, Component, Inputable, Selectable
from blocks.graph.filestore import current_cache

if TYPE_CHECKING:
    from PIL.Image import Image as PILImage

__all__ = ["Image"]

_TYPES = ("numpy", "pil", "filepath")
_SOURCES = ("upload", "webcam", "clipboard")
_ORIENTATION = 0x0112  # the EXIF tag


class Image(Component, Changeable, Inputable, Uploadable, Clearable, Selectable):
    """An image input or output.

    The listener receives (``type``) a numpy array (the default, as the reference does), a
    PIL image or the path of the file, converted to ``image_mode`` (None keeps the file's).
    A listener may return a PIL image, a numpy array (H×W, H×W×3 or H×W×4; floats in 0..1 are
    scaled), a file path, a URL (shown as is, never fetched) or a FileData dict. Images are
    stored in ``format`` ("webp", "png", "jpeg"...). An upload that is not an image, or has
    more than ``MAX_PIXELS`` pixels (a decompression bomb), is refused with a clear error.
    The webcam is not offered; ``sources`` may still name it for compatibility.
    """

    DECODES: ClassVar[bool] = True
    PROPS = (
        "format",
        "height",
        "width",
        "image_mode",
        "sources",
        "type",
        "show_download_button",
        "show_fullscreen_button",
        "placeholder",
    )
    MAX_PIXELS: ClassVar[int] = 89_478_485  # Pillow's own default limit

    def __init__(
        self,
        value: Any = None,
        *,
        format: str = "webp",
        height: int | str | None = None,
        width: int | str | None = None,
        image_mode: str | None = "RGB",
        sources: Sequence[str] | str | None = None,
        type: Literal["numpy", "pil", "filepath"] = "numpy",
        show_download_button: bool = True,
        show_fullscreen_button: bool = True,
        placeholder: str | None = None,
        show_share_button: bool | None = None,
        mirror_webcam: bool = True,
        streaming: bool = False,
        webcam_constraints: dict[str, Any] | None = None,
        **kwargs: Any,
    ) -> None:
        if type not in _TYPES:
            raise ValueError(f"Image type must be one of {', '.join(_TYPES)}, got {type!r}")
        if streaming:
            raise ValueError("Image(streaming=True) needs a webcam, which Blocks does not offer")
        sources = (
            [sources] if isinstance(sources, str) else list(sources or ("upload", "clipboard"))
        )
        unknown = [source for source in sources if source not in _SOURCES]
        if unknown:
            raise ValueError(f"Image sources must be among {', '.join(_SOURCES)}, got {unknown}")
        self.format = format.lower()
        self.height = height
        self.width = width
        self.image_mode = image_mode
        self.sources = sources
        self.type = type
        self.show_download_button = show_download_button
        self.show_fullscreen_button = show_fullscreen_button
        self.placeholder = placeholder
        super().__init__(value=value, **kwargs)

    def preprocess(self, payload: Any) -> Any:
        if payload is None:
            return None
        stored = resolve_file(self, payload, None)
        image, changed = self._open(stored.path, stored.name)
        if self.image_mode is not None and image.mode != self.image_mode:
            with warnings.catch_warnings():
                warnings.simplefilter("ignore")  # palette transparency notes
                image = image.convert(self.image_mode)
            changed = True
        if self.type == "pil":
            return image
        if self.type == "numpy":
            return _numpy().array(image)
        if not changed:
            return str(stored.path)
        # PNG: lossless, and it keeps every common mode (L, RGBA, P...).
        data = self._save(image, Path(stored.name).stem or "image", "png")
        return str(current_cache().path_of(data["id"]))

    def postprocess(self, value: Any) -> dict[str, Any] | None:
        if value is None:
            return None
        if isinstance(value, (str, os.PathLike, dict)):
            return file_output(value, self)
        return self._save(self._as_pil(value), "image")

    def api_info(self) -> dict[str, Any]:
        return {**FILE_DATA_SCHEMA, "type": ["object", "null"]}

    def example_payload(self) -> dict[str, Any]:
        return example_file(["image"])

    # ------------------------------------------------------------------ helpers

    def _open(self, path: Path, name: str) -> tuple[PILImage, bool]:
        """The decoded image (upright per its EXIF) and whether it differs from the file."""
        from PIL import Image as PIL
        from PIL import ImageOps, UnidentifiedImageError

        too_large = f"{name} has too many pixels (the limit is {self.MAX_PIXELS:,})"
        try:
            # Opened here, not by Pillow, so the file is closed whatever goes wrong.
            with path.open("rb") as file, warnings.catch_warnings():
                warnings.simplefilter("error", PIL.DecompressionBombWarning)
                image = PIL.open(file)
                width, height = image.size
                if width * height > self.MAX_PIXELS:
                    raise self.invalid(f"{too_large}: it is {width}×{height}")
                image.load()
        except (PIL.DecompressionBombWarning, PIL.DecompressionBombError):
            raise self.invalid(too_large) from None
        except UnidentifiedImageError:
            raise self.invalid(f"{name} is not an image in a format Blocks can read") from None
        except (OSError, SyntaxError, ValueError, EOFError):
            raise self.invalid(f"{name} is damaged: it could not be read as an image") from None
        if image.getexif().get(_ORIENTATION, 1) == 1:
            return image, False
        return ImageOps.exif_transpose(image), True

    def _as_pil(self, value: Any) -> PILImage:
        from PIL import Image as PIL

        if isinstance(value, PIL.Image):
            return value
        numpy = sys.modules.get("numpy")
        if numpy is not None and isinstance(value, numpy.ndarray):
            return _array_to_pil(value)
        raise TypeError(
            f"{self!r} cannot show {type(value).__name__}: return a PIL image, a numpy array, "
            "a file path or a URL"
        )

    def _save(self, image: PILImage, stem: str, fmt: str | None = None) -> dict[str, Any]:
        fmt = fmt or {"jpg": "jpeg"}.get(self.format, self.format)
        buffer = io.BytesIO()
        try:
            image.save(buffer, format=fmt)
        except (OSError, ValueError, KeyError):
            # A mode this format cannot hold (RGBA as JPEG, 16-bit as WebP...).
            has_alpha = "A" in image.getbands() or "transparency" in image.info
            mode = "RGBA" if has_alpha and fmt != "jpeg" else "RGB"
            buffer = io.BytesIO()
            image.convert(mode).save(buffer, format=fmt)
        extension = {"jpeg": "jpg"}.get(fmt, fmt)
        return current_cache().add_bytes(buffer.getvalue(), f"{stem}.{extension}")


def _numpy() -> Any:
    """numpy, needed only for ``type="numpy"`` (it is not a dependency of Blocks)."""
    try:
        import numpy
    except ImportError:
        raise ModuleNotFoundError(
            'gr.Image(type="numpy") needs the numpy package: pip install numpy '
            '(or use type="pil" or type="filepath")',
            name="numpy",
        ) from None
    return numpy


def _array_to_pil(array: Any) -> PILImage:
    import numpy
    from PIL import Image as PIL

    data = numpy.asarray(array)
    if data.ndim == 3 and data.shape[2] == 1:
        data = data[:, :, 0]
    if data.ndim not in (2, 3) or (data.ndim == 3 and data.shape[2] not in (3, 4)):
        raise ValueError(
            f"an image array must be H×W, H×W×3 or H×W×4, got shape {tuple(data.shape)}"
        )
    if data.dtype == bool:
        data = data.astype(numpy.uint8) * 255
    elif numpy.issubdtype(data.dtype, numpy.floating):
        data = numpy.nan_to_num(data.astype(numpy.float64))
        if data.size and data.min() >= 0 and data.max() <= 1:
            data = data * 255
        data = numpy.clip(numpy.rint(data), 0, 255).astype(numpy.uint8)
    elif data.dtype != numpy.uint8:
        if data.size and (data.min() < 0 or data.max() > 255):
            top = numpy.iinfo(data.dtype).max
            data = numpy.clip(data.astype(numpy.float64) / top * 255, 0, 255)
        data = data.astype(numpy.uint8)
    return PIL.fromarray(data)
