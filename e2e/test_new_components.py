"""CheckboxGroup, Code, Label, HighlightedText and ColorPicker in a real browser: what each of
their examples shows and does, found by role and accessible name, and an axe audit of each."""

import re

import pytest
from playwright.sync_api import Page, expect
from test_accessibility import serious_violations

EXAMPLES = [
    "examples/checkbox_group.py",
    "examples/code_editor.py",
    "examples/text_classification_label.py",
    "examples/ner_highlight.py",
    "examples/color_picker.py",
]


@pytest.fixture(scope="session")
def browser_context_args(browser_context_args):
    # The axe audit is injected as an inline script, which the app's CSP refuses (as it should).
    return {**browser_context_args, "bypass_csp": True}


def open_app(page: Page, launch_app, path: str) -> Page:
    page.goto(launch_app(path))
    expect(page.locator(".app")).to_be_visible()
    return page


# ---------------------------------------------------------------------- CheckboxGroup


def test_ticking_toppings_updates_the_order(page: Page, launch_app):
    open_app(page, launch_app, "examples/checkbox_group.py")
    toppings = page.get_by_role("group", name="Toppings")
    expect(toppings.get_by_role("checkbox", name="Cheese")).to_be_checked()
    toppings.get_by_role("checkbox", name="Olives").check()
    expect(page.get_by_role("textbox", name="Order")).to_have_value(
        "A pizza with cheese, olives: $9.75"
    )


def test_select_all_ticks_every_topping_and_the_button_clears_them(page: Page, launch_app):
    open_app(page, launch_app, "examples/checkbox_group.py")
    toppings = page.get_by_role("group", name="Toppings")
    select_all = toppings.get_by_role("checkbox", name="Select all")
    select_all.check()
    for name in ("Cheese", "Mushrooms", "Olives", "Peppers"):
        expect(toppings.get_by_role("checkbox", name=name)).to_be_checked()
    order = page.get_by_role("textbox", name="Order")
    expect(order).to_have_value("A pizza with cheese, mushrooms, olives, peppers: $12.50")
    page.get_by_role("button", name="No toppings").click()
    expect(toppings.get_by_role("checkbox", name="Cheese")).not_to_be_checked()
    expect(select_all).not_to_be_checked()
    expect(order).to_have_value("A plain pizza: $8.00")


# ---------------------------------------------------------------------- Code


def test_code_is_highlighted_and_the_editor_lies_exactly_over_it(page: Page, launch_app):
    open_app(page, launch_app, "examples/code_editor.py")
    editor = page.get_by_role("textbox", name="Python code")
    expect(editor).to_have_value(re.compile(r"^import math\n\n\nclass Circle:"))
    block = page.locator(".blk-code").filter(has=editor)
    expect(block.locator(".hljs-keyword").first).to_have_text("import")
    shown = block.locator(".code-shown").bounding_box()
    covering = editor.bounding_box()
    assert shown is not None and covering is not None
    assert (round(covering["x"]), round(covering["y"])) == (round(shown["x"]), round(shown["y"]))
    assert round(covering["height"]) == round(shown["height"])
    # A long line scrolls the frame, editor and picture together: the editor never scrolls alone.
    editor.press("Control+End")
    editor.press_sequentially("\nx = '" + "and on " * 40 + "'")
    expect(block.locator(".code-shown")).to_contain_text("and on and on")
    scrolled = editor.evaluate(
        "(e) => [e.scrollLeft, e.scrollTop, e.closest('.code-frame').scrollLeft > 0]"
    )
    assert scrolled == [0, 0, True]


def test_edited_code_is_outlined_into_a_read_only_json_code_box(page: Page, launch_app):
    open_app(page, launch_app, "examples/code_editor.py")
    editor = page.get_by_role("textbox", name="Python code")
    editor.press("Control+End")
    editor.press_sequentially("\n\ndef extra():\n    pass")
    expect(page.locator(".blk-code").first.locator(".code-gutter")).to_have_text(
        re.compile(r"^1234.*141516$")
    )
    page.get_by_role("button", name="Outline").click()
    outline = page.get_by_role("textbox", name="Outline")
    expect(outline).to_have_value(re.compile(r'"name": "extra",\n\s+"kind": "function"'))
    expect(outline).not_to_be_editable()
    result = page.locator(".blk-code").filter(has=outline)
    expect(result.locator(".hljs-attr").first).to_have_text('"name"')


def test_a_syntax_error_in_the_code_is_shown_as_an_error(page: Page, launch_app):
    open_app(page, launch_app, "examples/code_editor.py")
    editor = page.get_by_role("textbox", name="Python code")
    editor.fill("def broken(:\n")
    page.get_by_role("button", name="Outline").click()
    expect(page.get_by_text(re.compile(r"Line 1: "))).to_be_visible()


# ---------------------------------------------------------------------- Label


def test_a_classified_review_shows_the_top_class_and_a_bar_per_class(page: Page, launch_app):
    open_app(page, launch_app, "examples/text_classification_label.py")
    page.get_by_role("button", name="Classify").click()
    sentiment = page.get_by_role("group", name="Sentiment")
    expect(sentiment.locator(".label-top")).to_have_text("positive")
    classes = sentiment.get_by_role("listitem")
    expect(classes).to_have_count(3)
    expect(classes.nth(0)).to_have_text(re.compile(r"^positive\d+%$"))
    shares = [int(text[:-1]) for text in sentiment.locator(".label-share").all_inner_texts()]
    assert shares == sorted(shares, reverse=True)
    assert 98 <= sum(shares) <= 102


def test_a_negative_review_submitted_with_enter_flips_the_label(page: Page, launch_app):
    open_app(page, launch_app, "examples/text_classification_label.py")
    review = page.get_by_role("textbox", name="Review")
    review.fill("Awful, slow and rude. The soup was cold.")
    review.press("Enter")
    sentiment = page.get_by_role("group", name="Sentiment")
    expect(sentiment.locator(".label-top")).to_have_text("negative")


# ---------------------------------------------------------------------- HighlightedText


def test_entities_are_marked_with_their_category_and_a_legend(page: Page, launch_app):
    open_app(page, launch_app, "examples/ner_highlight.py")
    page.get_by_role("button", name="Find entities").click()
    entities = page.get_by_role("group", name="Entities")
    marks = entities.locator("mark")
    expect(marks).to_have_count(4)
    expect(marks.nth(0)).to_have_text("Ada Lovelace (PER)")
    expect(marks.nth(2)).to_have_text("London (LOC)")
    expect(marks.nth(3)).to_have_text("Royal Society (ORG)")
    expect(entities).to_contain_text(
        "Ada Lovelace (PER) met Charles Babbage (PER) in London (LOC), then wrote"
    )
    legend = page.get_by_role("list", name="Legend")
    expect(legend.get_by_role("listitem")).to_have_text(["PER", "LOC", "ORG"])
    # The app's colour_map colours the spans and the legend alike.
    assert marks.nth(0).evaluate("(m) => getComputedStyle(m).backgroundColor") == (
        "rgb(191, 219, 254)"
    )


def test_new_text_submitted_with_enter_is_highlighted_anew(page: Page, launch_app):
    open_app(page, launch_app, "examples/ner_highlight.py")
    text = page.get_by_role("textbox", name="Text")
    text.fill("Paris in spring")
    text.press("Enter")
    marks = page.get_by_role("group", name="Entities").locator("mark")
    expect(marks).to_have_count(1)
    expect(marks).to_have_text("Paris (LOC)")


# ---------------------------------------------------------------------- ColorPicker


def test_a_typed_hex_code_sets_the_colour(page: Page, launch_app):
    open_app(page, launch_app, "examples/color_picker.py")
    code = page.get_by_role("textbox", name="Colour, hex code")
    expect(code).to_have_value("#f97316")
    code.fill("#0F0")
    code.press("Enter")
    expect(page.get_by_role("textbox", name="RGB")).to_have_value("#00ff00 is rgb(0, 255, 0)")
    expect(page.get_by_label("Colour", exact=True)).to_have_value("#00ff00")
    expect(code).to_have_value("#00ff00")


def test_the_swatch_picks_a_colour_and_a_listener_turns_it(page: Page, launch_app):
    open_app(page, launch_app, "examples/color_picker.py")
    page.get_by_label("Colour", exact=True).fill("#123456")
    details = page.get_by_role("textbox", name="RGB")
    expect(details).to_have_value("#123456 is rgb(18, 52, 86)")
    page.get_by_role("button", name="Complementary colour").click()
    expect(page.get_by_role("textbox", name="Colour, hex code")).to_have_value("#edcba9")
    expect(details).to_have_value("#edcba9 is rgb(237, 203, 169)")


def test_an_invalid_hex_code_is_marked_and_not_sent(page: Page, launch_app):
    open_app(page, launch_app, "examples/color_picker.py")
    code = page.get_by_role("textbox", name="Colour, hex code")
    code.fill("#12345z")
    code.press("Enter")
    expect(code).to_have_attribute("aria-invalid", "true")
    expect(page.get_by_role("textbox", name="RGB")).to_have_value("#f97316 is rgb(249, 115, 22)")


# ---------------------------------------------------------------------- accessibility


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("app", EXAMPLES)
def test_the_examples_have_no_serious_accessibility_violations(page: Page, launch_app, app, scheme):
    page.emulate_media(color_scheme=scheme)
    open_app(page, launch_app, app)
    # Filled outputs too: the Label's bars and the highlighted spans.
    for button in ("Classify", "Find entities"):
        if page.get_by_role("button", name=button).count():
            page.get_by_role("button", name=button).click()
            expect(page.locator("mark, .label-top").first).to_be_visible()
    page.wait_for_timeout(300)
    assert serious_violations(page) == []
