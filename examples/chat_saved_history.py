"""A ChatInterface that keeps past conversations in the browser (save_history=True)."""

import blocks as gr


def echo(message, history):
    return f"You said: {message}"


demo = gr.ChatInterface(fn=echo, title="Saved chats", save_history=True)

if __name__ == "__main__":
    demo.launch()
