"""A page loads the code of the components it shows and nothing else: a ChatInterface with no
media or data component requests none of their modules or libraries (bench/page_weight.py
measures the bytes)."""

import re

from playwright.sync_api import Page, expect

# The modules a plain ChatInterface page needs, beside the core of frontend/.
CHAT_COMPONENTS = {"base", "blocks", "row", "column", "textbox", "button", "chatbot", "state"}
CHAT_VENDOR = {"marked.esm.js", "purify.es.min.mjs"}


def requested(page: Page, url: str) -> list[str]:
    paths: list[str] = []
    page.on("request", lambda request: paths.append(request.url.removeprefix(url)))
    page.goto(url)
    expect(page.get_by_role("textbox", name="Message")).to_be_visible()
    page.wait_for_load_state("networkidle")
    return paths


def test_a_chat_page_loads_only_the_components_it_shows_and_no_media_library(
    page: Page, launch_app
):
    url = launch_app("examples/guide_basic.py")
    paths = requested(page, url)
    components = {
        match.group(1)
        for path in paths
        if (match := re.search(r"/components/([a-z0-9]+)\.(?:js|css)$", path))
    }
    vendor = {path.rsplit("/vendor/", 1)[1] for path in paths if "/vendor/" in path}
    assert components == CHAT_COMPONENTS
    assert vendor == CHAT_VENDOR


def test_sending_a_text_message_loads_no_further_component(page: Page, launch_app):
    url = launch_app("examples/guide_basic.py")
    requested(page, url)
    later: list[str] = []
    page.on("request", lambda request: later.append(request.url))
    box = page.get_by_role("textbox", name="Message")
    box.fill("hello")
    box.press("Enter")
    expect(page.locator('[role="log"] [data-role="assistant"]')).to_have_text(["hello"])
    assert [path for path in later if "/components/" in path or "/vendor/" in path] == []
