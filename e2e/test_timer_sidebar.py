"""gr.Timer, gr.Sidebar and gr.DeepLinkButton in the browser, in their examples."""

import re

from playwright.sync_api import Page, expect


def test_the_timer_ticks_stops_and_starts_again_with_updates(page: Page, launch_app):
    page.goto(launch_app("examples/timer_clock.py"))
    ticks = page.get_by_role("spinbutton", name="Ticks")
    expect(ticks).not_to_have_value("0", timeout=5000)
    expect(page.get_by_role("textbox", name="Time")).to_have_value(re.compile(r"^\d\d:\d\d:\d\d$"))
    page.get_by_role("button", name="Stop").click()
    page.wait_for_timeout(1500)  # a tick already on its way may still land
    stopped = ticks.input_value()
    page.wait_for_timeout(2200)
    expect(ticks).to_have_value(stopped)
    page.get_by_role("button", name="Start").click()
    expect(ticks).not_to_have_value(stopped, timeout=5000)


def test_the_sidebar_toggle_closes_and_opens_the_panel_and_says_so(page: Page, launch_app):
    page.goto(launch_app("examples/sidebar.py"))
    toggle = page.get_by_role("button", name="Settings")
    name = page.get_by_role("textbox", name="Your name")
    expect(toggle).to_have_attribute("aria-expanded", "true")
    expect(page.get_by_role("complementary", name="Settings")).to_be_visible()
    name.fill("Ada")
    expect(page.get_by_role("textbox", name="Greeting")).to_have_value("Hello Ada!")
    toggle.click()
    expect(toggle).to_have_attribute("aria-expanded", "false")
    expect(name).to_be_hidden()
    toggle.press("Enter")
    expect(toggle).to_have_attribute("aria-expanded", "true")
    expect(name).to_be_visible()
    expect(name).to_have_value("Ada")


def test_a_deep_link_brings_back_the_values_the_page_showed(page: Page, launch_app):
    url = launch_app("examples/sidebar.py")
    page.context.grant_permissions(["clipboard-read", "clipboard-write"])
    page.goto(url)
    page.get_by_role("textbox", name="Your name").fill("Grace")
    page.get_by_role("radio", name="?").check()
    expect(page.get_by_role("textbox", name="Greeting")).to_have_value("Hello Grace?")
    share = page.get_by_role("button", name="Share via Link")
    share.click()
    expect(page.get_by_role("button", name="Link copied to clipboard!")).to_be_visible()
    link = page.evaluate("navigator.clipboard.readText()")
    assert "deep_link=" in link
    fresh = page.context.new_page()
    fresh.goto(link)
    expect(fresh.get_by_role("textbox", name="Your name")).to_have_value("Grace")
    expect(fresh.get_by_role("radio", name="?")).to_be_checked()
    expect(fresh.get_by_role("textbox", name="Greeting")).to_have_value("Hello Grace?")
