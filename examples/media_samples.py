"""The sample files of gr.media: a picture, a sound, a video, a 3D model and a table.

``launch(allowed_paths=MEDIA_PATHS)`` lets the app show them (they live inside the package).
"""

import blocks as gr
from blocks.media import MEDIA_PATHS, get_audio, get_file, get_image, get_model3d, get_video

with gr.Blocks(title="Sample media") as demo:
    gr.Markdown("# Sample media\nSmall files that ship with Blocks, for demos and tests.")
    with gr.Row():
        gr.Image(get_image("tower.jpg"), label="tower.jpg")
        gr.Audio(get_audio("cantina.wav"), label="cantina.wav")
    gr.Files(
        [get_video("world.mp4"), get_model3d("Bunny.obj"), get_file("titanic.csv")],
        label="More samples",
    )
    gr.DownloadButton("Download the video", value=get_video("world.mp4"))
    random_image = gr.Image(label="A random sample image", type="filepath")
    gr.Button("Show a random image").click(get_image, None, random_image)

if __name__ == "__main__":
    demo.launch(allowed_paths=MEDIA_PATHS)
