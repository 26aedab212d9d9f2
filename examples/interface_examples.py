"""gr.Interface with examples whose outputs are cached: clicking one fills the inputs and
shows its stored answer at once, without calling the function again. The function counts
its calls, so a cached example visibly needs none. The Flag button saves the inputs and
outputs to .blocks/flagged/dataset1.csv."""

import blocks as gr

calls = {"count": 0}


def shout(text, times):
    calls["count"] += 1
    return (text.upper() + "! ") * int(times), f"calls so far: {calls['count']}"


demo = gr.Interface(
    fn=shout,
    inputs=[gr.Textbox(label="Text"), gr.Number(value=1, precision=0, label="Times")],
    outputs=[gr.Textbox(label="Shouted"), gr.Textbox(label="Calls")],
    examples=[["hello", 2], ["good morning", 1], ["bye", 3]],
    cache_examples=True,
    title="Shouter",
    flagging_options=["Loud", "Too loud"],
)

if __name__ == "__main__":
    demo.launch()
