"""gr.Dataset: samples through their components' postprocess, picks as values/index/tuple."""

import pytest

import blocks as gr
from blocks.exceptions import ValidationError
from blocks.testing import TestClient


def test_a_listener_receives_the_sample_values_its_index_or_both_by_type():
    samples = [["a", 1], ["b", 2]]
    components = [gr.Textbox(render=False), gr.Number(render=False)]
    assert gr.Dataset(components=components, samples=samples).preprocess(1) == ["b", 2]
    by_index = gr.Dataset(components=components, samples=samples, type="index")
    assert by_index.preprocess(1) == 1
    both = gr.Dataset(components=components, samples=samples, type="tuple")
    assert both.preprocess(0) == (0, ["a", 1])


def test_the_values_a_listener_receives_are_a_copy_it_may_change():
    dataset = gr.Dataset(components=["json"], samples=[[{"k": [1]}]])
    dataset.preprocess(0)[0]["k"].append(2)
    assert dataset.preprocess(0) == [{"k": [1]}]


def test_an_index_that_is_not_a_sample_is_refused_naming_the_dataset():
    dataset = gr.Dataset(label="Picks", components=["text"], samples=[["x"]])
    with pytest.raises(ValidationError, match="Picks: there is no sample 3"):
        dataset.preprocess(3)
    with pytest.raises(ValidationError, match="Picks: expected the index"):
        dataset.preprocess("0")


def test_components_may_be_named_by_their_type():
    dataset = gr.Dataset(components=["textbox", "checkbox"], samples=[["x", True]])
    assert dataset.get_props()["components"] == ["textbox", "checkbox"]
    with pytest.raises(ValueError, match="no component named 'nonsense'"):
        gr.Dataset(components=["nonsense"], samples=[])


def test_a_sample_of_the_wrong_length_is_refused_at_build_time():
    with pytest.raises(ValueError, match="sample 1 has 1 value"):
        gr.Dataset(components=["text", "number"], samples=[["a", 1], ["b"]])


def test_sample_files_are_served_from_the_cache_and_a_missing_one_is_a_warning(tmp_path):
    picture = tmp_path / "dot.png"
    from PIL import Image

    Image.new("RGB", (2, 2), "red").save(picture)
    with pytest.warns(UserWarning, match="does not exist; the example is shown without it"):
        dataset = gr.Dataset(
            components=[gr.Image(render=False)],
            samples=[[str(picture)], [str(tmp_path / "gone.png")]],
        )
    shown = dataset.get_props()["samples"]
    assert shown[0][0]["url"] and shown[0][0]["orig_name"] == "dot.png"
    assert shown[1] == [None]
    assert dataset.preprocess(1) == [None]


def test_headers_default_to_the_components_labels():
    dataset = gr.Dataset(
        components=[gr.Textbox(label="Name", render=False), gr.Number(label="Age", render=False)],
        samples=[["a", 1]],
    )
    assert dataset.get_props()["headers"] == ["Name", "Age"]


def test_postprocess_shows_an_index_or_finds_the_sample_of_given_values():
    dataset = gr.Dataset(components=["text"], samples=[["x"], ["y"]])
    assert dataset.postprocess(1) == 1
    assert dataset.postprocess(["y"]) == 1
    assert dataset.postprocess(["z"]) is None
    assert dataset.postprocess(9) is None


def test_bad_arguments_are_refused_naming_them():
    with pytest.raises(ValueError, match="type must be"):
        gr.Dataset(components=["text"], samples=[], type="rows")
    with pytest.raises(ValueError, match="samples_per_page"):
        gr.Dataset(components=["text"], samples=[], samples_per_page=0)
    with pytest.raises(ValueError, match="sample_labels has 1"):
        gr.Dataset(components=["text"], samples=[["a"], ["b"]], sample_labels=["A"])


def test_clicking_a_sample_runs_click_and_select_listeners_with_it():
    with gr.Blocks() as demo:
        dataset = gr.Dataset(components=["text"], samples=[["first"], ["second"]])
        out = gr.Textbox()
        chosen = gr.Textbox()
        dataset.click(lambda values: values[0], dataset, out)

        def picked(event: gr.SelectData):
            return f"{event.index}"

        dataset.select(picked, None, chosen)
    with TestClient(demo) as client:
        client.set(dataset, 1)
        client.fire(dataset, "click")
        client.fire(dataset, "select", {"index": 1, "value": ["second"]})
        assert client.value(out) == "second"
        assert client.value(chosen) == "1"


def test_new_samples_from_a_listener_reach_the_page_processed():
    with gr.Blocks() as demo:
        dataset = gr.Dataset(components=["number"], samples=[[1]])
        button = gr.Button()
        button.click(lambda: gr.update(samples=[[5], [6]]), None, dataset)
    with TestClient(demo) as client:
        client.click(button)
        assert client.props(dataset)["samples"] == [[5], [6]]


def test_a_dataset_only_written_by_listeners_stays_clickable():
    with gr.Blocks() as demo:
        dataset = gr.Dataset(components=["text"], samples=[["a"]])
        out = gr.Textbox()
        dataset.click(lambda: "clicked", None, out)
        gr.Button().click(lambda: gr.update(samples=[["b"]]), None, dataset)
    with TestClient(demo) as client:
        assert client.props(dataset)["interactive"] is True
        client.fire(dataset, "click")
        assert client.value(out) == "clicked"
