"""gr.Interface and gr.TabbedInterface through blocks.testing: layout, listeners, flagging."""

import csv

import pytest

import blocks as gr
from blocks.testing import TestClient


@pytest.fixture(autouse=True)
def in_tmp(tmp_path, monkeypatch):
    """Flags and cached examples go to relative folders: each test gets its own."""
    monkeypatch.chdir(tmp_path)
    return tmp_path


def blocks_of(demo, block_type):
    return [b for b in demo.root_graph.blocks.values() if block_type == b.TYPE]


def greet(name, intensity):
    return "Hello, " + name + "!" * int(intensity)


def test_string_shortcuts_become_components_labelled_after_the_parameters():
    demo = gr.Interface(greet, ["text", "slider"], "text")
    name, intensity = demo.input_components
    (output,) = demo.output_components
    assert (type(name), type(intensity), type(output)) == (gr.Textbox, gr.Slider, gr.Textbox)
    assert (name.label, intensity.label, output.label) == ("name", "intensity", "output")
    assert name.show_label and output.show_label


def test_a_label_given_by_the_app_is_kept():
    demo = gr.Interface(greet, [gr.Textbox(label="Your name"), "slider"], "text")
    assert demo.input_components[0].label == "Your name"


def test_an_unknown_shortcut_is_a_value_error_listing_the_known_ones():
    with pytest.raises(ValueError, match=r"inputs: unknown component shortcut 'txt'.*textbox"):
        gr.Interface(greet, ["txt", "slider"], "text")
    with pytest.raises(TypeError, match="outputs must be components or shortcut strings"):
        gr.Interface(greet, "text", 42)


def test_submit_runs_the_function_and_enter_in_a_textbox_does_too():
    demo = gr.Interface(greet, ["text", "slider"], "text")
    name, intensity = demo.input_components
    with TestClient(demo) as client:
        client.set(name, "Ada")
        client.set(intensity, 2)
        assert client.click(demo.submit_btn).success
        assert client.value(demo.output_components[0]) == "Hello, Ada!!"
        client.set(name, "Bo")
        client.submit(name)
        assert client.value(demo.output_components[0]) == "Hello, Bo!!"


def test_the_layout_is_a_row_of_an_input_and_an_output_panel_with_title_and_article():
    demo = gr.Interface(
        greet, ["text", "slider"], "text", title="<Greeter>", description="Desc", article="Art"
    )
    markdowns = [m.value for m in blocks_of(demo, "markdown")]
    assert markdowns[0].startswith("<h1") and "&lt;Greeter&gt;" in markdowns[0]
    assert markdowns[1:] == ["Desc", "Art"]
    row = next(b for b in demo.children if b.TYPE == "row")
    inputs, outputs = row.children
    assert inputs.variant == outputs.variant == "panel"
    assert demo.input_components[0].parent is inputs
    assert demo.output_components[0].parent is outputs
    assert [b.value for b in blocks_of(demo, "clearbutton")] == ["Clear"]
    assert [b.value for b in blocks_of(demo, "button")] == ["Submit", "Flag"]
    assert demo.title == "<Greeter>"


def test_live_has_no_submit_button_and_runs_on_every_change():
    demo = gr.Interface(lambda a, b: a + b, ["slider", "slider"], "number", live=True)
    assert demo.submit_btn is None
    assert [b.value for b in blocks_of(demo, "button")] == ["Flag"]
    a, b = demo.input_components
    with TestClient(demo) as client:
        client.set(b, 4)
        client.change(a, 3)
        assert client.value(demo.output_components[0]) == 7


def test_the_listener_is_served_as_predict_or_the_given_api_name():
    demo = gr.Interface(greet, ["text", "slider"], "text")
    assert list(demo.root_graph.api_dependencies()) == ["predict"]
    named = gr.Interface(greet, ["text", "slider"], "text", api_name="greet")
    assert list(named.root_graph.api_dependencies()) == ["greet"]
    hidden = gr.Interface(greet, ["text", "slider"], "text", api_name=False)
    assert hidden.root_graph.api_dependencies() == {}


def test_batch_and_max_batch_size_reach_the_listener():
    def shout(words):
        return [[w.upper() for w in words]]

    demo = gr.Interface(shout, "text", "text", batch=True, max_batch_size=8)
    assert demo.predict.batch and demo.predict.max_batch_size == 8
    with TestClient(demo) as client:
        client.set(demo.input_components[0], "hey")
        client.click(demo.submit_btn)
        assert client.value(demo.output_components[0]) == "HEY"


def test_a_generator_gets_a_stop_button_that_cancels_it():
    def count(n):
        for i in range(int(n)):
            yield str(i)

    demo = gr.Interface(count, "number", "text")
    assert demo.stop_btn is not None and demo.stop_btn.visible is False
    assert any(demo.predict in dep.cancels for dep in demo.root_graph.dependencies)
    with TestClient(demo) as client:
        client.set(demo.input_components[0], 3)
        runs = client.fire(demo.submit_btn, "click")
        assert client.value(demo.output_components[0]) == "2"
        assert all(run.success for run in runs)
        # Stop showed while it ran; Submit is back when it ends.
        assert client.props(demo.submit_btn)["visible"] is True
        assert client.props(demo.stop_btn)["visible"] is False


def test_the_flag_button_appends_inputs_and_outputs_to_dataset1_csv(in_tmp):
    demo = gr.Interface(greet, ["text", "slider"], "text")
    name, intensity = demo.input_components
    flag_button = demo.flag_buttons.buttons[0][0]
    with TestClient(demo) as client:
        client.set(name, "Ada")
        client.set(intensity, 1)
        client.click(demo.submit_btn)
        run = client.click(flag_button)
        assert any("Saved" in str(m) for m in run.logs)
    with open(in_tmp / ".blocks" / "flagged" / "dataset1.csv", newline="") as file:
        rows = list(csv.DictReader(file))
    assert [(r["name"], r["intensity"], r["output"], r["flag"]) for r in rows] == [
        ("Ada", "1", "Hello, Ada!", "")
    ]


def test_an_app_with_other_components_flags_into_the_next_dataset_file(in_tmp):
    first = gr.Interface(str.upper, "text", "text")
    first.flag_buttons.save(["a", "A"])
    second = gr.Interface(lambda n: n, "number", "number")
    second.flag_buttons.save([1, 1])
    again = gr.Interface(str.lower, "text", "text")
    assert [p.name for p in (first.flag_buttons.log.path, second.flag_buttons.log.path)] == [
        "dataset1.csv",
        "dataset2.csv",
    ]
    assert again.flag_buttons.log.path == first.flag_buttons.log.path


def test_flagging_options_make_one_button_each_and_record_the_chosen_value(in_tmp):
    demo = gr.Interface(
        str.upper,
        "text",
        "text",
        flagging_options=[("Wrong", "wrong"), "Offensive"],
        flagging_dir="flags",
    )
    assert [b.value for b, _ in demo.flag_buttons.buttons] == ["Wrong", "Offensive"]
    with TestClient(demo) as client:
        client.set(demo.input_components[0], "x")
        client.click(demo.flag_buttons.buttons[0][0])
    assert [r["flag"] for r in demo.flag_buttons.log.rows()] == ["wrong"]


def test_auto_flagging_records_every_run_and_never_shows_no_flag_button():
    auto = gr.Interface(str.upper, "text", "text", flagging_mode="auto")
    assert [b.value for b in blocks_of(auto, "button")] == ["Submit"]
    with TestClient(auto) as client:
        client.set(auto.input_components[0], "a")
        client.click(auto.submit_btn)
        client.set(auto.input_components[0], "b")
        client.click(auto.submit_btn)
    assert [r["output"] for r in auto.flag_buttons.log.rows()] == ["A", "B"]
    never = gr.Interface(str.upper, "text", "text", flagging_mode="never")
    assert never.flag_buttons is None
    with pytest.raises(ValueError, match="flagging_mode must be"):
        gr.Interface(str.upper, "text", "text", flagging_mode="sometimes")


def test_flagged_pictures_are_saved_as_png_files_named_in_the_csv(in_tmp):
    from PIL import Image

    demo = gr.Interface(lambda image: image, gr.Image(type="pil"), gr.Image(type="pil"))
    source = in_tmp / "dot.png"
    Image.new("RGB", (3, 3), "blue").save(source)
    demo.flag_buttons.save([Image.open(source), None])
    (row,) = demo.flag_buttons.log.rows()
    saved = Image.open(row["image"])
    assert saved.size == (3, 3) and saved.getpixel((1, 1)) == (0, 0, 255)
    assert row["output"] == ""


def test_a_flagging_callback_gets_the_values_and_the_option():
    class Recorder:
        def setup(self, components, flagging_dir):
            self.components = components

        def flag(self, values, flag_option=None, username=None):
            self.flags = (values, flag_option)
            return 1

    recorder = Recorder()
    demo = gr.Interface(str.upper, "text", "text", flagging_callback=recorder)
    with TestClient(demo) as client:
        client.set(demo.input_components[0], "q")
        client.click(demo.submit_btn)
        client.click(demo.flag_buttons.buttons[0][0])
    assert recorder.flags == (["q", "Q"], "")
    assert len(recorder.components) == 2


def test_allow_flagging_still_works_with_a_deprecation_warning():
    with pytest.warns(DeprecationWarning, match="flagging_mode"):
        demo = gr.Interface(str.upper, "text", "text", allow_flagging="never")
    assert demo.flag_buttons is None


def test_examples_fill_the_inputs_and_cached_ones_show_their_outputs():
    demo = gr.Interface(
        greet, ["text", "slider"], "text", examples=[["Ann", 1]], cache_examples=True
    )
    examples = demo.examples_handler
    with TestClient(demo) as client:
        client.set(examples.dataset, 0)
        client.fire(examples.dataset, "click")
        assert client.value(demo.input_components[0]) == "Ann"
        assert client.value(demo.output_components[0]) == "Hello, Ann!"


def test_async_functions_run_and_their_examples_are_cached_too():
    async def reverse(text):
        return text[::-1]

    demo = gr.Interface(reverse, "text", "text", examples=["abc"], cache_examples=True)
    assert demo.examples_handler.cache.get(0) == ["cba"]
    with TestClient(demo) as client:
        client.set(demo.input_components[0], "xy")
        client.click(demo.submit_btn)
        assert client.value(demo.output_components[0]) == "yx"


def test_examples_may_leave_the_additional_inputs_out():
    demo = gr.Interface(
        lambda text, times: text * int(times or 1),
        "text",
        "text",
        examples=[["ab"]],
        additional_inputs=[gr.Number(label="times")],
        flagging_mode="never",
    )
    assert demo.examples_handler.examples == [["ab", None]]
    accordion = demo.additional_input_components[0].parent
    assert accordion.TYPE == "accordion" and accordion.label == "Additional Inputs"


def test_the_same_components_in_and_out_make_one_panel():
    box = gr.Textbox(label="Text")
    demo = gr.Interface(str.upper, box, box, flagging_mode="never")
    row = next(b for b in demo.children if b.TYPE == "row")
    assert len(row.children) == 1
    with TestClient(demo) as client:
        client.set(box, "up")
        client.click(demo.submit_btn)
        assert client.value(box) == "UP"


def test_an_interface_without_inputs_has_a_generate_button_beside_its_outputs():
    demo = gr.Interface(lambda: "made", None, "text")
    assert demo.submit_btn.value == "Generate"
    with TestClient(demo) as client:
        client.click(demo.submit_btn)
        assert client.value(demo.output_components[0]) == "made"


def test_an_interface_nests_in_blocks_built_inside_or_rendered_there():
    outside = gr.Interface(str.lower, "text", "text", flagging_mode="never")
    with gr.Blocks() as demo:
        gr.Markdown("# Two tools")
        with gr.Tab("Upper"):
            inside = gr.Interface(str.upper, "text", "text", flagging_mode="never")
        with gr.Tab("Lower"):
            outside.render()
    assert inside.input_components[0].graph is demo.root_graph
    assert outside.input_components[0].graph is demo.root_graph
    assert sorted(demo.root_graph.api_dependencies()) == ["predict", "predict_1"]
    with TestClient(demo) as client:
        client.set(inside.input_components[0], "Mixed")
        client.click(inside.submit_btn)
        client.set(outside.input_components[0], "Mixed")
        client.click(outside.submit_btn)
        assert client.value(inside.output_components[0]) == "MIXED"
        assert client.value(outside.output_components[0]) == "mixed"


def test_tabbed_interface_puts_each_interface_in_a_named_tab():
    hello = gr.Interface(lambda n: "Hello " + n, "text", "text", flagging_mode="never")
    bye = gr.Interface(lambda n: "Bye " + n, "text", "text", flagging_mode="never")
    demo = gr.TabbedInterface([hello, bye], ["Hi", "Ciao"], title="Greetings")
    assert [t.label for t in blocks_of(demo, "tab")] == ["Hi", "Ciao"]
    with TestClient(demo) as client:
        client.set(bye.input_components[0], "Al")
        client.click(bye.submit_btn)
        assert client.value(bye.output_components[0]) == "Bye Al"


def test_tabbed_interface_names_tabs_by_default_and_checks_the_names():
    one = gr.Interface(str.upper, "text", "text", flagging_mode="never")
    two = gr.Interface(str.lower, "text", "text", flagging_mode="never")
    demo = gr.TabbedInterface([one, two])
    assert [t.label for t in blocks_of(demo, "tab")] == ["Tab 1", "Tab 2"]
    three = gr.Interface(str.title, "text", "text", flagging_mode="never")
    with pytest.raises(ValueError, match="tab_names has 2 name"):
        gr.TabbedInterface([three], ["a", "b"])
    with pytest.raises(TypeError, match="interface_list"):
        gr.TabbedInterface(["not an app"])
