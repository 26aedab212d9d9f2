"""Flag records hold what the server knows, not what the client claims: the option must be
one the app offers, the index a reply in the server's own conversation, the text the server's,
the size capped, and no session id (a credential) is ever written."""

import logging

import httpx
import orjson
import pytest
from websockets.sync.client import connect

import blocks as gr
from blocks.chat.flagging import FLAG_SIZE_ENV, MAX_FLAG_BYTES, max_flag_bytes
from blocks.client.pagemodel import PageModel


class Page:
    """One browser page over the real WebSocket: fires events, waits for their ends."""

    def __init__(self, url: str) -> None:
        self.model = PageModel(httpx.get(url + "/config").json())
        # Entered by hand: the socket lives as long as the page, not one `with`.
        self.ws = connect(url.replace("http://", "ws://") + "/ws", max_size=None).__enter__()
        self.ws.send('{"type":"hello"}')
        self.session_id = orjson.loads(self.ws.recv(10))["session_id"]

    def block(self, kind: str) -> int:
        return next(i for i, t in self.model.types.items() if t == kind)

    def fire(self, block: int, event: str, event_data=None) -> list[dict]:
        """Every listener of ``event`` (and the steps chained to them) run to their end;
        their ``done`` messages."""
        pending = self.model.listeners(block, event)
        ends = []
        while pending:
            trigger = self.model.trigger(
                pending.pop(0), target=block, event=event, event_data=event_data
            )
            self.ws.send(orjson.dumps(trigger, option=orjson.OPT_NON_STR_KEYS).decode())
            while True:
                message = orjson.loads(self.ws.recv(10))
                chained = self.model.receive(message)
                if message["type"] == "done" and message["event_id"] == trigger["event_id"]:
                    ends.append(message)
                    pending.extend(chained)
                    break
        return ends

    def say(self, text: str) -> None:
        box = self.block("textbox")
        self.model.set_value(box, text)
        assert all(end["success"] for end in self.fire(box, "submit"))

    def flag(self, index, liked, value="whatever the page shows") -> dict:
        data = {"index": index, "value": value, "liked": liked}
        (end,) = self.fire(self.block("chatbot"), "like", data)
        return end

    def close(self) -> None:
        self.ws.close()


def _answer(message, history):
    return "x" * 5000 if message == "long" else f"answer to {message}"


@pytest.fixture
def chat(tmp_path):
    demo = gr.ChatInterface(
        _answer,
        flagging_mode="manual",
        flagging_options=["Like", "Dislike", "Spam"],
        flagging_dir=str(tmp_path),
    )
    demo.launch(server_port=0, prevent_thread_lock=True, quiet=True)
    yield demo
    demo.close()


@pytest.fixture
def page(chat):
    opened = Page(chat.local_url)
    opened.say("q")
    yield opened
    opened.close()


def _refused(end: dict, *words: str) -> None:
    assert end["success"] is False
    assert end["error"]["kind"] == "validation", end["error"]
    for word in words:
        assert word in end["error"]["message"]


def _no_tracebacks(caplog) -> None:
    assert not [record for record in caplog.records if record.exc_info]


@pytest.mark.parametrize("liked", ["Anything", "", None, 3, {"Like": True}, ["Spam"]])
def test_a_flag_that_is_not_one_of_the_options_is_refused_and_nothing_is_written(
    chat, page, liked, caplog
):
    with caplog.at_level(logging.DEBUG, logger="blocks"):
        _refused(page.flag(1, liked), "not one of the flagging options", "'Spam'")
    assert chat.flag_log.records() == []
    _no_tracebacks(caplog)
    # Meanwhile an honest flag is written.
    assert page.flag(1, "Spam")["success"] is True
    assert [r["flag"] for r in chat.flag_log.records()] == ["Spam"]


def test_like_and_dislike_are_refused_when_the_app_does_not_offer_them(tmp_path):
    demo = gr.ChatInterface(
        _answer, flagging_mode="manual", flagging_options=["Wrong"], flagging_dir=str(tmp_path)
    )
    demo.launch(server_port=0, prevent_thread_lock=True, quiet=True)
    page = Page(demo.local_url)
    try:
        page.say("q")
        _refused(page.flag(1, True), "True is not one of the flagging options ('Wrong')")
        _refused(page.flag(1, False), "not one of the flagging options")
        assert demo.flag_log.records() == []
        assert page.flag(1, "Wrong")["success"] is True
        assert [r["flag"] for r in demo.flag_log.records()] == ["Wrong"]
    finally:
        page.close()
        demo.close()


@pytest.mark.parametrize(
    ("index", "problem"),
    [
        (2, "there is no message 2 (the conversation has 2 message(s))"),
        (-1, "there is no message -1"),
        (2**62, "there is no message"),
        ("1", "must be an integer, got '1'"),
        (True, "must be an integer, got True"),
        (1.0, "must be an integer"),
        ([1, 0], "must be an integer"),
        (0, "message 0 is a user message, not a reply"),
    ],
)
def test_an_index_that_is_not_a_reply_in_the_conversation_is_refused(
    chat, page, index, problem, caplog
):
    with caplog.at_level(logging.DEBUG, logger="blocks"):
        _refused(page.flag(index, True), problem)
    assert chat.flag_log.records() == []
    _no_tracebacks(caplog)
    assert page.flag(1, True)["success"] is True
    assert [r["index"] for r in chat.flag_log.records()] == [1]


def test_the_record_holds_the_servers_text_and_never_the_session_id(chat, page):
    assert page.flag(1, False, value="<script>forged by the client</script>")["success"]
    (record,) = chat.flag_log.records()
    assert record["value"] == "answer to q"
    assert record["flag"] == "Dislike" and record["index"] == 1
    assert record["conversation"][1]["content"] == "answer to q"
    assert set(record) == {"timestamp", "index", "value", "flag", "conversation"}
    written = chat.flag_log.path.read_bytes()
    assert page.session_id.encode() not in written
    assert b"forged" not in written


def test_a_record_over_the_size_cap_is_refused_with_a_clear_message(tmp_path, monkeypatch, caplog):
    monkeypatch.setenv(FLAG_SIZE_ENV, "4kb")
    demo = gr.ChatInterface(_answer, flagging_mode="manual", flagging_dir=str(tmp_path / "flags"))
    demo.launch(server_port=0, prevent_thread_lock=True, quiet=True)
    long, short = Page(demo.local_url), Page(demo.local_url)
    try:
        long.say("long")
        with caplog.at_level(logging.DEBUG, logger="blocks"):
            end = long.flag(1, True)
        assert end["success"] is False
        message = end["error"]["message"]
        assert "too large to flag" in message and FLAG_SIZE_ENV in message
        assert "4,096" in message
        assert demo.flag_log.records() == []
        _no_tracebacks(caplog)
        short.say("q")
        assert short.flag(1, True)["success"] is True
        assert [r["value"] for r in demo.flag_log.records()] == ["answer to q"]
    finally:
        long.close()
        short.close()
        demo.close()


def test_the_cap_is_1_mib_unless_the_environment_says_otherwise(monkeypatch):
    monkeypatch.delenv(FLAG_SIZE_ENV, raising=False)
    assert max_flag_bytes() == MAX_FLAG_BYTES == 1024 * 1024
    for text, expected in [("65536", 65536), ("2mb", 2 * 1024 * 1024), ("512 KB", 512 * 1024)]:
        monkeypatch.setenv(FLAG_SIZE_ENV, text)
        assert max_flag_bytes() == expected
    for bad in ("lots", "-5", "0", "1tb"):
        monkeypatch.setenv(FLAG_SIZE_ENV, bad)
        with pytest.raises(ValueError, match=f"{FLAG_SIZE_ENV} must be a size"):
            max_flag_bytes()
