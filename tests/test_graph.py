"""Building an app: where blocks land, which dependencies listeners create, and the config."""

from __future__ import annotations

import pytest

import blocks as gr
from blocks.exceptions import GraphError


def greet(name: str) -> str:
    return f"Hello {name}"


def layout_ids(node: dict) -> list:
    """The layout tree as nested [id, [children...]] lists."""
    return [node["id"], [layout_ids(child) for child in node.get("children", [])]]


def block_of_type(config: dict, type_: str) -> list[int]:
    return [int(key) for key, block in config["blocks"].items() if block["type"] == type_]


# ---------------------------------------------------------------- layout


def test_blocks_created_inside_layouts_are_placed_in_them_in_order():
    with gr.Blocks() as demo:
        with gr.Row() as row:
            with gr.Column() as left:
                name = gr.Textbox(label="Name")
            with gr.Column() as right:
                out = gr.Textbox(label="Out")
        with gr.Accordion("More") as accordion:
            note = gr.Markdown("hi")

    config = demo.config()
    assert layout_ids(config["layout"]) == [
        demo.id,
        [
            [row.id, [[left.id, [[name.id, []]]], [right.id, [[out.id, []]]]]],
            [accordion.id, [[note.id, []]]],
        ],
    ]
    assert config["blocks"][str(accordion.id)]["props"]["label"] == "More"
    assert config["root"] == demo.id


def test_tabs_hold_their_tabs_and_tabs_written_alone_are_grouped_in_one_tabs():
    with gr.Blocks() as demo:
        with gr.Tabs() as tabs:
            with gr.Tab("One") as one:
                gr.Textbox()
            with gr.Tab("Two") as two:
                gr.Textbox()
        with gr.Tab("Three") as three:
            gr.Textbox()
        with gr.Tab("Four") as four:
            gr.Textbox()

    assert one.parent is tabs and two.parent is tabs
    assert three.parent is four.parent
    assert isinstance(three.parent, gr.Tabs) and three.parent is not tabs
    assert [child.parent for child in demo.children] == [demo, demo]


def test_every_block_gets_a_distinct_id_and_appears_in_the_config_with_its_type():
    with gr.Blocks() as demo:
        box = gr.Textbox()
        btn = gr.Button()
        slider = gr.Slider(0, 10)

    config = demo.config()
    ids = [demo.id, box.id, btn.id, slider.id]
    assert len(set(ids)) == 4
    assert config["blocks"][str(slider.id)]["type"] == "slider"
    assert config["blocks"][str(btn.id)]["type"] == "button"


def test_a_blocks_opened_inside_another_registers_its_blocks_in_the_outer_app():
    with gr.Blocks() as demo:
        with gr.Blocks() as section:
            inner = gr.Textbox()
            btn = gr.Button()
            btn.click(greet, inner, inner)

    config = demo.config()
    assert str(inner.id) in config["blocks"]
    assert section.parent is demo
    assert inner.parent is section
    assert len(config["dependencies"]) == 1
    with pytest.raises(GraphError, match="section of another app"):
        section.config()


def test_a_block_made_with_render_false_appears_only_where_it_is_rendered():
    with gr.Blocks() as demo:
        box = gr.Textbox(render=False)
        with gr.Column() as column:
            box.render()

    assert box.parent is column
    assert layout_ids(demo.config()["layout"]) == [demo.id, [[column.id, [[box.id, []]]]]]


def test_a_block_not_rendered_stays_out_of_the_layout():
    with gr.Blocks() as demo:
        box = gr.Textbox(render=False)

    assert box.id is None
    assert layout_ids(demo.config()["layout"]) == [demo.id, []]


def test_rendering_a_block_twice_is_refused():
    with gr.Blocks():
        box = gr.Textbox()
        with pytest.raises(GraphError, match="already rendered"):
            box.render()


def test_a_block_used_by_a_listener_before_it_is_rendered_can_still_be_rendered_later():
    with gr.Blocks() as demo:
        box = gr.Textbox(render=False)
        btn = gr.Button(render=False)
        btn.click(greet, box, box)
        with gr.Row() as row:
            box.render()
            btn.render()

    config = demo.config()
    assert box.parent is row and btn.parent is row
    assert config["dependencies"][0]["targets"] == [[btn.id, "click"]]
    assert config["dependencies"][0]["inputs"] == [box.id]


def test_a_trigger_never_rendered_still_joins_the_app_with_an_id():
    with gr.Blocks() as demo:
        hidden = gr.Button(render=False)
        hidden.click(lambda: None, None, None)

    config = demo.config()
    assert hidden.id is not None
    assert str(hidden.id) in config["blocks"]
    assert config["dependencies"][0]["targets"] == [[hidden.id, "click"]]


def test_a_block_unrendered_can_be_rendered_again_elsewhere():
    with gr.Blocks():
        box = gr.Textbox()
        with gr.Column() as column:
            box.unrender()
            box.render()

    assert box.parent is column


def test_a_standalone_app_rendered_into_another_moves_its_blocks_and_listeners():
    with gr.Blocks() as sub:
        name = gr.Textbox()
        btn = gr.Button()
        btn.click(greet, name, name)

    with gr.Blocks() as demo:
        own = gr.Textbox()
        gr.Button().click(greet, own, own)
        with gr.Column() as column:
            sub.render()

    config = demo.config()
    assert sub.parent is column
    assert name.graph is demo.root_graph
    assert str(name.id) in config["blocks"] and str(btn.id) in config["blocks"]
    assert [child.id for child in sub.children] == [name.id, btn.id]
    moved = config["dependencies"][1]
    assert moved["targets"] == [[btn.id, "click"]]
    assert moved["inputs"] == [name.id]
    assert moved["api_name"] == "greet_1"
    assert [dep["id"] for dep in config["dependencies"]] == [0, 1]


# ---------------------------------------------------------------- listeners


def test_a_listener_creates_one_dependency_with_its_targets_inputs_and_outputs():
    with gr.Blocks() as demo:
        name = gr.Textbox()
        out = gr.Textbox()
        btn = gr.Button()
        btn.click(greet, name, out)

    [dep] = demo.config()["dependencies"]
    assert dep["targets"] == [[btn.id, "click"]]
    assert dep["inputs"] == [name.id]
    assert dep["outputs"] == [out.id]
    assert dep["backend_fn"] is True
    assert dep["trigger_after"] is None and dep["trigger_only_on"] is None


def test_then_success_and_failure_chain_after_the_previous_dependency():
    with gr.Blocks() as demo:
        box = gr.Textbox()
        btn = gr.Button()
        first = btn.click(greet, box, box)
        then = first.then(greet, box, box)
        ok = then.success(greet, box, box)
        failed = ok.failure(greet, box, box)

    deps = demo.config()["dependencies"]
    assert [dep["id"] for dep in deps] == [first.id, then.id, ok.id, failed.id]
    assert [(dep["trigger_after"], dep["trigger_only_on"]) for dep in deps] == [
        (None, None),
        (first.id, None),
        (then.id, "success"),
        (ok.id, "failure"),
    ]
    assert all(dep["targets"] == [] for dep in deps[1:])


def test_then_may_be_called_after_the_blocks_is_closed():
    with gr.Blocks() as demo:
        box = gr.Textbox()
        first = box.submit(greet, box, box)
    second = first.then(greet, box, box)

    assert demo.config()["dependencies"][1]["trigger_after"] == first.id
    assert second.id == 1


def test_on_attaches_one_dependency_to_several_triggers():
    with gr.Blocks() as demo:
        box = gr.Textbox()
        btn = gr.Button()
        gr.on([box.submit, btn.click], greet, box, box)

    [dep] = demo.config()["dependencies"]
    assert dep["targets"] == [[box.id, "submit"], [btn.id, "click"]]


def test_on_without_triggers_listens_to_every_input_change_and_the_page_load():
    with gr.Blocks() as demo:
        a = gr.Number()
        b = gr.Slider()
        btn = gr.Button()
        out = gr.Textbox()
        gr.on(None, lambda x, y, z: x, [a, b, btn], out)

    [dep] = demo.config()["dependencies"]
    # A Button has no change event, so it only counts as an input.
    assert dep["targets"] == [[a.id, "change"], [b.id, "change"], [demo.id, "load"]]


def test_on_can_be_used_as_a_decorator():
    with gr.Blocks() as demo:
        box = gr.Textbox()
        btn = gr.Button()

        @gr.on([btn.click], inputs=box, outputs=box)
        def shout(text: str) -> str:
            return text.upper()

    [dep] = demo.config()["dependencies"]
    assert dep["api_name"] == "shout"
    assert shout("a") == "A"


def test_an_event_can_be_used_as_a_decorator_with_arguments():
    with gr.Blocks() as demo:
        box = gr.Textbox()
        btn = gr.Button()

        @btn.click(inputs=box, outputs=box)
        def shout(text: str) -> str:
            return text.upper()

    [dep] = demo.config()["dependencies"]
    assert dep["api_name"] == "shout"
    assert dep["backend_fn"] is True
    assert shout("a") == "A"


def test_an_event_used_as_a_bare_decorator_attaches_the_function():
    with gr.Blocks() as demo:
        btn = gr.Button()

        @btn.click
        def pressed() -> None:
            return None

    assert demo.config()["dependencies"][0]["api_name"] == "pressed"


def test_a_listener_with_fn_none_runs_only_its_js():
    with gr.Blocks() as demo:
        btn = gr.Button()
        btn.click(None, js="() => 1")

    [dep] = demo.config()["dependencies"]
    assert dep["backend_fn"] is False
    assert dep["js"] == "() => 1"
    assert dep["api_name"] is None


def test_api_name_defaults_to_the_function_name_and_clashes_get_numeric_suffixes():
    with gr.Blocks() as demo:
        box = gr.Textbox()
        btn = gr.Button()
        btn.click(greet, box, box)
        btn.click(greet, box, box)
        btn.click(greet, box, box, api_name="greet")
        btn.click(lambda x: x, box, box)
        btn.click(greet, box, box, api_name="custom name")
        btn.click(greet, box, box, api_name=False)

    names = [dep["api_name"] for dep in demo.config()["dependencies"]]
    assert names == ["greet", "greet_1", "greet_2", "lambda", "custom_name", None]


def test_inputs_given_as_a_set_make_the_function_receive_a_dict():
    with gr.Blocks() as demo:
        a = gr.Textbox()
        b = gr.Textbox()
        btn = gr.Button()
        as_set = btn.click(lambda values: "", {a, b}, a)
        as_list = btn.click(lambda x, y: "", [a, b], a)

    assert as_set.inputs_as_dict is True
    assert as_list.inputs_as_dict is False
    assert set(demo.config()["dependencies"][0]["inputs"]) == {a.id, b.id}


def test_interactive_defaults_to_true_for_inputs_and_false_for_output_only_components():
    with gr.Blocks() as demo:
        source = gr.Textbox()
        both = gr.Textbox()
        sink = gr.Textbox()
        alone = gr.Textbox()
        forced = gr.Textbox(interactive=True)
        btn = gr.Button()
        btn.click(lambda a, b: (a, b, b), [source, both], [both, sink, forced])

    props = {key: block["props"] for key, block in demo.config()["blocks"].items()}
    assert props[str(source.id)]["interactive"] is True
    assert props[str(both.id)]["interactive"] is True
    assert props[str(sink.id)]["interactive"] is False
    assert props[str(alone.id)]["interactive"] is True
    assert props[str(forced.id)]["interactive"] is True


def test_change_events_default_to_always_last_and_clicks_to_once():
    with gr.Blocks():
        box = gr.Textbox()
        on_change = box.change(greet, box, box)
        on_click = gr.Button().click(greet, box, box)
        explicit = gr.Button().click(greet, box, box, trigger_mode="multiple")

    assert on_change.trigger_mode == "always_last"
    assert on_click.trigger_mode == "once"
    assert explicit.trigger_mode == "multiple"


def test_cancels_lists_the_cancelled_dependencies_in_the_config():
    with gr.Blocks() as demo:
        box = gr.Textbox()
        run = gr.Button().click(greet, box, box)
        gr.Button("Stop").click(None, cancels=[run])

    assert demo.config()["dependencies"][1]["cancels"] == [run.id]


def test_a_state_used_by_a_listener_joins_the_app_without_being_in_the_layout():
    state = gr.State([])
    with gr.Blocks() as demo:
        btn = gr.Button()
        btn.click(lambda s: s, state, state)

    config = demo.config()
    assert config["blocks"][str(state.id)]["type"] == "state"
    assert "value" not in config["blocks"][str(state.id)]["props"]
    assert state.parent is None


def test_a_listener_outside_any_blocks_is_refused_with_a_graph_error():
    btn = gr.Button()
    box = gr.Textbox()
    with pytest.raises(GraphError, match=r"inside `with gr.Blocks\(\):`"):
        btn.click(greet, box, box)


def test_inputs_that_are_not_blocks_are_refused_with_a_graph_error():
    with gr.Blocks():
        btn = gr.Button()
        with pytest.raises(GraphError, match="must be a block"):
            btn.click(greet, ["not a block"], None)


def test_a_block_of_another_app_cannot_be_used_by_a_listener():
    with gr.Blocks():
        elsewhere = gr.Textbox()
    with gr.Blocks():
        btn = gr.Button()
        with pytest.raises(GraphError, match="another app"):
            btn.click(greet, elsewhere, None)


def test_load_listeners_of_an_app_rendered_into_another_fire_with_the_outer_page():
    with gr.Blocks() as inner:
        box = gr.Textbox()
        inner.load(lambda: "loaded", None, box)
    with gr.Blocks() as outer:
        inner.render()
    config = outer.config()
    assert [[outer.id, "load"]] in [dep["targets"] for dep in config["dependencies"]]


def test_every_on_a_listener_and_on_a_callable_value_reaches_the_config():
    with gr.Blocks() as demo:
        clock = gr.Textbox(value=lambda: "now", every=2)
        demo.load(lambda: "x", None, clock, every=0.5)
    everies = sorted(dep["every"] for dep in demo.config()["dependencies"])
    assert everies == [0.5, 2]
    with pytest.raises(ValueError, match="pass value=fn"):
        gr.Textbox(value="static", every=1)
    with gr.Blocks(), pytest.raises(GraphError, match="positive number of seconds"):
        gr.Button().click(lambda: None, every=-1)


def test_a_function_that_cannot_take_the_listeners_inputs_is_reported_when_the_app_is_built():
    with gr.Blocks():
        a, b = gr.Textbox(), gr.Textbox()
        with pytest.warns(UserWarning, match=r"greet\(\) takes 1 input value\(s\) but .* 2"):
            gr.Button().click(greet, [a, b], a)
        with pytest.warns(UserWarning, match=r"needs 1 input value\(s\) but .* 0 inputs"):
            gr.Button().click(greet, None, a)
