from PIL import Image

import blocks as gr


def multimodal_bot(message, history):
    if "image" in message.lower():
        # Return an Image component
        img = Image.new('RGB', (300, 300), color='blue')
        return gr.Image(value=img)
    else:
        return "I can only show images!"


demo = gr.ChatInterface(fn=multimodal_bot)

if __name__ == "__main__":
    demo.launch()
