"""@gr.render in the browser: the examples' dynamic boxes, keys that keep what was typed, and
listeners made inside a render."""

from playwright.sync_api import Page, expect


def test_typing_words_renders_one_box_per_word_and_keyed_boxes_keep_their_notes(
    page: Page, launch_app
):
    page.goto(launch_app("examples/render_word_boxes.py"))
    sentence = page.get_by_role("textbox", name="Sentence")
    sentence.fill("red green")
    red = page.get_by_role("textbox", name="Note on red")
    expect(red).to_be_visible()
    expect(page.get_by_role("textbox", name="Note on green")).to_be_visible()
    expect(page.get_by_text("2 word(s)")).to_be_visible()
    red.fill("apples")
    sentence.fill("red green blue")
    expect(page.get_by_role("textbox", name="Note on blue")).to_be_visible()
    expect(page.get_by_text("3 word(s)")).to_be_visible()
    expect(page.get_by_role("textbox", name="Note on red")).to_have_value("apples")
    sentence.fill("red")
    expect(page.get_by_role("textbox", name="Note on green")).to_have_count(0)
    expect(page.get_by_role("textbox", name="Note on red")).to_have_value("apples")


def test_the_todo_list_adds_completes_and_deletes_rows_and_keeps_typed_notes(
    page: Page, launch_app
):
    page.goto(launch_app("examples/render_todo.py"))
    new_task = page.get_by_role("textbox", name="New task")
    new_task.fill("Buy milk")
    new_task.press("Enter")
    expect(page.get_by_role("textbox", name="Notes for Buy milk")).to_be_visible()
    expect(new_task).to_have_value("")
    page.get_by_role("textbox", name="Notes for Buy milk").fill("oat milk")
    new_task.fill("Call Ada")
    new_task.press("Enter")
    expect(page.get_by_role("heading", name="To do (2)")).to_be_visible()
    expect(page.get_by_role("textbox", name="Notes for Buy milk")).to_have_value("oat milk")
    page.get_by_role("button", name="Done: Call Ada").click()
    expect(page.get_by_role("heading", name="To do (1)")).to_be_visible()
    expect(page.get_by_role("heading", name="Done (1)")).to_be_visible()
    expect(page.get_by_role("textbox", name="Notes for Buy milk")).to_have_value("oat milk")
    page.get_by_role("button", name="Delete: Buy milk").click()
    expect(page.get_by_role("heading", name="To do (0)")).to_be_visible()
    expect(page.get_by_role("textbox", name="Notes for Buy milk")).to_have_count(0)
