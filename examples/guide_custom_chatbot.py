"""The guide's custom Chatbot snippet; user.png and bot.png sit beside this file."""

import blocks as gr


def chatbot(message, history):
    return f"Bot says: {message}"


custom_chatbot = gr.Chatbot(
    height=600,
    bubble_full_width=False,
    avatar_images=("user.png", "bot.png")
)

demo = gr.ChatInterface(
    fn=chatbot,
    chatbot=custom_chatbot
)

if __name__ == "__main__":
    demo.launch()
