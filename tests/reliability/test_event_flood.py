"""A page or API session that floods events past its cap is told to slow down: kind
"too_many" in the page, HTTP 429 over the API and the OpenAI endpoint, never "invalid input"."""

import threading

import blocks as gr
from blocks.runtime.engine import MAX_JOBS_PER_SESSION
from blocks.server.api import error_status
from blocks.testing import TestClient

RELEASE = threading.Event()


def wait_for_release(text):
    RELEASE.wait(10)
    return text


def test_the_event_past_a_pages_cap_is_refused_as_too_many_and_the_others_finish():
    RELEASE.clear()
    with gr.Blocks() as demo:
        box = gr.Textbox()
        out = gr.Textbox()
        go = gr.Button("Go")
        go.click(wait_for_release, box, out, concurrency_limit=None)
    with TestClient(demo) as client:
        waiting = [client.start(go) for _ in range(MAX_JOBS_PER_SESSION)]
        refused = client.start(go)
        client.wait(refused)
        assert refused.done is not None and not refused.done["success"]
        assert refused.done["error"]["kind"] == "too_many"
        assert refused.done["error"]["title"] == "Too many events"
        assert "wait for some to finish" in refused.done["error"]["message"]
        RELEASE.set()
        for run in waiting:
            client.wait(run)
        assert all(run.success for run in waiting)


def test_too_many_events_answer_429_over_the_api():
    assert error_status({"kind": "too_many"}) == 429
    assert error_status({"kind": "validation"}) == 422
