"""The "Use via API" link at the bottom of an app and the page it leads to, in a real browser;
and the page's own snippets, read from it and run as printed."""

import json
import os
import re
import subprocess
import sys
from pathlib import Path

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


def _snippet(page: Page, endpoint: str, caption: str) -> str:
    section = page.get_by_role("region", name=endpoint, exact=True)
    figure = section.get_by_role("figure", name=caption, exact=True)
    return figure.locator("code").inner_text()


def test_the_snippets_of_file_inputs_run_as_printed(page: Page, launch_app, tmp_path):
    env = {**os.environ, "BLOCKS_TEMP_DIR": str(tmp_path)}
    for app, endpoint in (
        ("examples/interface_image.py", "/predict"),
        ("examples/guide_multimodal.py", "/multimodal_chat"),
    ):
        page.goto(launch_app(app) + "/api")
        python = _snippet(page, endpoint, "Python (blocks.Client)")
        assert "handle_file(" in python
        ran = subprocess.run(
            [sys.executable, "-c", python], capture_output=True, text=True, timeout=60, env=env
        )
        assert ran.returncode == 0, ran.stderr
        curl = _snippet(page, endpoint, "curl")
        answered = subprocess.run(["bash", "-c", curl], capture_output=True, text=True, timeout=60)
        assert answered.returncode == 0, answered.stderr
        assert "error" not in json.loads(answered.stdout), answered.stdout
        if app.endswith("interface_image.py"):
            printed = ran.stdout.strip()
            assert Path(printed).is_file() and Path(printed).is_relative_to(tmp_path)
            assert json.loads(answered.stdout)["data"][0]["url"].startswith("file/")
        else:
            assert "You uploaded 1 file(s)" in ran.stdout
            assert "You uploaded 1 file(s)" in json.loads(answered.stdout)["data"][0]
