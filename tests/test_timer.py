"""gr.Timer, gr.Sidebar, gr.DeepLinkButton and gr.LoginButton: what they put in the config,
what their listeners and updates do, and how bad arguments fail."""

from __future__ import annotations

import pytest

import blocks as gr
from blocks.exceptions import GraphError, ValidationError
from blocks.testing import TestClient


def _config_of(demo: gr.Blocks, block: gr.Component | gr.Sidebar) -> dict:
    return demo.config()["blocks"][str(block.id)]


def test_a_timer_puts_its_interval_and_active_in_the_config():
    with gr.Blocks() as demo:
        timer = gr.Timer(0.5, active=False)
    props = _config_of(demo, timer)["props"]
    assert (props["value"], props["active"]) == (0.5, False)
    assert _config_of(demo, timer)["type"] == "timer"


def test_tick_listeners_show_no_progress_unless_asked_to():
    with gr.Blocks() as demo:
        timer = gr.Timer()
        out = gr.Textbox()
        quiet = timer.tick(lambda: "t", None, out)
        loud = timer.tick(lambda: "t", None, out, show_progress="full")

        @timer.tick(outputs=out)
        def decorated():
            return "d"

    deps = demo.config()["dependencies"]
    assert deps[quiet.id]["targets"] == [[timer.id, "tick"]]
    assert [deps[i]["show_progress"] for i in (quiet.id, loud.id, 2)] == [
        "hidden",
        "full",
        "hidden",
    ]


def test_a_tick_runs_its_listener_and_reads_the_interval_as_a_float():
    with gr.Blocks() as demo:
        timer = gr.Timer(2)
        out = gr.Number()
        timer.tick(lambda seconds: seconds * 10, timer, out)
    with TestClient(demo) as client:
        (run,) = client.fire(timer, "tick")
        assert run.success
        assert client.value(out) == 20


def test_updates_stop_and_speed_up_a_timer_for_that_page():
    with gr.Blocks() as demo:
        timer = gr.Timer(1)
        stop = gr.Button("Stop")
        faster = gr.Button("Faster")
        stop.click(lambda: gr.Timer(active=False), None, timer)
        faster.click(lambda: gr.update(value=0.25), None, timer)
    with TestClient(demo) as client:
        client.click(stop)
        assert client.props(timer)["active"] is False
        client.click(faster)
        assert client.value(timer) == 0.25
        other = client.new_page()
        assert other.props(timer)["active"] is True


@pytest.mark.parametrize("value", [0, -1, "1", True, float("nan")])
def test_a_timer_interval_must_be_a_positive_number(value):
    with pytest.raises(ValueError, match="Timer value is the interval in seconds"):
        gr.Timer(value)


def test_a_timer_refuses_an_interval_a_client_sends_that_is_not_a_number():
    with pytest.raises(ValidationError, match="interval must be a number"):
        gr.Timer(1, render=False).preprocess("soon")


def test_a_sidebar_is_a_layout_with_its_label_state_side_and_width():
    with gr.Blocks() as demo:
        with gr.Sidebar(label="Filters", open=False, position="right", width=280) as side:
            box = gr.Textbox()
    config = demo.config()
    props = config["blocks"][str(side.id)]["props"]
    assert (props["label"], props["open"], props["position"], props["width"]) == (
        "Filters",
        False,
        "right",
        280,
    )
    assert {"id": box.id} in _find(config["layout"], side.id)["children"]
    assert "expand" in gr.Sidebar.EVENTS and "collapse" in gr.Sidebar.EVENTS


def _find(node: dict, block_id: int) -> dict:
    if node["id"] == block_id:
        return node
    for child in node.get("children", []):
        found = _find(child, block_id)
        if found:
            return found
    return {}


def test_a_sidebar_on_another_side_is_refused_with_the_choices():
    with pytest.raises(ValueError, match="'left' or 'right'"):
        gr.Sidebar(position="top")


def test_a_deep_link_button_lists_the_components_whose_values_its_link_carries():
    with gr.Blocks() as demo:
        name = gr.Textbox(label="Name")
        count = gr.Number(label="Count")
        gr.State(1)
        gr.Button("Go")
        share = gr.DeepLinkButton()
    props = _config_of(demo, share)["props"]
    assert props["deep_link_ids"] == [name.id, count.id]
    assert (props["value"], props["copied_value"]) == (
        "Share via Link",
        "Link copied to clipboard!",
    )


def test_a_login_button_says_blocks_has_no_identity_provider_and_what_to_use():
    with pytest.raises(GraphError, match=r"identity provider.*launch\(auth="):
        gr.LoginButton()
