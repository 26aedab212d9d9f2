"""ImageSlider: two pictures one over the other, compared by dragging a divider."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any, ClassVar, Literal

from blocks.components._checks import describe
from blocks.components._files import FILE_DATA_SCHEMA, Clearable, Uploadable, example_file
from blocks.components._pictures import picture_in, picture_out
from blocks.components.base import Changeable, Component, Inputable

__all__ = ["ImageSlider"]

_TYPES = ("numpy", "pil", "filepath")
_BUTTONS = ("download", "fullscreen")


class ImageSlider(Component, Changeable, Inputable, Uploadable, Clearable):
    """Two pictures of the same size, the second shown right of a divider the user drags (or
    moves with the arrow keys) to compare them. ``slider_position`` is where the divider
    starts, in percent of the width.

    The value is a pair: a listener may return ``(before, after)``, each a PIL image, a numpy
    array, a file path, a URL (shown as is, never fetched), a FileData dict or None. As an
    input (``interactive=True``: the user uploads both), the listener receives the pair as
    ``type`` says (numpy arrays by default, as the reference does; PIL images or paths),
    converted to ``image_mode`` (None keeps each file's).
    """

    DECODES: ClassVar[bool] = True
    PROPS = (
        "format",
        "height",
        "width",
        "image_mode",
        "type",
        "show_download_button",
        "show_fullscreen_button",
        "slider_position",
        "max_height",
    )

    def __init__(
        self,
        value: Any = None,
        *,
        format: str = "webp",
        height: int | str | None = None,
        width: int | str | None = None,
        image_mode: str | None = "RGB",
        type: Literal["numpy", "pil", "filepath"] = "numpy",
        show_download_button: bool = True,
        show_fullscreen_button: bool = True,
        slider_position: float = 50,
        max_height: int = 500,
        buttons: Sequence[str] | None = None,
        **kwargs: Any,
    ) -> None:
        if type not in _TYPES:
            raise ValueError(f"ImageSlider type must be one of {', '.join(_TYPES)}, got {type!r}")
        if (
            isinstance(slider_position, bool)
            or not isinstance(slider_position, (int, float))
            or not 0 <= slider_position <= 100
        ):
            raise ValueError(
                "ImageSlider slider_position is a percentage from 0 to 100, got "
                f"{slider_position!r}"
            )
        if buttons is not None:
            if isinstance(buttons, str) or any(b not in _BUTTONS for b in buttons):
                raise ValueError(
                    'ImageSlider(buttons=...) takes a list of "download", "fullscreen": '
                    f"{buttons!r}"
                )
            show_download_button = "download" in buttons
            show_fullscreen_button = "fullscreen" in buttons
        self.format = format.lower()
        self.height = height
        self.width = width
        self.image_mode = image_mode
        self.type = type
        self.show_download_button = show_download_button
        self.show_fullscreen_button = show_fullscreen_button
        self.slider_position = slider_position
        self.max_height = max_height
        super().__init__(value=value, **kwargs)

    def preprocess(self, payload: Any) -> tuple[Any, Any] | None:
        if payload is None:
            return None
        if not isinstance(payload, list) or len(payload) != 2:
            raise self.invalid(f"expected a pair of pictures, got {describe(payload)}")
        first, second = (
            None if part is None else picture_in(self, part, self.type, self.image_mode)
            for part in payload
        )
        return first, second

    def postprocess(self, value: Any) -> list[dict[str, Any] | None] | None:
        if value is None:
            return None
        if not isinstance(value, (tuple, list)) or len(value) != 2:
            raise TypeError(
                f"{self!r} shows a pair of pictures (before, after), got {describe(value)}"
            )
        return [None if part is None else picture_out(self, part, self.format) for part in value]

    def api_info(self) -> dict[str, Any]:
        picture = {**FILE_DATA_SCHEMA, "type": ["object", "null"]}
        return {"type": ["array", "null"], "items": picture, "minItems": 2, "maxItems": 2}

    def example_payload(self) -> list[dict[str, Any]]:
        return [example_file(["image"]), example_file(["image"])]
