"""Audio: upload or record a sound, or play one (streamed chunk by chunk from a generator)."""

from __future__ import annotations

import dataclasses
import io
import os
import secrets
import wave
from collections.abc import Sequence
from contextvars import ContextVar
from pathlib import Path
from typing import Any, ClassVar, Literal

from blocks.components._audio_codec import (
    AudioError,
    NeedsFfmpeg,
    encode_wav,
    ffmpeg_convert,
    join_wavs,
    read_wav,
    sniff_extension,
    wav_info,
)
from blocks.components._files import (
    FILE_DATA_SCHEMA,
    Clearable,
    Uploadable,
    file_output,
    resolve_file,
)
from blocks.components.base import Changeable, Component, Inputable
from blocks.graph.events import BoundEvent, EventListener
from blocks.graph.filestore import current_cache
from blocks.graph.helpers import current_reporter

__all__ = ["Audio", "WaveformOptions"]

_SOURCES = ("upload", "microphone")
_TYPES = ("numpy", "filepath")
_FORMATS = ("wav", "mp3")
_BUTTONS = ("download", "share")
# What an upload may be: any audio type, and the containers browsers record audio in.
_ACCEPTED = ["audio", ".wav", ".mp3", ".ogg", ".oga", ".opus", ".webm", ".weba", ".m4a", ".mp4"]
_JOINABLE = (".mp3", ".aac")  # frame by frame formats: their bytes simply concatenate


@dataclasses.dataclass
class WaveformOptions:
    """How the reference draws an Audio's waveform. Blocks shows the browser's own player, so
    only ``show_recording_waveform`` (a level meter while recording) changes anything; the
    other fields are accepted for compatibility."""

    waveform_color: str | None = None
    waveform_progress_color: str | None = None
    trim_region_color: str | None = None
    show_recording_waveform: bool = True
    show_controls: bool = False
    skip_length: int | float = 5
    sample_rate: int = 44100


class _Playable:
    play = EventListener("play", "The user played the audio.")
    pause = EventListener("pause", "The audio stopped playing, for any reason.")
    stop = EventListener("stop", "The audio played to its end.")


class _Recordable:
    start_recording = EventListener("start_recording", "The user started recording.")
    pause_recording = EventListener("pause_recording", "The user paused the recording.")
    stop_recording = EventListener("stop_recording", "The user stopped recording.")


class _StreamEvent(BoundEvent):
    """``audio.stream(fn, inputs, outputs, stream_every=0.5, time_limit=None)``: fn runs on each
    chunk the microphone records, every ``stream_every`` seconds, for at most ``time_limit``
    seconds of recording. Every chunk is sent (``trigger_mode="multiple"``): a State input
    sees them all, in order, as jobs of one listener run one after the other."""

    def __call__(self, *args: Any, **kwargs: Any) -> Any:
        stream_every = kwargs.setdefault("stream_every", 0.5)
        time_limit = kwargs.pop("time_limit", None)
        for name, number in (("stream_every", stream_every), ("time_limit", time_limit)):
            if number is not None and (
                isinstance(number, bool) or not isinstance(number, (int, float)) or number <= 0
            ):
                raise ValueError(f"{name} must be a positive number of seconds, got {number!r}")
        kwargs.setdefault("trigger_mode", "multiple")
        kwargs.setdefault("show_progress", "minimal")
        block: Any = self.block
        if "microphone" not in block.sources:
            raise ValueError("Audio streaming only works when sources includes 'microphone'")
        block.streaming = True
        block.stream_every = stream_every
        block.time_limit = time_limit
        return super().__call__(*args, **kwargs)


class _StreamListener(EventListener):
    def __get__(self, instance: Any, owner: type) -> Any:
        if instance is None:
            return self
        return _StreamEvent(instance, self.name)


@dataclasses.dataclass
class _Streams:
    """The chunks each streaming output got in one job (``job``: that job's reporter)."""

    job: object
    by_block: dict[int, tuple[str, list[dict[str, Any]]]]


_streams: ContextVar[_Streams | None] = ContextVar("blocks_audio_streams", default=None)


class Audio(Component, Changeable, Inputable, Uploadable, Clearable, _Playable, _Recordable):
    """An audio input (an upload or a recording from the microphone) or output (a player).

    The listener receives (``type``) ``(sample_rate, samples)``, samples an int16 numpy array
    shaped (samples,) or (samples, channels), or the path of the file (in ``format`` when set).
    Recordings are WAV, made in the browser; other uploads (mp3, webm...) need ffmpeg on the
    server for arrays, lengths and conversions, and say so when it is missing.

    A listener may return a path, a URL (played as is, never fetched), a FileData dict, bytes
    or ``(sample_rate, samples)`` (written as a 16-bit WAV; floats in -1..1 are scaled, louder
    ones normalised by their peak; ``format="mp3"`` needs ffmpeg). With ``streaming=True`` an
    output plays what a generator yields chunk after chunk, each chunk queued after the last;
    its value then also carries ``"chunks"``, every chunk of the stream so far.
    """

    DECODES: ClassVar[bool] = True
    PROPS = (
        "sources",
        "type",
        "format",
        "streaming",
        "autoplay",
        "loop",
        "show_download_button",
        "show_share_button",
        "editable",
        "min_length",
        "max_length",
        "waveform_options",
        "recording",
        "stream_every",
        "time_limit",
    )

    stream = _StreamListener("stream", "The microphone recorded another chunk (streaming).")

    def __init__(
        self,
        value: Any = None,
        *,
        sources: Sequence[str] | str | None = None,
        type: Literal["numpy", "filepath"] = "numpy",
        format: Literal["wav", "mp3"] | None = None,
        streaming: bool = False,
        autoplay: bool = False,
        loop: bool = False,
        show_download_button: bool | None = None,
        show_share_button: bool | None = None,
        buttons: Sequence[str] | None = None,
        editable: bool = True,
        min_length: float | None = None,
        max_length: float | None = None,
        waveform_options: WaveformOptions | dict[str, Any] | None = None,
        recording: bool = False,
        **kwargs: Any,
    ) -> None:
        if sources is None:
            sources = ["microphone"] if streaming else list(_SOURCES)
        sources = [sources] if isinstance(sources, str) else list(sources)
        unknown = [source for source in sources if source not in _SOURCES]
        if unknown or not sources:
            raise ValueError(f"Audio sources must be among {', '.join(_SOURCES)}, got {sources}")
        if type not in _TYPES:
            raise ValueError(f"Audio type must be 'numpy' or 'filepath', got {type!r}")
        if format is not None and (not isinstance(format, str) or format.lower() not in _FORMATS):
            raise ValueError(f"Audio format must be 'wav', 'mp3' or None, got {format!r}")
        if streaming and "microphone" not in sources:
            raise ValueError("Audio streaming only works when sources includes 'microphone'")
        if buttons is not None:
            if isinstance(buttons, str) or any(b not in _BUTTONS for b in buttons):
                raise ValueError(
                    f'Audio(buttons=...) takes a list of "download", "share": {buttons}'
                )
            show_download_button = "download" in buttons
            show_share_button = "share" in buttons
        for name, length in (("min_length", min_length), ("max_length", max_length)):
            if length is not None and (
                isinstance(length, bool) or not isinstance(length, (int, float)) or length < 0
            ):
                raise ValueError(f"Audio {name} must be a number of seconds, got {length!r}")
        if isinstance(waveform_options, dict):
            waveform_options = WaveformOptions(**waveform_options)
        self.sources = sources
        self.type = type
        self.format = format.lower() if format else None
        self.streaming = streaming
        self.autoplay = autoplay
        self.loop = loop
        self.show_download_button = show_download_button
        self.show_share_button = show_share_button
        self.editable = editable
        self.min_length = min_length
        self.max_length = max_length
        self.waveform_options = waveform_options or WaveformOptions()
        self.recording = recording
        self.stream_every: float = 0.5  # set by .stream(stream_every=...)
        self.time_limit: float | None = None
        super().__init__(value=value, **kwargs)

    # ------------------------------------------------------------------ in

    def preprocess(self, payload: Any) -> Any:
        if payload is None:
            return None
        path, name = self._source(payload)
        is_wav = _is_wav(path)
        lengths = self.min_length is not None or self.max_length is not None
        converted: bytes | None = None
        if not is_wav and (self.type == "numpy" or lengths or self.format == "wav"):
            converted = self._convert(path, "wav", f"reading {name}", invalid=True)
        if self.type == "numpy" or lengths:
            try:
                with io.BytesIO(converted) if converted else path.open("rb") as file:
                    if lengths:
                        self._check_length(wav_info(file).duration)
                    if self.type == "numpy":
                        return read_wav(file)
            except AudioError as exc:
                raise self.invalid(f"{name} cannot be read: {exc}") from None
        if converted is not None and self.format == "wav":
            return self._stored(converted, f"{Path(name).stem}.wav")
        if self.format == "mp3" and path.suffix.lower() != ".mp3":
            mp3 = self._convert(path, "mp3", f"converting {name} to mp3", invalid=True)
            return self._stored(mp3, f"{Path(name).stem}.mp3")
        return str(path)

    def _source(self, payload: Any) -> tuple[Path, str]:
        """The file a payload means: an upload, or the chunks of a streamed value joined."""
        chunks = payload.get("chunks") if isinstance(payload, dict) else None
        if not isinstance(chunks, list) or len(chunks) < 2:
            if isinstance(chunks, list) and chunks:
                payload = chunks[0]
            stored = resolve_file(self, payload, _ACCEPTED)
            return stored.path, stored.name
        self.check_size(chunks)
        files = [resolve_file(self, chunk, _ACCEPTED).path for chunk in chunks]
        suffixes = {path.suffix.lower() for path in files}
        try:
            if all(_is_wav(path) for path in files):
                handles = [path.open("rb") for path in files]
                try:
                    joined, name = join_wavs(handles), "stream.wav"
                finally:
                    for handle in handles:
                        handle.close()
            elif len(suffixes) == 1 and suffixes <= set(_JOINABLE):
                joined = b"".join(path.read_bytes() for path in files)
                name = f"stream{suffixes.pop()}"
            else:
                raise AudioError("its chunks are of different or unjoinable formats")
        except AudioError as exc:
            raise self.invalid(f"the streamed audio cannot be read back: {exc}") from None
        data = current_cache().add_bytes(joined, name)
        return current_cache().path_of(data["id"]), name

    def _check_length(self, duration: float) -> None:
        if self.min_length is not None and duration < self.min_length:
            raise self.invalid(
                f"the audio is too short ({duration:.1f} s): it must be at least "
                f"{self.min_length} seconds long"
            )
        if self.max_length is not None and duration > self.max_length:
            raise self.invalid(
                f"the audio is too long ({duration:.1f} s): it must be at most "
                f"{self.max_length} seconds long"
            )

    def _convert(self, path: Path, fmt: str, what: str, *, invalid: bool) -> bytes:
        try:
            return ffmpeg_convert(path, fmt, what)
        except NeedsFfmpeg as exc:
            raise (self.invalid(str(exc)) if invalid else exc) from None
        except AudioError as exc:
            if not invalid:
                raise
            raise self.invalid(f"{path.name} cannot be read: {exc}") from None

    @staticmethod
    def _stored(data: bytes, name: str) -> str:
        cache = current_cache()
        return str(cache.path_of(cache.add_bytes(data, name)["id"]))

    # ------------------------------------------------------------------ out

    def postprocess(self, value: Any) -> dict[str, Any] | None:
        chunk = None if value is None else self._file(value)
        return self._streamed(chunk) if self.streaming else chunk

    def _file(self, value: Any) -> dict[str, Any]:
        cache = current_cache()
        if isinstance(value, (bytes, bytearray, memoryview)):
            data = bytes(value)
            return cache.add_bytes(data, f"audio{sniff_extension(data)}")
        if isinstance(value, (tuple, list)) and len(value) == 2 and _array_like(value[1]):
            wav = encode_wav(value[0], value[1])
            if self.format != "mp3":
                return cache.add_bytes(wav, "audio.wav")
            stored = Path(self._stored(wav, "audio.wav"))
            return cache.add_bytes(
                self._convert(stored, "mp3", "format='mp3'", invalid=False), "audio.mp3"
            )
        if isinstance(value, (str, os.PathLike, dict)):
            # Stored first: the cache checks that the app may serve this path at all.
            shown = file_output(value, self)
            name = Path(str(shown.get("orig_name") or "audio"))
            if shown.get("id") is None or not self.format or name.suffix == f".{self.format}":
                return shown
            what = f"format={self.format!r} for {name.name}"
            converted = self._convert(cache.path_of(shown["id"]), self.format, what, invalid=False)
            return cache.add_bytes(converted, f"{name.stem}.{self.format}")
        raise TypeError(
            f"{self!r} cannot play {type(value).__name__} {str(value)[:60]!r}: return a file "
            "path, a URL, bytes or a (sample_rate, numpy array) tuple"
        )

    def _streamed(self, chunk: dict[str, Any] | None) -> dict[str, Any] | None:
        """The value of a streaming output: the newest chunk, with every chunk this job
        produced so far. Yields that arrive faster than the page takes them are merged into
        one message, so each value carries the whole list: none is lost, and the page gets
        only the new items (lists that grow are sent as their new tail)."""
        job = current_reporter.get()
        if job is None:  # not in a running job (the config's value): a stream of one chunk
            return None if chunk is None else {**chunk, "stream": "", "chunks": [chunk]}
        streams = _streams.get()
        if streams is None or streams.job is not job:
            streams = _Streams(job, {})
            _streams.set(streams)
        key = self.id if self.id is not None else id(self)
        token, chunks = streams.by_block.setdefault(key, (secrets.token_hex(4), []))
        if chunk is not None:
            chunks.append(chunk)
        if not chunks:
            return None
        return {**chunks[-1], "stream": token, "chunks": list(chunks)}

    # ------------------------------------------------------------------ schema, config

    def api_info(self) -> dict[str, Any]:
        schema: dict[str, Any] = {**FILE_DATA_SCHEMA, "type": ["object", "null"]}
        if self.streaming:
            properties = dict(schema["properties"])
            properties["chunks"] = {
                "type": "array",
                "items": FILE_DATA_SCHEMA,
                "description": "a streamed value: every chunk so far, in order",
            }
            properties["stream"] = {"type": "string"}
            schema["properties"] = properties
        return schema

    def example_payload(self) -> dict[str, Any]:
        buffer = io.BytesIO()
        with wave.open(buffer, "wb") as out:  # a tenth of a second of silence
            out.setnchannels(1)
            out.setsampwidth(2)
            out.setframerate(8000)
            out.writeframes(b"\x00\x00" * 800)
        return current_cache().add_bytes(buffer.getvalue(), "audio_sample.wav")

    def get_props(self) -> dict[str, Any]:
        return self.wire_props(super().get_props())

    def wire_props(self, props: dict[str, Any]) -> dict[str, Any]:
        options = props.get("waveform_options")
        if dataclasses.is_dataclass(options) and not isinstance(options, type):
            props = {**props, "waveform_options": dataclasses.asdict(options)}
        return props


def _is_wav(path: Path) -> bool:
    with path.open("rb") as file:
        head = file.read(12)
    return head[:4] == b"RIFF" and head[8:12] == b"WAVE"


def _array_like(value: Any) -> bool:
    return not isinstance(value, (str, bytes, dict)) and (
        hasattr(value, "__array__") or isinstance(value, (list, tuple))
    )
