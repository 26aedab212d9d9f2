"""An app behind launch(auth=...): the browser logs in on the app's own login page."""

import blocks as gr


def greet(name, request: gr.Request):
    return f"Hello {name}, from {request.username}!"


with gr.Blocks(title="Members") as demo:
    name = gr.Textbox(label="Name")
    greeting = gr.Textbox(label="Greeting")
    gr.Button("Greet").click(greet, name, greeting)

if __name__ == "__main__":
    demo.launch(auth=("ada", "lovelace"), auth_message="Ask Ada for the password.")
