"""Audio bytes for gr.Audio: WAV read and written with the standard library, formats sniffed,
and ffmpeg (when it is on PATH) for everything else.

WAV (PCM of 8, 16, 24 or 32 bits, 32/64-bit float, plain or WAVE_FORMAT_EXTENSIBLE) needs
nothing but numpy for arrays. Other formats (mp3, webm, ogg...) need the ffmpeg program; without
it :class:`NeedsFfmpeg` says so. Nothing here knows of components or the file cache.
"""

from __future__ import annotations

import io
import os
import shutil
import subprocess
import wave
from collections.abc import Sequence
from dataclasses import dataclass
from typing import IO, Any

__all__ = [
    "AudioError",
    "NeedsFfmpeg",
    "WavInfo",
    "encode_wav",
    "ffmpeg_convert",
    "join_wavs",
    "numpy",
    "read_wav",
    "sniff_extension",
    "wav_info",
]

_PCM, _FLOAT, _EXTENSIBLE = 0x0001, 0x0003, 0xFFFE
_FFMPEG_TIMEOUT = 300  # seconds, for one conversion
_UNKNOWN_SIZES = (0, 0xFFFFFFFF)  # a WAV written to a pipe does not know its length


class AudioError(ValueError):
    """Audio that cannot be read or written; the message says why, for the user."""


class NeedsFfmpeg(AudioError):
    """The work needs the ffmpeg program, which is not on PATH."""

    def __init__(self, what: str) -> None:
        super().__init__(
            f"{what} needs ffmpeg, which is not installed on the server (install it, e.g. "
            "`apt install ffmpeg`, and restart the app); without it only WAV audio can be read "
            "or written"
        )


@dataclass(frozen=True)
class WavInfo:
    """The format of a WAV file and where its samples are."""

    rate: int
    channels: int
    bits: int
    is_float: bool
    data_offset: int
    data_size: int

    @property
    def frame_size(self) -> int:
        return self.channels * self.bits // 8

    @property
    def duration(self) -> float:
        return self.data_size // self.frame_size / self.rate


def numpy() -> Any:
    """numpy, needed only for arrays (it is not a dependency of Blocks)."""
    try:
        import numpy
    except ImportError:
        raise ModuleNotFoundError(
            'gr.Audio with (sample_rate, array) values (type="numpy", the default) needs the '
            'numpy package: pip install numpy (or use gr.Audio(type="filepath"))',
            name="numpy",
        ) from None
    return numpy


def wav_info(file: IO[bytes]) -> WavInfo:
    """The format of the WAV in ``file`` (read from its start); AudioError if it is none."""
    file.seek(0, os.SEEK_END)
    total = file.tell()
    file.seek(0)
    header = file.read(12)
    if len(header) < 12 or header[:4] != b"RIFF" or header[8:12] != b"WAVE":
        raise AudioError("it is not a WAV file")
    fmt: tuple[int, int, int, bool] | None = None
    while True:
        chunk = file.read(8)
        if len(chunk) < 8:
            raise AudioError("it is damaged: it has no audio data")
        kind, size = chunk[:4], int.from_bytes(chunk[4:], "little")
        if kind == b"data":
            if fmt is None:
                raise AudioError("it is damaged: its samples come before their format")
            offset = file.tell()
            available = total - offset
            size = available if size in _UNKNOWN_SIZES else min(size, available)
            return WavInfo(*fmt, data_offset=offset, data_size=size)
        body = file.read(size + (size & 1))
        if kind == b"fmt ":
            fmt = _format(body[:size])


def _format(body: bytes) -> tuple[int, int, int, bool]:
    if len(body) < 16:
        raise AudioError("it is damaged: its format chunk is too short")
    tag = int.from_bytes(body[0:2], "little")
    channels = int.from_bytes(body[2:4], "little")
    rate = int.from_bytes(body[4:8], "little")
    bits = int.from_bytes(body[14:16], "little")
    if tag == _EXTENSIBLE and len(body) >= 26:
        tag = int.from_bytes(body[24:26], "little")  # the sub-format GUID starts with the tag
    if channels < 1 or rate < 1:
        raise AudioError("it is damaged: it claims no channels or no sample rate")
    if tag == _PCM and bits in (8, 16, 24, 32):
        return rate, channels, bits, False
    if tag == _FLOAT and bits in (32, 64):
        return rate, channels, bits, True
    kind = "float" if tag == _FLOAT else f"format {tag:#06x}" if tag != _PCM else "PCM"
    raise AudioError(f"its samples ({kind}, {bits} bits) are not PCM or float WAV samples")


def read_wav(file: IO[bytes]) -> tuple[int, Any]:
    """``(sample_rate, samples)`` of a WAV: int16, shaped (samples,) or (samples, channels)."""
    np = numpy()
    info = wav_info(file)
    file.seek(info.data_offset)
    usable = info.data_size - info.data_size % info.frame_size
    raw = file.read(usable)
    if info.is_float:
        floats = np.frombuffer(raw, dtype="<f4" if info.bits == 32 else "<f8")
        samples = np.rint(np.clip(np.nan_to_num(floats), -1, 1) * 32767).astype(np.int16)
    elif info.bits == 8:
        samples = (np.frombuffer(raw, dtype=np.uint8).astype(np.int16) - 128) * 256
    elif info.bits == 16:
        samples = np.frombuffer(raw, dtype="<i2").astype(np.int16)
    elif info.bits == 24:
        triples = np.frombuffer(raw, dtype=np.uint8).reshape(-1, 3).astype(np.int32)
        value = triples[:, 0] | (triples[:, 1] << 8) | (triples[:, 2] << 16)
        value = np.where(value >= 1 << 23, value - (1 << 24), value)
        samples = (value >> 8).astype(np.int16)
    else:
        samples = (np.frombuffer(raw, dtype="<i4") >> 16).astype(np.int16)
    if info.channels > 1:
        samples = samples.reshape(-1, info.channels)
    return info.rate, samples


def encode_wav(rate: Any, data: Any) -> bytes:
    """A 16-bit PCM WAV of ``data`` (shaped (samples,) or (samples, channels); floats in
    -1..1 are scaled to full range, louder ones normalised by their peak)."""
    np = numpy()
    if isinstance(rate, bool) or not isinstance(rate, (int, np.integer)) or rate <= 0:
        raise AudioError(f"the sample rate must be a positive int, got {rate!r}")
    samples = np.asarray(data)
    if samples.ndim == 2 and samples.shape[0] <= 8 < samples.shape[1]:
        samples = samples.T  # (channels, samples), as some libraries give it
    if samples.ndim not in (1, 2) or (samples.ndim == 2 and samples.shape[1] < 1):
        raise AudioError(
            f"audio samples must be shaped (samples,) or (samples, channels), got "
            f"{tuple(samples.shape)}"
        )
    pcm = _int16(np, samples)
    buffer = io.BytesIO()
    with wave.open(buffer, "wb") as out:
        out.setnchannels(1 if pcm.ndim == 1 else pcm.shape[1])
        out.setsampwidth(2)
        out.setframerate(int(rate))
        out.writeframes(pcm.astype("<i2").tobytes())
    return buffer.getvalue()


def _int16(np: Any, samples: Any) -> Any:
    kind = samples.dtype
    if kind == np.bool_ or not (np.issubdtype(kind, np.number)):
        raise AudioError(f"audio samples must be numbers, got an array of {kind}")
    if np.issubdtype(kind, np.complexfloating):
        raise AudioError("audio samples must be real numbers, got complex ones")
    if np.issubdtype(kind, np.floating):
        floats = np.nan_to_num(samples.astype(np.float64))
        peak = float(np.abs(floats).max()) if floats.size else 0.0
        if peak > 1:
            floats = floats / peak
        return np.rint(floats * 32767).astype(np.int16)
    if kind == np.int16:
        return samples
    if kind == np.uint8:
        return (samples.astype(np.int16) - 128) * 256
    if kind == np.int8:
        return samples.astype(np.int16) * 256
    if kind == np.uint16:
        return (samples.astype(np.int32) - 32768).astype(np.int16)
    if kind == np.int32:
        return (samples // 65536).astype(np.int16)  # full-scale 32-bit samples
    wide = samples.astype(np.int64)
    peak = int(np.abs(wide).max()) if wide.size else 0
    if peak > 32767:
        wide = wide * 32767 // peak
    return wide.astype(np.int16)


def join_wavs(files: Sequence[IO[bytes]]) -> bytes:
    """One WAV of several (chunks of a stream) of the same PCM format, in order."""
    infos = [wav_info(file) for file in files]
    first = infos[0]
    if any(
        (i.rate, i.channels, i.bits, i.is_float)
        != (first.rate, first.channels, first.bits, first.is_float)
        for i in infos
    ):
        raise AudioError("its chunks are WAV files of different formats")
    if first.is_float:
        raise AudioError("its chunks are float WAV files, which cannot be joined")
    buffer = io.BytesIO()
    with wave.open(buffer, "wb") as out:
        out.setnchannels(first.channels)
        out.setsampwidth(first.bits // 8)
        out.setframerate(first.rate)
        for file, info in zip(files, infos, strict=True):
            file.seek(info.data_offset)
            out.writeframes(file.read(info.data_size - info.data_size % info.frame_size))
    return buffer.getvalue()


def sniff_extension(data: bytes) -> str:
    """The usual extension (with its dot) of audio bytes by their first bytes; "" if unknown."""
    if data[:4] == b"RIFF" and data[8:12] == b"WAVE":
        return ".wav"
    if data[:3] == b"ID3":
        return ".mp3"
    if len(data) >= 2 and data[0] == 0xFF and data[1] & 0xE0 == 0xE0:
        return ".aac" if data[1] & 0x06 == 0 else ".mp3"  # ADTS has layer 0
    if data[:4] == b"OggS":
        return ".ogg"
    if data[:4] == b"fLaC":
        return ".flac"
    if data[:4] == b"\x1a\x45\xdf\xa3":
        return ".webm"
    if data[4:8] == b"ftyp":
        return ".m4a"
    return ""


def ffmpeg_convert(path: str | os.PathLike[str], fmt: str, what: str) -> bytes:
    """The audio of the file at ``path`` in ``fmt`` ("wav": 16-bit PCM, or "mp3"), by ffmpeg;
    NeedsFfmpeg (naming ``what``) when it is missing, AudioError when it fails."""
    program = shutil.which("ffmpeg")
    if program is None:
        raise NeedsFfmpeg(what)
    codec = ["-acodec", "pcm_s16le"] if fmt == "wav" else []
    command = [program, "-nostdin", "-hide_banner", "-loglevel", "error"]
    # "file:" so that no name is ever read as another protocol or an option.
    command += ["-i", f"file:{os.fspath(path)}", "-vn", *codec, "-f", fmt, "pipe:1"]
    try:
        done = subprocess.run(command, capture_output=True, timeout=_FFMPEG_TIMEOUT, check=False)
    except subprocess.TimeoutExpired:
        raise AudioError(f"ffmpeg took more than {_FFMPEG_TIMEOUT} s to convert it") from None
    if done.returncode != 0 or not done.stdout:
        lines = done.stderr.decode(errors="replace").strip().splitlines()
        reason = lines[-1] if lines else f"exit status {done.returncode}"
        raise AudioError(f"ffmpeg could not read it as audio ({reason})")
    return done.stdout
