"""The other names the reference gives its components, so apps written with them run.

Most are the same class under another spelling (``gr.Text is gr.Textbox``). The reference's
"templates" are thin subclasses that only change defaults (``TextArea``: ``lines=7``;
``Files``: ``file_count="multiple"``); each keeps the type of its original, so the page draws
it with the same element and the API describes it the same way.

Not here because the original does not exist yet: ``Annotatedimage`` (AnnotatedImage),
``Sketchpad``, ``Paint`` and ``ImageMask`` (ImageEditor).
"""

from __future__ import annotations

from typing import Any, ClassVar, Literal

from blocks.components.audio import Audio
from blocks.components.checkbox_group import CheckboxGroup
from blocks.components.dataframe import Dataframe
from blocks.components.file import File
from blocks.components.highlighted_text import HighlightedText
from blocks.components.json_component import JSON
from blocks.components.textbox import Textbox
from blocks.components.video import Video
from blocks.graph.layouts import Tab

__all__ = [
    "Checkboxgroup",
    "DataFrame",
    "Files",
    "Highlight",
    "Highlightedtext",
    "Json",
    "List",
    "Matrix",
    "Mic",
    "Microphone",
    "Numpy",
    "PlayableVideo",
    "TabItem",
    "Text",
    "TextArea",
]

Text = Textbox
Json = JSON
Highlight = HighlightedText
Highlightedtext = HighlightedText
Checkboxgroup = CheckboxGroup
TabItem = Tab
DataFrame = Dataframe


class TextArea(Textbox):
    """A Textbox of seven lines (``lines=7``) to begin with."""

    TYPE: ClassVar[str] = Textbox.TYPE

    def __init__(self, value: str | Any | None = None, *, lines: int = 7, **kwargs: Any) -> None:
        super().__init__(value, lines=lines, **kwargs)


class Files(File):
    """A File that takes several files (``file_count="multiple"``)."""

    TYPE: ClassVar[str] = File.TYPE

    def __init__(
        self,
        value: Any = None,
        *,
        file_count: Literal["single", "multiple", "directory"] = "multiple",
        **kwargs: Any,
    ) -> None:
        super().__init__(value, file_count=file_count, **kwargs)


class Microphone(Audio):
    """An Audio that records from the microphone only (``sources=["microphone"]``)."""

    TYPE: ClassVar[str] = Audio.TYPE

    def __init__(self, value: Any = None, **kwargs: Any) -> None:
        kwargs["sources"] = ["microphone"]
        super().__init__(value, **kwargs)


Mic = Microphone


class PlayableVideo(Video):
    """A Video stored as MP4 (``format="mp4"``), which every browser plays (the conversion
    needs ffmpeg on the server; without it the file is kept as it is)."""

    TYPE: ClassVar[str] = Video.TYPE

    def __init__(self, value: Any = None, *, format: str | None = "mp4", **kwargs: Any) -> None:
        super().__init__(value, format=format, **kwargs)


class Numpy(Dataframe):
    """A Dataframe whose listener receives a numpy array (``type="numpy"``)."""

    TYPE: ClassVar[str] = Dataframe.TYPE

    def __init__(self, value: Any = None, *, type: Literal["numpy"] = "numpy", **kwargs: Any):
        super().__init__(value, type=type, **kwargs)


class Matrix(Dataframe):
    """A Dataframe whose listener receives a list of rows (``type="array"``)."""

    TYPE: ClassVar[str] = Dataframe.TYPE

    def __init__(self, value: Any = None, *, type: Literal["array"] = "array", **kwargs: Any):
        super().__init__(value, type=type, **kwargs)


class List(Dataframe):
    """A one-column Dataframe whose listener receives a list of rows (``type="array"``,
    ``col_count=1``)."""

    TYPE: ClassVar[str] = Dataframe.TYPE

    def __init__(
        self,
        value: Any = None,
        *,
        type: Literal["array"] = "array",
        col_count: Any = 1,
        **kwargs: Any,
    ) -> None:
        super().__init__(value, type=type, col_count=col_count, **kwargs)
