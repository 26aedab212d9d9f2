"""Reverse the recording: record from the microphone (or upload a file) and hear it backwards.

The function gets ``(sample_rate, samples)``, samples an int16 numpy array, and returns the same
kind of tuple, which the output plays.
"""

import numpy as np

import blocks as gr


def reverse_audio(audio):
    if audio is None:
        return None, "Record or upload something first."
    sample_rate, data = audio
    channels = 1 if data.ndim == 1 else data.shape[1]
    seconds = len(data) / sample_rate
    details = f"{seconds:.1f} s at {sample_rate} Hz, {channels} channel(s)"
    return (sample_rate, np.flipud(data)), details


with gr.Blocks(title="Reverse audio") as demo:
    gr.Markdown("# Reverse audio\nRecord yourself (or upload a file), then press **Reverse**.")
    with gr.Row():
        recording = gr.Audio(
            sources=["microphone", "upload"],
            label="Your recording",
            waveform_options=gr.WaveformOptions(waveform_color="#01C6FF", skip_length=2),
        )
        reversed_audio = gr.Audio(label="Reversed", show_download_button=True)
    details = gr.Textbox(label="Details", interactive=False)
    gr.Button("Reverse", variant="primary").click(
        reverse_audio, recording, [reversed_audio, details]
    )

if __name__ == "__main__":
    demo.launch()
