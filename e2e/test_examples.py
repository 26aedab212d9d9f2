"""gr.Examples, gr.Dataset, gr.ClearButton and the Flag button in a real browser
(examples/interface_examples.py, examples/blocks_examples.py)."""

import pytest
from playwright.sync_api import Page, expect


@pytest.fixture
def cached(page: Page, launch_app) -> Page:
    page.goto(launch_app("examples/interface_examples.py"))
    return page


@pytest.fixture
def in_blocks(page: Page, launch_app) -> Page:
    page.goto(launch_app("examples/blocks_examples.py"))
    return page


def test_clicking_a_cached_example_fills_the_inputs_and_shows_its_stored_outputs(cached: Page):
    page = cached
    examples = page.locator("blocks-dataset")
    expect(examples.get_by_text("Examples")).to_be_visible()
    examples.get_by_role("button", name="good morning").click()
    expect(page.get_by_role("textbox", name="Text")).to_have_value("good morning")
    expect(page.get_by_role("spinbutton", name="Times")).to_have_value("1")
    expect(page.get_by_role("textbox", name="Shouted")).to_have_value("GOOD MORNING! ")
    # The three examples were computed when the app started; the click called nothing.
    expect(page.get_by_role("textbox", name="Calls")).to_have_value("calls so far: 2")


def test_examples_are_a_table_whose_rows_are_picked_with_the_keyboard(cached: Page):
    page = cached
    table = page.locator("blocks-dataset").get_by_role("table")
    expect(table.get_by_role("columnheader")).to_have_text(["Text", "Times"])
    expect(table.get_by_role("row")).to_have_count(4)  # the header and three examples
    table.get_by_role("button", name="hello").focus()
    page.keyboard.press("Tab")
    page.keyboard.press("Enter")
    expect(page.get_by_role("textbox", name="Text")).to_have_value("good morning")
    page.keyboard.press("Tab")
    page.keyboard.press("Space")
    expect(page.get_by_role("textbox", name="Text")).to_have_value("bye")
    expect(page.get_by_role("textbox", name="Shouted")).to_have_value("BYE! BYE! BYE! ")


def test_a_flag_option_button_saves_the_row_and_says_so(cached: Page):
    page = cached
    page.get_by_role("textbox", name="Text").fill("quiet")
    page.get_by_role("button", name="Submit").click()
    expect(page.get_by_role("textbox", name="Shouted")).to_have_value("QUIET! ")
    page.get_by_role("button", name="Too loud").click()
    expect(page.get_by_role("status").filter(has_text="Saved")).to_be_visible()


def test_an_example_in_blocks_fills_the_inputs_and_runs_the_function(in_blocks: Page):
    page = in_blocks
    page.locator("blocks-dataset").get_by_role("button", name="Tokyo").click()
    expect(page.get_by_role("textbox", name="City")).to_have_value("Tokyo")
    expect(page.get_by_role("textbox", name="Summary")).to_have_value(
        "Tokyo has 13,960,000 inhabitants."
    )


def test_examples_are_paged_and_a_later_page_is_one_click_away(in_blocks: Page):
    page = in_blocks
    examples = page.locator("blocks-dataset")
    expect(examples.get_by_role("button", name="Lagos")).to_have_count(0)
    examples.get_by_role("button", name="Page 2").click()
    expect(examples.get_by_role("button", name="Page 2")).to_have_attribute("aria-current", "page")
    examples.get_by_role("button", name="Lagos").click()
    expect(page.get_by_role("textbox", name="Summary")).to_have_value(
        "Lagos has 15,388,000 inhabitants."
    )


def test_the_clear_button_empties_the_components_it_was_given(in_blocks: Page):
    page = in_blocks
    page.get_by_role("textbox", name="City").fill("Oslo")
    page.get_by_role("spinbutton", name="Population").fill("700000")
    page.get_by_role("button", name="Describe").click()
    expect(page.get_by_role("textbox", name="Summary")).to_have_value(
        "Oslo has 700,000 inhabitants."
    )
    page.get_by_role("button", name="Clear form").click()
    expect(page.get_by_role("textbox", name="City")).to_have_value("")
    expect(page.get_by_role("spinbutton", name="Population")).to_have_value("")
    # Not one of its components: left as it was.
    expect(page.get_by_role("textbox", name="Summary")).to_have_value(
        "Oslo has 700,000 inhabitants."
    )
