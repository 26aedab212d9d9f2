from __future__ import annotations

import json
import os
import stat
import struct
from pathlib import Path

import pytest

import blocks as gr
from blocks.client import handle_file
from blocks.exceptions import ValidationError
from blocks.runtime.files import FileCache, use_cache


@pytest.fixture
def cache(tmp_path):
    with use_cache(FileCache(tmp_path / "cache")) as cache:
        yield cache


def _box(kind: bytes, body: bytes) -> bytes:
    return struct.pack(">I4s", 8 + len(body), kind) + body


def _mp4(seconds: float, version: int = 0) -> bytes:
    """An MP4 header whose ``moov/mvhd`` says it lasts ``seconds`` (timescale 600)."""
    ftyp = _box(b"ftyp", b"isom" + struct.pack(">I", 512) + b"isommp41")
    if version == 1:
        mvhd = struct.pack(">B3xQQIQ", 1, 0, 0, 600, round(seconds * 600))
    else:
        mvhd = struct.pack(">B3xIIII", 0, 0, 0, 600, round(seconds * 600))
    free = _box(b"free", b"\0" * 16)  # a box to step over before the movie header
    return ftyp + free + _box(b"moov", _box(b"mvhd", mvhd + bytes(80)))


WEBM = bytes.fromhex("1a45dfa3") + b"\x9f" + b"webm recording" * 4  # EBML magic: a browser's


@pytest.fixture
def tools(monkeypatch, tmp_path):
    """PATH holds only fake ``ffmpeg``/``ffprobe`` made on demand: ``tools(ffmpeg=True,
    ffprobe="3.5")``. The fake ffmpeg logs its arguments and writes its output file (or, for
    ``-f null -``, the time it decoded); the fake ffprobe prints the given duration."""
    folder = tmp_path / "bin"
    folder.mkdir()
    monkeypatch.setenv("PATH", str(folder))
    log = tmp_path / "ffmpeg-args"

    def make(ffmpeg: bool = False, ffprobe: str | None = None) -> Path:
        scripts = {}
        if ffmpeg:
            scripts["ffmpeg"] = (
                f'printf "%s\\n" "$@" > "{log}"\nfor last; do :; done\n'
                'case "$last" in\n'
                '  file:*) printf "converted by ffmpeg" > "${last#file:}" ;;\n'
                '  *) printf "frame=9 time=00:00:04.20 bitrate=N/A\\n" >&2 ;;\n'
                "esac\n"
            )
        if ffprobe is not None:
            scripts["ffprobe"] = f'printf "%s\\n" "{ffprobe}"\n'
        for name, body in scripts.items():
            script = folder / name
            script.write_text("#!/bin/sh\n" + body)
            script.chmod(script.stat().st_mode | stat.S_IEXEC)
        return log

    return make


def _args(log: Path) -> list[str]:
    return log.read_text().splitlines()


# ---------------------------------------------------------------------- in


def test_an_uploaded_video_reaches_the_listener_as_the_path_of_the_file(cache, tools):
    tools()
    upload = cache.add_bytes(_mp4(2), "clip.mp4")
    path = gr.Video().preprocess({"video": upload, "subtitles": None})
    assert path == str(cache.path_of(upload["id"]))
    assert gr.Video().preprocess(upload) == path  # FileData alone, as version 6 sends it


def test_no_video_is_none(cache):
    assert gr.Video().preprocess(None) is None
    assert gr.Video().preprocess({"video": None, "subtitles": None}) is None


def test_a_file_that_is_not_a_video_is_refused_naming_the_component(cache):
    text = cache.add_bytes(b"hello", "notes.txt")
    with pytest.raises(ValidationError, match=r"^Clip: notes\.txt is not an accepted file type"):
        gr.Video(label="Clip").preprocess({"video": text})
    disguised = cache.add_bytes(b"just some text, not a movie", "movie.mp4")
    with pytest.raises(ValidationError, match=r"movie\.mp4 is not a video file Blocks recognises"):
        gr.Video(label="Clip").preprocess({"video": disguised})


def test_a_path_or_anything_but_an_upload_from_the_client_is_refused(cache, tmp_path):
    secret = tmp_path / "secret.mp4"
    secret.write_bytes(_mp4(1))
    for payload in ({"video": {"path": str(secret)}}, str(secret), {"video": 3}):
        with pytest.raises(ValidationError, match=r"^Video: "):
            gr.Video().preprocess(payload)


def test_min_and_max_length_read_an_mp4s_length_without_ffmpeg(cache, tools):
    tools()
    short = cache.add_bytes(_mp4(1.5), "short.mp4")
    long = cache.add_bytes(_mp4(12, version=1), "long.mp4")
    video = gr.Video(min_length=2, max_length=10)
    with pytest.raises(ValidationError, match=r"too short \(1\.5 s\): it must be at least 2"):
        video.preprocess({"video": short})
    with pytest.raises(ValidationError, match=r"too long \(12\.0 s\): it must be at most 10"):
        video.preprocess({"video": long})
    fits = cache.add_bytes(_mp4(5), "fits.mp4")
    assert video.preprocess({"video": fits}) == str(cache.path_of(fits["id"]))


def test_the_length_of_a_webm_needs_ffmpeg_and_says_so_when_it_is_missing(cache, tools):
    tools()
    recording = cache.add_bytes(WEBM, "recording.webm")
    with pytest.raises(
        ValidationError, match=r"length of recording\.webm cannot be checked: that needs ffmpeg"
    ):
        gr.Video(max_length=3).preprocess({"video": recording})


def test_the_length_of_a_webm_comes_from_ffprobe_or_else_from_decoding_it(cache, tools):
    recording = cache.add_bytes(WEBM, "recording.webm")
    tools(ffprobe="3.5")
    with pytest.raises(ValidationError, match=r"too long \(3\.5 s\)"):
        gr.Video(max_length=3).preprocess({"video": recording})
    tools(ffmpeg=True, ffprobe="N/A")  # a browser's recording has no length in its header
    with pytest.raises(ValidationError, match=r"too long \(4\.2 s\)"):
        gr.Video(max_length=3).preprocess({"video": recording})


def test_format_converts_an_upload_with_ffmpeg(cache, tools):
    log = tools(ffmpeg=True)
    recording = cache.add_bytes(WEBM, "recording.webm")
    path = Path(gr.Video(format="mp4").preprocess({"video": recording}))
    assert path.name == "recording.mp4" and path.read_bytes() == b"converted by ffmpeg"
    assert path.is_relative_to(cache.root)
    args = _args(log)
    assert args[args.index("-i") + 1] == f"file:{cache.path_of(recording['id'])}"
    assert args[-1].startswith("file:") and args[-1].endswith(".mp4")


def test_without_ffmpeg_an_upload_is_kept_as_it_is(cache, tools):
    tools()
    recording = cache.add_bytes(WEBM, "recording.webm")
    video = gr.Video(format="mp4", sources=["webcam"], include_audio=False)
    assert video.preprocess({"video": recording}) == str(cache.path_of(recording["id"]))


def test_a_webcam_only_recording_is_flipped_like_its_mirrored_preview(cache, tools):
    log = tools(ffmpeg=True)
    recording = cache.add_bytes(WEBM, "recording.webm")
    path = gr.Video(sources=["webcam"]).preprocess({"video": recording})
    assert Path(path).suffix == ".webm"
    args = _args(log)
    assert args[args.index("-vf") + 1] == "hflip"
    assert "-an" in args  # a webcam-only Video keeps no sound by default, as the reference
    gr.Video(sources=["webcam"], mirror_webcam=False, include_audio=True).preprocess(
        {"video": recording}
    )  # nothing to do: ffmpeg is not run again
    assert _args(log) == args
    assert (
        gr.Video(sources="webcam", webcam_options=gr.WebcamOptions(mirror=False)).mirror_webcam
        is False
    )


def test_dropping_the_audio_copies_the_picture_without_encoding_it_again(cache, tools):
    log = tools(ffmpeg=True)
    upload = cache.add_bytes(_mp4(2), "talk.mp4")
    path = gr.Video(include_audio=False).preprocess({"video": upload})
    assert Path(path).read_bytes() == b"converted by ffmpeg"
    args = _args(log)
    assert "-an" in args and args[args.index("-c") + 1] == "copy" and "-vf" not in args


# ---------------------------------------------------------------------- out


def test_a_returned_path_is_shown_with_no_subtitles(cache, tmp_path):
    clip = tmp_path / "clip.mp4"
    clip.write_bytes(_mp4(2))
    value = gr.Video().postprocess(clip)
    assert set(value) == {"video", "subtitles"} and value["subtitles"] is None
    assert value["video"]["orig_name"] == "clip.mp4" and value["video"]["mime_type"] == "video/mp4"
    assert cache.path_of(value["video"]["id"]).read_bytes() == clip.read_bytes()


def test_a_url_is_shown_as_is_and_never_fetched(cache):
    url = "https://example.com/media/world.mp4"
    value = gr.Video(format="webm").postprocess(url)
    assert value["video"]["url"] == url and value["video"]["id"] is None


def test_srt_subtitles_are_converted_to_webvtt(cache, tmp_path):
    clip = tmp_path / "clip.mp4"
    clip.write_bytes(_mp4(2))
    srt = tmp_path / "words.srt"
    srt.write_bytes(
        "\ufeff1\r\n00:00:00,500 --> 00:00:01,250 X1:10\r\nHello\r\n\r\n"
        "2\r\n00:00:01,300 --> 00:00:02,000\r\nWorld, <i>again</i>\r\n"
        "second line --> here\r\n".encode()
    )
    value = gr.Video().postprocess((str(clip), str(srt)))
    track = value["subtitles"]
    assert track["orig_name"] == "words.vtt"
    assert cache.path_of(track["id"]).read_text() == (
        "WEBVTT\n\n"
        "00:00:00.500 --> 00:00:01.250 X1:10\nHello\n\n"
        "00:00:01.300 --> 00:00:02.000\nWorld, <i>again</i>\nsecond line --&gt; here\n"
    )


def test_vtt_subtitles_are_served_as_they_are(cache, tmp_path):
    clip = tmp_path / "clip.mp4"
    clip.write_bytes(_mp4(2))
    vtt = tmp_path / "words.vtt"
    vtt.write_text("WEBVTT\n\n00:01.000 --> 00:02.000\nHi\n")
    value = gr.Video().postprocess([clip, vtt])
    assert cache.path_of(value["subtitles"]["id"]).read_text() == vtt.read_text()
    again = gr.Video().postprocess({"video": value["video"], "subtitles": value["subtitles"]})
    assert again == value  # the wire value of an earlier output passes through


def test_subtitles_given_to_the_component_go_with_every_value(cache, tmp_path):
    clip = tmp_path / "clip.mp4"
    clip.write_bytes(_mp4(2))
    cues = [{"text": "One", "timestamp": [0, 1.5]}, {"text": "Two", "timestamp": [61.25, 3723]}]
    value = gr.Video(subtitles=cues).postprocess(clip)
    assert cache.path_of(value["subtitles"]["id"]).read_text() == (
        "WEBVTT\n\n00:00:00.000 --> 00:00:01.500\nOne\n\n00:01:01.250 --> 01:02:03.000\nTwo\n"
    )
    as_json = tmp_path / "cues.json"
    as_json.write_text(json.dumps(cues))
    from_file = gr.Video(subtitles=as_json).postprocess(clip)
    assert cache.path_of(from_file["subtitles"]["id"]).read_text().startswith("WEBVTT\n\n00:00")


def test_subtitles_that_cannot_be_shown_are_refused_clearly(cache, tmp_path):
    clip = tmp_path / "clip.mp4"
    clip.write_bytes(_mp4(2))
    notes = tmp_path / "notes.txt"
    notes.write_text("hi")
    with pytest.raises(ValueError, match=r"subtitles must be a \.srt, \.vtt or \.json file"):
        gr.Video().postprocess((clip, notes))
    with pytest.raises(ValueError, match="only as WebVTT"):
        gr.Video().postprocess((clip, "https://example.com/words.srt"))
    empty = tmp_path / "empty.srt"
    empty.write_text("no cues here\n")
    with pytest.raises(ValueError, match="the subtitles have no cues"):
        gr.Video().postprocess((clip, empty))
    bad_time = tmp_path / "bad.srt"
    bad_time.write_text("1\n0:00 --> 0:01\nHi\n")
    with pytest.raises(ValueError, match="expected HH:MM:SS,mmm"):
        gr.Video().postprocess((clip, bad_time))
    with pytest.raises(ValueError, match="subtitle 0 needs a 'timestamp'"):
        gr.Video(subtitles=[{"text": "no time"}]).postprocess(clip)


def test_values_that_are_not_a_video_are_refused(cache, tmp_path):
    with pytest.raises(ValueError, match=r"takes a \(video, subtitles\) pair, got 3 items"):
        gr.Video().postprocess(("a.mp4", None, None))
    with pytest.raises(TypeError, match="cannot play int"):
        gr.Video().postprocess(42)
    with pytest.raises(FileNotFoundError):
        gr.Video().postprocess(tmp_path / "missing.mp4")
    assert gr.Video().postprocess(None) is None
    assert gr.Video().postprocess((None, None)) is None


def test_a_returned_video_browsers_cannot_play_becomes_mp4_with_ffmpeg(cache, tools, tmp_path):
    avi = tmp_path / "old.avi"
    avi.write_bytes(b"RIFF\0\0\0\0AVI LIST")
    tools()
    assert gr.Video().postprocess(avi)["video"]["orig_name"] == "old.avi"  # no ffmpeg: as is
    log = tools(ffmpeg=True)
    shown = gr.Video().postprocess(avi)["video"]
    assert shown["orig_name"] == "old.mp4"
    assert cache.path_of(shown["id"]).read_bytes() == b"converted by ffmpeg"
    gr.Video(format="webm").postprocess(avi)
    assert _args(log)[-1].endswith(".webm")


def test_a_watermark_is_laid_over_the_returned_video_by_ffmpeg(cache, tools, tmp_path):
    log = tools(ffmpeg=True)
    clip = tmp_path / "clip.mp4"
    clip.write_bytes(_mp4(2))
    logo = tmp_path / "logo.png"
    logo.write_bytes(b"png")
    gr.Video(watermark=logo).postprocess(clip)
    args = _args(log)
    assert args.count("-i") == 2 and f"file:{logo}" in args
    assert args[args.index("-filter_complex") + 1] == "overlay=W-w-5:H-h-5"


# ---------------------------------------------------------------------- schema, config


def test_the_api_schema_is_a_video_and_optional_subtitles(cache):
    schema = gr.Video().api_info()
    assert schema["type"] == ["object", "null"] and schema["required"] == ["video"]
    assert {"id", "url", "orig_name"} <= set(schema["properties"]["video"]["properties"])
    assert schema["properties"]["subtitles"]["type"] == ["object", "null"]


def test_the_example_payload_is_an_mp4_the_component_accepts(cache):
    video = gr.Video(min_length=0.5, max_length=2)
    example = video.example_payload()
    assert example["subtitles"] is None
    assert Path(video.preprocess(example)).read_bytes()[4:8] == b"ftyp"


def test_arguments_follow_the_reference_and_wrong_ones_are_refused():
    assert gr.Video().sources == ["upload", "webcam"]
    assert gr.Video().include_audio is True
    assert gr.Video(sources="webcam").include_audio is False
    assert gr.Video(format=".MP4").format == "mp4"
    video = gr.Video(buttons=["download"], webcam_constraints={"video": {"width": 640}})
    assert video.show_download_button is True and video.show_share_button is False
    props = video.get_props()
    assert props["webcam_constraints"] == {"video": {"width": 640}}
    assert props["mirror_webcam"] is True
    for wrong in (
        {"sources": ["microphone"]},
        {"sources": []},
        {"streaming": True},
        {"buttons": ["copy"]},
        {"min_length": -1},
        {"max_length": "long"},
        {"watermark": "logo.gif"},
        {"format": ""},
    ):
        with pytest.raises(ValueError):
            gr.Video(**wrong)
    with pytest.raises(TypeError):
        gr.Video(subtitles=3)


def test_playable_video_and_the_shortcuts_make_videos_and_models():
    assert gr.PlayableVideo().format == "mp4" and gr.PlayableVideo.TYPE == "video"
    made = gr.Interface(lambda v: v, "video", "playable_video")
    assert isinstance(made.input_components[0], gr.Video)
    assert made.output_components[0].format == "mp4"
    assert isinstance(
        gr.Interface(lambda m: m, "model3d", "model3d").input_components[0], gr.Model3D
    )


def test_a_video_in_a_chat_message_is_sent_as_a_video_part(cache, tmp_path):
    clip = tmp_path / "clip.mp4"
    clip.write_bytes(_mp4(2))
    chatbot = gr.Chatbot()
    [message] = chatbot.postprocess(
        [{"role": "assistant", "content": gr.Video(clip, autoplay=True)}]
    )
    [part] = message["content"]
    assert part["component"] == "video" and part["props"] == {"autoplay": True}
    # messages.js plays `value.video` (or the value itself) in a <video>.
    assert part["value"]["video"]["orig_name"] == "clip.mp4"


# ---------------------------------------------------------------------- a real server


@pytest.fixture(scope="module")
def url(tmp_path_factory):
    folder = tmp_path_factory.mktemp("subtitles")
    srt = folder / "words.srt"
    srt.write_text("1\n00:00:00,000 --> 00:00:01,000\nHello\n")

    def with_words(video):
        return (video, str(srt))

    def size(video):
        return f"{Path(video).name}: {os.path.getsize(video)} bytes"

    with gr.Blocks() as demo:
        video = gr.Video()
        gr.Button().click(with_words, video, gr.Video(), api_name="with_words")
        gr.Button().click(size, video, gr.Textbox(), api_name="size")
    demo.launch(server_port=0, prevent_thread_lock=True, quiet=True)
    yield demo.local_url
    demo.close()


def test_a_client_sends_a_video_and_gets_it_back_with_subtitles(url, tmp_path):
    clip = tmp_path / "clip.mp4"
    clip.write_bytes(_mp4(2))
    with gr.Client(url, download_files=tmp_path / "got") as client:
        assert client.predict({"video": handle_file(clip)}, api_name="/size") == (
            f"clip.mp4: {len(_mp4(2))} bytes"
        )
        assert client.predict(handle_file(clip), api_name="/size").startswith("clip.mp4: ")
        back = client.predict(
            {"video": handle_file(clip), "subtitles": None}, api_name="/with_words"
        )
    assert Path(back["video"]).read_bytes() == clip.read_bytes()
    assert Path(back["subtitles"]).name == "words.vtt"
    assert Path(back["subtitles"]).read_text() == "WEBVTT\n\n00:00:00.000 --> 00:00:01.000\nHello\n"


def test_a_client_path_is_refused_by_the_server(url, tmp_path):
    from blocks.client import ClientError

    with gr.Client(url) as client, pytest.raises(ClientError, match="Video"):
        client.predict(
            {"video": {"id": "not-an-upload", "url": "x", "orig_name": "x.mp4"}}, api_name="/size"
        )
