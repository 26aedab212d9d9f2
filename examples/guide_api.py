"""The guide's API configuration snippet."""

import blocks as gr


def chatbot(message, history):
    return f"API says: {message}"


demo = gr.ChatInterface(
    fn=chatbot,
    api_name="chat",  # Custom endpoint name
    api_description="Chat with the bot",
    api_visibility="public"  # "public", "private", or "undocumented"
)

if __name__ == "__main__":
    demo.launch()
