import time

import blocks as gr


def slow_echo(message, history):
    response = ""
    for char in message:
        response += char
        time.sleep(0.05)
        yield response


demo = gr.ChatInterface(fn=slow_echo)
demo.launch()
