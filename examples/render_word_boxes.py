"""Dynamic layout: one text box per word of a sentence, kept by key.

Type a sentence: `@gr.render` builds a box for each word. Each box has a `key`, so a note typed
into a box stays there when the sentence changes and the boxes are built again.
"""

import blocks as gr

with gr.Blocks() as demo:
    sentence = gr.Textbox(label="Sentence", placeholder="Type a few words")

    @gr.render(inputs=sentence)
    def word_boxes(text):
        words = (text or "").split()
        gr.Markdown(f"{len(words)} word(s)")
        for index, word in enumerate(words):
            gr.Textbox(label=f"Note on {word}", key=f"word-{index}")


if __name__ == "__main__":
    demo.launch()
