import random
import time

import blocks as gr


def chatbot(message, history, temperature):
    responses = [
        "That's interesting!",
        "Tell me more.",
        "I understand.",
        "How does that make you feel?"
    ]

    response = random.choice(responses)

    # Stream the response
    for i in range(len(response)):
        time.sleep(0.05)
        yield response[:i+1]


demo = gr.ChatInterface(
    fn=chatbot,
    title="Friendly Chatbot",
    description="A simple conversational AI",
    examples=[
        {"text": "Hello!"},
        {"text": "What's the weather like?"}
    ],
    additional_inputs=[
        gr.Slider(0, 1, value=0.7, label="Temperature")
    ],
    flagging_mode="manual",
    flagging_options=["Like", "Dislike"],
    cache_examples=True
)

demo.launch()
