"""The Content-Security-Policy in chromium: apps work under it, and injected script does not run.

The apps are written to a temporary folder: they exist only for these tests.
"""

from __future__ import annotations

import re
import textwrap
from pathlib import Path

import pytest
from playwright.sync_api import FrameLocator, Page, expect

LOG = '[role="log"]'

CHAT_APP = """
    import blocks as gr

    def reply(message, history):
        return f"You said: {message}"

    gr.ChatInterface(reply, chatbot=gr.Chatbot(label="Chat")).launch()
"""

# Markup a model or a user could write. sanitize_html=False leaves only the CSP between the
# raw chat's messages and the page; the HTML component is sanitised as always.
INJECTED_APP = """
    import blocks as gr

    def inject(message, history):
        return '<img src="x" alt="broken" onerror="window.__xss = 1">' + message

    with gr.Blocks() as demo:
        gr.ChatInterface(inject, chatbot=gr.Chatbot(label="Raw chat", sanitize_html=False))
        gr.HTML(
            '<p class="injected">HTML <img src="x" alt="" onerror="window.__xss = 2">'
            '<script>window.__xss = 3</script></p>'
        )

    demo.launch()
"""

JS_APP = """
    import blocks as gr

    with gr.Blocks(
        js="() => { document.body.dataset.appJs = 'ran' } // a trailing comment",
        head="<script>window.__head = 'ran'</script>",
    ) as demo:
        text = gr.Textbox(label="Text", value="stressed")
        reversed_text = gr.Textbox(label="Reversed")
        shouted = gr.Textbox(label="Shouted")
        gr.Button("Reverse").click(None, text, reversed_text, js="(x) => [...x].reverse().join('')")
        gr.Button("Shout").click(lambda x: x.upper(), text, shouted, js="(x) => x + '!'")

    demo.launch()
"""

# Runs before any of the page's scripts, outside the page's CSP: every violation is kept.
RECORD_VIOLATIONS = """
    window.__violations = [];
    document.addEventListener("securitypolicyviolation", (event) => {
        window.__violations.push(`${event.effectiveDirective} ${event.blockedURI}`);
    });
"""


@pytest.fixture(scope="module")
def apps(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("csp_apps")
    for name, source in {"chat.py": CHAT_APP, "injected.py": INJECTED_APP, "js.py": JS_APP}.items():
        (folder / name).write_text(textwrap.dedent(source))
    return folder


@pytest.fixture
def csp_messages(page: Page) -> list[str]:
    """Console messages and page errors from the start; the page records its CSP violations
    in ``window.__violations`` (see ``violations``)."""
    seen: list[str] = []
    page.on("console", lambda message: seen.append(f"{message.type}: {message.text}"))
    page.on("pageerror", lambda error: seen.append(f"pageerror: {error}"))
    page.add_init_script(RECORD_VIOLATIONS)
    return seen


def violations(page: Page) -> list[str]:
    return list(page.evaluate("window.__violations"))


def about_csp(messages: list[str]) -> list[str]:
    return [m for m in messages if "Content Security Policy" in m or "Content-Security" in m]


def test_a_chat_under_the_csp_sends_and_replies_with_no_violation(
    page, launch_app, apps, csp_messages
):
    response = page.goto(launch_app(apps / "chat.py"))
    assert response is not None
    policy = response.headers["content-security-policy"]
    assert "script-src 'self';" in policy and "unsafe-eval" not in policy
    box = page.get_by_role("textbox", name="Message")
    box.fill("Hello under a CSP")
    box.press("Enter")
    chat = page.get_by_role("log", name="Chat")
    expect(chat.get_by_role("article").last).to_have_text("You said: Hello under a CSP")
    page.wait_for_load_state("networkidle")
    assert violations(page) == []
    assert about_csp(csp_messages) == []
    assert not [m for m in csp_messages if m.startswith(("error", "pageerror"))]


def test_an_event_handler_in_an_unsanitised_chat_message_does_not_run(
    page, launch_app, apps, csp_messages
):
    page.goto(launch_app(apps / "injected.py"))
    box = page.get_by_role("textbox", name="Message")
    box.fill("payload")
    box.press("Enter")
    chat = page.get_by_role("log", name="Raw chat")
    expect(chat.get_by_role("article").last).to_contain_text("payload")
    expect(chat.get_by_role("img", name="broken")).to_have_count(1)  # the markup is there
    page.wait_for_function("window.__violations.includes('script-src-attr inline')")
    page.wait_for_timeout(200)
    assert page.evaluate("window.__xss") is None


def test_a_script_in_an_html_component_does_not_run_even_past_the_sanitiser(
    page, launch_app, apps, csp_messages
):
    page.goto(launch_app(apps / "injected.py"))
    html = page.locator(".injected")
    expect(html).to_contain_text("HTML")
    # As if the sanitiser had let a script through: the CSP still refuses to run it.
    html.evaluate(
        """(node) => {
            const script = document.createElement("script");
            script.textContent = "window.__xss = 4";
            node.append(script);
        }"""
    )
    page.wait_for_function("window.__violations.includes('script-src-elem inline')")
    page.wait_for_timeout(200)
    assert page.evaluate("window.__xss") is None


def test_app_js_listener_js_and_head_scripts_run_without_unsafe_eval(
    page, launch_app, apps, csp_messages
):
    response = page.goto(launch_app(apps / "js.py"))
    assert response is not None
    script_src = response.headers["content-security-policy"].split("script-src ")[1].split(";")[0]
    assert re.fullmatch(
        r"'self' 'nonce-[\w-]+'", script_src
    )  # no 'unsafe-eval', no 'unsafe-inline'
    expect(page.locator("body")).to_have_attribute("data-app-js", "ran")
    assert page.evaluate("window.__head") == "ran"  # head= scripts carry the page's nonce
    page.get_by_role("button", name="Reverse").click()
    expect(page.get_by_role("textbox", name="Reversed")).to_have_value("desserts")
    page.get_by_role("button", name="Shout").click()
    expect(page.get_by_role("textbox", name="Shouted")).to_have_value("STRESSED!")
    assert violations(page) == []
    assert about_csp(csp_messages) == []


def embed(page: Page, app_url: str) -> FrameLocator:
    """Show the app in a frame of a page of another origin (localhost, not 127.0.0.1) that is,
    like the app, on this machine: chromium never lets a public page frame a local one. The
    page is /health, JSON, so it has no CSP of its own that would refuse the frame."""
    page.goto(app_url.replace("127.0.0.1", "localhost") + "/health")
    page.evaluate(
        """(url) => {
            const frame = document.createElement("iframe");
            frame.title = "Embedded app";
            frame.src = url;
            document.body.append(frame);
        }""",
        app_url,
    )
    return page.frame_locator("iframe")


def test_another_site_cannot_frame_the_app_by_default(page, launch_app, apps):
    frame = embed(page, launch_app(apps / "js.py"))
    page.wait_for_timeout(1000)
    expect(frame.locator(".app")).to_have_count(0)


def test_frame_ancestors_lets_the_named_site_frame_the_app(page, launch_app, apps):
    frame = embed(
        page, launch_app(apps / "js.py", env={"BLOCKS_FRAME_ANCESTORS": "http://localhost:*"})
    )
    expect(frame.get_by_role("button", name="Reverse")).to_be_visible()
