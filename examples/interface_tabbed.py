"""gr.TabbedInterface: two Interfaces, one per tab, served as one app."""

import blocks as gr

hello = gr.Interface(lambda name: "Hello " + name + "!", "text", "text", flagging_mode="never")
bye = gr.Interface(lambda name: "Bye " + name + "!", "text", "text", flagging_mode="never")

demo = gr.TabbedInterface([hello, bye], ["Hello World", "Bye World"], title="Greetings")

if __name__ == "__main__":
    demo.launch()
