"""The guide's examples snippet; `chatbot` is the guide's history-aware function."""

import blocks as gr


def chatbot(message, history):
    if len(history) > 0:
        prev_msg = history[-1]["content"]
        return f"You just said: {prev_msg}. Now you're saying: {message}"
    return f"First message: {message}"


demo = gr.ChatInterface(
    fn=chatbot,
    examples=[
        {"text": "Hello!"},
        {"text": "How are you?"},
        {"text": "Tell me a joke"}
    ],
    example_labels=["Greeting", "Question", "Fun"],
    example_icons=["👋", "❓", "😄"]
)

if __name__ == "__main__":
    demo.launch()
