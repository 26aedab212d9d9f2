"""A gr.State with a change listener: the page never sees the State, yet its change runs."""

import blocks as gr


def add(item, items):
    return [*items, item] if item else items


with gr.Blocks() as demo:
    items = gr.State([])
    item = gr.Textbox(label="Item")
    count = gr.Textbox(label="Count", value="0 items")
    gr.Button("Add").click(add, [item, items], items)
    items.change(lambda values: f"{len(values)} items", items, count)

if __name__ == "__main__":
    demo.launch()
