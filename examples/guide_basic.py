import blocks as gr


def echo(message, history):
    return message


demo = gr.ChatInterface(fn=echo)
demo.launch()
