"""The guide's cached examples snippet. Each real call of the function is counted in
./calls.log so one can see that cached examples do not call it."""

import time

import blocks as gr


def slow_chatbot(message, history):
    with open("calls.log", "a") as log:
        log.write(message + "\n")
    time.sleep(1)
    yield f"After some thought: {message}"


demo = gr.ChatInterface(
    fn=slow_chatbot,
    examples=[{"text": "Hello"}, {"text": "How are you?"}],
    cache_examples=True,  # Pre-compute responses
    cache_mode="eager"  # "eager" or "lazy"
)

if __name__ == "__main__":
    demo.launch()
