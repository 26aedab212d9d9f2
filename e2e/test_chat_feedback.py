"""What a chat shows while it waits, in chromium: its place in the queue, a pending reply
before the first token, the function's gr.Progress bar; reasoning tags as a thought; each
message counted once by its data-role."""

import re

from playwright.sync_api import Page, expect

LOG = '[role="log"]'


def messages(page: Page, role: str):
    return page.locator(f'{LOG} [role="article"][data-role="{role}"]')


def send(page: Page, text: str) -> None:
    box = page.get_by_role("textbox", name="Message")
    box.fill(text)
    box.press("Enter")


def test_a_second_page_sees_its_place_in_the_queue_then_a_pending_reply_with_progress(
    page: Page, launch_app
):
    url = launch_app("examples/chat_progress_queue.py")
    page.goto(url)
    other = page.context.new_page()
    other.goto(url)
    send(page, "first question")
    # At once, before any token: a pending reply, and no assistant message yet.
    expect(page.get_by_role("status", name="Waiting for the reply")).to_be_visible()
    expect(messages(page, "assistant")).to_have_count(0)
    # The function reports its progress: a bar in the pending reply.
    bar = page.get_by_role("progressbar", name="Reading the question")
    expect(bar).to_be_visible()
    send(other, "second question")
    # concurrency_limit=1: the second page waits, and says where it is in the line.
    queued = other.get_by_role("status", name="Queued")
    expect(queued).to_be_visible()
    expect(queued).to_contain_text(re.compile(r"queued 1/1"))
    expect(messages(page, "assistant")).to_have_text(["After some thought: first question"])
    expect(page.get_by_role("status", name="Waiting for the reply")).to_be_hidden()
    expect(bar).to_be_hidden()
    # Its turn came: the second page is thinking, then answered.
    expect(other.get_by_role("status", name="Waiting for the reply")).to_be_visible(timeout=10_000)
    expect(messages(other, "assistant")).to_have_text(
        ["After some thought: second question"], timeout=10_000
    )
    other.close()


def test_the_message_box_and_the_toolbar_carry_no_spinner_while_the_chat_waits(
    page: Page, launch_app
):
    page.goto(launch_app("examples/chat_progress_queue.py"))
    send(page, "hello")
    expect(page.get_by_role("status", name="Waiting for the reply")).to_be_visible()
    expect(page.get_by_role("button", name="Stop")).to_be_visible()
    # The status is in the chat's pending reply, not painted over the box or the chat's head.
    expect(page.locator(".blk-status")).to_have_count(0)
    expect(messages(page, "assistant")).to_have_count(1, timeout=10_000)


def test_each_message_is_counted_once_by_its_data_role(page: Page, launch_app):
    page.goto(launch_app("examples/guide_basic.py"))
    send(page, "Hello!")
    expect(messages(page, "assistant")).to_have_text(["Hello!"])
    expect(page.locator('[data-role="assistant"]')).to_have_count(1)
    expect(page.locator('[data-role="user"]')).to_have_count(1)


def test_a_streamed_think_block_shows_as_a_collapsible_reasoning_thought(page: Page, launch_app):
    page.goto(launch_app("examples/chat_reasoning.py"))
    send(page, "hi")
    thought = page.get_by_role("article", name="Thought: Reasoning")
    expect(thought).to_be_visible()
    answer = messages(page, "assistant").filter(has_not=page.locator(".thought-toggle"))
    expect(answer.last).to_contain_text("Hello! You said: hi", timeout=10_000)
    expect(page.locator(LOG)).not_to_contain_text("<think>")
    # Done thinking: the thought collapses, and opens again on a click.
    toggle = thought.get_by_role("button", name=re.compile("Reasoning"))
    expect(toggle).to_have_attribute("aria-expanded", "false")
    toggle.click()
    expect(thought).to_contain_text("A short, friendly answer fits")


def test_the_showcase_chat_fills_the_height_of_the_window(page: Page, launch_app):
    page.set_viewport_size({"width": 1280, "height": 800})
    page.goto(launch_app("examples/showcase.py"))
    log = page.locator(LOG)
    expect(log).to_be_visible()
    box = log.bounding_box()
    assert box is not None and box["height"] > 400, box
