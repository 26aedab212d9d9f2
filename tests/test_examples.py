"""gr.Examples (filling inputs, running fn, cached outputs eager and lazy) and gr.ClearButton,
through blocks.testing."""

import pytest
from PIL import Image

import blocks as gr
from blocks.exceptions import GraphError
from blocks.testing import TestClient


@pytest.fixture(autouse=True)
def in_tmp(tmp_path, monkeypatch):
    """The cache folder (.blocks/cached_examples) is relative: each test gets its own."""
    monkeypatch.chdir(tmp_path)
    return tmp_path


def pick(client, examples, index):
    client.set(examples.dataset, index)
    return client.fire(examples.dataset, "click")


def test_clicking_an_example_fills_every_input_with_its_values():
    with gr.Blocks() as demo:
        name = gr.Textbox()
        count = gr.Number()
        examples = gr.Examples([["Ada", 3], ["Bo", 1]], [name, count])
    with TestClient(demo) as client:
        pick(client, examples, 1)
        assert client.value(name) == "Bo"
        assert client.value(count) == 1


def test_one_input_takes_plain_values_and_run_on_click_runs_the_function():
    with gr.Blocks() as demo:
        word = gr.Textbox()
        out = gr.Textbox()
        examples = gr.Examples(["spam", "eggs"], word, out, fn=str.upper, run_on_click=True)
    with TestClient(demo) as client:
        pick(client, examples, 1)
        assert client.value(word) == "eggs"
        assert client.value(out) == "EGGS"


def test_eager_cache_computes_every_example_once_and_later_apps_reuse_it_from_disk(in_tmp):
    calls = []

    def double(x):
        calls.append(x)
        return x * 2

    def build():
        with gr.Blocks() as demo:
            x = gr.Number()
            y = gr.Number()
            examples = gr.Examples([[1], [2]], x, y, fn=double, cache_examples=True)
        return demo, x, y, examples

    demo, x, y, examples = build()
    assert calls == [1, 2]
    assert list((in_tmp / ".blocks" / "cached_examples").glob("*/outputs.json"))
    with TestClient(demo) as client:
        pick(client, examples, 1)
        assert client.value(x) == 2
        assert client.value(y) == 4
    assert calls == [1, 2]  # shown from the cache
    build()
    assert calls == [1, 2]  # a new process (here: a new app) reads the disk


def test_lazy_cache_runs_an_example_the_first_time_it_is_clicked_only():
    calls = []

    def greet(name):
        calls.append(name)
        return f"hi {name}"

    with gr.Blocks() as demo:
        name = gr.Textbox()
        out = gr.Textbox()
        examples = gr.Examples(
            ["a", "b"], name, out, fn=greet, cache_examples=True, cache_mode="lazy"
        )
    assert calls == []
    with TestClient(demo) as client:
        pick(client, examples, 0)
        assert client.value(out) == "hi a"
        client.set(out, "")
        pick(client, examples, 0)
        assert client.value(out) == "hi a"
    assert calls == ["a"]


def test_cached_pictures_are_stored_as_png_and_shown_again(in_tmp):
    source = in_tmp / "red.png"
    Image.new("RGB", (4, 4), "red").save(source)

    def invert(image):
        return Image.eval(image, lambda v: 255 - v)

    def build():
        with gr.Blocks() as demo:
            inp = gr.Image(type="pil")
            out = gr.Image(type="pil")
            examples = gr.Examples([str(source)], inp, out, fn=invert, cache_examples=True)
        return demo, out, examples

    build()
    demo, out, examples = build()  # the second reads the PNG back
    assert list((in_tmp / ".blocks" / "cached_examples").glob("*/0-0.png"))
    with TestClient(demo) as client:
        pick(client, examples, 0)
        shown = client.value(out)
        assert shown["url"]


def test_a_missing_example_file_is_a_warning_and_the_example_loads_without_it(in_tmp):
    with gr.Blocks() as demo:
        picture = gr.Image()
        caption = gr.Textbox()
        with pytest.warns(UserWarning, match="missing.png.*does not exist"):
            examples = gr.Examples([["missing.png", "a caption"]], [picture, caption])
    with TestClient(demo) as client:
        pick(client, examples, 0)
        assert client.value(caption) == "a caption"
        assert client.value(picture) is None


def test_examples_from_a_folder_are_one_per_file(in_tmp):
    folder = in_tmp / "pictures"
    folder.mkdir()
    for name in ("b.png", "a.png"):
        Image.new("RGB", (2, 2)).save(folder / name)
    with gr.Blocks():
        examples = gr.Examples(str(folder), gr.Image())
    assert [row[0].rsplit("/", 1)[-1] for row in examples.examples] == ["a.png", "b.png"]


def test_wrong_examples_and_options_fail_at_build_time_naming_the_problem():
    with gr.Blocks():
        a, b = gr.Textbox(), gr.Textbox()
        with pytest.raises(ValueError, match="example 0 has 3 values but there are 2 inputs"):
            gr.Examples([["x", "y", "z"]], [a, b])
        with pytest.raises(ValueError, match="cache_examples=True needs fn"):
            gr.Examples([["x", "y"]], [a, b], cache_examples=True)
        with pytest.raises(ValueError, match="run_on_click=True needs fn"):
            gr.Examples([["x", "y"]], [a, b], run_on_click=True)
        with pytest.raises(ValueError, match="cache_mode must be"):
            gr.Examples([["x", "y"]], [a, b], cache_mode="sometimes")


def test_examples_outside_any_blocks_say_where_they_belong():
    with pytest.raises(GraphError, match=r"inside `with gr\.Blocks"):
        gr.Examples(["a"], gr.Textbox(render=False))


def test_example_labels_are_shown_instead_of_the_values():
    with gr.Blocks():
        examples = gr.Examples([["a long text"]], gr.Textbox(), example_labels=["Short"])
    assert examples.dataset.get_props()["sample_labels"] == ["Short"]


def test_clear_button_empties_its_components_and_resets_a_state_to_its_start():
    with gr.Blocks() as demo:
        text = gr.Textbox(value="start")
        history = gr.State([1])
        kept = gr.Textbox()
        grow = gr.Button()
        grow.click(lambda h: [*h, 2], history, history)
        clear = gr.ClearButton([text, history])
    with TestClient(demo) as client:
        client.set(text, "typed")
        client.set(kept, "stays")
        client.click(grow)
        assert client.state(history) == [1, 2]
        client.click(clear)
        assert client.value(text) is None or client.value(text) == ""
        assert client.state(history) == [1]
        assert client.value(kept) == "stays"


def test_clearing_a_slider_moves_it_to_its_minimum():
    with gr.Blocks() as demo:
        slider = gr.Slider(2, 9, value=5)
        clear = gr.ClearButton(slider)
    with TestClient(demo) as client:
        client.click(clear)
        assert client.value(slider) == 2


def test_clear_button_add_clears_more_components_and_its_label_defaults_to_clear():
    with gr.Blocks() as demo:
        first, second = gr.Textbox(), gr.Textbox()
        clear = gr.ClearButton(first).add([second])
    assert clear.value == "Clear"
    with TestClient(demo) as client:
        client.set(first, "1")
        client.set(second, "2")
        client.fire(clear, "click")
        assert not client.value(first) and not client.value(second)
