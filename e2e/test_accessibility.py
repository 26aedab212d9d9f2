"""axe-core (vendored in e2e/vendor, MPL-2.0) finds no serious accessibility problems."""

from pathlib import Path

import pytest
from playwright.sync_api import Page, expect

AXE = (Path(__file__).parent / "vendor" / "axe.min.js").read_text()


@pytest.fixture(scope="session")
def browser_context_args(browser_context_args):
    # axe is injected as an inline script (and uses `new Function`), which the app's CSP
    # refuses, as it should; the audit tool is ours, so these pages bypass it. The CSP itself
    # is tested in e2e/test_csp.py.
    return {**browser_context_args, "bypass_csp": True}


def serious_violations(page: Page) -> list[str]:
    # Stylesheets loaded on demand (code highlighting, KaTeX) must be in before colours count.
    page.wait_for_load_state("networkidle")
    page.add_script_tag(content=AXE)
    result = page.evaluate(
        """async () => {
            const result = await axe.run(document, {runOnly: ["wcag2a", "wcag2aa"]});
            return result.violations
                .filter((v) => v.impact === "serious" || v.impact === "critical")
                .map((v) => {
                    const where = v.nodes.slice(0, 3).map((n) => n.target.join(" "));
                    return `${v.id}: ${v.help} (${where.join(", ")})`;
                });
        }"""
    )
    return list(result)


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize(
    "app",
    [
        "examples/greet.py",
        "examples/streaming.py",
        "examples/guide_complete.py",
        "examples/showcase.py",
        "examples/chat_saved_history.py",
        "examples/guide_multimodal_examples.py",
        "e2e/apps/chatbot_gallery.py",
        "e2e/apps/uploads.py",
    ],
)
def test_apps_have_no_serious_accessibility_violations(page: Page, launch_app, app, scheme):
    page.emulate_media(color_scheme=scheme)
    page.goto(launch_app(app))
    expect(page.locator(".app")).to_be_visible()
    page.wait_for_timeout(300)
    assert serious_violations(page) == []


def test_the_use_via_api_page_has_no_serious_accessibility_violations(page: Page, launch_app):
    page.goto(launch_app("examples/guide_api.py") + "/api")
    expect(page.get_by_role("heading", level=1)).to_be_visible()
    assert serious_violations(page) == []


def test_a_chat_with_messages_has_no_serious_accessibility_violations(page: Page, launch_app):
    page.goto(launch_app("examples/guide_complete.py"))
    box = page.get_by_role("textbox", name="Message")
    box.fill("Hello there")
    box.press("Enter")
    expect(page.locator('[role="article"][data-role="assistant"]')).to_have_count(1)
    page.wait_for_timeout(1500)
    assert serious_violations(page) == []
