"""The guide's title and description snippet."""

import blocks as gr


def chatbot(message, history):
    return message


demo = gr.ChatInterface(
    fn=chatbot,
    title="My Custom Chatbot",
    description="This chatbot echoes your messages back to you."
)

if __name__ == "__main__":
    demo.launch()
