"""A chat that answers one person at a time (concurrency_limit=1) and reports its progress.

Whoever sends a message while someone else's answer is being worked on sees their place in the
queue and an estimate of the wait; once it is their turn, a pending reply shows the
function's progress bar (gr.Progress) until the answer appears.
"""

import time

import blocks as gr


def slow_answer(message, history, progress=gr.Progress()):
    for _ in progress.tqdm(range(6), desc="Reading the question"):
        time.sleep(0.5)
    return f"After some thought: {message}"


demo = gr.ChatInterface(
    slow_answer,
    title="One at a time",
    concurrency_limit=1,
    show_progress="full",
)

if __name__ == "__main__":
    demo.launch()
