"""Chatbot, MultimodalTextbox, Image and File in a real browser (apps in e2e/apps/)."""

import io
import json
import re
from pathlib import Path

import pytest
from PIL import Image
from playwright.sync_api import Locator, Page, expect


@pytest.fixture
def gallery(page: Page, launch_app) -> Page:
    page.context.grant_permissions(["clipboard-read", "clipboard-write"])
    page.goto(launch_app("e2e/apps/chatbot_gallery.py"))
    expect(page.get_by_role("log", name="Gallery").get_by_role("article").first).to_be_visible()
    return page


@pytest.fixture
def uploads(page: Page, launch_app) -> Page:
    page.goto(launch_app("e2e/apps/uploads.py"))
    expect(page.get_by_role("textbox", name="Message")).to_be_visible()
    return page


@pytest.fixture
def png(tmp_path: Path) -> Path:
    path = tmp_path / "tiny.png"
    Image.new("RGB", (3, 2), "#f97316").save(path)
    return path


def last_event(page: Page) -> dict:
    box = page.get_by_role("textbox", name="Last event")
    expect(box).not_to_have_value("")
    return json.loads(box.input_value())


def wait_for_event(page: Page, name: str) -> dict:
    expect(page.get_by_role("textbox", name="Last event")).to_have_value(
        re.compile(f'"event": "{name}"')
    )
    return last_event(page)


def row_of(page: Page, text: str) -> Locator:
    """The row (message and its buttons) of the Gallery message showing `text`."""
    log = page.get_by_role("log", name="Gallery")
    return log.locator(".msg-row:not(.msg-nested)").filter(
        has=page.get_by_role("article").filter(has_text=text)
    )


# ---------------------------------------------------------------------- showing messages


def test_the_history_is_a_log_whose_messages_carry_their_role(gallery: Page):
    log = gallery.get_by_role("log", name="Gallery")
    messages = log.get_by_role("article", include_hidden=True)  # a nested thought is collapsed
    expect(messages).to_have_count(7)
    roles = messages.evaluate_all("(items) => items.map((m) => m.dataset.role)")
    assert roles == [
        "user",
        "assistant",
        "assistant",
        "assistant",
        "user",
        "assistant",
        "assistant",
    ]
    expect(log.get_by_role("article", name="User message").first).to_contain_text("Show me a table")


def test_markdown_renders_tables_lists_and_highlighted_code(gallery: Page):
    log = gallery.get_by_role("log", name="Gallery")
    table = log.get_by_role("table")
    expect(table.get_by_role("row")).to_have_count(4)
    expect(table.get_by_role("cell", name="Saturn")).to_be_visible()
    expect(log.get_by_role("listitem").filter(has_text="lists work")).to_be_visible()
    code = log.locator("pre code")
    expect(code).to_have_class(re.compile(r"\bhljs\b"))
    expect(code.locator(".hljs-keyword").first).to_have_text("def")


def test_the_copy_button_of_a_code_block_copies_its_code(gallery: Page):
    gallery.get_by_role("log", name="Gallery").get_by_role("button", name="Copy code").click()
    copied = gallery.evaluate("navigator.clipboard.readText()")
    assert copied.startswith("def greet(name: str) -> str:")
    assert 'return f"Hello {name}!"' in copied


def test_latex_between_double_dollars_is_typeset_with_katex(gallery: Page):
    maths = gallery.get_by_role("log", name="Gallery").locator(".katex").first
    expect(maths).to_be_visible()
    assert "$$" not in gallery.get_by_role("log", name="Gallery").inner_text()


def test_an_image_message_shows_the_loaded_picture(gallery: Page):
    picture = gallery.get_by_role("img", name="A sunset over the sea")
    picture.scroll_into_view_if_needed()
    expect(picture).to_be_visible()
    gallery.wait_for_function(
        "(img) => img.complete && img.naturalWidth > 0", arg=picture.element_handle()
    )
    assert picture.evaluate("(img) => img.naturalWidth") == 320


def test_components_in_messages_use_their_own_elements(gallery: Page):
    log = gallery.get_by_role("log", name="Components")
    tree = log.get_by_role("region", name="Facts")  # the JSON block's own tree view
    expect(tree).to_contain_text('"Mars"')
    picture = log.get_by_role("img", name="Inline sunset")
    picture.scroll_into_view_if_needed()
    gallery.wait_for_function("(img) => img.naturalWidth > 0", arg=picture.element_handle())
    link = log.get_by_role("link", name=re.compile("notes.txt"))
    expect(link).to_have_attribute("href", re.compile(r"/file/[^/]+/notes\.txt$"))
    expect(link).to_have_attribute("download", "notes.txt")


def test_a_thought_is_a_collapsible_section_titled_by_its_metadata(gallery: Page):
    toggle = gallery.get_by_role("button", name="Searching the archive")
    body = gallery.get_by_text("I looked things up first.")
    expect(toggle).to_have_attribute("aria-expanded", "false")  # status "done": collapsed
    expect(body).to_be_hidden()
    toggle.click()
    expect(toggle).to_have_attribute("aria-expanded", "true")
    expect(body).to_be_visible()
    nested = gallery.get_by_role("article", name="Thought: Reading results")
    expect(nested).to_be_visible()  # nested inside its parent by parent_id
    toggle.press("Enter")
    expect(toggle).to_have_attribute("aria-expanded", "false")
    expect(body).to_be_hidden()


def test_option_chips_fire_option_select_with_their_index_and_value(gallery: Page):
    gallery.get_by_role("button", name="Yes, please").click()
    event = wait_for_event(gallery, "option_select")
    assert (event["index"], event["value"]) == (0, "yes")


# ---------------------------------------------------------------------- actions


def test_like_dislike_and_flag_send_the_message_and_the_feedback(gallery: Page):
    row = row_of(gallery, "Here is a table")
    row.get_by_role("button", name="Like", exact=True).click()
    event = wait_for_event(gallery, "like")
    assert event["index"] == 3 and event["liked"] is True
    assert event["value"].startswith("Here is a **table**")
    expect(row.get_by_role("button", name="Like", exact=True)).to_have_attribute(
        "aria-pressed", "true"
    )

    row.get_by_role("button", name="Dislike").click()
    expect(gallery.get_by_role("textbox", name="Last event")).to_have_value(
        re.compile('"liked": false')
    )
    expect(row.get_by_role("button", name="Dislike")).to_have_attribute("aria-pressed", "true")
    expect(row.get_by_role("button", name="Like", exact=True)).to_have_attribute(
        "aria-pressed", "false"
    )

    flag = row.get_by_role("button", name="Flag")
    flag.click()
    expect(flag).to_have_attribute("aria-expanded", "true")
    gallery.get_by_role("menuitem", name="Inaccurate").click()
    expect(gallery.get_by_role("textbox", name="Last event")).to_have_value(
        re.compile('"liked": "Inaccurate"')
    )
    expect(flag).to_have_attribute("aria-expanded", "false")


def test_like_shows_on_assistant_messages_only(gallery: Page):
    user = row_of(gallery, "And a picture, please?")
    expect(user.get_by_role("button", name="Copy", exact=True)).to_be_visible()
    expect(user.get_by_role("button", name="Like", exact=True)).to_have_count(0)


def test_retry_and_undo_show_on_the_last_turn_and_name_the_last_user_message(gallery: Page):
    log = gallery.get_by_role("log", name="Gallery")
    expect(log.get_by_role("button", name="Retry")).to_have_count(1)
    expect(log.get_by_role("button", name="Undo")).to_have_count(1)
    last = row_of(gallery, "Would you like another one?")
    last.get_by_role("button", name="Retry").click()
    assert wait_for_event(gallery, "retry") == {
        "event": "retry",
        "index": 4,
        "value": "And a picture, please?",
    }
    last.get_by_role("button", name="Undo").click()
    assert wait_for_event(gallery, "undo") == {
        "event": "undo",
        "index": 4,
        "value": "And a picture, please?",
    }


def test_editing_a_message_shows_the_new_text_and_fires_edit(gallery: Page):
    row = row_of(gallery, "Show me a table")
    row.get_by_role("button", name="Edit").click()
    editor = gallery.get_by_role("textbox", name="Edit message")
    expect(editor).to_have_value("Show me a table, some code and a formula.")
    editor.fill("Show me a chart.")
    gallery.get_by_role("button", name="Save").click()
    assert wait_for_event(gallery, "edit") == {
        "event": "edit",
        "index": 0,
        "value": "Show me a chart.",
        "previous_value": "Show me a table, some code and a formula.",
    }
    expect(gallery.get_by_role("article", name="User message").first).to_have_text(
        "Show me a chart."
    )


def test_cancelling_an_edit_keeps_the_message(gallery: Page):
    row = row_of(gallery, "Show me a table")
    row.get_by_role("button", name="Edit").click()
    gallery.get_by_role("textbox", name="Edit message").fill("something else")
    gallery.get_by_role("button", name="Cancel").click()
    expect(gallery.get_by_role("textbox", name="Edit message")).to_have_count(0)
    expect(gallery.get_by_role("article", name="User message").first).to_have_text(
        "Show me a table, some code and a formula."
    )
    expect(gallery.get_by_role("textbox", name="Last event")).to_have_value("")


def test_copy_puts_the_message_on_the_clipboard_and_fires_copy(gallery: Page):
    row_of(gallery, "Would you like another one?").get_by_role(
        "button", name="Copy", exact=True
    ).click()
    assert wait_for_event(gallery, "copy") == {
        "event": "copy",
        "index": 6,
        "value": "Would you like another one?",
    }
    assert gallery.evaluate("navigator.clipboard.readText()") == "Would you like another one?"


def test_clear_empties_the_chat_and_fires_clear(gallery: Page):
    gallery.get_by_role("button", name="Clear").first.click()
    wait_for_event(gallery, "clear")
    expect(gallery.get_by_role("log", name="Gallery").get_by_role("article")).to_have_count(0)


def test_action_buttons_without_listeners_are_not_shown(gallery: Page):
    untrusted = gallery.get_by_role("log", name="Untrusted", exact=True)
    expect(untrusted.get_by_role("article").first).to_be_visible()
    for name in ("Like", "Retry", "Undo", "Edit"):
        expect(untrusted.get_by_role("button", name=name, exact=True)).to_have_count(0)
    expect(gallery.get_by_role("button", name="Clear")).to_have_count(1)  # only the Gallery's


def test_example_cards_of_an_empty_chat_fire_example_select(gallery: Page):
    empty = gallery.get_by_role("log", name="Empty")
    expect(empty.get_by_text("Ask me anything.")).to_be_visible()
    empty.get_by_role("button", name="Recursion").click()
    event = wait_for_event(gallery, "example_select")
    assert event["index"] == 1
    assert event["value"] == {"text": "Explain recursion to a five-year-old", "files": []}


def test_the_log_is_reachable_and_its_actions_work_with_the_keyboard(gallery: Page):
    row = row_of(gallery, "Would you like another one?")
    retry = row.get_by_role("button", name="Retry")
    retry.focus()
    gallery.keyboard.press("Enter")
    assert wait_for_event(gallery, "retry")["index"] == 4
    assert gallery.get_by_role("log", name="Gallery").get_attribute("tabindex") == "0"


# ---------------------------------------------------------------------- safety and speed


@pytest.mark.parametrize("label", ["Untrusted", "Untrusted raw"])
def test_no_script_in_a_message_ever_runs(gallery: Page, label: str):
    log = gallery.get_by_role("log", name=label, exact=True)
    expect(log.get_by_role("article")).to_have_count(4)
    gallery.wait_for_timeout(300)  # an onerror would have fired by now
    assert gallery.evaluate("window.__xss") is None
    assert log.locator("script").count() == 0
    handlers = log.evaluate(
        "(root) => [...root.querySelectorAll('*')].flatMap((e) => [...e.attributes]"
        ".filter((a) => a.name.startsWith('on')).map((a) => a.name))"
    )
    assert handlers == []
    for text in ("click me", "raw link"):
        link = log.get_by_text(text, exact=True)
        assert not (link.get_attribute("href") or "").lower().startswith("javascript")
        link.click()
    gallery.wait_for_timeout(200)
    assert gallery.evaluate("window.__xss") is None


def test_streaming_into_the_last_message_leaves_earlier_messages_untouched(gallery: Page):
    log = gallery.get_by_role("log", name="Gallery")
    # Highlighting and maths arrive a moment after the first paint: let them land first.
    expect(log.locator(".katex").first).to_be_visible()
    expect(log.locator("code.hljs")).to_have_count(1)
    log.evaluate(
        """(log) => {
            window.__earlier = [...log.querySelectorAll('[role=article]')];
            window.__earlier.forEach((node) => { node.__mark = true; });
            window.__mutations = 0;
            const watcher = new MutationObserver((records) => {
                window.__mutations += records.length;
            });
            const all = {subtree: true, childList: true, characterData: true, attributes: true};
            for (const node of window.__earlier) watcher.observe(node, all);
        }"""
    )
    gallery.get_by_role("button", name="Stream a reply").click()
    reply = log.get_by_role("article").last
    expect(reply).to_contain_text("Once upon a time")
    expect(reply).to_contain_text(
        re.compile(r"where it was\.\s+Once upon.*where it was\.\s*$"), timeout=15_000
    )
    same = log.evaluate(
        """(log) => {
            const before = window.__earlier;
            const now = [...log.querySelectorAll('[role=article]')].slice(0, before.length);
            return now.every((node, i) => node === before[i] && node.__mark === true);
        }"""
    )
    assert same
    assert gallery.evaluate("window.__mutations") == 0


def test_a_log_left_at_the_bottom_follows_the_stream(gallery: Page):
    log = gallery.get_by_role("log", name="Gallery")
    gallery.get_by_role("button", name="Stream a reply").click()
    expect(log.get_by_role("article").last).to_contain_text(
        re.compile(r"where it was\.\s+Once"), timeout=15_000
    )
    assert log.evaluate("(log) => log.scrollHeight - log.scrollTop - log.clientHeight") < 2
    expect(gallery.get_by_role("button", name="Scroll to bottom")).to_be_hidden()


def test_the_log_follows_a_stream_only_while_the_user_is_at_the_bottom(gallery: Page):
    log = gallery.get_by_role("log", name="Gallery")
    at_end = "(log) => log.scrollHeight - log.scrollTop - log.clientHeight < 2"
    gallery.wait_for_function(at_end, arg=log.element_handle())  # it starts at the latest message
    log.hover()
    gallery.mouse.wheel(0, -300)
    gallery.wait_for_timeout(200)
    top = log.evaluate("(log) => log.scrollTop")
    gallery.get_by_role("button", name="Stream a reply").click()
    expect(log.get_by_role("article").last).to_contain_text("where it was", timeout=15_000)
    assert log.evaluate("(log) => log.scrollTop") == top  # the user's place is kept
    gallery.get_by_role("button", name="Scroll to bottom").click()
    gallery.wait_for_function(at_end, arg=log.element_handle())
    expect(gallery.get_by_role("button", name="Scroll to bottom")).to_be_hidden()


# ---------------------------------------------------------------------- uploads


def test_files_attached_with_the_picker_reach_the_function_on_enter(
    uploads: Page, png: Path, tmp_path: Path
):
    notes = tmp_path / "notes.txt"
    notes.write_text("hello")
    with uploads.expect_file_chooser() as chooser:
        uploads.get_by_role("button", name="Attach files").first.click()
    chooser.value.set_files([png, notes])
    expect(uploads.get_by_role("button", name="Remove tiny.png")).to_be_visible()
    expect(uploads.get_by_role("button", name="Remove notes.txt")).to_be_visible()
    expect(uploads.get_by_role("img", name="tiny.png")).to_be_visible()
    box = uploads.get_by_role("textbox", name="Message")
    box.fill("two files")
    box.press("Enter")
    expect(uploads.get_by_role("textbox", name="Received")).to_have_value(
        "2 files: tiny.png, notes.txt | text: two files"
    )


def test_a_removed_attachment_is_not_sent(uploads: Page, png: Path):
    uploads.locator("blocks-multimodaltextbox").first.locator("input[type=file]").set_input_files(
        png
    )
    remove = uploads.get_by_role("button", name="Remove tiny.png")
    expect(remove).to_be_visible()
    remove.click()
    expect(remove).to_have_count(0)
    box = uploads.get_by_role("textbox", name="Message")
    box.fill("nothing attached")
    box.press("Enter")
    expect(uploads.get_by_role("textbox", name="Received")).to_have_value(
        "0 files:  | text: nothing attached"
    )


PASTE = """([box, bytes]) => {
    const file = new File([new Uint8Array(bytes)], "pasted.png", {type: "image/png"});
    const data = new DataTransfer();
    data.items.add(file);
    box.focus();
    const init = {clipboardData: data, bubbles: true, cancelable: true};
    box.dispatchEvent(new ClipboardEvent("paste", init));
}"""


def png_bytes() -> list[int]:
    buffer = io.BytesIO()
    Image.new("RGB", (5, 4), "#2563eb").save(buffer, format="PNG")
    return list(buffer.getvalue())


def test_a_pasted_picture_is_attached_and_sent(uploads: Page):
    box = uploads.get_by_role("textbox", name="Message")
    uploads.evaluate(PASTE, [box.element_handle(), png_bytes()])
    expect(uploads.get_by_role("button", name="Remove pasted.png")).to_be_visible()
    box.fill("pasted")
    box.press("Enter")
    expect(uploads.get_by_role("textbox", name="Received")).to_have_value(
        "1 files: pasted.png | text: pasted"
    )


def test_files_dropped_on_the_box_are_attached(uploads: Page):
    box = uploads.locator("blocks-multimodaltextbox").first.locator(".mm-box")
    transfer = uploads.evaluate_handle(
        """(bytes) => {
            const data = new DataTransfer();
            data.items.add(new File([new Uint8Array(bytes)], "dropped.png", {type: "image/png"}));
            return data;
        }""",
        png_bytes(),
    )
    for kind in ("dragenter", "dragover", "drop"):
        box.dispatch_event(kind, {"dataTransfer": transfer})
    expect(uploads.get_by_role("button", name="Remove dropped.png")).to_be_visible()


def test_an_upload_over_the_size_limit_shows_why_and_keeps_the_text(uploads: Page, tmp_path: Path):
    big = tmp_path / "big.bin"
    big.write_bytes(b"\0" * 200_000)
    box = uploads.get_by_role("textbox", name="Message")
    box.fill("keep me")
    uploads.locator("blocks-multimodaltextbox").first.locator("input[type=file]").set_input_files(
        big
    )
    alert = uploads.locator("blocks-multimodaltextbox").first.get_by_role("alert")
    expect(alert).to_contain_text("big.bin is larger than the limit of 64.0 KB")
    expect(box).to_have_value("keep me")
    expect(uploads.get_by_role("button", name="Remove big.bin")).to_have_count(0)


def test_an_image_uploaded_with_the_picker_is_shown_and_reaches_the_function(
    uploads: Page, png: Path
):
    with uploads.expect_file_chooser() as chooser:
        uploads.get_by_role("button", name="Upload image (Photo)").click()
    chooser.value.set_files(png)
    picture = uploads.get_by_role("img", name="Photo")
    expect(picture).to_be_visible()
    uploads.wait_for_function(
        "(img) => img.complete && img.naturalWidth === 3", arg=picture.element_handle()
    )
    expect(uploads.get_by_role("textbox", name="Image size")).to_have_value("3x2")
    download = uploads.get_by_role("link", name="Download")
    expect(download).to_have_attribute("href", re.compile(r"/file/[^/]+/tiny\.png$"))
    uploads.get_by_role("button", name="Clear").click()
    expect(picture).to_have_count(0)
    expect(uploads.get_by_role("button", name="Upload image (Photo)")).to_be_visible()


def test_a_picture_pasted_into_the_image_is_uploaded(uploads: Page):
    prompt = uploads.get_by_role("button", name="Upload image (Photo)")
    uploads.evaluate(PASTE, [prompt.element_handle(), png_bytes()])
    expect(uploads.get_by_role("img", name="Photo")).to_be_visible()
    expect(uploads.get_by_role("textbox", name="Image size")).to_have_value("5x4")


def test_files_uploaded_to_a_file_component_are_offered_for_download(
    uploads: Page, png: Path, tmp_path: Path
):
    notes = tmp_path / "notes.txt"
    notes.write_text("hello")
    with uploads.expect_file_chooser() as chooser:
        uploads.get_by_role("button", name="Upload files").click()
    chooser.value.set_files([png, notes])
    expect(uploads.get_by_role("textbox", name="Document count")).to_have_value("2 files")
    links = uploads.locator("blocks-file").get_by_role("link")
    expect(links).to_have_count(2)
    expect(links.nth(1)).to_have_attribute("href", re.compile(r"/file/[^/]+/notes\.txt$"))
    uploads.get_by_role("button", name="Remove notes.txt").click()
    expect(uploads.get_by_role("textbox", name="Document count")).to_have_value("1 files")


def test_stop_replaces_submit_while_the_boxs_job_runs_and_cancels_it(uploads: Page):
    field = uploads.locator("blocks-multimodaltextbox").nth(1)
    box = uploads.get_by_role("textbox", name="Slow prompt")
    box.fill("hi")
    box.press("Enter")
    stop = field.get_by_role("button", name="Stop")
    expect(stop).to_be_visible()
    expect(field.get_by_role("button", name="Submit")).to_be_hidden()
    expect(uploads.get_by_role("textbox", name="First step")).to_have_value("you said hi")
    stream = uploads.get_by_role("textbox", name="Stream")
    expect(stream).to_have_value(re.compile(r"^0 1 2 "))
    stop.click()
    expect(field.get_by_role("button", name="Submit")).to_be_visible()
    expect(stop).to_be_hidden()
    stopped = stream.input_value()
    uploads.wait_for_timeout(400)
    assert stream.input_value() == stopped
