"""The guide's editable messages snippet."""

import blocks as gr


def chatbot(message, history):
    return f"You said: {message} ({len(history) // 2} earlier turn(s))"


demo = gr.ChatInterface(
    fn=chatbot,
    editable=True  # Users can click to edit past messages
)

if __name__ == "__main__":
    demo.launch()
