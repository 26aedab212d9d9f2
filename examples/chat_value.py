"""ChatInterface.chatbot_value: other parts of the page read the conversation as it grows,
and a button loads a conversation into the chat, which then goes on from it."""

import blocks as gr

SAVED = [
    {"role": "user", "content": "What is the capital of France?"},
    {"role": "assistant", "content": "Paris."},
]


def echo(message, history):
    return f"Message {len(history) // 2 + 1}: {message}"


with gr.Blocks() as demo:
    chat = gr.ChatInterface(echo, title="Chat with a memory")
    with gr.Row():
        count = gr.Number(label="Messages so far", value=0)
        restore = gr.Button("Load the saved conversation")
    chat.chatbot_value.change(lambda history: len(history), chat.chatbot_value, count)
    restore.click(lambda: SAVED, None, chat.chatbot_value)

if __name__ == "__main__":
    demo.launch()
