"""A settings sidebar (gr.Sidebar) next to the main content, and a button that copies a link
to the page with what it shows now (gr.DeepLinkButton)."""

import blocks as gr

with gr.Blocks() as demo:
    with gr.Sidebar(label="Settings", open=True):
        gr.Markdown("## Settings")
        name = gr.Textbox(label="Your name")
        punctuation = gr.Radio(["!", "?", "."], value="!", label="Punctuation")
    gr.Markdown("# Greeter")
    greeting = gr.Textbox(label="Greeting")
    gr.DeepLinkButton()

    def greet(who, mark):
        return f"Hello {who}{mark}" if who else ""

    gr.on([name.change, punctuation.change], greet, [name, punctuation], greeting)
    demo.load(greet, [name, punctuation], greeting)

if __name__ == "__main__":
    demo.launch()
