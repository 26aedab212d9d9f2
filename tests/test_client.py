"""blocks.Client against a real app on 127.0.0.1: calls by position and keyword, defaults,
streaming with the final output, status, cancelling (waiting and running) and timeouts."""

import asyncio
import threading
import time

import pytest

import blocks as gr
from blocks.client import ClientError, JobCancelled, Status

# What the app's functions did, and gates the tests open.
calls: list[str] = []
gate = threading.Event()
running = threading.Event()
stopped = threading.Event()
release = asyncio.Event()


def _count(n):
    for index in range(int(n)):
        time.sleep(0.02)  # slower than the 60 frames a second a stream is coalesced to
        yield str(index)


def _remember(text, seen):
    seen = [*seen, text]
    return ", ".join(seen), seen


def greet(name, times):
    """Greets someone."""
    return "Hello " + name + "!" * int(times)


def one_at_a_time(text):
    calls.append(text)
    running.set()
    gate.wait(5)
    return text.upper()


async def streams_until_cancelled(text):
    try:
        yield f"{text} 1"
        await asyncio.sleep(30)
        yield f"{text} 2"
    finally:
        stopped.set()


def reports_progress(text, progress=gr.Progress()):
    progress(0.5, desc="halfway")
    running.set()
    gate.wait(5)
    return text


def slow_but_finishing(text):
    gate.wait(5)
    return text


@pytest.fixture(autouse=True)
def _reset_gates():
    calls.clear()
    for event in (gate, running, stopped):
        event.clear()
    yield
    gate.set()  # nothing is left waiting for a test that failed


@pytest.fixture(scope="module")
def url():
    with gr.Blocks() as demo:
        box = gr.Textbox(label="Text")
        out = gr.Textbox(label="Out")
        seen = gr.State([])
        box.submit(_remember, [box, seen], [out, seen], api_name="remember")
        number = gr.Number(value=3)
        counted = gr.Textbox()
        gr.Button().click(_count, number, counted, api_name="count")
        gr.Button().click(lambda t: t + t, box, out, api_name="double")
        name = gr.Textbox(label="Name", info="who to greet")
        times = gr.Slider(1, 5, value=2, step=1, label="Times")
        gr.Button().click(greet, [name, times], gr.Textbox(label="Greeting"), api_name="greet")
        gr.Button().click(one_at_a_time, box, out, concurrency_limit=1, api_name="serial")
        gr.Button().click(streams_until_cancelled, box, out, api_name="stream")
        gr.Button().click(reports_progress, box, out, api_name="progress")
        gr.Button().click(slow_but_finishing, box, out, api_name="slow")
        gr.Button().click(str.lower, box, out, api_name="hidden", api_visibility="undocumented")

        def fail(text):
            raise gr.Error(f"no {text}")

        gr.Button().click(fail, box, out, api_name="fail")
    demo.launch(server_port=0, prevent_thread_lock=True, quiet=True)
    yield demo.local_url
    demo.close()


def _until(ready, seconds=5.0):
    deadline = time.monotonic() + seconds
    while not ready():
        assert time.monotonic() < deadline, "timed out waiting"
        time.sleep(0.01)


def test_predict_returns_the_final_output(url):
    with gr.Client(url) as client:
        assert client.predict("ab", api_name="/double") == "abab"


def test_a_client_keeps_its_own_state_across_calls_and_clients_do_not_share_it(url):
    with gr.Client(url) as first, gr.Client(url) as second:
        first.predict("a", api_name="/remember")
        assert first.predict("b", api_name="/remember") == "a, b"
        assert second.predict("c", api_name="/remember") == "c"


def test_reset_session_starts_the_state_afresh(url):
    with gr.Client(url) as client:
        client.predict("a", api_name="/remember")
        before = client.session_id
        client.reset_session()
        assert client.predict("b", api_name="/remember") == "b"
        assert client.session_id != before


def test_arguments_go_by_keyword_and_omitted_ones_take_their_defaults(url):
    with gr.Client(url) as client:
        assert client.predict(name="Ann", times=3, api_name="/greet") == "Hello Ann!!!"
        assert client.predict("Bo", api_name="/greet") == "Hello Bo!!"  # the slider's 2
        assert client.predict("Cy", times=1, api_name="/greet") == "Hello Cy!"


def test_a_call_that_does_not_fit_the_parameters_is_a_type_error_naming_them(url):
    with gr.Client(url) as client:
        with pytest.raises(TypeError, match="needs a value for 'name'"):
            client.predict(times=2, api_name="/greet")
        with pytest.raises(TypeError, match="no parameter 'nme'; its parameters: name, times"):
            client.predict(nme="x", api_name="/greet")
        with pytest.raises(TypeError, match="two values for 'name'"):
            client.predict("a", name="b", api_name="/greet")
        with pytest.raises(TypeError, match="takes 2 argument"):
            client.predict("a", 1, 2, api_name="/greet")


def test_fn_index_names_an_endpoint_by_its_listener_number(url):
    with gr.Client(url) as client:
        index = client.view_api(print_info=False)["greet"]["fn_index"]
        assert client.predict("Di", fn_index=index) == "Hello Di!!"
        with pytest.raises(ValueError, match="several endpoints: pass api_name="):
            client.predict("x")


def test_an_undocumented_endpoint_is_callable_by_position_but_not_listed(url, capsys):
    with gr.Client(url) as client:
        assert client.predict("QUIET", api_name="/hidden") == "quiet"
        with pytest.raises(TypeError, match="undocumented"):
            client.predict(text="QUIET", api_name="/hidden")
        assert "hidden" not in client.view_api()
        assert "/hidden" not in capsys.readouterr().out


def test_iterating_a_job_yields_every_output_the_final_one_included(url):
    with gr.Client(url) as client:
        job = client.submit(5, api_name="/count")
        partials = list(job)
        assert partials[-1] == "4" == job.result()
        assert partials == sorted(set(partials)) and len(partials) >= 2
        assert job.outputs() == partials
        assert job.status().code is Status.FINISHED and job.status().success


def test_a_job_of_a_plain_function_has_its_result_as_its_one_output(url):
    with gr.Client(url) as client:
        job = client.submit("xy", api_name="/double")
        assert list(job) == ["xyxy"]
        assert job.outputs() == ["xyxy"] and job.done()


def test_an_app_error_raises_client_error_with_the_message(url):
    with gr.Client(url) as client:
        with pytest.raises(ClientError, match="no way"):
            client.predict("way", api_name="/fail")
        job = client.submit("luck", api_name="/fail")
        assert list(job) == []
        assert isinstance(job.exception(), ClientError)
        assert job.status().stage == "failed"


def test_a_job_cancelled_while_queued_raises_and_never_runs(url):
    with gr.Client(url) as client:
        gate.set()
        assert client.predict("earlier", api_name="/serial") == "EARLIER"
        gate.clear()
        running.clear()
        first = client.submit("first", api_name="/serial")
        assert running.wait(5)
        second = client.submit("second", api_name="/serial")
        _until(lambda: second.status().code is Status.IN_QUEUE)
        waiting = second.status()
        assert (waiting.position, waiting.queue_size, waiting.stage) == (0, 1, "queued")
        assert second.cancel()
        with pytest.raises(JobCancelled):
            second.result(5)
        assert second.cancelled() and second.status().code is Status.CANCELLED
        assert second.outputs() == []
        gate.set()
        assert first.result(5) == "FIRST"
    assert calls == ["earlier", "first"]


def test_a_job_cancelled_while_running_stops_on_the_server_and_keeps_what_it_streamed(url):
    with gr.Client(url) as client:
        job = client.submit("tick", api_name="/stream")
        assert next(job) == "tick 1"
        assert job.cancel()
        with pytest.raises(JobCancelled):
            job.result(5)
        assert stopped.wait(5)  # its finally ran
        assert job.outputs() == ["tick 1"]
        assert not job.cancel()  # it has ended


def test_predict_with_a_timeout_cancels_the_job_on_the_server(url):
    with gr.Client(url) as client:
        with pytest.raises(TimeoutError, match=r"within 0\.3 s: the job was cancelled"):
            client.predict("late", api_name="/stream", timeout=0.3)
        assert stopped.wait(5)


def test_predict_waits_as_long_as_the_job_takes_whatever_the_client_timeout(url):
    with gr.Client(url, timeout=0.2) as client:
        timer = threading.Timer(0.6, gate.set)
        timer.start()
        assert client.predict("patient", api_name="/slow") == "patient"


def test_result_with_a_timeout_leaves_the_job_running(url):
    with gr.Client(url) as client:
        job = client.submit("later", api_name="/slow")
        with pytest.raises(TimeoutError):
            job.result(timeout=0.1)
        gate.set()
        assert job.result(5) == "later"


def test_status_reports_progress_and_stage_while_it_runs(url):
    with gr.Client(url) as client:
        job = client.submit("x", api_name="/progress")
        _until(lambda: job.status().code is Status.PROGRESS)
        status = job.status()
        assert status.stage == "running" and job.running()
        (unit,) = status.progress
        assert (unit.progress, unit.desc) == (0.5, "halfway")
        gate.set()
        assert job.result(5) == "x"
        assert job.status().stage == "finished"


def test_result_callbacks_get_the_outputs(url):
    got = []
    done = threading.Event()
    with gr.Client(url) as client:
        client.submit("cb", api_name="/double", result_callbacks=[got.append, lambda _: done.set()])
        assert done.wait(5)
    assert got == ["cbcb"]


def test_view_api_prints_how_to_call_each_endpoint_and_returns_the_schema(url, capsys):
    with gr.Client(url) as client:
        api = client.view_api()
        printed = capsys.readouterr().out
        assert api["remember"]["parameters"][0]["label"] == "Text"
        assert 'predict(name, times=2, api_name="/greet") -> greeting' in printed
        assert "- [Textbox] name: str (required)  who to greet" in printed
        assert "- [Slider] times: float (default: 2)  numeric value between 1 and 5" in printed
        assert "Greets someone." in printed
        assert client.view_api(print_info=False, return_format="str") == printed[:-1]
        with pytest.raises(ValueError, match="no endpoint '/nope'"):
            client.predict(1, api_name="/nope")
