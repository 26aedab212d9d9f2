"""Chatbots with allow_tags: custom tags kept as elements (or not), never a way to run script."""

import blocks as gr

MESSAGES = [
    {"role": "user", "content": "Think first"},
    {
        "role": "assistant",
        "content": '<thinking onclick="window.__xss=1">step one</thinking> '
        "<tool-call>search</tool-call> <script>window.__xss=1</script>The answer.",
    },
]

with gr.Blocks() as demo:
    gr.Chatbot(MESSAGES, label="Every tag", allow_tags=True)
    gr.Chatbot(MESSAGES, label="Named tags", allow_tags=["thinking"])
    gr.Chatbot(MESSAGES, label="No tags", allow_tags=False)

if __name__ == "__main__":
    demo.launch()
