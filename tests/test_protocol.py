import orjson
import pytest

from blocks.exceptions import ProtocolError
from blocks.protocol import messages as protocol
from blocks.protocol.messages import parse_client_message, parse_server_message


def test_a_trigger_message_is_parsed_into_its_model():
    message = parse_client_message(
        b'{"type":"trigger","event_id":"e1","dep":2,"data":["a",1],"versions":{"3":4}}'
    )
    assert isinstance(message, protocol.Trigger)
    assert message.dep == 2
    assert message.data == ["a", 1]
    assert message.versions == {3: 4}


@pytest.mark.parametrize(
    ("raw", "problem"),
    [
        (b"not json", "not valid JSON"),
        (b"[1,2]", "must be a JSON object"),
        (b'{"type":"nope"}', "invalid 'nope' message"),
        (b'{"type":"trigger","dep":0}', "event_id"),
        (b'{"type":"trigger","event_id":"e","dep":-1}', "dep"),
        (b'{"type":"hello","v":2}', "protocol version 2 is not supported"),
        (b'{"type":"ack","seq":1,"extra":true}', "extra"),
    ],
)
def test_a_malformed_client_message_raises_a_protocol_error_saying_what_is_wrong(raw, problem):
    with pytest.raises(ProtocolError, match=problem):
        parse_client_message(raw)


def test_encoding_leaves_out_defaults_but_keeps_the_type():
    frame = protocol.encode(protocol.Started(seq=4, event_id="e1"))
    assert orjson.loads(frame) == {"type": "started", "seq": 4, "event_id": "e1"}


def test_every_message_the_engine_builds_is_a_valid_server_message():
    # The hot path builds dicts directly (blocks/wire.py); they must fit the models.
    from blocks.runtime.emitter import Emitter
    from blocks.runtime.session import Session

    session = Session()
    session.has_page = False
    seen = []
    session.watchers["e1"] = seen.append
    emitter = Emitter(session, "e1")
    emitter.queued(1, 3, 2.5)
    emitter.started(None)
    emitter.output([{"id": 1, "ops": [{"op": "append", "path": [0], "value": "x"}], "ver": 2}])
    emitter.progress([{"index": 1, "length": 4, "unit": "steps", "desc": None}])
    emitter.log("warning", "careful", "Warning", 5)
    emitter.done([{"id": 2, "props": {"visible": False}}], 0.1)
    emitter.cancelled()
    emitter.failed(ValueError("boom"))
    for index, message in enumerate(seen):
        message["seq"] = index + 1
        parsed = parse_server_message(orjson.dumps(message))
        assert parsed.type == message["type"]
    assert [m["type"] for m in seen] == [
        "queued",
        "started",
        "output",
        "progress",
        "log",
        "done",
        "done",
        "done",
    ]


OUTGOING_PATCHES = [{"id": 1, "ops": [{"op": "replace", "path": [], "value": "x"}], "ver": 1}]
OUTGOING = [
    (lambda o: o.welcome("s1", resumed=True, version=protocol.PROTOCOL_VERSION), "Welcome"),
    (lambda o: o.queued("e1", 0, 2, None), "Queued"),
    (lambda o: o.started("e1", 1.5), "Started"),
    (lambda o: o.progress("e1", [{"index": 1, "length": 4, "unit": "steps"}]), "ProgressMessage"),
    (lambda o: o.output("e1", OUTGOING_PATCHES), "Output"),
    (lambda o: o.done("e1", OUTGOING_PATCHES, 0.25), "Done"),
    (lambda o: o.cancelled("e1"), "Done"),
    (
        lambda o: o.failed("e1", {"message": "no", "kind": "validation", "title": "Invalid input"}),
        "Done",
    ),
    (lambda o: o.log(None, "error", "bad frame", None, None), "Log"),
    (lambda o: o.heartbeat(), "Heartbeat"),
    (lambda o: o.restarting(), "Restarting"),
    (
        lambda o: o.rendered(
            "e1", {"layout": {"id": 7, "children": []}, "blocks": {}, "dependencies": []}, [3]
        ),
        "RenderMessage",
    ),
]


@pytest.mark.parametrize(("build", "model"), OUTGOING)
def test_each_outgoing_builder_gives_a_message_that_validates_against_its_model(build, model):
    from blocks.protocol import outgoing

    message = build(outgoing)
    parsed = parse_server_message(orjson.dumps({**message, "seq": 7}))
    assert type(parsed) is getattr(protocol, model)
    assert _within(message, parsed.model_dump())  # nothing lost or reshaped


def _within(built, dumped):
    """Everything ``built`` says is in ``dumped`` as it was (which may add defaults)."""
    if isinstance(built, dict):
        return isinstance(dumped, dict) and all(
            key in dumped and _within(value, dumped[key]) for key, value in built.items()
        )
    if isinstance(built, list):
        return (
            isinstance(dumped, list)
            and len(built) == len(dumped)
            and all(_within(a, b) for a, b in zip(built, dumped, strict=True))
        )
    return built == dumped


@pytest.mark.parametrize(
    ("typed", "model"),
    [
        ("WelcomeDict", "Welcome"),
        ("QueuedDict", "Queued"),
        ("StartedDict", "Started"),
        ("ProgressDict", "ProgressMessage"),
        ("OutputDict", "Output"),
        ("DoneDict", "Done"),
        ("LogDict", "Log"),
        ("HeartbeatDict", "Heartbeat"),
        ("ErrorDict", "ErrorInfo"),
    ],
)
def test_each_outgoing_typed_dict_has_the_fields_of_its_model(typed, model):
    from blocks.protocol import outgoing

    keys = getattr(outgoing, typed).__annotations__.keys()
    fields = getattr(protocol, model).model_fields
    assert set(keys) == set(fields)
    required = {name for name, info in fields.items() if info.is_required()}
    assert required <= getattr(outgoing, typed).__required_keys__


def test_the_outgoing_builders_load_no_pydantic():
    import subprocess
    import sys

    code = (
        "import sys, blocks.protocol.outgoing as o; o.done('e', [], None); "
        "print('pydantic' in sys.modules)"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert result.stdout.strip() == "False", result.stderr
