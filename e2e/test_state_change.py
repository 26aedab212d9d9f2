"""gr.State change listeners run in the browser when a listener changes the State."""

from playwright.sync_api import Page, expect


def test_changing_a_state_runs_its_change_listener(page: Page, launch_app):
    page.goto(launch_app("e2e/apps/state_change.py"))
    page.get_by_role("textbox", name="Item").fill("milk")
    page.get_by_role("button", name="Add").click()
    expect(page.get_by_role("textbox", name="Count")).to_have_value("1 items")
    page.get_by_role("textbox", name="Item").fill("")
    page.get_by_role("button", name="Add").click()  # the same list: no change, no run
    page.get_by_role("textbox", name="Item").fill("eggs")
    page.get_by_role("button", name="Add").click()
    expect(page.get_by_role("textbox", name="Count")).to_have_value("2 items")
