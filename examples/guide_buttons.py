"""The guide's button labels snippet."""

import time

import blocks as gr


def chatbot(message, history):
    for index in range(1, len(message) + 1):
        time.sleep(0.05)
        yield message[:index]


demo = gr.ChatInterface(
    fn=chatbot,
    submit_btn="Send Message",
    stop_btn="Stop Generation",
    clear_btn=None  # Hide the clear button
)

if __name__ == "__main__":
    demo.launch()
