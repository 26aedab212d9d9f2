"""Every example of the ChatInterface guide, launched from examples/ and used in chromium."""

import re
import time
from pathlib import Path

import pytest
from playwright.sync_api import Page, expect

import blocks as gr

EXAMPLES = Path(__file__).resolve().parent.parent / "examples"
LOG = '[role="log"]'


def open_app(page: Page, launch_app, name: str) -> Page:
    page.goto(launch_app(f"examples/{name}.py"))
    expect(page.locator(LOG)).to_be_visible()
    return page


def messages(page: Page, role: str):
    return page.locator(f'{LOG} [role="article"][data-role="{role}"]')


def send(page: Page, text: str, *, box_name: str = "Message") -> None:
    box = page.get_by_role("textbox", name=box_name)
    box.fill(text)
    box.press("Enter")


def test_basic_echo_replies_with_the_message(page, launch_app):
    open_app(page, launch_app, "guide_basic")
    send(page, "Hello!")
    expect(messages(page, "user")).to_have_text(["Hello!"])
    expect(messages(page, "assistant")).to_have_text(["Hello!"])
    expect(page.get_by_role("textbox", name="Message")).to_have_value("")


def test_history_reaches_the_function(page, launch_app):
    open_app(page, launch_app, "guide_history")
    send(page, "first")
    expect(messages(page, "assistant").last).to_have_text("First message: first")
    send(page, "second")
    expect(messages(page, "assistant").last).to_have_text(
        "You just said: First message: first. Now you're saying: second"
    )


def test_a_streamed_reply_grows_with_stop_shown_and_then_submit_again(page, launch_app):
    open_app(page, launch_app, "guide_streaming")
    text = "streaming grows one character at a time"
    send(page, text)
    expect(page.get_by_role("button", name="Stop")).to_be_visible()
    reply = messages(page, "assistant").last
    expect(reply).to_have_text(re.compile(r"^str"))
    partial = reply.inner_text()
    assert len(partial) < len(text)
    expect(reply).to_have_text(text, timeout=10_000)
    expect(page.get_by_role("button", name="Submit")).to_be_visible()
    expect(page.get_by_role("button", name="Stop")).to_have_count(0)


def test_stop_keeps_the_partial_reply_and_unlocks_the_box(page, launch_app):
    open_app(page, launch_app, "guide_streaming")
    send(page, "a long message that takes a while to echo back character by character")
    reply = messages(page, "assistant").last
    expect(reply).to_have_text(re.compile(r"^a lo"))
    page.get_by_role("button", name="Stop").click()
    expect(page.get_by_role("button", name="Submit")).to_be_visible()
    kept = reply.inner_text()
    page.wait_for_timeout(300)
    assert reply.inner_text() == kept and len(kept) < 60
    expect(page.get_by_role("textbox", name="Message")).to_be_enabled()


def test_multimodal_counts_the_uploaded_files(page, launch_app):
    open_app(page, launch_app, "guide_multimodal")
    page.locator('input[type="file"]').first.set_input_files(
        [str(EXAMPLES / "example.jpg"), str(EXAMPLES / "photo.png")]
    )
    expect(page.get_by_role("button", name=re.compile(r"^Remove "))).to_have_count(2)
    send(page, "two pictures")
    expect(messages(page, "assistant").last).to_have_text(
        re.compile(r"You said: two pictures\s*You uploaded 2 file\(s\)")
    )


def test_example_cards_show_labels_and_icons_and_run_when_clicked(page, launch_app):
    open_app(page, launch_app, "guide_examples")
    for label, icon in (("Greeting", "👋"), ("Question", "❓"), ("Fun", "😄")):
        card = page.get_by_role("button", name=re.compile(label))
        expect(card).to_be_visible()
        expect(card).to_contain_text(icon)
    page.get_by_role("button", name=re.compile("Question")).click()
    expect(messages(page, "user")).to_have_text(["How are you?"])
    expect(messages(page, "assistant")).to_have_text(["First message: How are you?"])


def test_multimodal_examples_show_their_files_and_send_them(page, launch_app):
    open_app(page, launch_app, "guide_multimodal_examples")
    card = page.get_by_role("button", name=re.compile("Describe this image"))
    expect(card.locator("img")).to_have_count(1)
    card.click()
    expect(messages(page, "assistant").last).to_have_text(
        re.compile(r"You said: Describe this image\s*You uploaded 1 file\(s\)")
    )


def test_additional_inputs_sit_in_a_closed_accordion_and_their_values_reach_fn(page, launch_app):
    open_app(page, launch_app, "guide_additional_inputs")
    toggle = page.get_by_role("button", name="Model Parameters")
    expect(toggle).to_have_attribute("aria-expanded", "false")
    toggle.click()
    expect(toggle).to_have_attribute("aria-expanded", "true")
    temperature = page.get_by_role("slider", name="Temperature")
    expect(temperature).to_have_value("0.7")
    expect(page.get_by_role("slider", name="Max Tokens")).to_be_visible()
    temperature.focus()
    for _ in range(5):
        temperature.press("ArrowRight")
    expect(temperature).to_have_value("0.75")
    send(page, "hi")
    expect(messages(page, "assistant").last).to_have_text(
        "Processing with temp=0.75, max_tokens=512"
    )


def test_additional_outputs_fill_the_json_beside_the_chat(page, launch_app):
    open_app(page, launch_app, "guide_additional_outputs")
    send(page, "four")
    expect(messages(page, "assistant").last).to_have_text("Echo: four")
    metadata = page.get_by_role("region", name="Metadata")
    expect(metadata).to_contain_text('"message_length"')
    expect(metadata).to_contain_text("4")


def test_title_and_description_are_shown(page, launch_app):
    open_app(page, launch_app, "guide_title")
    expect(page.get_by_role("heading", name="My Custom Chatbot")).to_be_visible()
    expect(page.get_by_text("This chatbot echoes your messages back to you.")).to_be_visible()


def test_a_custom_chatbot_shows_its_avatars(page, launch_app):
    open_app(page, launch_app, "guide_custom_chatbot")
    send(page, "hi")
    expect(messages(page, "assistant").last).to_have_text("Bot says: hi")
    avatars = page.locator(f"{LOG} img")
    expect(avatars).to_have_count(2)
    for index in range(2):
        assert avatars.nth(index).evaluate("img => img.complete && img.naturalWidth > 0")


def test_a_custom_textbox_keeps_its_placeholder_and_lines(page, launch_app):
    open_app(page, launch_app, "guide_custom_textbox")
    box = page.get_by_role("textbox", name="Type your message here...")
    expect(box).to_have_attribute("rows", "3")
    box.fill("line one")
    box.press("Shift+Enter")
    box.type("line two")
    box.press("Enter")
    expect(messages(page, "assistant").last).to_have_text(
        re.compile(r"2 line\(s\): line one\s*line two")
    )


def test_custom_button_labels_and_no_clear_button(page, launch_app):
    open_app(page, launch_app, "guide_buttons")
    box = page.get_by_role("textbox", name="Message")
    box.fill("labels")
    page.get_by_role("button", name="Send Message").click()
    expect(page.get_by_role("button", name="Stop Generation")).to_be_visible()
    expect(messages(page, "assistant").last).to_have_text("labels")
    expect(page.get_by_role("button", name="Send Message")).to_be_visible()
    expect(page.get_by_role("button", name="Clear")).to_have_count(0)


def test_editing_a_message_drops_what_follows_and_regenerates(page, launch_app):
    open_app(page, launch_app, "guide_editable")
    send(page, "one")
    expect(messages(page, "assistant").last).to_have_text("You said: one (0 earlier turn(s))")
    send(page, "two")
    expect(messages(page, "assistant")).to_have_count(2)
    messages(page, "user").first.hover()
    page.get_by_role("button", name="Edit").first.click()
    editor = page.locator(f"{LOG} textarea")
    editor.fill("uno")
    page.get_by_role("button", name="Save").click()
    expect(messages(page, "user")).to_have_text(["uno"])
    expect(messages(page, "assistant")).to_have_text(["You said: uno (0 earlier turn(s))"])


def test_retry_undo_and_clear_act_on_the_conversation(page, launch_app):
    open_app(page, launch_app, "guide_history")
    send(page, "alpha")
    send(page, "beta")
    expect(messages(page, "assistant")).to_have_count(2)
    page.get_by_role("button", name="Undo").click()
    expect(messages(page, "user")).to_have_text(["alpha"])
    expect(page.get_by_role("textbox", name="Message")).to_have_value("beta")
    page.get_by_role("button", name="Retry").click()
    expect(messages(page, "assistant")).to_have_text(["First message: alpha"])
    page.get_by_role("button", name="Clear").click()
    expect(messages(page, "user")).to_have_count(0)


def test_like_and_dislike_write_flag_records_to_disk(page, launch_app):
    flags = EXAMPLES / "flagged_chats" / "flags.jsonl"
    before = flags.read_text().count("\n") if flags.exists() else 0
    open_app(page, launch_app, "guide_flagging")
    send(page, "rate me")
    expect(messages(page, "assistant").last).to_have_text("Answer to: rate me")
    page.get_by_role("button", name="Like", exact=True).last.click()
    page.get_by_role("button", name="Dislike").last.click()
    deadline = time.monotonic() + 5
    while time.monotonic() < deadline and (
        not flags.exists() or flags.read_text().count("\n") < before + 2
    ):
        time.sleep(0.05)
    lines = flags.read_text().splitlines()[before:]
    assert len(lines) == 2
    assert {'"flag":"Like"' in line for line in lines} == {True, False}
    assert all('"Answer to: rate me"' in line for line in lines)


def test_cached_examples_answer_without_calling_the_function(page, launch_app):
    calls = EXAMPLES / "calls.log"
    page.goto(launch_app("examples/guide_cached_examples.py"))
    before = calls.read_text() if calls.exists() else ""
    page.get_by_role("button", name=re.compile("How are you")).click()
    expect(messages(page, "assistant")).to_have_text(
        ["After some thought: How are you?"], timeout=2000
    )
    assert (calls.read_text() if calls.exists() else "") == before


def test_the_api_endpoint_is_named_and_described(launch_app):
    url = launch_app("examples/guide_api.py")
    with gr.Client(url) as client:
        api = client.view_api()
        assert api["chat"]["description"] == "Chat with the bot"
        assert client.predict("ping", api_name="/chat") == "API says: ping"


def test_a_returned_image_is_shown_in_the_chat(page, launch_app):
    open_app(page, launch_app, "guide_image_reply")
    send(page, "an image please")
    image = messages(page, "assistant").last.locator("img")
    expect(image).to_be_visible()
    page.wait_for_function(
        "img => img.complete && img.naturalWidth === 300", arg=image.element_handle()
    )
    send(page, "text")
    expect(messages(page, "assistant").last).to_have_text("I can only show images!")


def test_five_replies_are_computed_at_a_time(browser, launch_app):
    url = launch_app("examples/guide_performance.py")
    context = browser.new_context()
    pages = [context.new_page() for _ in range(7)]
    for page in pages:
        page.goto(url)
        expect(page.get_by_role("textbox", name="Message")).to_be_focused()
    for index, page in enumerate(pages):
        send(page, f"user {index}")
    counts = []
    for page in pages:
        reply = messages(page, "assistant").last
        expect(reply).to_have_text(re.compile(r"Done: user \d \(\d running\)"), timeout=15_000)
        counts.append(int(re.search(r"\((\d) running\)", reply.inner_text()).group(1)))
    assert max(counts) == 5
    context.close()


def test_the_complete_example_streams_caches_and_offers_feedback(page, launch_app):
    open_app(page, launch_app, "guide_complete")
    expect(page.get_by_role("heading", name="Friendly Chatbot")).to_be_visible()
    page.get_by_role("button", name=re.compile("Hello!")).click()
    reply = messages(page, "assistant").last
    expect(reply).to_have_text(re.compile(r"(interesting|more|understand|feel)"))
    expect(page.get_by_role("button", name="Like", exact=True).last).to_be_visible()
    expect(page.get_by_role("button", name="Dislike").last).to_be_visible()
    page.get_by_role("button", name="Additional Inputs").click()
    expect(page.get_by_role("slider", name="Temperature")).to_have_value("0.7")
    send(page, "And you?")
    expect(messages(page, "assistant")).to_have_count(2)


@pytest.fixture(autouse=True)
def _no_page_errors(page: Page):
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    yield
    assert not errors, errors


def test_saved_conversations_survive_a_reload_and_can_be_reopened_or_deleted(page, launch_app):
    open_app(page, launch_app, "chat_saved_history")
    send(page, "remember me")
    expect(messages(page, "assistant").last).to_have_text("You said: remember me")
    saved = page.get_by_role("radio", name="remember me")
    expect(saved).to_be_visible()
    page.get_by_role("button", name="New chat").click()
    expect(messages(page, "user")).to_have_count(0)
    page.reload()
    expect(page.get_by_role("radio", name="remember me")).to_be_visible()
    page.get_by_role("radio", name="remember me").check()
    expect(messages(page, "user")).to_have_text(["remember me"])
    page.get_by_role("button", name="Delete chat").click()
    expect(page.get_by_role("radio", name="remember me")).to_have_count(0)
    expect(messages(page, "user")).to_have_count(0)


def test_a_gr_error_shows_in_the_chat_and_the_conversation_goes_on(page, launch_app):
    open_app(page, launch_app, "chat_errors")
    send(page, "tell me a secret")
    expect(page.locator(f"{LOG} .chat-error")).to_have_text(
        re.compile("I cannot talk about secrets.")
    )
    expect(
        page.get_by_role("alert").filter(has_text="I cannot talk about secrets.")
    ).to_be_visible()
    expect(messages(page, "user")).to_have_text(["tell me a secret"])
    expect(page.get_by_role("textbox", name="Message")).to_be_enabled()
    send(page, "hello")
    expect(messages(page, "assistant").last).to_have_text("Sure: hello")
    expect(page.locator(f"{LOG} .chat-error")).to_be_hidden()
