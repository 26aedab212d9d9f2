"""@gr.cache: results remembered by input content, bounded, per session when asked."""

import asyncio
import threading

import numpy as np
import pytest
from PIL import Image

import blocks as gr
from blocks.caching import parse_memory
from blocks.testing import TestClient


def counting():
    calls = []

    def double(x):
        calls.append(x)
        return x * 2

    return calls, double


def test_a_second_call_with_equal_inputs_is_answered_from_the_cache():
    calls, double = counting()
    cached = gr.cache(double)
    assert cached(3) == 6 and cached(3) == 6 and cached(x=3) == 6
    assert calls == [3]
    assert cached(4) == 8 and calls == [3, 4]


def test_equal_arrays_and_images_hit_even_as_different_objects():
    seen = []

    @gr.cache
    def total(array, image):
        seen.append(1)
        return float(array.sum()) + image.size[0]

    one = total(np.arange(6).reshape(2, 3), Image.new("RGB", (4, 4), "red"))
    two = total(np.arange(6).reshape(2, 3), Image.new("RGB", (4, 4), "red"))
    assert one == two == 19.0 and len(seen) == 1
    total(np.arange(6).reshape(3, 2), Image.new("RGB", (4, 4), "red"))  # another shape
    total(np.arange(6).reshape(2, 3), Image.new("RGB", (4, 4), "blue"))  # other pixels
    assert len(seen) == 3


def test_key_decides_what_counts_as_the_same_call():
    calls = []

    @gr.cache(key=lambda kw: kw["prompt"])
    def generate(prompt, temperature=0.5):
        calls.append((prompt, temperature))
        return prompt.upper()

    generate("hi", temperature=0.1)
    generate("hi", temperature=0.9)
    assert calls == [("hi", 0.1)]


def test_the_least_recently_used_entry_goes_first_when_max_size_is_reached():
    calls, double = counting()
    cached = gr.cache(double, max_size=2)
    cached(1), cached(2), cached(1), cached(3)  # 2 was the least recently used
    cached(1)
    cached(2)
    assert calls == [1, 2, 3, 2]
    assert cached.cache_info()["entries"] == 2


def test_max_memory_bounds_the_bytes_kept():
    @gr.cache(max_memory="1kb", max_size=0)
    def block_of(n):
        return bytes(400) + bytes([n])

    for n in range(10):
        block_of(n)
    info = block_of.cache_info()
    assert info["memory"] <= 1024 and 1 <= info["entries"] <= 2
    assert parse_memory("2gb") == 2 * 1024**3 and parse_memory(512) == 512
    with pytest.raises(ValueError, match="512mb"):
        gr.cache(max_memory="lots")


def test_generators_replay_every_yield_and_a_stopped_one_is_not_kept():
    runs = []

    @gr.cache
    def stream(text):
        runs.append(text)
        shown = ""
        for char in text:
            shown += char
            yield shown

    assert list(stream("abc")) == ["a", "ab", "abc"]
    assert list(stream("abc")) == ["a", "ab", "abc"] and runs == ["abc"]
    partial = stream("xyz")
    next(partial)
    partial.close()
    assert list(stream("xyz")) == ["x", "xy", "xyz"] and runs == ["abc", "xyz", "xyz"]


def test_async_functions_and_async_generators_are_cached_too():
    runs = []

    @gr.cache
    async def shout(text):
        runs.append(text)
        return text.upper()

    @gr.cache
    async def count(n):
        runs.append(n)
        for i in range(n):
            yield i

    async def main():
        assert await shout("a") == await shout("a") == "A"
        assert [i async for i in count(3)] == [i async for i in count(3)] == [0, 1, 2]

    asyncio.run(main())
    assert runs == ["a", 3]


def test_a_result_mutated_by_the_caller_does_not_change_the_cache():
    @gr.cache
    def fresh(n):
        return [n]

    fresh(1).append("junk")
    assert fresh(1) == [1]


def test_threads_share_one_cache_safely():
    _, double = counting()
    cached = gr.cache(double, max_size=50)
    threads = [
        threading.Thread(target=lambda: [cached(i % 60) for i in range(300)]) for _ in range(8)
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert cached.cache_info()["entries"] == 50
    assert all(cached(i) == i * 2 for i in range(60))


def test_in_an_app_per_session_keeps_each_pages_results_apart():
    calls = []

    @gr.cache(per_session=True)
    def greet(name):
        calls.append(name)
        return f"Hello {name}"

    with gr.Blocks() as demo:
        name = gr.Textbox()
        out = gr.Textbox()
        go = gr.Button()
        go.click(greet, name, out)
    with TestClient(demo) as first:
        first.set(name, "Ada")
        first.click(go)
        first.click(go)
        assert first.value(out) == "Hello Ada" and calls == ["Ada"]
        second = first.new_page()
        second.set(name, "Ada")
        second.click(go)
        assert second.value(out) == "Hello Ada" and calls == ["Ada", "Ada"]


def test_bad_parameters_are_refused_naming_them():
    with pytest.raises(ValueError, match="max_size"):
        gr.cache(max_size=-1)
    with pytest.raises(TypeError, match="key"):
        gr.cache(key="prompt")
