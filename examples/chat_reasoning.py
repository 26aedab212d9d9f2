"""A reasoning model's reply: it thinks aloud inside <think>...</think>, then answers.

With ``reasoning_tags``, the Chatbot shows the thinking as a collapsible "Reasoning" block above
the answer, while it streams and after, instead of printing the tags in the reply.
"""

import time

import blocks as gr

THOUGHTS = "The user greets me. A short, friendly answer fits; no need to ask anything back."


def think_then_answer(message, history):
    reply = "<think>"
    for word in THOUGHTS.split():
        reply += word + " "
        time.sleep(0.05)
        yield reply
    reply = reply.rstrip() + "</think>"
    for word in f"Hello! You said: {message}".split():
        reply += word + " "
        time.sleep(0.05)
        yield reply


demo = gr.ChatInterface(
    think_then_answer,
    title="Thinking out loud",
    chatbot=gr.Chatbot(
        reasoning_tags=[("<think>", "</think>")], label="Chatbot", show_label=False, scale=1
    ),
)

if __name__ == "__main__":
    demo.launch()
