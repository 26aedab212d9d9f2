"""An app whose only listener is private: it works on the page, but has no API to show."""

import blocks as gr


def shout(text):
    return text.upper()


with gr.Blocks() as demo:
    text = gr.Textbox(label="Text")
    shouted = gr.Textbox(label="Shouted")
    gr.Button("Shout").click(shout, text, shouted, api_visibility="private")

if __name__ == "__main__":
    demo.launch()
