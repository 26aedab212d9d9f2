import time

import pytest

import blocks as gr
from blocks.client.client import ClientError


def _count(n):
    for index in range(int(n)):
        time.sleep(0.005)
        yield str(index)


def _remember(text, seen):
    seen = [*seen, text]
    return ", ".join(seen), seen


@pytest.fixture(scope="module")
def url():
    with gr.Blocks() as demo:
        box = gr.Textbox(label="Text")
        out = gr.Textbox()
        seen = gr.State([])
        box.submit(_remember, [box, seen], [out, seen], api_name="remember")
        number = gr.Number(value=3)
        counted = gr.Textbox()
        gr.Button().click(_count, number, counted, api_name="count")
        gr.Button().click(lambda t: t + t, box, out, api_name="double")

        def fail(text):
            raise gr.Error(f"no {text}")

        gr.Button().click(fail, box, out, api_name="fail")
    demo.launch(server_port=0, prevent_thread_lock=True, quiet=True)
    yield demo.local_url
    demo.close()


def test_predict_returns_the_final_output(url):
    with gr.Client(url) as client:
        assert client.predict("ab", api_name="/double") == "abab"


def test_a_client_keeps_its_own_state_across_calls_and_clients_do_not_share_it(url):
    with gr.Client(url) as first, gr.Client(url) as second:
        first.predict("a", api_name="/remember")
        assert first.predict("b", api_name="/remember") == "a, b"
        assert second.predict("c", api_name="/remember") == "c"


def test_submit_streams_partial_outputs_and_then_the_result(url):
    with gr.Client(url) as client:
        job = client.submit(30, api_name="/count")
        partials = list(job)
        assert job.result() == "29"
        assert partials and all(isinstance(p, str) for p in partials)


def test_an_app_error_raises_client_error_with_the_message(url):
    with gr.Client(url) as client, pytest.raises(ClientError, match="no way"):
        client.predict("way", api_name="/fail")


def test_view_api_lists_the_endpoints_with_their_parameters(url):
    with gr.Client(url) as client:
        api = client.view_api()
        assert api["remember"]["parameters"][0]["label"] == "Text"
        with pytest.raises(ValueError, match="no endpoint '/nope'"):
            client.predict(1, api_name="/nope")
