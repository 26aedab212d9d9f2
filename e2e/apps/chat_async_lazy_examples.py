"""An async chat function whose examples are cached lazily: the first click on an example
runs the function (on the event loop, like any turn of the chat) and keeps its answer."""

import asyncio
import os
import tempfile

import blocks as gr

# A fresh cache for every launch, outside the repository, so a click really calls fn.
os.chdir(tempfile.mkdtemp(prefix="chat-async-lazy-"))


async def answer(message, history):
    await asyncio.sleep(0.2)
    return f"Async answer to: {message}"


demo = gr.ChatInterface(
    answer,
    examples=["What is lazy caching?", "Why async?"],
    cache_examples=True,
    cache_mode="lazy",
)

if __name__ == "__main__":
    demo.launch()
