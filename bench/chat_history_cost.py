"""Does a streamed chat turn cost more when the conversation is long? Runs one ChatInterface
turn (a 2,000-token reply from a generator that never sleeps) in-process on top of histories
of different lengths and prints the CPU time and the bytes sent per turn. Asserts nothing.

    python bench/chat_history_cost.py
"""

from __future__ import annotations

import statistics
import time

import blocks as gr
from blocks.testing import TestClient

TOKENS = 2000


def reply(message, history):
    if message.startswith("question"):
        yield f"answer {message} " * 20
        return
    text = ""
    for index in range(TOKENS):
        text += f"tok{index % 10} "
        yield text


def measure(turns: int, runs: int = 3) -> tuple[float, int]:
    chat = gr.ChatInterface(fn=reply)
    cpu, sent = [], []
    with TestClient(chat) as client:
        # The history is built by real turns, so the page holds it as the server sent it.
        for index in range(turns):
            client.set(chat.textbox, f"question {index}")
            client.submit(chat.textbox)
        for _ in range(runs):
            sizes: list[int] = []
            original = client.session.outbox.push

            def counting(encode, sizes=sizes, original=original):
                return original(lambda seq: _measured(encode, seq, sizes))

            client.session.outbox.push = counting
            client.set(chat.textbox, "go")
            started = time.process_time()
            client.submit(chat.textbox)
            cpu.append(time.process_time() - started)
            sent.append(sum(sizes))
            client.session.outbox.push = original
    return statistics.median(cpu), int(statistics.median(sent))


def _measured(encode, seq: int, sizes: list[int]) -> bytes:
    frame = encode(seq)
    sizes.append(len(frame))
    return frame


def main() -> None:
    print(f"one turn with a {TOKENS}-token streamed reply, in-process (median of 3):")
    for turns in (0, 10, 100, 500):
        seconds, sent = measure(turns)
        print(
            f"  history of {turns * 2:>5} messages: {seconds * 1000:7.1f} ms CPU, "
            f"{sent:,} bytes sent"
        )


if __name__ == "__main__":
    main()
