"""A page left open across a redeploy that changed the app reloads itself instead of running
the listener that now has the number it knew, and keeps what the user typed."""

import textwrap

from harness import AppLauncher, free_port
from playwright.sync_api import Page, expect

VERSION = """
import blocks as gr

def harmless(name):
    return f"hello {{name}}"

def delete(name):
    return f"deleted {{name}}"

with gr.Blocks(title="{title}") as demo:
    name = gr.Textbox(label="Name")
    result = gr.Textbox(label="Result")
    with gr.Row():
        {buttons}

demo.launch()
"""

HARMLESS = 'gr.Button("Harmless").click(harmless, name, result)'
DELETE = 'gr.Button("Delete").click(delete, name, result)'
FIRST = f"{HARMLESS}\n        {DELETE}"
SWAPPED = f"{DELETE}\n        {HARMLESS}"


def write(folder, title, buttons):
    path = folder / "app.py"
    path.write_text(textwrap.dedent(VERSION).format(title=title, buttons=buttons))
    return path


def test_a_page_from_before_a_redeploy_reloads_keeps_the_typing_and_runs_the_right_listener(
    page: Page, tmp_path
):
    env = {"BLOCKS_SERVER_PORT": str(free_port()), "BLOCKS_DRAIN_TIMEOUT": "1"}
    first, second = AppLauncher(), AppLauncher()
    try:
        page.goto(first.launch(str(write(tmp_path, "v1", FIRST)), env))
        expect(page).to_have_title("v1")
        page.get_by_role("textbox", name="Name").fill("Ana")
        first.close()
        second.launch(str(write(tmp_path, "v2", SWAPPED)), env)
        # The page noticed on reconnecting, and reloaded: it is the new version now.
        expect(page).to_have_title("v2", timeout=15_000)
        expect(page.get_by_role("button").first).to_have_text("Delete")
        expect(page.get_by_role("textbox", name="Name")).to_have_value("Ana")
        page.get_by_role("button", name="Harmless").click()
        expect(page.get_by_role("textbox", name="Result")).to_have_value("hello Ana")
    finally:
        first.close()
        second.close()
