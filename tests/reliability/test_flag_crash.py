"""``kill -9`` while several pages flag at once loses no flag a page was told was saved: each
is in the file, whole, and a line the crash tore breaks neither the reader nor later writes."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import textwrap
import threading
import time
from pathlib import Path

import httpx
import orjson
from websockets.exceptions import ConnectionClosed
from websockets.sync.client import connect

from blocks.chat.flagging import FlagLog
from blocks.client.pagemodel import PageModel

CLIENTS = 6
OPTIONS = ["Like", "Dislike", "Spam"]
KILL_AFTER = 60  # acknowledged flags, across all clients

APP = textwrap.dedent(
    """
    import sys, threading
    import blocks as gr

    demo = gr.ChatInterface(
        lambda message, history: f"answer to {message}",
        flagging_mode="manual",
        flagging_options=["Like", "Dislike", "Spam"],
        flagging_dir=sys.argv[1],
        concurrency_limit=None,
    )
    demo.launch(server_port=0, prevent_thread_lock=True, quiet=True)
    print(demo.local_url, flush=True)
    threading.Event().wait()
    """
)


class Page:
    """One page over the real WebSocket: says something, flags the reply."""

    def __init__(self, url: str) -> None:
        self.model = PageModel(httpx.get(url + "/config").json())
        self.ws = connect(url.replace("http://", "ws://") + "/ws", max_size=None).__enter__()
        self.ws.send('{"type":"hello"}')
        self.ws.recv(10)
        self.box = next(i for i, t in self.model.types.items() if t == "textbox")
        self.chat = next(i for i, t in self.model.types.items() if t == "chatbot")

    def _run(self, block: int, event: str, event_data=None) -> bool:
        pending = self.model.listeners(block, event)
        success = True
        while pending:
            trigger = self.model.trigger(
                pending.pop(0), target=block, event=event, event_data=event_data
            )
            self.ws.send(orjson.dumps(trigger, option=orjson.OPT_NON_STR_KEYS).decode())
            while True:
                message = orjson.loads(self.ws.recv(10))
                chained = self.model.receive(message)
                if "seq" in message:
                    self.ws.send(orjson.dumps({"type": "ack", "seq": message["seq"]}).decode())
                if message["type"] == "done" and message["event_id"] == trigger["event_id"]:
                    success = success and message["success"]
                    pending.extend(chained)
                    break
        return success

    def say(self, text: str) -> None:
        self.model.set_value(self.box, text)
        assert self._run(self.box, "submit")

    def flag(self, index: int, option: str) -> bool:
        liked = True if option == "Like" else False if option == "Dislike" else option
        return self._run(self.chat, "like", {"index": index, "value": "", "liked": liked})


def _start(folder: Path) -> tuple[subprocess.Popen[str], str]:
    script = folder.parent / "app.py"
    script.write_text(APP)
    process = subprocess.Popen(
        [sys.executable, str(script), str(folder)],
        stdout=subprocess.PIPE,
        text=True,
        cwd=folder.parent,
    )
    assert process.stdout is not None
    url = process.stdout.readline().strip()
    assert url.startswith("http://127.0.0.1:"), url
    return process, url


def _stop(process: subprocess.Popen[str]) -> None:
    process.kill()
    process.wait(10)
    assert process.stdout is not None
    process.stdout.close()


def _flag_until_killed(url: str, client: int, acked: list[tuple[str, int, str]]) -> None:
    try:
        page = Page(url)
        for turn in range(10_000):
            message = f"c{client}-t{turn}"
            page.say(message)
            option = OPTIONS[(client + turn) % len(OPTIONS)]
            if page.flag(2 * turn + 1, option):
                acked.append((message, 2 * turn + 1, option))
    except (ConnectionClosed, OSError, AssertionError, TimeoutError):
        return  # the server was killed


def _found(records: list[dict]) -> set[tuple[str, int, str]]:
    """(message, index, option) of each record, after checking that it is whole."""
    found = set()
    for record in records:
        index, conversation = record["index"], record["conversation"]
        assert len(conversation) == index + 1
        asked = conversation[index - 1]["content"]
        assert record["value"] == conversation[index]["content"] == f"answer to {asked}"
        assert record["flag"] in OPTIONS and record["timestamp"] > 0
        found.add((asked, index, record["flag"]))
    return found


def test_kill_9_during_concurrent_flagging_loses_no_acknowledged_flag(tmp_path, caplog):
    folder = tmp_path / "flags"
    process, url = _start(folder)
    acked: list[tuple[str, int, str]] = []
    try:
        clients = [
            threading.Thread(target=_flag_until_killed, args=(url, client, acked))
            for client in range(CLIENTS)
        ]
        for thread in clients:
            thread.start()
        deadline = time.monotonic() + 60
        while len(acked) < KILL_AFTER and time.monotonic() < deadline:
            time.sleep(0.005)
        assert len(acked) >= KILL_AFTER, "the clients could not flag at all"
        os.kill(process.pid, signal.SIGKILL)  # mid-way: every client is still flagging
        process.wait(10)
        for thread in clients:
            thread.join(20)
            assert not thread.is_alive()
    finally:
        _stop(process)
    told = set(acked)
    log = FlagLog(folder)
    records = log.records()
    found = _found(records)
    assert told <= found, f"acknowledged but lost: {sorted(told - found)[:5]}"
    assert len(records) == len(found)  # no record written twice
    assert len({message.split("-")[0] for message, _, _ in told}) >= 2  # concurrently

    # A power cut can leave the last line torn: the reader skips it, losing nothing else.
    with log.path.open("ab") as file:
        file.write(b'{"timestamp": 1.5, "index": 3, "value": "answer to c0-t')
    assert _found(log.records()) == found
    assert "torn" in caplog.text

    # The app starts again on the same folder: a new flag gets a whole line of its own.
    process, url = _start(folder)
    try:
        page = Page(url)
        page.say("after the crash")
        assert page.flag(1, "Spam")
        page.ws.close()
    finally:
        _stop(process)
    after = _found(log.records())
    assert after == found | {("after the crash", 1, "Spam")}
