"""js= listeners and trigger modes in the browser."""

from playwright.sync_api import Page, expect


def test_a_js_only_listener_runs_in_the_page(page: Page, launch_app):
    page.goto(launch_app("e2e/apps/js_listeners.py"))
    page.get_by_role("button", name="Reverse").click()
    expect(page.get_by_role("textbox", name="Reversed")).to_have_value("desserts")


def test_js_prepares_the_input_of_the_server_function(page: Page, launch_app):
    page.goto(launch_app("e2e/apps/js_listeners.py"))
    page.get_by_role("button", name="Shout").click()
    expect(page.get_by_role("textbox", name="Shouted")).to_have_value("STRESSED!")


def test_trigger_mode_once_ignores_clicks_while_the_job_runs(page: Page, launch_app):
    page.goto(launch_app("e2e/apps/js_listeners.py"))
    count = page.get_by_role("button", name="Count")
    count.click()
    count.click()
    count.click()
    runs = page.get_by_role("spinbutton", name="Runs")
    expect(runs).to_have_value("1")
    page.wait_for_timeout(800)
    expect(runs).to_have_value("1")
