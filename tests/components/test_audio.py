from __future__ import annotations

import io
import os
import stat
import struct
import sys
import wave
from pathlib import Path

import numpy as np
import pytest

import blocks as gr
from blocks.client import ClientError
from blocks.components import _audio_codec as codec
from blocks.exceptions import ValidationError
from blocks.runtime.files import FileCache, use_cache
from blocks.testing import TestClient


@pytest.fixture
def cache(tmp_path):
    with use_cache(FileCache(tmp_path / "cache")) as cache:
        yield cache


def _wav(samples, rate=8000, width=2, channels=1) -> bytes:
    buffer = io.BytesIO()
    with wave.open(buffer, "wb") as out:
        out.setnchannels(channels)
        out.setsampwidth(width)
        out.setframerate(rate)
        out.writeframes(bytes(samples))
    return buffer.getvalue()


def _pcm16(values, rate=8000, channels=1) -> bytes:
    return _wav(np.asarray(values, dtype="<i2").tobytes(), rate, 2, channels)


def _float_wav(values, rate=8000) -> bytes:
    data = np.asarray(values, dtype="<f4").tobytes()
    fmt = struct.pack("<HHIIHH", 3, 1, rate, rate * 4, 4, 32)
    body = b"WAVE" + b"fmt " + struct.pack("<I", 16) + fmt + b"data"
    body += struct.pack("<I", len(data)) + data
    return b"RIFF" + struct.pack("<I", len(body)) + body


def _read(cache, data) -> tuple[int, np.ndarray]:
    path = cache.path_of(data["id"])
    with path.open("rb") as file:
        return codec.read_wav(file)


@pytest.fixture
def no_ffmpeg(monkeypatch, tmp_path):
    empty = tmp_path / "empty-path"
    empty.mkdir()
    monkeypatch.setenv("PATH", str(empty))


@pytest.fixture
def fake_ffmpeg(monkeypatch, tmp_path):
    """An ``ffmpeg`` on PATH that writes a known WAV, as the real one converts to one."""
    folder = tmp_path / "bin"
    folder.mkdir()
    script = folder / "ffmpeg"
    answer = tmp_path / "answer.wav"
    answer.write_bytes(_pcm16([1, 2, 3, 4], rate=16000))
    script.write_text(f'#!/bin/sh\necho "$@" > {tmp_path}/args\ncat {answer}\n')
    script.chmod(script.stat().st_mode | stat.S_IEXEC)
    monkeypatch.setenv("PATH", f"{folder}{os.pathsep}{os.environ['PATH']}")
    return tmp_path


# ---------------------------------------------------------------------- in


def test_an_uploaded_wav_reaches_the_listener_as_rate_and_int16_samples(cache):
    payload = cache.add_bytes(_pcm16([0, 1000, -1000, 32767]), "voice.wav")
    rate, data = gr.Audio().preprocess(payload)
    assert rate == 8000
    assert data.dtype == np.int16 and data.tolist() == [0, 1000, -1000, 32767]


def test_stereo_samples_are_shaped_samples_by_channels(cache):
    payload = cache.add_bytes(_pcm16([1, -1, 2, -2, 3, -3], channels=2), "stereo.wav")
    _, data = gr.Audio().preprocess(payload)
    assert data.shape == (3, 2) and data[:, 1].tolist() == [-1, -2, -3]


@pytest.mark.parametrize(
    ("raw", "width", "expected"),
    [
        (bytes([128, 255, 0]), 1, [0, 127 * 256, -128 * 256]),  # 8-bit is unsigned
        (b"\x00\x00\x80\xff\xff\x7f", 3, [-32768, 32767]),  # 24-bit keeps its top 16 bits
        (struct.pack("<ii", 65536 * 5, -65536 * 7), 4, [5, -7]),
    ],
)
def test_other_pcm_widths_become_int16(cache, raw, width, expected):
    payload = cache.add_bytes(_wav(raw, width=width), "wide.wav")
    assert gr.Audio().preprocess(payload)[1].tolist() == expected


def test_a_float_wav_is_read_and_scaled_to_int16(cache):
    payload = cache.add_bytes(_float_wav([0.0, 0.5, -1.0, 2.0]), "float.wav")
    assert gr.Audio().preprocess(payload)[1].tolist() == [0, 16384, -32767, 32767]


def test_type_filepath_gives_the_uploaded_path(cache):
    payload = cache.add_bytes(_pcm16([1, 2]), "voice.wav")
    path = gr.Audio(type="filepath").preprocess(payload)
    assert isinstance(path, str) and Path(path).read_bytes() == _pcm16([1, 2])
    assert gr.Audio(type="filepath", format="wav").preprocess(payload) == path


def test_an_empty_value_gives_none(cache):
    assert gr.Audio().preprocess(None) is None


def test_a_file_that_is_not_audio_is_refused(cache):
    payload = cache.add_bytes(b"hello", "notes.txt")
    with pytest.raises(ValidationError, match=r"^Voice: notes.txt is not an accepted file"):
        gr.Audio(label="Voice").preprocess(payload)


def test_a_damaged_wav_is_refused_with_the_reason(cache):
    payload = cache.add_bytes(b"RIFF\x10\x00\x00\x00WAVEjunkjunk", "broken.wav")
    with pytest.raises(ValidationError, match=r"broken\.wav cannot be read: it is damaged"):
        gr.Audio().preprocess(payload)


def test_a_path_from_the_client_is_refused(cache, tmp_path):
    with pytest.raises(ValidationError, match="paths are not accepted"):
        gr.Audio().preprocess({"path": str(tmp_path / "x.wav")})


def test_min_and_max_length_are_checked_in_seconds(cache):
    payload = cache.add_bytes(_pcm16([0] * 8000), "one-second.wav")
    assert gr.Audio(type="filepath", min_length=0.5, max_length=2).preprocess(payload)
    with pytest.raises(ValidationError, match=r"too short \(1.0 s\): it must be at least 2"):
        gr.Audio(min_length=2).preprocess(payload)
    with pytest.raises(ValidationError, match=r"too long \(1.0 s\): it must be at most 0.5"):
        gr.Audio(type="filepath", max_length=0.5).preprocess(payload)


def test_a_webm_recording_as_numpy_names_ffmpeg_when_it_is_missing(cache, no_ffmpeg):
    payload = cache.add_bytes(b"\x1a\x45\xdf\xa3 webm bytes", "recording.webm")
    assert gr.Audio(type="filepath").preprocess(payload).endswith("recording.webm")
    with pytest.raises(ValidationError, match=r"reading recording\.webm needs ffmpeg"):
        gr.Audio().preprocess(payload)
    with pytest.raises(ValidationError, match="needs ffmpeg"):
        gr.Audio(type="filepath", format="wav").preprocess(payload)


def test_other_formats_are_decoded_by_ffmpeg_when_it_is_on_path(cache, fake_ffmpeg):
    payload = cache.add_bytes(b"ID3 mp3 bytes", "song.mp3")
    rate, data = gr.Audio().preprocess(payload)
    assert rate == 16000 and data.tolist() == [1, 2, 3, 4]
    args = (fake_ffmpeg / "args").read_text()
    assert "-i file:" in args and "pcm_s16le" in args and args.strip().endswith("wav pipe:1")
    converted = gr.Audio(type="filepath", format="wav").preprocess(payload)
    assert converted.endswith("song.wav") and Path(converted).read_bytes()[:4] == b"RIFF"


def test_numpy_values_name_the_package_when_it_is_missing(cache, monkeypatch):
    payload = cache.add_bytes(_pcm16([1]), "voice.wav")
    monkeypatch.setitem(sys.modules, "numpy", None)
    with pytest.raises(ModuleNotFoundError, match="needs the numpy package: pip install numpy"):
        gr.Audio().preprocess(payload)
    assert gr.Audio(type="filepath").preprocess(payload).endswith("voice.wav")


# ---------------------------------------------------------------------- out


def test_a_rate_and_int16_array_are_written_as_a_wav(cache):
    data = gr.Audio().postprocess((8000, np.array([0, 100, -100], dtype=np.int16)))
    assert data["orig_name"] == "audio.wav" and data["mime_type"] == "audio/x-wav"
    assert _read(cache, data)[1].tolist() == [0, 100, -100]


def test_floats_in_range_keep_their_level_and_louder_ones_are_normalised(cache):
    quiet = gr.Audio().postprocess((8000, np.array([0.0, 0.25, -0.5])))
    assert _read(cache, quiet)[1].tolist() == [0, 8192, -16384]
    loud = gr.Audio().postprocess((8000, np.array([0.0, 2.0, -4.0], dtype=np.float32)))
    assert _read(cache, loud)[1].tolist() == [0, 16384, -32767]


@pytest.mark.parametrize(
    ("array", "expected"),
    [
        (np.array([0, 128, 255], dtype=np.uint8), [-32768, 0, 32512]),
        (np.array([65536 * 3, -65536], dtype=np.int32), [3, -1]),
        (np.array([1, -2, 3]), [1, -2, 3]),  # int64 within the int16 range stays as it is
        (np.array([0, 65534, -65534]), [0, 32767, -32767]),  # beyond it: scaled to its peak
    ],
)
def test_other_integer_samples_are_converted_to_int16(cache, array, expected):
    assert _read(cache, gr.Audio().postprocess((8000, array)))[1].tolist() == expected


def test_stereo_arrays_are_written_with_two_channels_either_way_round(cache):
    frames = np.array([[1, -1], [2, -2], [3, -3]] * 4, dtype=np.int16)
    for array in (frames, frames.T):
        _, back = _read(cache, gr.Audio().postprocess((8000, array)))
        assert back.shape == (12, 2) and back[:3].tolist() == [[1, -1], [2, -2], [3, -3]]


def test_arrays_of_a_wrong_shape_or_rate_are_the_apps_error(cache):
    with pytest.raises(ValueError, match=r"shaped \(samples,\) or \(samples, channels\)"):
        gr.Audio().postprocess((8000, np.zeros((2, 2, 2))))
    with pytest.raises(ValueError, match="sample rate must be a positive int"):
        gr.Audio().postprocess((0, np.zeros(4)))


def test_a_path_a_url_and_file_data_are_shown_as_files(cache, tmp_path):
    path = tmp_path / "beep.wav"
    path.write_bytes(_pcm16([5, 6]))
    data = gr.Audio().postprocess(path)
    assert data["orig_name"] == "beep.wav" and data["url"].startswith("file/")
    assert gr.Audio().postprocess(str(path))["id"] == data["id"]
    assert gr.Audio().postprocess(data)["id"] == data["id"]
    url = "https://example.com/song.mp3"
    assert gr.Audio().postprocess(url)["url"] == url


def test_bytes_are_stored_with_the_extension_of_their_format(cache):
    assert gr.Audio().postprocess(_pcm16([1]))["orig_name"] == "audio.wav"
    assert gr.Audio().postprocess(b"ID3\x03rest")["orig_name"] == "audio.mp3"
    assert gr.Audio().postprocess(b"OggS\x00rest")["orig_name"] == "audio.ogg"


def test_mp3_output_needs_ffmpeg_and_says_so(cache, no_ffmpeg):
    with pytest.raises(codec.NeedsFfmpeg, match="format='mp3' needs ffmpeg"):
        gr.Audio(format="mp3").postprocess((8000, np.zeros(8)))


def test_something_else_is_a_clear_type_error(cache):
    with pytest.raises(TypeError, match="cannot play int"):
        gr.Audio().postprocess(42)


def test_a_value_returned_and_read_back_keeps_its_samples(cache):
    samples = (np.sin(np.arange(800) / 5) * 10000).astype(np.int16)
    out = gr.Audio().postprocess((22050, samples))
    rate, back = gr.Audio().preprocess(out)
    assert rate == 22050 and np.array_equal(back, samples)


# ---------------------------------------------------------------------- streams


def _tone_chunk(index):
    return 8000, np.full(400, index * 100, dtype=np.int16)


def test_a_streaming_output_receives_every_chunk_a_fast_generator_yields():
    def melody():
        for index in range(6):
            yield _tone_chunk(index)

    with gr.Blocks() as demo:
        out = gr.Audio(streaming=True)
        button = gr.Button()
        button.click(melody, None, out)
    with TestClient(demo) as client:
        assert client.click(button).success
        value = client.value(out)
        assert len(value["chunks"]) == 6 and value["stream"]
        assert value["id"] == value["chunks"][-1]["id"]
        with use_cache(client.runtime.files) as files:
            levels = [_read(files, chunk)[1][0] for chunk in value["chunks"]]
        assert levels == [0, 100, 200, 300, 400, 500]
        first_stream = value["stream"]
        client.click(button)
        again = client.value(out)
        assert again["stream"] != first_stream and len(again["chunks"]) == 6


def test_a_streamed_value_sent_back_as_input_is_the_whole_stream(cache):
    chunks = [cache.add_bytes(_pcm16([index] * 3), f"c{index}.wav") for index in range(3)]
    payload = {**chunks[-1], "stream": "abc", "chunks": chunks}
    _, data = gr.Audio().preprocess(payload)
    assert data.tolist() == [0, 0, 0, 1, 1, 1, 2, 2, 2]


def test_the_microphone_stream_runs_fn_on_each_chunk_in_order():
    def add(total, chunk):
        _, data = chunk
        return [*total, int(data[0])], f"{len(total) + 1} chunks"

    with gr.Blocks() as demo:
        total = gr.State([])
        mic = gr.Audio(sources=["microphone"], streaming=True)
        heard = gr.Textbox()
        dep = mic.stream(add, [total, mic], [total, heard], stream_every=0.25, time_limit=10)
    assert dep.trigger_mode == "multiple" and dep.stream_every == 0.25
    assert mic.get_props()["stream_every"] == 0.25 and mic.get_props()["time_limit"] == 10
    with TestClient(demo) as client:
        for level in (3, 1, 2):
            payload = client.runtime.files.add_bytes(_pcm16([level] * 10), "chunk.wav")
            client.set(mic, payload)
            assert client.fire(mic, "stream")[0].success
        assert client.state(total) == [3, 1, 2]
        assert client.value(heard) == "3 chunks"


def test_stream_needs_the_microphone_and_positive_seconds():
    with gr.Blocks():
        upload_only = gr.Audio(sources=["upload"])
        with pytest.raises(ValueError, match="sources includes 'microphone'"):
            upload_only.stream(lambda a: a, upload_only, None)
        mic = gr.Audio(sources="microphone")
        with pytest.raises(ValueError, match="stream_every must be a positive number"):
            mic.stream(lambda a: a, mic, None, stream_every=0)
        mic.stream(lambda a: a, mic, None)
        assert mic.streaming is True


# ---------------------------------------------------------------------- the component


def test_arguments_are_checked_as_the_reference_does():
    assert gr.Audio().sources == ["upload", "microphone"]
    assert gr.Audio(streaming=True).sources == ["microphone"]
    assert gr.Audio(sources="upload").sources == ["upload"]
    with pytest.raises(ValueError, match="sources must be among upload, microphone"):
        gr.Audio(sources=["webcam"])
    with pytest.raises(ValueError, match="type must be 'numpy' or 'filepath'"):
        gr.Audio(type="bytes")
    with pytest.raises(ValueError, match="format must be 'wav', 'mp3' or None"):
        gr.Audio(format="ogg")
    with pytest.raises(ValueError, match="streaming only works when sources includes"):
        gr.Audio(sources=["upload"], streaming=True)
    with pytest.raises(ValueError, match="min_length must be a number of seconds"):
        gr.Audio(min_length="long")


def test_version_6_buttons_choose_the_download_button():
    assert gr.Audio(buttons=["download"]).show_download_button is True
    assert gr.Audio(buttons=[]).show_download_button is False
    with pytest.raises(ValueError, match="buttons"):
        gr.Audio(buttons=["copy"])


def test_waveform_options_are_sent_to_the_page_as_a_dict():
    audio = gr.Audio(waveform_options={"waveform_color": "#01C6FF", "skip_length": 2})
    assert isinstance(audio.waveform_options, gr.WaveformOptions)
    props = audio.get_props()
    assert props["waveform_options"]["waveform_color"] == "#01C6FF"
    options = gr.WaveformOptions(show_recording_waveform=False)
    assert (
        audio.wire_props({"waveform_options": options})["waveform_options"][
            "show_recording_waveform"
        ]
        is False
    )


def test_the_api_schema_is_a_file_and_the_example_payload_is_a_readable_wav(cache):
    schema = gr.Audio().api_info()
    assert schema["type"] == ["object", "null"] and "id" in schema["properties"]
    assert "chunks" in gr.Audio(streaming=True).api_info()["properties"]
    example = gr.Audio().example_payload()
    rate, data = gr.Audio().preprocess(example)
    assert rate == 8000 and len(data) == 800


def test_the_events_are_the_references():
    assert set(gr.Audio.EVENTS) == {
        *("change", "input", "upload", "clear", "play", "pause", "stop"),
        *("start_recording", "pause_recording", "stop_recording", "stream"),
    }


def test_microphone_and_mic_record_from_the_microphone_only():
    assert gr.Mic is gr.Microphone
    mic = gr.Microphone(sources=["upload"], label="Say it")
    assert mic.sources == ["microphone"] and mic.TYPE == "audio" and mic.label == "Say it"


def test_interface_shortcuts_make_audio_components():
    demo = gr.Interface(lambda audio: audio, "microphone", "audio")
    (mic,), (out,) = demo.input_components, demo.output_components
    assert isinstance(mic, gr.Audio) and mic.sources == ["microphone"]
    assert isinstance(out, gr.Audio) and out.sources == ["upload", "microphone"]


def test_a_chat_reply_holding_audio_is_a_player_part(cache, tmp_path):
    path = tmp_path / "beep.wav"
    path.write_bytes(_pcm16([7, 7]))
    history = [
        {"role": "assistant", "content": gr.Audio(str(path), label="Beep")},
        {"role": "assistant", "content": {"path": str(path)}},
    ]
    component, file = gr.Chatbot().postprocess(history)
    (part,) = component["content"]
    assert part["component"] == "audio" and part["props"] == {"label": "Beep"}
    assert part["value"]["mime_type"] == "audio/x-wav"
    assert file["content"][0]["file"]["mime_type"] == "audio/x-wav"


def test_a_chat_history_with_audio_is_read_back_as_a_file_path(cache):
    wire = {
        "role": "assistant",
        "content": [
            {
                "type": "component",
                "component": "audio",
                "value": cache.add_bytes(_pcm16([1]), "b.wav"),
            }
        ],
    }
    (message,) = gr.Chatbot().preprocess([wire])
    audio = message["content"][0] if isinstance(message["content"], list) else message["content"]
    assert isinstance(audio, gr.Audio) and str(audio.value).endswith("b.wav")


def test_a_returned_file_of_another_format_is_converted_by_ffmpeg(cache, fake_ffmpeg, tmp_path):
    song = tmp_path / "song.mp3"
    song.write_bytes(b"ID3 mp3 bytes")
    data = gr.Audio(format="wav").postprocess(song)
    assert data["orig_name"] == "song.wav"
    assert _read(cache, data)[1].tolist() == [1, 2, 3, 4]
    assert gr.Audio().postprocess(song)["orig_name"] == "song.mp3"  # no format: as it is


# ---------------------------------------------------------------------- over the API


@pytest.fixture(scope="module")
def url():
    def reverse(audio):
        rate, data = audio
        return rate, np.flipud(data)

    def describe(path):
        with wave.open(path) as file:
            return f"{Path(path).suffix} {file.getnframes()} frames at {file.getframerate()} Hz"

    with gr.Blocks() as demo:
        audio = gr.Audio()
        out = gr.Audio()
        text = gr.Textbox()
        gr.Button().click(reverse, audio, out, api_name="reverse")
        gr.Button().click(describe, gr.Audio(type="filepath"), text, api_name="describe")
    demo.launch(server_port=0, prevent_thread_lock=True, quiet=True)
    yield demo.local_url
    demo.close()


def test_a_client_sends_a_wav_file_and_gets_the_reversed_audio_back(url, tmp_path):
    path = tmp_path / "counting.wav"
    path.write_bytes(_pcm16([1, 2, 3, 4, 5], rate=11025))
    with gr.Client(url) as client:
        assert client.predict(path, api_name="/describe") == ".wav 5 frames at 11025 Hz"
        local = client.predict(str(path), api_name="/reverse")
        with open(local, "rb") as file:
            rate, data = codec.read_wav(file)
        assert rate == 11025 and data.tolist() == [5, 4, 3, 2, 1]


def test_the_api_refuses_an_audio_value_that_is_no_uploaded_file(url):
    with gr.Client(url) as client, pytest.raises(ClientError, match="paths are not accepted"):
        client.predict({"path": "/etc/passwd", "url": "x"}, api_name="/reverse")
