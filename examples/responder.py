"""The showcase's replies: an offline responder that needs no model, or a real model behind
any OpenAI-compatible endpoint when BLOCKS_LLM_BASE_URL is set (BLOCKS_LLM_API_KEY and
BLOCKS_LLM_MODEL optional)."""

from __future__ import annotations

import json
import os
import random
import re
import time
import urllib.request
from collections.abc import Iterator

TOPICS = {
    "code": (
        "Here is a small Python function that streams words, the way this reply does:\n\n"
        '```python\ndef stream(text):\n    reply = ""\n    for word in text.split():\n'
        '        reply += word + " "\n        yield reply\n```\n\n'
        "Each `yield` sends only the new words to your browser."
    ),
    "table": (
        "| Framework feature | Blocks |\n| --- | --- |\n| Streaming deltas | yes |\n"
        "| Resumable sessions | yes |\n| One round trip per turn | yes |\n\n"
        "Tables, lists and code are rendered as Markdown."
    ),
    "math": (
        "The area of a circle is $$A = \\pi r^2$$ and Euler's identity is $$e^{i\\pi} + 1 = 0$$"
    ),
}

OPENERS = [
    "Good question.",
    "Let me think about that.",
    "Here is what I can tell you.",
    "Interesting!",
]


def offline_reply(message: str, history: list[dict], temperature: float) -> str:
    """A deterministic-enough answer without a model: topic answers, else a reflection."""
    lowered = message.lower()
    for topic, text in TOPICS.items():
        if topic in lowered:
            return text
    words = re.findall(r"[\w']+", message)
    rng = random.Random(len(history) * 7919 + int(temperature * 100) + len(message))
    opener = rng.choice(OPENERS)
    if not words:
        return f"{opener} You sent an empty-looking message; try *code*, *table* or *math*."
    focus = max(words, key=len)
    turns = len(history) // 2
    return (
        f"{opener} You mentioned **{focus}**"
        + (f" (after {turns} earlier turn{'s' * (turns != 1)})" if turns else "")
        + f". At temperature {temperature:.1f} I would say: {focus} is worth exploring "
        "step by step. Ask me about *code*, a *table* or *math* to see rich replies."
    )


def stream_words(text: str, delay: float) -> Iterator[str]:
    reply = ""
    for piece in re.findall(r"\S+\s*", text):
        reply += piece
        if delay:
            time.sleep(delay)
        yield reply


def model_configured() -> bool:
    return bool(os.environ.get("BLOCKS_LLM_BASE_URL"))


def model_reply(
    message: str, history: list[dict], system: str, temperature: float
) -> Iterator[str]:
    """Stream a reply from an OpenAI-compatible /chat/completions endpoint."""
    base = os.environ["BLOCKS_LLM_BASE_URL"].rstrip("/")
    messages = [{"role": "system", "content": system}] if system else []
    messages += [
        {"role": m["role"], "content": m["content"]}
        for m in history
        if isinstance(m.get("content"), str)
    ]
    messages.append({"role": "user", "content": message})
    body = json.dumps(
        {
            "model": os.environ.get("BLOCKS_LLM_MODEL", "gpt-4o-mini"),
            "messages": messages,
            "temperature": temperature,
            "stream": True,
        }
    ).encode()
    request = urllib.request.Request(
        base + "/chat/completions",
        data=body,
        headers={
            "Content-Type": "application/json",
            "Authorization": f"Bearer {os.environ.get('BLOCKS_LLM_API_KEY', 'none')}",
        },
    )
    reply = ""
    with urllib.request.urlopen(request, timeout=60) as response:
        for raw in response:
            line = raw.decode().strip()
            if not line.startswith("data:") or line == "data: [DONE]":
                continue
            chunk = json.loads(line[5:])
            delta = chunk["choices"][0].get("delta", {}).get("content") or ""
            if delta:
                reply += delta
                yield reply
