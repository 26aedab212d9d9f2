"""Helpers in the browser: validator= messages beside the inputs, gr.cache, gr.load_chat."""

import time

from playwright.sync_api import Page, expect


def test_a_validator_marks_the_refused_inputs_and_the_function_does_not_run(page: Page, launch_app):
    page.goto(launch_app("examples/validate_inputs.py"))
    age = page.get_by_role("spinbutton", name="Enter age")
    location = page.get_by_role("textbox", name="Enter location")
    output = page.get_by_role("textbox", name="Output")
    age.fill("2")
    location.fill("London")
    page.get_by_role("button", name="Process").click()
    expect(page.get_by_role("alert").filter(has_text="Age must be at least 3")).to_be_visible()
    expect(page.get_by_role("alert").filter(has_text="must not be in London")).to_be_visible()
    expect(age).to_have_attribute("aria-invalid", "true")
    expect(location).to_have_attribute("aria-invalid", "true")
    expect(output).to_have_value("")  # process was not called
    # Fixing one input clears its mark; the next run is judged afresh and goes through.
    age.fill("30")
    expect(age).not_to_have_attribute("aria-invalid", "true")
    location.fill("Paris")
    page.get_by_role("button", name="Process").click()
    expect(output).to_have_value("Processed: 30 -- PARIS")
    expect(page.get_by_role("alert")).to_have_count(0)
    expect(location).not_to_have_attribute("aria-invalid", "true")


def test_a_cached_function_answers_a_repeated_input_without_running_again(page: Page, launch_app):
    page.goto(launch_app("examples/cached_function.py"))
    square = page.get_by_role("button", name="Square")
    result = page.get_by_role("textbox", name="Result")
    runs = page.get_by_role("textbox", name="Runs")
    square.click()
    expect(result).to_have_value("4 squared is 16")
    expect(runs).to_have_value("The function has run 1 time(s)")
    page.get_by_role("spinbutton", name="Number").fill("5")
    square.click()
    expect(result).to_have_value("5 squared is 25")
    expect(runs).to_have_value("The function has run 2 time(s)")
    page.get_by_role("spinbutton", name="Number").fill("4")
    square.click()
    expect(result).to_have_value("4 squared is 16")
    page.wait_for_timeout(300)
    expect(runs).to_have_value("The function has run 2 time(s)")


def test_a_loaded_chat_streams_the_reply_of_another_apps_model(page: Page, launch_app):
    # The model server: a streaming ChatInterface, which serves /v1/chat/completions.
    model_server = launch_app("examples/guide_streaming.py")
    url = launch_app(
        "examples/load_chat_local.py",
        env={"BASE_URL": model_server + "/v1", "MODEL": "slow_echo"},
    )
    page.goto(url)
    box = page.get_by_role("textbox", name="Message")
    box.fill("streaming works")
    box.press("Enter")
    reply = page.locator('[role="log"] [role="article"][data-role="assistant"]').last
    # The echo arrives a character at a time: parts of it first, then all of it.
    seen = set()
    deadline = time.monotonic() + 15
    while time.monotonic() < deadline and "streaming works" not in seen:
        if reply.count():
            seen.add((reply.text_content() or "").strip())
        page.wait_for_timeout(30)
    assert "streaming works" in seen
    assert any(
        text and text != "streaming works" and "streaming works".startswith(text) for text in seen
    )
