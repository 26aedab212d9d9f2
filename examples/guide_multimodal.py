import blocks as gr


def multimodal_chat(message, history):
    # message is now a dict with "text" and "files" keys
    text = message["text"]
    files = message.get("files", [])

    response = f"You said: {text}"
    if files:
        response += f"\nYou uploaded {len(files)} file(s)"
    return response


demo = gr.ChatInterface(
    fn=multimodal_chat,
    multimodal=True
)
demo.launch()
