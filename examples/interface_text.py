"""gr.Interface from string shortcuts: a name and a slider in, a greeting out.

Each string ("text", "slider") stands for a component with its defaults; the inputs are
labelled after the function's parameters and the output "output".
"""

import blocks as gr


def greet(name, intensity):
    return "Hello, " + name + "!" * int(intensity)


demo = gr.Interface(
    fn=greet,
    inputs=["text", "slider"],
    outputs=["text"],
    title="Greeter",
    description="Type a name, pick how excited to be, and press **Submit**.",
    article="Built with `gr.Interface` and string shortcuts.",
    flagging_mode="never",
)

if __name__ == "__main__":
    demo.launch()
