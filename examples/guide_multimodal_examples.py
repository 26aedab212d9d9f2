"""The guide's multimodal examples; example.jpg and photo.png sit beside this file."""

import blocks as gr


def multimodal_chat(message, history):
    text = message["text"]
    files = message.get("files", [])

    response = f"You said: {text}"
    if files:
        response += f"\nYou uploaded {len(files)} file(s)"
    return response


demo = gr.ChatInterface(
    fn=multimodal_chat,
    multimodal=True,
    examples=[
        {"text": "Describe this image", "files": ["example.jpg"]},
        {"text": "What's in this photo?", "files": ["photo.png"]}
    ]
)

if __name__ == "__main__":
    demo.launch()
