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


def test_every_refreshes_a_value_and_reruns_a_listener_while_the_page_is_open(
    page: Page, launch_app
):
    import re

    page.goto(launch_app("e2e/apps/clock.py"))
    ticks = page.get_by_role("spinbutton", name="Ticks")
    expect(ticks).not_to_have_value("")
    first = float(ticks.input_value())
    expect(ticks).not_to_have_value(str(int(first)), timeout=5000)
    heartbeat = page.get_by_role("textbox", name="Heartbeat")
    expect(heartbeat).to_have_value(re.compile(r"^beat \d+$"))
    seen = heartbeat.input_value()
    expect(heartbeat).not_to_have_value(seen, timeout=5000)
