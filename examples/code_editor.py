"""A Python code editor: edit the code and press Outline to list its functions and classes,
shown as highlighted JSON in a second, read-only Code component."""

import ast
import json

import blocks as gr

SAMPLE = """import math


class Circle:
    def __init__(self, radius):
        self.radius = radius

    def area(self):
        return math.pi * self.radius**2


def describe(shape):
    return f"{type(shape).__name__} of area {shape.area():.2f}"
"""


def outline(code):
    try:
        tree = ast.parse(code)
    except SyntaxError as error:
        raise gr.Error(f"Line {error.lineno}: {error.msg}") from None
    found = []
    for node in ast.walk(tree):
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
            kind = "class" if isinstance(node, ast.ClassDef) else "function"
            found.append({"name": node.name, "kind": kind, "line": node.lineno})
    return json.dumps(sorted(found, key=lambda item: item["line"]), indent=2)


with gr.Blocks(title="Code outline") as demo:
    gr.Markdown("# Outline a Python module")
    with gr.Row():
        source = gr.Code(SAMPLE, language="python", label="Python code", interactive=True, lines=12)
        result = gr.Code(language="json", label="Outline", lines=12)
    gr.Button("Outline").click(outline, source, result)

if __name__ == "__main__":
    demo.launch()
