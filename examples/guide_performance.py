"""The guide's performance options; each reply takes 1 s so concurrency can be seen."""

import time

import blocks as gr


def chatbot(message, history):
    time.sleep(1)
    return f"Done: {message}"


demo = gr.ChatInterface(
    fn=chatbot,
    concurrency_limit=5,  # Max simultaneous users
    show_progress="minimal",  # "full", "minimal", or "hidden"
    autoscroll=True,  # Auto-scroll to new messages
    autofocus=True  # Focus input on load
)

if __name__ == "__main__":
    demo.launch()
