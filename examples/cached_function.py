"""Caching a slow function with ``@gr.cache``: asking again for the same number answers at once
from the cache, and the function itself does not run again."""

import time

import blocks as gr

runs = {"count": 0}


@gr.cache(max_size=64)
def slow_square(n):
    runs["count"] += 1
    time.sleep(1)  # an expensive model, say
    return f"{n:g} squared is {n * n:g}"


def count_runs():
    return f"The function has run {runs['count']} time(s)"


with gr.Blocks() as demo:
    number = gr.Number(label="Number", value=4)
    btn = gr.Button("Square")
    result = gr.Textbox(label="Result")
    ran = gr.Textbox(label="Runs")
    btn.click(slow_square, number, result).then(count_runs, None, ran)

if __name__ == "__main__":
    demo.launch()
