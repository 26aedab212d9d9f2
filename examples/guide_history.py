import random  # noqa: F401 (as in the guide)

import blocks as gr


def chatbot(message, history):
    # Access previous messages
    if len(history) > 0:
        prev_msg = history[-1]["content"]
        return f"You just said: {prev_msg}. Now you're saying: {message}"
    return f"First message: {message}"


demo = gr.ChatInterface(fn=chatbot)
demo.launch()
