"""A Chatbot showing what messages can hold, with every action wired to a log.

Each listener writes the event data it received into the "Last event" textbox (as JSON), so a
browser test can check what the page sent. "Stream a reply" streams into a new last message.
"""

import json
import tempfile
import time
from pathlib import Path

from PIL import Image, ImageDraw

import blocks as gr

FILES = Path(tempfile.mkdtemp(prefix="chatbot-gallery-"))


def picture(name: str, size: tuple[int, int], top: str, bottom: str, disc: str) -> str:
    """A small gradient picture with a disc, saved as PNG; its path."""
    image = Image.new("RGB", size, top)
    draw = ImageDraw.Draw(image)
    width, height = size
    a, b = (
        Image.new("RGB", (1, 1), top).getpixel((0, 0)),
        Image.new("RGB", (1, 1), bottom).getpixel((0, 0)),
    )
    for y in range(height):
        t = y / max(1, height - 1)
        draw.line(
            [(0, y), (width, y)], fill=tuple(round(a[i] + (b[i] - a[i]) * t) for i in range(3))
        )
    r = min(width, height) // 4
    draw.ellipse([width // 2 - r, height // 2 - r, width // 2 + r, height // 2 + r], fill=disc)
    path = FILES / name
    image.save(path)
    return str(path)


SUNSET = picture("sunset.png", (320, 200), "#1e3a8a", "#f97316", "#fde047")
USER_AVATAR = picture("user.png", (64, 64), "#0ea5e9", "#6366f1", "#e0f2fe")
BOT_AVATAR = picture("bot.png", (64, 64), "#f97316", "#db2777", "#fff7ed")

ANSWER = """Here is a **table** of planets:

| Planet | Moons | Rings |
| --- | ---: | :---: |
| Earth | 1 | no |
| Mars | 2 | no |
| Saturn | 146 | yes |

Some code:

```python
def greet(name: str) -> str:
    return f"Hello {name}!"
```

And Euler's identity: $$e^{i\\pi} + 1 = 0$$

- lists work
- as do `inline code` and [links](https://example.com)
"""

HISTORY = [
    {"role": "user", "content": "Show me a table, some code and a formula."},
    {
        "role": "assistant",
        "content": "I looked things up first.",
        "metadata": {
            "title": "Searching the archive",
            "id": "search",
            "status": "done",
            "duration": 1.4,
        },
    },
    {
        "role": "assistant",
        "content": "Found 3 documents about planets.",
        "metadata": {"title": "Reading results", "parent_id": "search", "status": "done"},
    },
    {"role": "assistant", "content": ANSWER},
    {"role": "user", "content": "And a picture, please?"},
    {"role": "assistant", "content": [{"path": SUNSET, "alt_text": "A sunset over the sea"}]},
    {
        "role": "assistant",
        "content": "Would you like another one?",
        "options": [{"value": "yes", "label": "Yes, please"}, {"value": "no"}],
    },
]

XSS = [
    {"role": "user", "content": 'An image: <img src=x onerror="window.__xss=1">'},
    {"role": "assistant", "content": "A script: <script>window.__xss=1</script> done"},
    {"role": "assistant", "content": "A link: [click me](javascript:window.__xss=1)"},
    {
        "role": "assistant",
        "content": '<a href="javascript:window.__xss=1">raw link</a> '
        '<svg onload="window.__xss=1"></svg>',
    },
]


NOTES = FILES / "notes.txt"
NOTES.write_text("Saturn has 146 known moons.\n")

COMPONENTS = [
    {"role": "user", "content": "Show me the data."},
    {"role": "assistant", "content": gr.JSON({"planet": "Mars", "moons": 2}, label="Facts")},
    {"role": "assistant", "content": gr.Image(SUNSET, label="Inline sunset")},
    {"role": "assistant", "content": [{"path": str(NOTES)}, "The notes, as a file."]},
]


def record(event: str, data: gr.EventData) -> str:
    return json.dumps({"event": event, **data._data})


def on_like(data: gr.LikeData) -> str:
    return record("like", data)


def on_retry(data: gr.RetryData) -> str:
    return record("retry", data)


def on_undo(data: gr.UndoData) -> str:
    return record("undo", data)


def on_edit(data: gr.EditData) -> str:
    return record("edit", data)


def on_copy(data: gr.EventData) -> str:
    return record("copy", data)


def on_option(data: gr.SelectData) -> str:
    return record("option_select", data)


def on_example(data: gr.SelectData) -> str:
    return record("example_select", data)


def on_clear() -> str:
    return json.dumps({"event": "clear"})


def stream(history):
    history = [*history, {"role": "user", "content": "Tell me a story."}]
    story = (
        "Once upon a time, in a land of **reactive** widgets, a chatbot learned to stream "
        "one word at a time, and every earlier message stayed exactly where it was. "
    )
    words = story.split(" ")
    reply = ""
    for word in words * 2:
        reply += word + " "
        time.sleep(0.02)
        yield [*history, {"role": "assistant", "content": reply}]


with gr.Blocks(title="Chatbot gallery") as demo:
    chatbot = gr.Chatbot(
        HISTORY,
        label="Gallery",
        height=560,
        avatar_images=(USER_AVATAR, BOT_AVATAR),
        feedback_options=["Like", "Dislike", "Inaccurate", "Offensive"],
        editable="all",
    )
    with gr.Row():
        streamer = gr.Button("Stream a reply")
        reset = gr.Button("Reset")
    log = gr.Textbox(label="Last event")
    untrusted = gr.Chatbot(XSS, label="Untrusted", height=260)
    raw = gr.Chatbot(XSS, label="Untrusted raw", height=260, sanitize_html=False)
    parts = gr.Chatbot(COMPONENTS, label="Components", height=420)
    empty = gr.Chatbot(
        label="Empty",
        placeholder="**Ask me anything.** Pick an example to start.",
        examples=[
            {"text": "Plan a trip to Kyoto", "icon": "✈️"},
            {"text": "Explain recursion to a five-year-old", "label": "Recursion", "icon": "🧠"},
            {"text": "Describe this picture", "files": [SUNSET], "icon": SUNSET},
        ],
        height=300,
    )

    chatbot.like(on_like, None, log)
    chatbot.retry(on_retry, None, log)
    chatbot.undo(on_undo, None, log)
    chatbot.edit(on_edit, None, log)
    chatbot.copy(on_copy, None, log)
    chatbot.clear(on_clear, None, log)
    chatbot.option_select(on_option, None, log)
    empty.example_select(on_example, None, log)
    streamer.click(stream, chatbot, chatbot)
    reset.click(lambda: HISTORY, None, chatbot)

if __name__ == "__main__":
    demo.launch()
