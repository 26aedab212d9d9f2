"""A ChatInterface whose function raises gr.Error for some messages."""

import blocks as gr


def picky(message, history):
    if "secret" in message.lower():
        raise gr.Error("I cannot talk about secrets.")
    return f"Sure: {message}"


demo = gr.ChatInterface(fn=picky, title="Picky bot")

if __name__ == "__main__":
    demo.launch()
