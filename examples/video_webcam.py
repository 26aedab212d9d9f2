"""Record yourself with the webcam (or upload a clip) and see what the function received.

The listener gets the path of the video; the events of the component (upload, start/stop
recording, play, end, clear) are written to a log as they fire.
"""

import os

import blocks as gr


def describe(video):
    if video is None:
        return "No video yet."
    return f"{os.path.basename(video)}: {os.path.getsize(video)} bytes"


def note(log, event):
    return f"{log or ''}\n{event}".strip()


with gr.Blocks(title="Webcam") as demo:
    gr.Markdown("# Webcam\nPress **Record**, then **Stop recording**; or upload a video.")
    with gr.Row():
        clip = gr.Video(label="Clip", sources=["webcam", "upload"], include_audio=True)
        with gr.Column():
            details = gr.Textbox(label="Details", interactive=False)
            log = gr.Textbox(label="Events", interactive=False, lines=6)
    clip.change(describe, clip, details)
    for event in ("upload", "start_recording", "stop_recording", "play", "end", "clear"):
        getattr(clip, event)(lambda text, name=event: note(text, name), log, log)

if __name__ == "__main__":
    demo.launch()
