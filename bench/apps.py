"""Apps the benchmarks serve. Run as ``python bench/apps.py echo|stream``; the port comes from
BLOCKS_SERVER_PORT."""

from __future__ import annotations

import sys

import blocks as gr

TOKENS = 2000


def echo(text):
    return text


def stream(text):
    reply = ""
    for index in range(TOKENS):
        reply += f"tok{index % 10} "
        yield reply


def build(kind: str) -> gr.Blocks:
    with gr.Blocks() as demo:
        box = gr.Textbox(label="In")
        out = gr.Textbox(label="Out")
        button = gr.Button("Go")
        button.click(echo if kind == "echo" else stream, box, out)
    return demo


if __name__ == "__main__":
    build(sys.argv[1]).launch()
