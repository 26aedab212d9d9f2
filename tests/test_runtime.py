import asyncio
import threading
import time

import pytest

import blocks as gr
from blocks.exceptions import GraphError
from blocks.testing import TestClient


def test_a_click_runs_the_function_and_fills_each_output_in_order():
    def greet(name, times):
        return "Hello " + name + "!" * int(times), {"name": name}

    with gr.Blocks() as demo:
        name = gr.Textbox(label="Name")
        times = gr.Slider(1, 5, value=2, step=1, label="Times")
        out = gr.Markdown()
        meta = gr.JSON()
        button = gr.Button("Greet")
        button.click(greet, [name, times], [out, meta])
    with TestClient(demo) as client:
        client.set(name, "Ada")
        run = client.click(button)
        assert run.success
        assert client.value(out) == "Hello Ada!!"
        assert client.value(meta) == {"name": "Ada"}


def test_gr_error_shows_its_message_and_the_app_stays_usable():
    def greet(name):
        if not name:
            raise gr.Error("Please enter a name", title="Missing")
        return "Hi " + name

    with gr.Blocks() as demo:
        name = gr.Textbox()
        out = gr.Textbox()
        button = gr.Button()
        button.click(greet, name, out)
    with TestClient(demo) as client:
        run = client.click(button)
        assert run.error == "Please enter a name"
        assert run.done["error"]["title"] == "Missing"
        client.set(name, "Bo")
        assert client.click(button).success
        assert client.value(out) == "Hi Bo"


def test_other_exceptions_show_a_generic_message_unless_show_error_is_set():
    def broken():
        raise KeyError("secret detail")

    with gr.Blocks() as demo:
        out = gr.Textbox()
        button = gr.Button()
        button.click(broken, None, out)
    with TestClient(demo) as client:
        run = client.click(button)
        assert "secret detail" not in run.error
        assert "went wrong" in run.error
    demo.show_error = True
    with TestClient(demo) as client:
        assert "secret detail" in client.click(button).error


def test_an_out_of_range_slider_value_is_refused_with_a_clear_error():
    with gr.Blocks() as demo:
        temperature = gr.Slider(0, 2, value=1, label="Temperature")
        out = gr.Textbox()
        button = gr.Button()
        button.click(lambda t: str(t), temperature, out)
    with TestClient(demo) as client:
        client.set(temperature, 7)
        run = client.click(button)
        assert not run.success
        assert "Temperature" in run.error and "range" in run.error
        assert run.done["error"]["kind"] == "validation"


def test_updates_skips_and_returned_components_change_only_what_they_name():
    with gr.Blocks() as demo:
        box = gr.Textbox(value="keep", label="Box")
        other = gr.Textbox(value="old")
        button = gr.Button()
        button.click(
            lambda: (gr.update(visible=False, label="Hidden"), gr.skip()), None, [box, other]
        )
        second = gr.Button()
        second.click(lambda: gr.Textbox(value="new", placeholder="type"), None, other)
    with TestClient(demo) as client:
        client.click(button)
        assert client.props(box)["visible"] is False
        assert client.props(box)["label"] == "Hidden"
        assert client.value(box) == "keep"
        assert client.value(other) == "old"
        client.click(second)
        assert client.value(other) == "new"
        assert client.props(other)["placeholder"] == "type"


def test_a_dict_return_updates_only_the_outputs_it_names():
    with gr.Blocks() as demo:
        first = gr.Textbox(value="a")
        second = gr.Textbox(value="b")
        button = gr.Button()
        button.click(lambda: {second: "B"}, None, [first, second])
    with TestClient(demo) as client:
        client.click(button)
        assert (client.value(first), client.value(second)) == ("a", "B")


def test_inputs_given_as_a_set_arrive_as_one_dict_keyed_by_component():
    with gr.Blocks() as demo:
        a = gr.Textbox(value="x")
        b = gr.Textbox(value="y")
        out = gr.Textbox()
        button = gr.Button()
        button.click(lambda data: data[a] + data[b], {a, b}, out)
    with TestClient(demo) as client:
        client.click(button)
        assert client.value(out) == "xy"


def test_state_is_per_page_and_starts_from_a_copy_of_its_initial_value():
    def add(item, items):
        items.append(item)
        return items, len(items)

    with gr.Blocks() as demo:
        state = gr.State([])
        item = gr.Textbox(value="x")
        count = gr.Number()
        button = gr.Button()
        button.click(add, [item, state], [state, count])
    with TestClient(demo) as client:
        other = client.new_page()
        client.click(button)
        client.click(button)
        other.click(button)
        assert client.value(count) == 2
        assert other.value(count) == 1
        assert client.state(state) == ["x", "x"]
        assert state.value == []


def test_then_success_and_failure_run_after_their_step_as_the_outcome_says():
    calls = []

    def maybe_fail(text):
        calls.append("first")
        if text == "fail":
            raise gr.Error("failed")
        return text.upper()

    with gr.Blocks() as demo:
        box = gr.Textbox()
        out = gr.Textbox()
        button = gr.Button()
        step = button.click(maybe_fail, box, out)
        step.then(lambda: calls.append("then"))
        step.success(lambda current: calls.append(f"success:{current}"), out)
        step.failure(lambda: calls.append("failure"))
    with TestClient(demo) as client:
        client.set(box, "ok")
        client.click(button)
        assert calls == ["first", "then", "success:OK"]
        calls.clear()
        client.set(box, "fail")
        client.fire(button, "click")
        assert calls == ["first", "then", "failure"]


def test_request_progress_toasts_and_event_data_reach_the_function():
    seen = {}

    def fn(text, request: gr.Request, data: gr.SelectData, progress=gr.Progress()):
        seen["host"] = request.client.host
        seen["index"] = data.index
        for _ in progress.tqdm(range(3)):
            pass
        gr.Info("working")
        gr.Warning("careful")
        return text

    with gr.Blocks() as demo:
        box = gr.Textbox(value="v")
        box.select(fn, box, box)
    with TestClient(demo) as client:
        run = client.fire(box, "select", {"index": 4, "value": "v"})[0]
        assert run.success
        assert seen["index"] == 4
        assert [log["level"] for log in run.logs] == ["info", "warning"]
        assert any(message["type"] == "progress" for message in run.messages)


def test_with_a_limit_of_two_never_more_than_two_jobs_run_at_once():
    running = 0
    peak = 0
    lock = threading.Lock()

    def slow(text):
        nonlocal running, peak
        with lock:
            running += 1
            peak = max(peak, running)
        time.sleep(0.2)
        with lock:
            running -= 1
        return text

    with gr.Blocks() as demo:
        box = gr.Textbox(value="x")
        out = gr.Textbox()
        button = gr.Button()
        button.click(slow, box, out, concurrency_limit=2)
    with TestClient(demo) as client:
        pages = [client] + [client.new_page() for _ in range(9)]
        runs = [page.start(button) for page in pages]
        for page, run in zip(pages, runs, strict=True):
            page.wait(run)
            assert run.success
        assert peak == 2
        queued = [m for run in runs for m in run.messages if m["type"] == "queued"]
        assert max(m["position"] for m in queued) >= 3


def test_a_generator_cancelled_mid_stream_runs_its_finally_and_the_next_job_starts():
    finally_ran = threading.Event()
    started = threading.Event()

    def stream(text):
        try:
            for index in range(1000):
                started.set()
                time.sleep(0.01)
                yield f"{text} {index}"
        finally:
            finally_ran.set()

    with gr.Blocks() as demo:
        box = gr.Textbox(value="tick")
        out = gr.Textbox()
        button = gr.Button()
        button.click(stream, box, out)  # default concurrency limit: 1
    with TestClient(demo) as client:
        other = client.new_page()
        first = client.start(button)
        started.wait(5)
        time.sleep(0.1)
        second = other.start(button)
        client.cancel(first)
        client.wait(first)
        assert first.cancelled
        assert finally_ran.is_set()
        assert client.value(out).startswith("tick ")  # the partial result stays
        other.cancel(second)
        other.wait(second)


def test_an_async_generator_cancelled_mid_stream_runs_its_finally():
    finally_ran = asyncio.Event()
    flags = {}

    async def stream(text):
        try:
            for index in range(1000):
                await asyncio.sleep(0.01)
                yield f"{text} {index}"
        finally:
            flags["finally"] = True

    with gr.Blocks() as demo:
        box = gr.Textbox(value="tock")
        out = gr.Textbox()
        button = gr.Button()
        button.click(stream, box, out)
    with TestClient(demo) as client:
        run = client.start(button)
        time.sleep(0.1)
        client.cancel(run)
        client.wait(run)
        assert run.cancelled
        assert flags.get("finally") is True
    del finally_ran


def test_cancels_stops_the_running_job_of_another_listener():
    stopped = threading.Event()

    def forever():
        try:
            while True:
                time.sleep(0.01)
                yield "x"
        finally:
            stopped.set()

    with gr.Blocks() as demo:
        out = gr.Textbox()
        go = gr.Button("Go")
        stop = gr.Button("Stop")
        job = go.click(forever, None, out)
        stop.click(None, None, None, cancels=[job])
    with TestClient(demo) as client:
        run = client.start(go)
        time.sleep(0.05)
        client.click(stop)
        client.wait(run)
        assert run.cancelled
        assert stopped.wait(5)


def test_closing_the_page_cancels_its_running_generator():
    stopped = threading.Event()

    def forever():
        try:
            while True:
                time.sleep(0.01)
                yield "x"
        finally:
            stopped.set()

    with gr.Blocks() as demo:
        out = gr.Textbox()
        go = gr.Button()
        go.click(forever, None, out)
    with TestClient(demo) as client:
        other = client.new_page()
        other.start(go)
        time.sleep(0.05)
        other.close_page()
        assert stopped.wait(5)


def test_a_full_queue_refuses_new_jobs_with_a_queue_full_error():
    release = threading.Event()

    def wait_for_release():
        release.wait(5)
        return "done"

    with gr.Blocks() as demo:
        out = gr.Textbox()
        button = gr.Button()
        button.click(wait_for_release, None, out)
    demo.queue(max_size=1)
    with TestClient(demo) as client:
        pages = [client.new_page() for _ in range(3)]
        runs = [page.start(button) for page in pages]
        time.sleep(0.2)
        refused = runs[2]
        pages[2].wait(refused)
        assert refused.done["error"]["kind"] == "queue_full"
        assert "queue is full" in refused.error
        release.set()
        for page, run in zip(pages[:2], runs[:2], strict=True):
            page.wait(run)
            assert run.success


def test_queue_false_runs_outside_the_concurrency_limits():
    release = threading.Event()

    def blocker():
        release.wait(5)
        return "slow"

    with gr.Blocks() as demo:
        out = gr.Textbox()
        fast_out = gr.Textbox()
        slow = gr.Button("Slow")
        fast = gr.Button("Fast")
        slow.click(blocker, None, out)
        fast.click(lambda: "fast", None, fast_out, queue=False, concurrency_limit=1)
    with TestClient(demo) as client:
        run = client.start(slow)
        assert client.click(fast).success
        assert client.value(fast_out) == "fast"
        release.set()
        client.wait(run)


def _stream_bytes(tokens: int) -> tuple[int, str]:
    def stream():
        text = ""
        for index in range(tokens):
            text += f"tok{index % 10} "
            yield text

    with gr.Blocks() as demo:
        out = gr.Textbox()
        button = gr.Button()
        button.click(stream, None, out)
    demo.stream_interval = 0  # no coalescing: every yield is its own message
    with TestClient(demo) as client:
        sizes = []
        original = client.session.outbox.push

        def counting_push(encode):
            def measured(seq):
                frame = encode(seq)
                sizes.append(len(frame))
                return frame

            return original(measured)

        client.session.outbox.push = counting_push
        run = client.click(button)
        assert run.success
        return sum(sizes), client.value(out)


def test_streaming_sends_bytes_linear_in_the_tokens_not_quadratic():
    small, small_text = _stream_bytes(1000)
    large, large_text = _stream_bytes(2000)
    assert large_text.endswith("tok9 ") and len(large_text) == 2 * len(small_text)
    # Whole values per yield would make the second four times the first.
    assert large < 2.6 * small


@pytest.mark.parametrize("kind", ["sync", "async", "generator", "async_generator"])
def test_every_kind_of_function_fills_its_output(kind):
    def sync(text):
        return text + "!"

    async def asynchronous(text):
        await asyncio.sleep(0)
        return text + "!"

    def generator(text):
        yield text
        yield text + "!"

    async def async_generator(text):
        yield text
        yield text + "!"

    fn = {
        "sync": sync,
        "async": asynchronous,
        "generator": generator,
        "async_generator": async_generator,
    }[kind]
    with gr.Blocks() as demo:
        box = gr.Textbox(value="hey")
        out = gr.Textbox()
        button = gr.Button()
        button.click(fn, box, out)
    with TestClient(demo) as client:
        assert client.click(button).success
        assert client.value(out) == "hey!"


def test_a_batch_function_answers_several_waiting_jobs_with_one_call():
    calls = []
    release = threading.Event()

    def first_blocks(text):
        release.wait(5)
        return text

    def shout(texts):
        calls.append(list(texts))
        return [[text.upper() for text in texts]]

    with gr.Blocks() as demo:
        box = gr.Textbox()
        out = gr.Textbox()
        slow = gr.Button("Slow")
        go = gr.Button("Go")
        slow.click(first_blocks, box, out, concurrency_id="shared")
        go.click(shout, box, out, batch=True, max_batch_size=4, concurrency_id="shared")
    with TestClient(demo) as client:
        pages = [client.new_page() for _ in range(3)]
        blocker = client.start(slow)
        time.sleep(0.05)
        runs = []
        for index, page in enumerate(pages):
            page.set(box, f"p{index}")
            runs.append(page.start(go))
        time.sleep(0.05)
        release.set()
        client.wait(blocker)
        for page, run in zip(pages, runs, strict=True):
            page.wait(run)
            assert run.success
        assert [page.value(out) for page in pages] == ["P0", "P1", "P2"]
        assert calls == [["p0", "p1", "p2"]]


def test_batch_is_refused_for_generators_when_the_app_is_built():
    def gen(x):
        yield x

    with gr.Blocks():
        box = gr.Textbox()
        with pytest.raises(GraphError, match="batch=True"):
            box.submit(gen, box, box, batch=True)


def test_a_page_slower_than_the_generator_gets_merged_deltas_and_memory_stays_bounded():
    def flood():
        text = ""
        for index in range(600):
            text += f"{index:04d}" + "x" * 4000
            time.sleep(0.001)
            yield text

    with gr.Blocks() as demo:
        out = gr.Textbox()
        button = gr.Button()
        button.click(flood, None, out)
    with TestClient(demo) as client:
        outbox = client.session.outbox
        run = client.start(button)  # the page does not read for a while
        peak = 0
        for _ in range(40):
            time.sleep(0.01)
            peak = max(peak, outbox.pending_bytes)
        # Bounded near the high-water mark (256 KiB plus the frame in flight); without
        # backpressure everything produced while the page did not read (over 1 MB) piles up.
        assert peak < 768 * 1024
        client.wait(run)
        assert run.success
        final = client.value(out)
        assert len(final) == 600 * 4004 and final.startswith("0000") and "0599" in final
        outputs = [m for m in run.messages if m["type"] == "output"]
        assert len(outputs) < 300  # merged while the page was behind


def test_a_page_flooding_events_is_refused_past_its_limit_and_keeps_working():
    from blocks.runtime.engine import MAX_JOBS_PER_SESSION

    release = threading.Event()

    def wait(text):
        release.wait(5)
        return text

    with gr.Blocks() as demo:
        box = gr.Textbox(value="x")
        button = gr.Button()
        button.click(wait, box, box, trigger_mode="multiple")
    with TestClient(demo) as client:
        runs = [client.start(button) for _ in range(MAX_JOBS_PER_SESSION + 5)]
        refused = runs[-1]
        client.wait(refused)
        assert "already has 100 events" in refused.error
        release.set()
        for run in runs[:MAX_JOBS_PER_SESSION]:
            client.wait(run)
            assert run.success
        assert client.click(button).success
