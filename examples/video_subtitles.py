"""A video with subtitles: upload a clip and an .srt or .vtt file, and the player shows them
as captions (SRT is converted to WebVTT on the server). The reference's ``video_subtitle``
demo: the function returns ``(video, subtitles)``."""

import blocks as gr


def video_demo(video, subtitle=None):
    if subtitle is None:
        return video
    return [video, subtitle.name]


demo = gr.Interface(
    fn=video_demo,
    inputs=[
        gr.Video(label="In", interactive=True),
        gr.File(label="Subtitle", file_types=[".srt", ".vtt"]),
    ],
    outputs=gr.Video(label="Out"),
)

if __name__ == "__main__":
    demo.launch()
