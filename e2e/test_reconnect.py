"""A page whose connection drops resumes its session: the stream it was receiving goes on."""

import re

from playwright.sync_api import Page, expect

# Keep a handle on every WebSocket the page opens, so a test can drop one.
RECORD_SOCKETS = """
(() => {
  const Native = window.WebSocket;
  window.__sockets = [];
  window.WebSocket = class extends Native {
    constructor(...args) {
      super(...args);
      window.__sockets.push(this);
    }
  };
})();
"""


def test_a_dropped_connection_resumes_and_the_stream_completes(page: Page, launch_app):
    page.add_init_script(RECORD_SOCKETS)
    page.goto(launch_app("examples/streaming.py"))
    page.get_by_role("spinbutton", name="Count to").fill("60")
    page.get_by_role("button", name="Start").click()
    counted = page.get_by_role("textbox", name="Counted")
    expect(counted).to_have_value(re.compile(r"^0 1 2 3 "))
    # An abnormal drop (not the page going away): the server keeps the session and the job.
    page.evaluate("window.__sockets.at(-1).close(4000, 'test drop')")
    expect(counted).to_have_value(re.compile(r" 59 $"), timeout=15_000)
    value = counted.input_value().split()
    assert value == [str(number) for number in range(60)]  # nothing lost, nothing twice
    assert page.evaluate("window.__sockets.length") >= 2
