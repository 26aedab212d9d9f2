"""The guide's flagging snippet: records go to ./flagged_chats/flags.jsonl."""

import blocks as gr


def chatbot(message, history):
    return f"Answer to: {message}"


demo = gr.ChatInterface(
    fn=chatbot,
    flagging_mode="manual",  # "manual" or "never"
    flagging_options=["Like", "Dislike"],
    flagging_dir="./flagged_chats"
)

if __name__ == "__main__":
    demo.launch()
