"""Validating inputs before the function runs: ``validator=`` returns one ``gr.validate`` per
input. An invalid input shows its message beside it, and ``process`` is not called."""

import blocks as gr


def validate_input(age, location):
    return [
        gr.validate(age is not None and age >= 3, "Age must be at least 3"),
        gr.validate("london" not in location.lower(), "Location must not be in London"),
    ]


def process(age, location):
    return f"Processed: {age:g} -- {location.upper()}"


with gr.Blocks() as demo:
    gr.Markdown("# Validator demo")
    with gr.Row():
        with gr.Column():
            age = gr.Number(label="Enter age", placeholder="Enter age")
            location = gr.Textbox(label="Enter location", placeholder="Enter location")
            btn = gr.Button("Process", variant="primary")
        with gr.Column():
            output = gr.Textbox(label="Output", interactive=False)
    btn.click(process, [age, location], output, validator=validate_input, api_name="process")

if __name__ == "__main__":
    demo.launch()
