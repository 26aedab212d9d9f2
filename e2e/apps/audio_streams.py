"""Audio for the browser tests: a streaming microphone whose chunks a State adds up, and a
chat whose replies are audio (a gr.Audio and a .wav path)."""

import tempfile
import wave
from pathlib import Path

import blocks as gr

BEEP = Path(tempfile.mkdtemp()) / "beep.wav"
with wave.open(str(BEEP), "wb") as out:
    out.setnchannels(1)
    out.setsampwidth(2)
    out.setframerate(8000)
    out.writeframes(b"\x00\x10\x00\xf0" * 2000)  # half a second of a square wave


def add_chunk(total, chunk):
    sample_rate, data = chunk
    count, seconds = total
    total = (count + 1, seconds + len(data) / sample_rate)
    return total, f"{total[0]} chunk(s), {total[1]:.1f} s at {sample_rate} Hz"


def reply(message, history):
    if message == "file":
        return {"path": str(BEEP)}
    return gr.Audio(str(BEEP), label="Beep")


with gr.Blocks() as demo:
    total = gr.State((0, 0.0))
    mic = gr.Audio(sources=["microphone"], streaming=True, label="Live microphone")
    heard = gr.Textbox(label="Heard")
    mic.stream(add_chunk, [total, mic], [total, heard], stream_every=0.3, time_limit=30)
    gr.ChatInterface(reply)

if __name__ == "__main__":
    demo.launch()
