"""gr.Examples inside Blocks: clicking an example fills the inputs (and, with
run_on_click=True, runs the function on them); two examples a page; a gr.ClearButton
empties the form."""

import blocks as gr


def describe(city, population):
    return f"{city} has {int(population):,} inhabitants."


with gr.Blocks() as demo:
    with gr.Row():
        with gr.Column():
            city = gr.Textbox(label="City")
            population = gr.Number(label="Population", precision=0)
            with gr.Row():
                gr.ClearButton([city, population], value="Clear form")
                go = gr.Button("Describe", variant="primary")
        with gr.Column():
            summary = gr.Textbox(label="Summary")
    go.click(describe, [city, population], summary)
    gr.Examples(
        examples=[["Paris", 2102650], ["Tokyo", 13960000], ["Lagos", 15388000]],
        inputs=[city, population],
        outputs=summary,
        fn=describe,
        run_on_click=True,
        label="Cities",
        examples_per_page=2,
    )

if __name__ == "__main__":
    demo.launch()
