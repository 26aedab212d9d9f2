"""A chat bot that answers with a 3D model and a video inside its messages."""

import blocks as gr


def respond(message, history):
    if "video" in message.lower():
        return [
            {"role": "assistant", "content": "Here is a short clip:"},
            {"role": "assistant", "content": gr.Video(gr.media.get_video("world.mp4"))},
        ]
    return [
        {"role": "assistant", "content": "Here is a duck; drag it to turn it."},
        {
            "role": "assistant",
            "content": gr.Model3D(gr.media.get_model3d("Duck.glb"), label="Duck"),
        },
    ]


demo = gr.ChatInterface(
    respond,
    examples=["Show me a duck", "Show me a video"],
    title="Models and clips",
)

if __name__ == "__main__":
    demo.launch(allowed_paths=gr.media.MEDIA_PATHS)
