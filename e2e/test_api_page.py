"""The "Use via API" link at the bottom of an app and the page it leads to, in a real browser."""

import re

from playwright.sync_api import Page, expect


def test_the_footer_link_leads_to_the_api_page_of_greet(page: Page, launch_app):
    errors: list[str] = []
    page.on("console", lambda message: message.type == "error" and errors.append(message.text))
    page.on("pageerror", lambda error: errors.append(str(error)))
    url = launch_app("examples/greet.py")
    page.goto(url)
    expect(page.get_by_role("button", name="Greet")).to_be_visible()
    link = page.get_by_role("contentinfo").get_by_role("link", name="Use via API")
    expect(link).to_be_visible()
    link.click()
    expect(page).to_have_url(f"{url}/api")
    expect(page).to_have_title("Use via API · Demo")
    expect(page.get_by_role("heading", level=1)).to_have_text("Use via API")
    expect(page.get_by_role("heading", level=2, name="/greet", exact=True)).to_be_visible()
    main = page.get_by_role("main")
    expect(main).to_contain_text(re.compile(r"curl -X POST http://127\.0\.0\.1:\d+/api/greet"))
    expect(main).to_contain_text('api_name="/greet"')
    # The app's stylesheet applies: the page is the narrow centered column it defines.
    expect(main).to_have_css("max-width", "960px")
    assert errors == []


def test_an_app_with_only_private_endpoints_shows_no_link(page: Page, launch_app):
    page.goto(launch_app("e2e/apps/private_api.py"))
    page.get_by_role("textbox", name="Text").fill("quiet")
    page.get_by_role("button", name="Shout").click()
    expect(page.get_by_role("textbox", name="Shouted")).to_have_value("QUIET")
    expect(page.get_by_role("link", name="Use via API")).to_be_hidden()
    expect(page.locator("footer")).to_be_hidden()


def test_a_full_height_chat_app_makes_room_for_the_link(page: Page, launch_app):
    page.set_viewport_size({"width": 1000, "height": 700})
    page.goto(launch_app("examples/guide_api.py"))
    expect(page.get_by_role("link", name="Use via API")).to_be_visible()
    height = page.evaluate("document.documentElement.scrollHeight")
    assert height <= 700, "the page scrolls because of the footer"
