"""@gr.render: per-page dynamic blocks and listeners, re-rendered on triggers, kept by key."""

from __future__ import annotations

import copy
import time
from typing import Any

import pytest

import blocks as gr
from blocks import testing
from blocks.exceptions import GraphError
from blocks.graph.block import Block
from blocks.testing import TestClient

# ---------------------------------------------------------------- a page that mounts renders
# The in-process page model (blocks/client/pagemodel.py) does not know `render` messages yet;
# this applies them to it the way frontend/render.js does in the browser.

_INERT = {"targets": [], "inputs": [], "outputs": [], "cancels": [], "trigger_after": None}


def mount_renders(page: testing.TestPage) -> list[dict[str, Any]]:
    """Apply the render messages received since the last call; returns them."""
    page.refresh()
    seen = getattr(page, "_renders_seen", 0)
    messages = [m for m in page.received[seen:] if m["type"] == "render"]
    page._renders_seen = len(page.received)  # type: ignore[attr-defined]
    model = page.page
    mounted: dict[int, tuple[list[int], list[int]]] = getattr(page, "_mounted", {})
    page._mounted = mounted  # type: ignore[attr-defined]
    for message in messages:
        kept = {i: (model.values.get(i), model.versions.get(i)) for i in message["kept"]}
        old_blocks, old_deps = mounted.get(message["id"], ([], []))
        for block_id in old_blocks:
            model.types.pop(block_id, None)
            model.props.pop(block_id, None)
            model.values.pop(block_id, None)
            model.versions.pop(block_id, None)
        for dep_id in old_deps:
            model.dependencies[dep_id] = {"id": dep_id, **_INERT}
        for key, config in message["blocks"].items():
            block_id = int(key)
            props = dict(config["props"])
            model.types[block_id] = config["type"]
            model.props[block_id] = props
            model.values[block_id] = copy.deepcopy(props.get("value"))
        for block_id, (value, ver) in kept.items():
            model.values[block_id] = value
            if ver is not None:
                model.versions[block_id] = ver
        for dep in message["dependencies"]:
            while len(model.dependencies) <= dep["id"]:
                model.dependencies.append({"id": len(model.dependencies), **_INERT})
            model.dependencies[dep["id"]] = dep
        ids = [int(key) for key in message["blocks"]]
        mounted[message["id"]] = (ids, [dep["id"] for dep in message["dependencies"]])
    return messages


def next_render(page: testing.TestPage, timeout: float = 5.0) -> dict[str, Any]:
    """Wait for (and mount) the next render message: a server-started run has no event the
    page waits for."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        messages = mount_renders(page)
        if messages:
            return messages[-1]
        time.sleep(0.01)
    raise AssertionError("no render message came")


def dynamic(page: testing.TestPage, label: str) -> Block:
    """The block a render made for this page with that label (or button text)."""
    assert page.session.fragments is not None
    for block in page.session.fragments.blocks.values():
        if getattr(block, "label", None) == label or getattr(block, "value", None) == label:
            return block
    raise LookupError(f"no dynamic block {label!r} on this page")


def children(message: dict[str, Any]) -> list[int]:
    return [node["id"] for node in message["layout"].get("children", [])]


def word_app() -> tuple[gr.Blocks, gr.Textbox]:
    with gr.Blocks() as demo:
        sentence = gr.Textbox(label="Sentence")

        @gr.render(inputs=sentence)
        def boxes(text):
            for index, word in enumerate((text or "").split()):
                gr.Textbox(label=f"Note on {word}", key=f"word-{index}")
                gr.Markdown(word)

    return demo, sentence


# ---------------------------------------------------------------- runs and mounting


def test_a_render_runs_on_load_and_on_its_inputs_change_with_their_values():
    demo, sentence = word_app()
    with TestClient(demo) as client:
        client.load()
        (first,) = mount_renders(client)
        assert first["layout"].get("children", []) == []
        client.change(sentence, "red green")
        (second,) = mount_renders(client)
        labels = [second["blocks"][str(i)]["props"].get("label") for i in children(second)]
        assert labels == ["Note on red", None, "Note on green", None]
        assert second["id"] == first["id"]  # the same place of the layout


def test_keyed_blocks_keep_their_id_and_the_pages_value_across_re_renders():
    demo, sentence = word_app()
    with TestClient(demo) as client:
        client.change(sentence, "red green")
        mount_renders(client)
        red_note = dynamic(client, "Note on red")
        client.set(red_note, "apples")
        client.change(sentence, "red green blue")
        (message,) = mount_renders(client)
        assert red_note.id in message["kept"]
        assert red_note.id in children(message)
        assert client.page.values[red_note.id] == "apples"
        assert dynamic(client, "Note on blue").id not in message["kept"]


def test_unkeyed_blocks_get_new_ids_on_each_run_and_the_old_ones_are_forgotten():
    demo, sentence = word_app()
    with TestClient(demo) as client:
        client.change(sentence, "red")
        (first,) = mount_renders(client)
        client.change(sentence, "blue")
        (second,) = mount_renders(client)
        old_markdown, new_markdown = children(first)[1], children(second)[1]
        assert new_markdown > old_markdown
        fragments = client.session.fragments
        assert fragments is not None
        assert old_markdown not in fragments.blocks and new_markdown in fragments.blocks


def test_a_listener_made_inside_a_render_runs_and_can_write_the_apps_blocks():
    with gr.Blocks() as demo:
        count = gr.Number(value=2, label="Count")
        log = gr.Textbox(label="Log")

        @gr.render(inputs=count)
        def buttons(n):
            for index in range(int(n or 0)):
                button = gr.Button(f"Button {index}")
                button.click(lambda index=index: f"clicked {index}", None, log)

    with TestClient(demo) as client:
        client.load()
        mount_renders(client)
        run = client.click(dynamic(client, "Button 1"))
        assert run.success
        assert client.value(log) == "clicked 1"


def test_each_page_gets_its_own_dynamic_blocks_and_cannot_run_another_pages_listeners():
    with gr.Blocks() as demo:
        name = gr.Textbox(label="Name")
        out = gr.Textbox(label="Out")

        @gr.render(inputs=name)
        def greet_button(text):
            button = gr.Button(f"Greet {text}")
            button.click(lambda: f"hi {text}", None, out)

    with TestClient(demo) as client:
        other = client.new_page()
        client.change(name, "Ada")
        (mine,) = mount_renders(client)
        other.change(name, "Bob")
        (theirs,) = mount_renders(other)
        assert dynamic(client, "Greet Ada") is not dynamic(other, "Greet Bob")
        assert other.session.fragments is not None
        assert dynamic(client, "Greet Ada").id not in [
            b.id for b in other.session.fragments.blocks.values() if b.value == "Greet Ada"
        ]
        assert client.click(dynamic(client, "Greet Ada")).success
        assert client.value(out) == "hi Ada"
        # A dependency id only the first page has (it rendered more than the second).
        extra = max(dep["id"] for dep in mine["dependencies"]) + 10
        replies = other.send_frame(
            f'{{"type":"trigger","event_id":"x","dep":{extra},"data":[],"versions":{{}}}}'
        )
        assert any("no dependency" in str(m.get("error")) for m in replies)
        assert theirs["dependencies"]


def test_a_state_written_by_a_listener_re_renders_the_renders_that_read_it():
    with gr.Blocks() as demo:
        tasks = gr.State([])
        new_task = gr.Textbox(label="New task")
        new_task.submit(
            lambda items, name: ([*items, name], ""), [tasks, new_task], [tasks, new_task]
        )

        @gr.render(inputs=tasks)
        def rows(items):
            for item in items:
                gr.Textbox(item, label=f"Task {item}", key=item)

    with TestClient(demo) as client:
        client.load()
        next_render(client)
        client.set(new_task, "milk")
        client.submit(new_task)
        next_render(client)
        milk = dynamic(client, "Task milk")
        client.set(milk, "milk (oat)")
        client.set(new_task, "eggs")
        client.submit(new_task)
        message = next_render(client)
        labels = [message["blocks"][str(i)]["props"]["label"] for i in children(message)]
        assert labels == ["Task milk", "Task eggs"]
        assert client.page.values[milk.id] == "milk (oat)"


def test_custom_triggers_replace_the_default_ones_and_leave_out_the_load():
    with gr.Blocks() as demo:
        text = gr.Textbox(label="Text")
        go = gr.Button("Go")

        @gr.render(inputs=text, triggers=[go.click])
        def shown(value):
            gr.Markdown(value)

    with TestClient(demo) as client:
        assert client.load() == []
        with pytest.raises(LookupError):
            client.change(text, "x")
        client.set(text, "hello")
        client.click(go)
        (message,) = mount_renders(client)
        (markdown,) = children(message)
        assert message["blocks"][str(markdown)]["props"]["value"] == "hello"


def test_a_failing_render_reports_its_error_and_keeps_the_previous_blocks():
    with gr.Blocks() as demo:
        text = gr.Textbox(label="Text")

        @gr.render(inputs=text)
        def shown(value):
            if value == "boom":
                raise gr.Error("cannot show boom")
            gr.Markdown(value or "")

    with TestClient(demo) as client:
        client.change(text, "fine")
        (before,) = mount_renders(client)
        (run,) = client.change(text, "boom")
        assert run.error == "cannot show boom"
        assert mount_renders(client) == []
        fragments = client.session.fragments
        assert fragments is not None and children(before)[0] in fragments.blocks


def test_duplicate_keys_in_one_run_fail_the_run_with_a_message_naming_the_key():
    with gr.Blocks() as demo:
        text = gr.Textbox(label="Text")

        @gr.render(inputs=text)
        def shown(value):
            gr.Textbox(key="same")
            gr.Textbox(key="same")

    demo.show_error = True
    with TestClient(demo) as client:
        (run,) = client.load()
        assert "key='same'" in (run.error or "")


def test_a_re_render_forgets_the_property_updates_of_the_blocks_it_replaced():
    with gr.Blocks() as demo:
        count = gr.Number(value=1, label="Count")

        @gr.render(inputs=count)
        def boxes(n):
            for index in range(int(n)):
                box = gr.Textbox(label=f"Box {index}", key=index)
                hide = gr.Button(f"Relabel {index}")
                hide.click(lambda: gr.update(label="Relabelled"), None, box)

    with TestClient(demo) as client:
        client.load()
        mount_renders(client)
        box = dynamic(client, "Box 0")
        client.click(dynamic(client, "Relabel 0"))
        assert client.session.overrides[box.id] == {"label": "Relabelled"}
        client.change(count, 2)
        (message,) = mount_renders(client)
        assert box.id in message["kept"]
        assert box.id not in client.session.overrides


# ---------------------------------------------------------------- building errors and wire


def test_gr_render_outside_blocks_says_where_it_belongs():
    with pytest.raises(GraphError, match=r"inside `with gr\.Blocks"):
        gr.render()


def test_a_generator_render_function_is_refused_when_decorated():
    with gr.Blocks():
        with pytest.raises(TypeError, match="must return, not yield"):

            @gr.render()
            def shown():
                yield


def test_nested_renders_fail_the_outer_run_with_a_clear_message():
    with gr.Blocks() as demo:

        @gr.render()
        def outer():
            @gr.render()
            def inner():
                pass

    demo.show_error = True
    with TestClient(demo) as client:
        (run,) = client.load()
        assert "inside another @gr.render" in (run.error or "")


def test_a_render_inside_a_row_lays_its_blocks_out_as_a_row():
    with gr.Blocks() as demo:
        with gr.Row():

            @gr.render()
            def shown():
                gr.Textbox()

    config = demo.config()
    (place,) = [b for b in config["blocks"].values() if b["type"] == "render"]
    assert place["props"]["direction"] == "row"
    assert not any(dep["api_name"] for dep in config["dependencies"])


def test_the_render_message_builder_validates_against_its_model():
    from blocks.protocol import messages, outgoing

    fragment = {"layout": {"id": 3, "children": [{"id": 4}]}, "blocks": {}, "dependencies": []}
    built = outgoing.rendered("e1", fragment, [4])
    parsed = messages.RenderMessage.model_validate({**built, "seq": 1})
    assert parsed.id == 3 and parsed.kept == [4]
    assert set(outgoing.RenderDict.__annotations__) == set(messages.RenderMessage.model_fields)
