"""A chat with a model served by any OpenAI-compatible server, in one line: ``gr.load_chat``.

Start a server first: Ollama (``ollama serve``, then ``BASE_URL=http://localhost:11434/v1/``
``MODEL=llama3.2``), vLLM, llama.cpp, or another Blocks app: every ChatInterface also serves
``/v1/chat/completions`` (``python examples/guide_streaming.py``, then
``BASE_URL=http://127.0.0.1:7860/v1``). The reply streams in as the server writes it.
"""

import os

import blocks as gr

demo = gr.load_chat(
    os.environ.get("BASE_URL", "http://localhost:11434/v1/"),
    model=os.environ.get("MODEL", "llama3.2"),
    token=os.environ.get("OPENAI_API_KEY", "ollama"),
    system_message="You are a helpful assistant.",
)

if __name__ == "__main__":
    demo.launch()
