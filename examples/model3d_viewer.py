"""Show a 3D model: upload an .obj, .glb, .gltf, .stl or .ply file (or pick an example) and
turn it with the mouse. The reference's ``model3D`` demo."""

import blocks as gr


def load_mesh(mesh_file_name):
    return mesh_file_name


demo = gr.Interface(
    fn=load_mesh,
    inputs=gr.Model3D(label="Upload a model"),
    outputs=gr.Model3D(clear_color=(0.0, 0.0, 0.0, 0.0), label="3D Model"),
    examples=[
        [gr.media.get_model3d("Bunny.obj")],
        [gr.media.get_model3d("Duck.glb")],
        [gr.media.get_model3d("Fox.gltf")],
        [gr.media.get_model3d("face.obj")],
        [gr.media.get_model3d("sofia.stl")],
    ],
)

if __name__ == "__main__":
    demo.launch(allowed_paths=gr.media.MEDIA_PATHS)
