"""Upload or record a video and get it back as a browser-playable MP4 (the reference's
``video_identity`` demo: a ``gr.Video`` in, the ``"playable_video"`` shortcut out)."""

import blocks as gr


def video_identity(video):
    return video


demo = gr.Interface(
    video_identity,
    gr.Video(),
    "playable_video",
    examples=[gr.media.get_video("world.mp4")],
)

if __name__ == "__main__":
    demo.launch(allowed_paths=gr.media.MEDIA_PATHS)
