"""Fuzzing: malformed payloads give validation errors, never an unhandled exception or a
traceback in the log (the protocol decoder, a page's connection, each component's preprocess)."""

import json
import logging
import time

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import blocks as gr
from blocks.components.base import Component
from blocks.exceptions import ProtocolError, ValidationError
from blocks.protocol.messages import Ack, Cancel, Hello, Trigger, parse_client_message
from blocks.runtime.files import FileCache, use_cache
from blocks.testing import TestClient

# JSON values, including the awkward ones: huge and negative numbers, long and odd strings.
scalars = (
    st.none()
    | st.booleans()
    | st.integers(min_value=-(2**70), max_value=2**70)
    | st.floats(allow_nan=False, allow_infinity=False)
    | st.text(max_size=40)
    | st.sampled_from(["", "../../etc/passwd", "/etc/passwd", "file/x/y", "http://e.x/a.png"])
)
json_values = st.recursive(
    scalars,
    lambda inner: (
        st.lists(inner, max_size=5)
        | st.dictionaries(
            st.sampled_from(
                ["id", "path", "url", "text", "files", "role", "content", "type", "value"]
            )
            | st.text(max_size=8),
            inner,
            max_size=5,
        )
    ),
    max_leaves=25,
)
message_types = st.sampled_from(["hello", "trigger", "cancel", "ack", "welcome", "", "x"])
near_messages = st.fixed_dictionaries(
    {"type": message_types},
    optional={
        "event_id": json_values,
        "dep": json_values,
        "data": json_values,
        "session_id": json_values,
        "last_seq": json_values,
        "seq": json_values,
        "target": json_values,
        "event_data": json_values,
        "versions": json_values,
        "v": json_values,
    },
)
frames = (
    st.binary(max_size=200)
    | st.text(max_size=200)
    | json_values.map(json.dumps)
    | near_messages.map(json.dumps)
)

FUZZ = settings(
    max_examples=300, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)


@FUZZ
@given(frames)
def test_the_protocol_decoder_answers_any_frame_with_a_message_or_a_protocol_error(frame):
    try:
        message = parse_client_message(frame)
    except ProtocolError as exc:
        assert str(exc)
    else:
        assert isinstance(message, (Hello, Trigger, Cancel, Ack))


def _app() -> gr.Blocks:
    with gr.Blocks() as demo:
        text = gr.Textbox()
        number = gr.Number()
        files = gr.File(file_count="multiple")
        chat = gr.Chatbot()
        out = gr.JSON()
        text.submit(lambda t, n: [t, n], [text, number], out)
        files.upload(lambda f: len(f or []), files, number)
        chat.like(lambda history: None, chat, None)
        broken = gr.Button()
        broken.click(lambda: 1 / 0, None, None)
    return demo


@pytest.fixture(scope="module")
def page():
    with TestClient(_app()) as client:
        yield client


@FUZZ
@given(frame=frames)
def test_a_page_connection_survives_any_frame_without_a_traceback(page, frame, caplog):
    caplog.clear()
    with caplog.at_level(logging.DEBUG):
        page.send_frame(frame)
    tracebacks = [record for record in caplog.records if record.exc_info]
    assert tracebacks == [], tracebacks[0].getMessage() if tracebacks else ""


def test_the_traceback_check_sees_an_apps_own_failure(page, caplog):
    # The app's bug (not the client's) is logged with its traceback: the check above can fail.
    dep = len(page.runtime.graph.dependencies) - 1
    with caplog.at_level(logging.DEBUG):
        page.send_frame(json.dumps({"type": "trigger", "event_id": "boom", "dep": dep, "data": []}))
        deadline = time.monotonic() + 5
        while not any(r.exc_info for r in caplog.records) and time.monotonic() < deadline:
            time.sleep(0.02)
            page.refresh()
    assert any(record.exc_info for record in caplog.records)


def _components() -> list[Component]:
    made = []
    for name in sorted(gr.__all__):
        cls = getattr(gr, name)
        if not isinstance(cls, type) or not issubclass(cls, Component) or cls is Component:
            continue
        try:
            if name in ("Dropdown", "Radio"):
                made.append(cls(["a", "b"]))
            else:
                made.append(cls())
        except TypeError:
            continue  # needs arguments: covered by its own tests
    return made


COMPONENTS = _components()


def test_the_fuzzed_components_cover_the_inputs_users_have():
    names = {type(component).__name__ for component in COMPONENTS}
    expected = {"Textbox", "Number", "Slider", "Checkbox", "Dropdown", "Radio", "JSON"}
    assert expected | {"Image", "File", "Chatbot", "MultimodalTextbox"} <= names


@pytest.fixture(scope="module")
def cache(tmp_path_factory):
    cache = FileCache(tmp_path_factory.mktemp("fuzz-cache"))
    yield cache
    cache.close()


@pytest.mark.parametrize("component", COMPONENTS, ids=lambda c: type(c).__name__)
@FUZZ
@given(payload=json_values)
def test_each_components_preprocess_refuses_a_malformed_payload_with_a_validation_error(
    component, payload, cache
):
    with use_cache(cache):
        try:
            component.preprocess(payload)
        except ValidationError as exc:
            assert str(exc)
