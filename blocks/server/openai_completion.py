"""One chat completion being run (``POST /v1/chat/completions``; routes in openai_routes.py):
the reply so far, its answer streamed as deltas that add up to the whole answer, and usage.

A served listener yields its reply cumulatively, and may rewrite it (a status such as
"Thinking..." replaced by the answer). Deltas cannot take text back, so ``Deltas`` sends a
frame's text only once the next frame extends it (or the reply is over): a frame replaced by
the next one is never sent. Streamed or not, the answer is the reply's last frame; a reply
that rewrites text already confirmed by a later frame is the one case where the deltas could
not add up, and there the stream ends with an error event saying so instead of a wrong answer.
"""

from __future__ import annotations

import re
import time
import uuid
from collections.abc import AsyncIterator
from typing import TYPE_CHECKING, Any

import orjson

if TYPE_CHECKING:
    from blocks.server.api import ApiCall

__all__ = ["Completion", "Deltas", "RewroteSentText", "count_tokens", "reply_of"]

# Words, numbers and each other mark: a tokenizer-free count, so usage is not zero. (Models'
# own tokenizers differ; these figures only say how much text went each way.)
_TOKEN = re.compile(r"\w+|[^\w\s]")


def count_tokens(text: str) -> int:
    return len(_TOKEN.findall(text))


def reply_of(outputs: list[Any]) -> dict[str, str]:
    """A served listener's output as ``{"content", "reasoning_content"}``: a dict of those, or
    the reply text (any other JSON value as its JSON text)."""
    value = outputs[0] if outputs else None
    if isinstance(value, dict) and "content" in value:
        reasoning = value.get("reasoning_content")
        return {
            "content": _as_text(value.get("content")),
            "reasoning_content": _as_text(reasoning),
        }
    return {"content": _as_text(value), "reasoning_content": ""}


def _as_text(value: Any) -> str:
    if value is None:
        return ""
    return value if isinstance(value, str) else orjson.dumps(value).decode()


class RewroteSentText(Exception):
    """The reply changed text a delta already sent."""


class Deltas:
    """The deltas of one cumulative text: ``frame(text)`` for each frame as it arrives,
    ``end(text)`` with the last; each returns the text to send now ("" for nothing)."""

    def __init__(self) -> None:
        self.sent = ""
        self.held = ""  # the latest frame, sent once the next one extends it

    def frame(self, text: str) -> str:
        if not text.startswith(self.held):
            if not text.startswith(self.sent):
                raise RewroteSentText
            self.held = text  # the held frame was replaced before it was sent
            return ""
        confirmed, self.held = self.held, text
        return self._send(confirmed)

    def end(self, text: str) -> str:
        if not text.startswith(self.sent):
            raise RewroteSentText
        self.held = text
        return self._send(text)

    def _send(self, text: str) -> str:
        piece = text[len(self.sent) :]
        self.sent = text
        return piece


class Completion:
    """One chat completion being run: the reply so far, and how the job ended."""

    def __init__(self, call: ApiCall, model: str, prompt: str) -> None:
        self.id = "chatcmpl-" + uuid.uuid4().hex
        self.created = int(time.time())
        self.model = model
        self.prompt_tokens = count_tokens(prompt)
        self.updates = call.updates()
        self.reply = {"content": "", "reasoning_content": ""}
        self.finished = False
        self.error: dict[str, Any] | None = None

    async def step(self) -> None:
        """Wait for the job's next output, or its end."""
        async for message, outputs in self.updates:
            kind = message["type"]
            if kind == "done":
                self.finished = True
                if not message["success"]:
                    self.error = message["error"]
            if kind in ("output", "done"):
                self.reply = reply_of(outputs)
                return
        self.finished = True

    async def finish(self) -> None:
        while not self.finished:
            await self.step()

    async def close(self) -> None:
        """Stop the job if it still runs."""
        await self.updates.aclose()

    def usage(self) -> dict[str, int]:
        completion = count_tokens(self.reply["content"] + self.reply["reasoning_content"])
        total = self.prompt_tokens + completion
        return {
            "prompt_tokens": self.prompt_tokens,
            "completion_tokens": completion,
            "total_tokens": total,
        }

    def body(self) -> dict[str, Any]:
        message: dict[str, Any] = {"role": "assistant", "content": self.reply["content"]}
        if self.reply["reasoning_content"]:
            message["reasoning_content"] = self.reply["reasoning_content"]
        return {
            "id": self.id,
            "object": "chat.completion",
            "created": self.created,
            "model": self.model,
            "choices": [
                {"index": 0, "message": message, "logprobs": None, "finish_reason": "stop"}
            ],
            "usage": self.usage(),
        }

    async def chunks(self, error_event: Any) -> AsyncIterator[bytes]:
        """The reply as Server-Sent Events of deltas (``reasoning_content`` and ``content``),
        then the end: ``finish_reason`` "stop" and usage, or ``error_event(error)``."""
        streams = {"reasoning_content": Deltas(), "content": Deltas()}
        try:
            yield self._chunk({"role": "assistant", "content": ""})
            while True:
                for field, deltas in streams.items():
                    text = self.reply[field]
                    piece = deltas.end(text) if self.finished else deltas.frame(text)
                    if piece:
                        yield self._chunk({field: piece})
                if self.finished:
                    break
                await self.step()
            if self.error is not None:
                yield _sse(error_event(self.error))
            else:
                yield self._chunk({}, "stop", usage=self.usage())
        except RewroteSentText:
            rewrote = {
                "kind": "app",
                "message": "the reply rewrote text it had already streamed; ask without "
                '"stream": true for the whole answer',
            }
            yield _sse(error_event(rewrote))
        finally:
            await self.close()
        yield b"data: [DONE]\n\n"

    def _chunk(
        self,
        delta: dict[str, Any],
        finish_reason: str | None = None,
        usage: dict[str, int] | None = None,
    ) -> bytes:
        chunk: dict[str, Any] = {
            "id": self.id,
            "object": "chat.completion.chunk",
            "created": self.created,
            "model": self.model,
            "choices": [
                {"index": 0, "delta": delta, "logprobs": None, "finish_reason": finish_reason}
            ],
        }
        if usage is not None:
            chunk["usage"] = usage
        return _sse(chunk)


def _sse(data: dict[str, Any]) -> bytes:
    return b"data: " + orjson.dumps(data) + b"\n\n"
