"""ChatInterface composed of the runtime's pieces, in chromium: a chat function's gr.Progress
shows in the chat, and an async function answers lazily cached examples."""

import re

from playwright.sync_api import Page, expect

LOG = '[role="log"]'


def messages(page: Page, role: str):
    return page.locator(f'{LOG} [role="article"][data-role="{role}"]')


def test_progress_reported_by_a_chat_generator_shows_its_description_and_fraction(
    page: Page, launch_app
):
    page.goto(launch_app("e2e/apps/chat_progress.py"))
    box = page.get_by_role("textbox", name="Message")
    box.fill("the question")
    box.press("Enter")
    expect(messages(page, "user")).to_have_text(["the question"])
    # While the function sleeps after progress(0.5, desc="Thinking"), before its first token.
    bar = page.get_by_role("progressbar", name="Thinking")
    expect(bar).to_be_visible()
    expect(bar).to_have_attribute("aria-valuenow", "50")
    expect(page.get_by_text("Thinking · 50%")).to_be_visible()
    expect(messages(page, "assistant")).to_have_count(0)
    expect(messages(page, "assistant")).to_have_text(["Thought about: the question"])
    expect(bar).to_have_count(0)  # the job is over: so is its progress


def test_an_async_chat_function_answers_a_clicked_lazily_cached_example(page: Page, launch_app):
    page.goto(launch_app("e2e/apps/chat_async_lazy_examples.py"))
    page.get_by_role("button", name=re.compile("What is lazy caching")).click()
    expect(messages(page, "user")).to_have_text(["What is lazy caching?"])
    expect(messages(page, "assistant")).to_have_text(["Async answer to: What is lazy caching?"])
    # Cached now: a second click answers from the cache, the same way.
    page.get_by_role("button", name="Clear").click()
    expect(messages(page, "user")).to_have_count(0)
    page.get_by_role("button", name=re.compile("What is lazy caching")).click()
    expect(messages(page, "assistant")).to_have_text(["Async answer to: What is lazy caching?"])
    expect(page.get_by_role("textbox", name="Message")).to_be_enabled()


def test_chatbot_value_follows_each_turn_and_loading_it_continues_that_conversation(
    page: Page, launch_app
):
    page.goto(launch_app("examples/chat_value.py"))
    count = page.get_by_role("spinbutton", name="Messages so far")
    box = page.get_by_role("textbox", name="Message")
    box.fill("hello")
    box.press("Enter")
    expect(messages(page, "assistant")).to_have_text(["Message 1: hello"])
    expect(count).to_have_value("2")
    page.get_by_role("button", name="Load the saved conversation").click()
    expect(messages(page, "user")).to_have_text(["What is the capital of France?"])
    expect(messages(page, "assistant")).to_have_text(["Paris."])
    box.fill("and Spain?")
    box.press("Enter")
    expect(messages(page, "assistant")).to_have_text(["Paris.", "Message 2: and Spain?"])
    expect(count).to_have_value("4")
    page.get_by_role("button", name="Clear").click()
    expect(count).to_have_value("0")
