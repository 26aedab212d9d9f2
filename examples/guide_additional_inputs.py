import blocks as gr


def chatbot(message, history, temperature, max_tokens):
    # Use temperature and max_tokens in your logic
    return f"Processing with temp={temperature}, max_tokens={max_tokens}"


demo = gr.ChatInterface(
    fn=chatbot,
    additional_inputs=[
        gr.Slider(0, 2, value=0.7, label="Temperature"),
        gr.Slider(1, 2048, value=512, label="Max Tokens")
    ],
    additional_inputs_accordion="Model Parameters"
)

if __name__ == "__main__":
    demo.launch()
