"""A ChatInterface generator that reports progress before its first token: the page shows the
description and the fraction in the chat while the function thinks."""

import time

import blocks as gr


def think(message, history, progress=gr.Progress()):
    progress(0.5, desc="Thinking")
    time.sleep(1.5)  # long enough for a browser test to see the progress
    yield f"Thought about: {message}"


demo = gr.ChatInterface(think, title="Progress chat", show_progress="minimal")

if __name__ == "__main__":
    demo.launch()
