import blocks as gr


def chatbot_with_metadata(message, history):
    response = f"Echo: {message}"
    metadata = {"message_length": len(message), "timestamp": "2024-01-01"}
    return response, metadata


with gr.Blocks() as demo:
    gr.ChatInterface(
        fn=chatbot_with_metadata,
        additional_outputs=[gr.JSON(label="Metadata")]
    )

demo.launch()
