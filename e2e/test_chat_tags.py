"""Chatbot allow_tags: which custom tags survive sanitising, and that none can run script."""

from playwright.sync_api import Page, expect


def test_allow_tags_keeps_custom_tags_as_elements_but_never_script(page: Page, launch_app):
    page.goto(launch_app("e2e/apps/custom_tags.py"))
    every = page.get_by_role("log", name="Every tag")
    named = page.get_by_role("log", name="Named tags")
    none = page.get_by_role("log", name="No tags")
    expect(every).to_contain_text("The answer.")
    expect(every.locator("thinking")).to_have_text("step one")
    expect(every.locator("tool-call")).to_have_text("search")
    expect(named.locator("thinking")).to_have_count(1)
    expect(named.locator("tool-call")).to_have_count(0)
    expect(none.locator("thinking")).to_have_count(0)
    expect(none).to_contain_text("step one")  # the text stays, the tag goes
    assert every.locator("thinking").get_attribute("onclick") is None
    every.locator("thinking").click()
    assert page.evaluate("window.__xss") is None
    expect(page.locator("[role=log] script")).to_have_count(0)
