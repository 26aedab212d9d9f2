"""The media work of a Video, apart from the component: subtitles made WebVTT, ffmpeg
conversions, a video's length, and telling a video file from another."""

from __future__ import annotations

import re
import shutil
import struct
import subprocess
import tempfile
from collections.abc import Sequence
from pathlib import Path
from typing import IO, Any

__all__ = [
    "VideoError",
    "check_subtitle_name",
    "cues_to_vtt",
    "empty_mp4",
    "ffmpeg",
    "has_ffmpeg",
    "looks_like_video",
    "read_text",
    "srt_to_vtt",
    "video_duration",
]

_FFMPEG_TIMEOUT = 600  # seconds, for one conversion
_TIME = re.compile(r"time=(\d+):(\d\d):(\d\d(?:\.\d+)?)")
_CUE_TIME = re.compile(r"(\d+):(\d\d):(\d\d)[,.](\d{1,3})")


class VideoError(ValueError):
    """ffmpeg failed on a video; the text says why."""


# ---------------------------------------------------------------------- subtitles


def srt_to_vtt(text: str) -> str:
    """SubRip (.srt) subtitles as WebVTT: cue timings with "." for ",", the numbers dropped.
    ValueError when no cue has a timing line."""
    cues = []
    for block in re.split(r"\n\s*\n", text.replace("\r\n", "\n").replace("\r", "\n").strip()):
        lines = block.split("\n")
        timing = next((i for i, line in enumerate(lines[:2]) if "-->" in line), None)
        if timing is None:
            continue
        start, _, end = lines[timing].partition("-->")
        words = end.split()
        settings = " ".join(words[1:])
        times = f"{_vtt_time(start.strip())} --> {_vtt_time(words[0] if words else '')}"
        cue_text = "\n".join(line.replace("-->", "--&gt;") for line in lines[timing + 1 :])
        cues.append(f"{times}{' ' + settings if settings else ''}\n{cue_text}".rstrip())
    if not cues:
        raise ValueError("the subtitles have no cues: expected SRT blocks with a timing line")
    return "WEBVTT\n\n" + "\n\n".join(cues) + "\n"


def cues_to_vtt(cues: Any) -> str:
    """``[{"text": str, "timestamp": [start, end]}]`` (seconds) as WebVTT."""
    if not isinstance(cues, list):
        raise ValueError("subtitles as JSON must be a list of {'text', 'timestamp'} objects")
    out = ["WEBVTT", ""]
    for index, cue in enumerate(cues):
        stamp = cue.get("timestamp") if isinstance(cue, dict) else None
        if not isinstance(cue, dict) or "text" not in cue:
            raise ValueError(f"subtitle {index} must be an object with a 'text'")
        if not isinstance(stamp, (list, tuple)) or len(stamp) != 2:
            raise ValueError(f"subtitle {index} needs a 'timestamp' of [start, end] seconds")
        start, end = (_seconds(value, index) for value in stamp)
        text = str(cue["text"]).replace("-->", "--&gt;").strip()
        out += [f"{_clock(start)} --> {_clock(end)}", text, ""]
    return "\n".join(out)


def _vtt_time(stamp: str) -> str:
    match = _CUE_TIME.fullmatch(stamp)
    if match is None:
        raise ValueError(f"the subtitles have a cue time {stamp!r}: expected HH:MM:SS,mmm")
    hours, minutes, seconds, millis = match.groups()
    return f"{int(hours):02d}:{minutes}:{seconds}.{millis.ljust(3, '0')}"


def _seconds(value: Any, index: int) -> float:
    if isinstance(value, bool) or not isinstance(value, (int, float)) or value < 0:
        raise ValueError(f"subtitle {index} has a timestamp {value!r}: expected seconds")
    return float(value)


def _clock(seconds: float) -> str:
    millis = round(seconds * 1000)
    hours, millis = divmod(millis, 3_600_000)
    minutes, millis = divmod(millis, 60_000)
    return f"{hours:02d}:{minutes:02d}:{millis // 1000:02d}.{millis % 1000:03d}"


def check_subtitle_name(name: str) -> None:
    if Path(name).suffix.lower() not in (".srt", ".vtt", ".json"):
        raise ValueError(f"subtitles must be a .srt, .vtt or .json file, got {name!r}")


def read_text(path: Path) -> str:
    return path.read_bytes().decode("utf-8-sig", errors="replace")


# ---------------------------------------------------------------------- files and ffmpeg


def has_ffmpeg() -> bool:
    return shutil.which("ffmpeg") is not None


def ffmpeg(
    source: Path, suffix: str, options: list[str], inputs: Sequence[str] = ()
) -> bytes | None:
    """The video at ``source`` through ffmpeg with ``options``, as a ``suffix`` file; None when
    ffmpeg is not on PATH, VideoError when it fails."""
    program = shutil.which("ffmpeg")
    if program is None:
        return None
    with tempfile.TemporaryDirectory(prefix="blocks-video-") as folder:
        target = Path(folder) / f"video{suffix}"
        # "file:" so that no name is ever read as another protocol or an option.
        command = [program, "-nostdin", "-hide_banner", "-loglevel", "error", "-y"]
        command += ["-i", f"file:{source}", *inputs, *options]
        if suffix == ".webm" and "copy" not in options:
            command += ["-deadline", "realtime", "-cpu-used", "8"]  # VP9 is slow otherwise
        command.append(f"file:{target}")
        done = _run(command)
        if done is None:
            raise VideoError(f"ffmpeg took more than {_FFMPEG_TIMEOUT} s")
        if done.returncode != 0 or not target.is_file():
            lines = done.stderr.decode(errors="replace").strip().splitlines()
            raise VideoError(f"ffmpeg failed ({lines[-1] if lines else done.returncode})")
        return target.read_bytes()


def _run(command: list[str]) -> subprocess.CompletedProcess[bytes] | None:
    """The finished ``command`` (its output captured), or None when it took too long."""
    try:
        return subprocess.run(command, capture_output=True, timeout=_FFMPEG_TIMEOUT, check=False)
    except subprocess.TimeoutExpired:
        return None


def video_duration(path: Path) -> float | None:
    """The length of a video in seconds: read from an MP4/MOV header, else by ffprobe or
    ffmpeg when on PATH; None when it cannot be told."""
    with path.open("rb") as file:
        seconds = _mp4_duration(file)
    if seconds:
        return seconds
    probe = shutil.which("ffprobe")
    if probe is not None:
        command = [probe, "-v", "error", "-show_entries", "format=duration"]
        command += ["-of", "default=noprint_wrappers=1:nokey=1", f"file:{path}"]
        probed = _run(command)
        try:
            return float(probed.stdout.decode().strip()) if probed else None
        except ValueError:
            pass  # "N/A": a browser's recording has no length in its header
    program = shutil.which("ffmpeg")
    if program is None:
        return None
    # Decoding it all tells the length of a file whose header does not.
    command = [program, "-nostdin", "-hide_banner", "-i", f"file:{path}", "-f", "null", "-"]
    done = _run(command)
    times = _TIME.findall(done.stderr.decode(errors="replace")) if done else []
    if done is None or done.returncode != 0 or not times:
        return None
    hours, minutes, seconds = times[-1]
    return int(hours) * 3600 + int(minutes) * 60 + float(seconds)


def _mp4_duration(file: IO[bytes]) -> float | None:
    """The duration in an MP4/MOV's ``moov/mvhd`` box (None when absent or zero)."""
    end: int | None = None
    while True:
        header = file.read(8)
        if len(header) < 8:
            return None
        size, kind = struct.unpack(">I4s", header)
        start = file.tell() - 8
        if size == 1:
            size = struct.unpack(">Q", file.read(8))[0]
        if kind == b"moov":
            end = start + size if size else None
            continue  # look inside it
        if kind == b"mvhd":
            version = file.read(4)[:1]
            if version == b"\x01":
                file.read(16)
                scale, length = struct.unpack(">IQ", file.read(12))
            else:
                file.read(8)
                scale, length = struct.unpack(">II", file.read(8))
            return length / scale if scale and length else None
        if size < 8 or (end is not None and start + size > end):
            return None
        file.seek(start + size)


def looks_like_video(path: Path) -> bool:
    """Whether the file starts like a video container (MP4/MOV/3GP, Matroska/WebM, Ogg, AVI,
    MPEG, FLV, ASF/WMV); a browser recording of any kind passes."""
    with path.open("rb") as file:
        head = file.read(189)
    return (
        head[4:8] in (b"ftyp", b"moov", b"mdat", b"free", b"wide", b"skip")
        or head.startswith((b"\x1a\x45\xdf\xa3", b"OggS", b"FLV", b"\x00\x00\x01\xba"))
        or head.startswith(b"\x00\x00\x01\xb3")
        or (head.startswith(b"RIFF") and head[8:12] == b"AVI ")
        or head.startswith(bytes.fromhex("3026b2758e66cf11"))
        or (head[:1] == head[188:189] == b"\x47")  # MPEG-TS: a sync byte every 188 bytes
    )


def empty_mp4(seconds: float) -> bytes:
    """The smallest MP4 of that length: ``ftyp`` and a ``moov`` holding only its ``mvhd``."""
    ftyp = struct.pack(">I4s4sI4s4s", 24, b"ftyp", b"isom", 512, b"isom", b"mp41")
    matrix = struct.pack(">9I", 0x10000, 0, 0, 0, 0x10000, 0, 0, 0, 0x40000000)
    body = struct.pack(">B3xIIII", 0, 0, 0, 1000, round(seconds * 1000))
    body += struct.pack(">IH10x", 0x10000, 0x100) + matrix + bytes(24) + struct.pack(">I", 2)
    mvhd = struct.pack(">I4s", 8 + len(body), b"mvhd") + body
    return ftyp + struct.pack(">I4s", 8 + len(mvhd), b"moov") + mvhd
