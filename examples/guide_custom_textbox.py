"""The guide's custom Textbox snippet."""

import blocks as gr


def chatbot(message, history):
    return f"{len(message.splitlines())} line(s): {message}"


custom_textbox = gr.Textbox(
    placeholder="Type your message here...",
    lines=3
)

demo = gr.ChatInterface(
    fn=chatbot,
    textbox=custom_textbox
)

if __name__ == "__main__":
    demo.launch()
