"""Video: upload or record a clip from the webcam, or play one, with subtitles."""

from __future__ import annotations

import dataclasses
import json
import os
import warnings
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from blocks.components._files import (
    FILE_DATA_SCHEMA,
    Clearable,
    Uploadable,
    file_output,
    resolve_file,
)
from blocks.components._video_media import (
    VideoError,
    check_subtitle_name,
    cues_to_vtt,
    empty_mp4,
    ffmpeg,
    has_ffmpeg,
    looks_like_video,
    read_text,
    srt_to_vtt,
    video_duration,
)
from blocks.components.base import Changeable, Component
from blocks.graph.events import EventListener
from blocks.graph.filestore import current_cache
from blocks.protocol.files import is_url, url_data

__all__ = ["Video", "WebcamOptions"]

_SOURCES = ("upload", "webcam")
_BUTTONS = ("download", "share")
_ACCEPTED = ["video", ".mp4", ".m4v", ".mov", ".webm", ".mkv", ".ogv", ".ogg", ".avi"]
_ACCEPTED += [".3gp", ".flv", ".wmv", ".mpg", ".mpeg", ".ts"]
# Containers browsers play; with ffmpeg on PATH, other videos a listener returns become MP4.
_PLAYABLE = (".mp4", ".m4v", ".webm", ".ogv", ".ogg")
_WATERMARKS = (".png", ".jpg", ".jpeg")


@dataclasses.dataclass
class WebcamOptions:
    """The webcam of a Video (or Image): ``mirror`` shows the preview as a mirror (and flips a
    webcam-only recording to match), ``constraints`` are getUserMedia's ``MediaStreamConstraints``
    (``{"video": {"width": 640, "facingMode": "user"}}``...)."""

    mirror: bool = True
    constraints: dict[str, Any] | None = None


class _Playable:
    play = EventListener("play", "The user played the video.")
    pause = EventListener("pause", "The video stopped playing, for any reason.")
    stop = EventListener("stop", "The video played to its end.")
    end = EventListener("end", "The video played to its end.")


class _Recordable:
    start_recording = EventListener("start_recording", "The user started recording.")
    stop_recording = EventListener("stop_recording", "The user stopped recording.")


class Video(Component, Changeable, Clearable, _Playable, _Recordable, Uploadable):
    """A video input (an upload, or a recording from the webcam) or output (a player).

    The listener receives the path of the video (``str``). A listener may return a path, a URL
    (played as is, never fetched), a FileData dict, or ``(video, subtitles)``: subtitles are a
    ``.vtt`` or ``.srt`` file (SRT is converted to WebVTT here), shown as a track of the
    player. ``subtitles=`` gives a track for any value (also a ``.json`` file or a list of
    ``{"text", "timestamp": [start, end]}``). The wire value is ``{"video": FileData,
    "subtitles": FileData | None}``.

    Conversions need ``ffmpeg`` on the server's PATH and are skipped without it, the file kept
    as it is: ``format`` (input and output), a webcam-only recording flipped to match its
    mirrored preview, the audio dropped when ``include_audio`` is False, ``watermark``, and
    returned videos in containers browsers do not play (.avi, .mkv...) made MP4.
    ``min_length``/``max_length`` read an MP4's length directly; other containers need ffmpeg
    (the upload is refused, saying so, when it is missing).
    """

    PROPS = (
        "format",
        "sources",
        "height",
        "width",
        "autoplay",
        "loop",
        "include_audio",
        "show_download_button",
        "show_share_button",
        "min_length",
        "max_length",
        "mirror_webcam",
        "webcam_constraints",
    )

    def __init__(
        self,
        value: Any = None,
        *,
        format: str | None = None,
        sources: Sequence[str] | str | None = None,
        height: int | str | None = None,
        width: int | str | None = None,
        mirror_webcam: bool | None = None,
        webcam_options: WebcamOptions | dict[str, Any] | None = None,
        include_audio: bool | None = None,
        autoplay: bool = False,
        show_share_button: bool | None = None,
        show_download_button: bool | None = None,
        buttons: Sequence[str] | None = None,
        min_length: int | float | None = None,
        max_length: int | float | None = None,
        loop: bool = False,
        streaming: bool = False,
        watermark: str | os.PathLike[str] | None = None,
        webcam_constraints: dict[str, Any] | None = None,
        subtitles: str | os.PathLike[str] | list[dict[str, Any]] | None = None,
        **kwargs: Any,
    ) -> None:
        sources = list(_SOURCES) if sources is None else sources
        sources = [sources] if isinstance(sources, str) else list(sources)
        if not sources or any(source not in _SOURCES for source in sources):
            raise ValueError(f"Video sources must be among {', '.join(_SOURCES)}, got {sources}")
        if streaming:
            raise ValueError("Video(streaming=True) is not supported by Blocks")
        if format is not None and (not isinstance(format, str) or not format.strip(". ")):
            raise ValueError(f"Video format must be an extension such as 'mp4', got {format!r}")
        if buttons is not None:
            if isinstance(buttons, str) or any(b not in _BUTTONS for b in buttons):
                raise ValueError(
                    f'Video(buttons=...) takes a list of "download", "share": {buttons}'
                )
            show_download_button = "download" in buttons
            show_share_button = "share" in buttons
        for name, length in (("min_length", min_length), ("max_length", max_length)):
            if length is not None and (
                isinstance(length, bool) or not isinstance(length, (int, float)) or length < 0
            ):
                raise ValueError(f"Video {name} must be a number of seconds, got {length!r}")
        if watermark is not None and Path(watermark).suffix.lower() not in _WATERMARKS:
            raise ValueError(f"Video watermark must be a .png or .jpg image, got {watermark!r}")
        if subtitles is not None and not isinstance(subtitles, (str, os.PathLike, list)):
            raise TypeError(f"Video subtitles must be a path or a list of cues, got {subtitles!r}")
        options = webcam_options or WebcamOptions()
        if isinstance(options, dict):
            options = WebcamOptions(**options)
        self.format = format.strip(". ").lower() if format else None
        self.sources = sources
        self.height = height
        self.width = width
        self.mirror_webcam = options.mirror if mirror_webcam is None else mirror_webcam
        self.webcam_constraints = (
            webcam_constraints if webcam_constraints is not None else options.constraints
        )
        self.include_audio = "upload" in sources if include_audio is None else include_audio
        self.autoplay = autoplay
        self.show_share_button = show_share_button
        self.show_download_button = show_download_button
        self.min_length = min_length
        self.max_length = max_length
        self.loop = loop
        self.watermark = watermark
        self.subtitles = subtitles
        super().__init__(value=value, **kwargs)

    # ------------------------------------------------------------------ in

    def preprocess(self, payload: Any) -> str | None:
        if payload is None:
            return None
        if isinstance(payload, dict) and "video" in payload:
            payload = payload["video"]
            if payload is None:
                return None
        stored = resolve_file(self, payload, _ACCEPTED)
        path, name = stored.path, stored.name
        if not looks_like_video(path):
            raise self.invalid(f"{name} is not a video file Blocks recognises")
        if self.min_length is not None or self.max_length is not None:
            self._check_length(path, name)
        suffix = path.suffix.lower()
        target = f".{self.format}" if self.format else suffix
        options = []
        if self.sources == ["webcam"] and self.mirror_webcam:
            options += ["-vf", "hflip"]  # the user saw a mirror while recording
        if not self.include_audio:
            options += ["-an"]
        if target == suffix and not options:
            return str(path)
        if target == suffix and "-vf" not in options:
            options += ["-c", "copy"]  # only the audio goes: no need to encode again
        try:
            data = ffmpeg(path, target, options)
        except VideoError as exc:
            raise self.invalid(f"{name} could not be converted: {exc}") from None
        if data is None:  # no ffmpeg: kept as it is (see the class docstring)
            return str(path)
        cache = current_cache()
        return str(cache.path_of(cache.add_bytes(data, f"{Path(name).stem}{target}")["id"]))

    def _check_length(self, path: Path, name: str) -> None:
        duration = video_duration(path)
        if duration is None:
            reason = "it cannot be read" if has_ffmpeg() else "that needs ffmpeg on the server"
            raise self.invalid(f"the length of {name} cannot be checked: {reason}")
        if self.min_length is not None and duration < self.min_length:
            raise self.invalid(
                f"the video is too short ({duration:.1f} s): it must be at least "
                f"{self.min_length} seconds long"
            )
        if self.max_length is not None and duration > self.max_length:
            raise self.invalid(
                f"the video is too long ({duration:.1f} s): it must be at most "
                f"{self.max_length} seconds long"
            )

    # ------------------------------------------------------------------ out

    def postprocess(self, value: Any) -> dict[str, Any] | None:
        if value is None or (isinstance(value, (tuple, list)) and list(value) == [None, None]):
            return None
        subtitles: Any = None
        if isinstance(value, dict) and "video" in value:
            value, subtitles = value["video"], value.get("subtitles")
        elif isinstance(value, (tuple, list)):
            if len(value) != 2:
                raise ValueError(
                    f"{self!r} takes a (video, subtitles) pair, got {len(value)} items"
                )
            value, subtitles = value
        if not isinstance(value, (str, os.PathLike, dict)):
            raise TypeError(
                f"{self!r} cannot play {type(value).__name__} {str(value)[:60]!r}: return a "
                "file path, a URL, a FileData dict or a (video, subtitles) pair"
            )
        if subtitles is None:
            subtitles = self.subtitles
        track = None if subtitles is None else self._subtitles(subtitles)
        return {"video": self._video(value), "subtitles": track}

    def _video(self, value: str | os.PathLike[str] | dict[str, Any]) -> dict[str, Any]:
        shown = file_output(value, self)
        if shown.get("id") is None:
            return shown  # a URL: never fetched, so never converted
        cache = current_cache()
        name = Path(str(shown.get("orig_name") or "video.mp4"))
        suffix = name.suffix.lower()
        target = f".{self.format}" if self.format else suffix
        if not self.format and suffix not in _PLAYABLE:
            target = ".mp4"
        options: list[str] = []
        extra: list[str] = []
        if self.watermark is not None:
            extra = ["-i", f"file:{os.fspath(self.watermark)}"]
            options = ["-filter_complex", "overlay=W-w-5:H-h-5"]
        if target == suffix and not options:
            return shown
        try:
            data = ffmpeg(cache.path_of(shown["id"]), target, options, extra)
        except VideoError as exc:
            warnings.warn(f"{self!r} shows {name.name} as it is: {exc}", stacklevel=2)
            return shown
        if data is None:  # no ffmpeg: kept as it is (see the class docstring)
            return shown
        return cache.add_bytes(data, f"{name.stem}{target}")

    def _subtitles(self, subtitles: Any) -> dict[str, Any]:
        cache = current_cache()
        if isinstance(subtitles, list):
            return cache.add_bytes(cues_to_vtt(subtitles).encode(), "subtitles.vtt")
        if isinstance(subtitles, str) and is_url(subtitles):
            if not subtitles.split("?")[0].lower().endswith(".vtt"):
                raise ValueError(
                    f"{self!r} shows subtitles from a URL only as WebVTT (.vtt), never fetching "
                    f"them to convert: {subtitles[:80]!r}"
                )
            return url_data(subtitles)
        if isinstance(subtitles, (str, os.PathLike)):
            name = Path(subtitles)
            check_subtitle_name(name.name)
            if name.suffix.lower() == ".vtt":
                return file_output(subtitles, self)
            shown = file_output(subtitles, self)
            path = cache.path_of(shown["id"])
        elif isinstance(subtitles, dict):
            shown = file_output(subtitles, self)
            name = Path(str(shown.get("orig_name") or ""))
            check_subtitle_name(name.name)
            if shown.get("id") is None or name.suffix.lower() == ".vtt":
                return shown
            path = cache.path_of(shown["id"])
        else:
            raise TypeError(
                f"{self!r} takes subtitles as a .srt/.vtt/.json path, a URL or a list of cues, "
                f"got {type(subtitles).__name__}"
            )
        text = read_text(path)
        if name.suffix.lower() == ".json":
            try:
                cues = json.loads(text)
            except ValueError as exc:
                raise ValueError(f"the subtitles {name.name} are not valid JSON: {exc}") from None
            vtt = cues_to_vtt(cues)
        else:
            vtt = srt_to_vtt(text)
        return cache.add_bytes(vtt.encode(), f"{name.stem}.vtt")

    # ------------------------------------------------------------------ schema

    def api_info(self) -> dict[str, Any]:
        return {
            "type": ["object", "null"],
            "description": 'a video: {"video": FileData, "subtitles": FileData | null}',
            "properties": {
                "video": FILE_DATA_SCHEMA,
                "subtitles": {**FILE_DATA_SCHEMA, "type": ["object", "null"]},
            },
            "required": ["video"],
        }

    def example_payload(self) -> dict[str, Any]:
        return {"video": current_cache().add_bytes(empty_mp4(1.0), "video.mp4"), "subtitles": None}
