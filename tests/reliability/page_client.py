"""A page's side of the WebSocket protocol, for the reliability tests: hello, triggers, the
messages of each event, and the three ways a page goes (close, going away, an abrupt drop)."""

from __future__ import annotations

import asyncio
import itertools
import os
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import orjson
from websockets.asyncio.client import ClientConnection, connect

_events = itertools.count(1)


class PageClient:
    """One page over a real WebSocket: ``await PageClient.open(url)``."""

    def __init__(self, ws: ClientConnection, welcome: dict[str, Any]) -> None:
        self.ws = ws
        self.welcome = welcome
        self.session_id: str = welcome["session_id"]
        self.last_seq = welcome.get("seq") or 0
        self.messages: list[dict[str, Any]] = []

    @classmethod
    async def open(
        cls, base_url: str, *, session_id: str | None = None, last_seq: int = 0
    ) -> PageClient:
        ws = await connect(base_url.replace("http://", "ws://") + "/ws", max_size=None)
        hello: dict[str, Any] = {"type": "hello"}
        if session_id is not None:
            hello.update(session_id=session_id, last_seq=last_seq)
        await ws.send(orjson.dumps(hello).decode())  # text frames, as a page sends
        welcome = orjson.loads(await ws.recv())
        assert welcome["type"] == "welcome", welcome
        return cls(ws, welcome)

    async def trigger(self, dep: int, *data: Any) -> str:
        event_id = f"e{next(_events)}"
        await self.ws.send(
            orjson.dumps(
                {"type": "trigger", "event_id": event_id, "dep": dep, "data": list(data)}
            ).decode()
        )
        return event_id

    async def cancel(self, event_id: str) -> None:
        await self.ws.send(orjson.dumps({"type": "cancel", "event_id": event_id}).decode())

    async def next_message(self) -> dict[str, Any]:
        message = orjson.loads(await self.ws.recv())
        self.messages.append(message)
        self.last_seq = max(self.last_seq, message.get("seq") or 0)
        return message

    async def until(
        self, check: Callable[[dict[str, Any]], bool], timeout: float = 10.0
    ) -> dict[str, Any]:
        """Read messages until one passes ``check`` (earlier ones are kept in .messages)."""
        for message in self.messages:
            if check(message):
                return message
        async with asyncio.timeout(timeout):
            while True:
                message = await self.next_message()
                if check(message):
                    return message

    async def done(self, event_id: str, timeout: float = 10.0) -> dict[str, Any]:
        return await self.until(
            lambda m: m["type"] == "done" and m.get("event_id") == event_id, timeout
        )

    async def output(self, event_id: str, timeout: float = 10.0) -> dict[str, Any]:
        return await self.until(
            lambda m: m["type"] in ("output", "done") and m.get("event_id") == event_id, timeout
        )

    async def close(self, code: int = 1000) -> None:
        await self.ws.close(code)

    async def drop(self) -> None:
        """Go without a close frame (the network broke): the server keeps the session."""
        self.ws.transport.abort()
        await self.ws.wait_closed()


def outputs_of(page: PageClient, event_id: str) -> list[Any]:
    """The values the page was sent for ``event_id``'s outputs (whole values or ops)."""
    found = []
    for message in page.messages:
        if message.get("event_id") == event_id:
            for patch in message.get("patches") or []:
                found.append(patch.get("ops"))
    return found


def rss_mib(pid: int | None = None) -> float:
    status = Path(f"/proc/{pid or os.getpid()}/status").read_text()
    for line in status.splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return float("nan")


async def eventually(check: Callable[[], bool], timeout: float = 10.0) -> None:
    """Wait (polling) until ``check()`` holds; AssertionError if it does not in ``timeout``."""
    deadline = time.monotonic() + timeout
    while not check():
        if time.monotonic() > deadline:
            raise AssertionError(f"still not true after {timeout} s: {check}")
        await asyncio.sleep(0.01)
