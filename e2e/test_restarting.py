"""A server stopped by SIGTERM tells its pages: they show "Restarting…", then come back on
their own once it runs again."""

import re
import threading

from harness import AppLauncher, free_port
from playwright.sync_api import Page, expect


def test_a_page_shows_restarting_during_a_graceful_stop_and_comes_back_after(page: Page):
    # The same port both times, so the page finds the restarted server where it was.
    env = {"BLOCKS_SERVER_PORT": str(free_port()), "BLOCKS_DRAIN_TIMEOUT": "2"}
    first, second = AppLauncher(), AppLauncher()
    try:
        page.goto(first.launch("examples/streaming.py", env))
        page.get_by_role("spinbutton", name="Count to").fill("600")
        page.get_by_role("button", name="Start").click()
        counted = page.get_by_role("textbox", name="Counted")
        expect(counted).to_have_value(re.compile(r"^0 1 2 "))

        stopping = threading.Thread(target=first.close)  # SIGTERM, then waits for the exit
        stopping.start()
        notice = page.get_by_test_id("connection-notice")
        expect(notice).to_have_text("Restarting…")
        stopping.join(15)
        assert not stopping.is_alive()
        expect(notice).to_have_text("Restarting…")  # still, while the server is away

        second.launch("examples/streaming.py", env)
        expect(notice).to_have_text("", timeout=15_000)
        page.get_by_role("spinbutton", name="Count to").fill("3")
        page.get_by_role("button", name="Start").click()
        expect(counted).to_have_value("0 1 2 ")
    finally:
        first.close()
        second.close()
