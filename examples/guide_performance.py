"""The guide's performance options. Its `chatbot` takes 1 s and says how many replies were
being computed at once, so five-at-a-time concurrency can be seen."""

import threading
import time

import blocks as gr

running = 0
lock = threading.Lock()


def chatbot(message, history):
    global running
    with lock:
        running += 1
        now = running
    time.sleep(1)
    with lock:
        running -= 1
    return f"Done: {message} ({now} running)"


demo = gr.ChatInterface(
    fn=chatbot,
    concurrency_limit=5,  # Max simultaneous users
    show_progress="minimal",  # "full", "minimal", or "hidden"
    autoscroll=True,  # Auto-scroll to new messages
    autofocus=True  # Focus input on load
)

if __name__ == "__main__":
    demo.launch()
