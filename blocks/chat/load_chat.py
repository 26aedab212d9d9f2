"""``gr.load_chat``: a ChatInterface in front of any OpenAI-compatible chat server (Ollama,
vLLM, llama.cpp, OpenAI itself, or another Blocks app's ``/v1``).

Each turn POSTs ``{base_url}/chat/completions`` with the whole conversation (the system message
first, when given) and, streaming, reads the Server-Sent Events of ``chat.completion.chunk``
deltas as they come, yielding the reply so far. Plain ``urllib`` (no HTTP client dependency):
the reply function is a sync generator, so the runtime runs it in a worker thread, and a
stopped turn closes the connection. Text files the user attaches are read into the prompt;
images go as data-URL ``image_url`` parts. A server that refuses or cannot be reached ends
the turn with a gr.Error saying so.
"""

from __future__ import annotations

import json
import mimetypes
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal

from blocks.chat.interface import ChatInterface
from blocks.components import MultimodalTextbox
from blocks.exceptions import Error

if TYPE_CHECKING:
    import urllib.error

__all__ = ["load_chat"]

FileType = Literal["text_encoded", "image"]
_FILE_TYPES = ("text_encoded", "image")
# What "text_encoded" accepts: files whose bytes are text, appended to the prompt.
_TEXT_EXTENSIONS = (
    *(".txt", ".md", ".csv", ".tsv", ".json", ".jsonl", ".yaml", ".yml", ".toml", ".xml"),
    *(".html", ".css", ".js", ".ts", ".py", ".java", ".c", ".cpp", ".h", ".go", ".rs"),
    *(".rb", ".php", ".sh", ".sql", ".ini", ".cfg", ".log", ".tex", ".rst"),
)
_TIMEOUT_SECONDS = 300
# An attached text file is cut beyond this many characters (the prompt has a limit anyway).
_MAX_TEXT_CHARS = 200_000


def load_chat(
    base_url: str,
    model: str,
    token: str | None = None,
    *,
    file_types: FileType | list[FileType] | None = "text_encoded",
    system_message: str | None = None,
    streaming: bool = True,
    **kwargs: Any,
) -> ChatInterface:
    """A chat with ``model`` served at ``base_url`` by an OpenAI-compatible API, e.g.
    ``gr.load_chat("http://localhost:11434/v1/", model="llama3.2", token="ollama")``.

    ``token``: sent as ``Authorization: Bearer``; ``file_types``: what the user may attach,
    ``"text_encoded"`` (text files, added to the prompt) and/or ``"image"``, or None for a
    plain message box; ``system_message``: said first in every conversation; ``streaming``:
    show the reply as it is written. Other keyword arguments go to ChatInterface.
    """
    if not isinstance(base_url, str) or not base_url.startswith(("http://", "https://")):
        raise ValueError(
            f"base_url must be an http(s) URL such as http://localhost:11434/v1/, got {base_url!r}"
        )
    if not isinstance(model, str) or not model.strip():
        raise ValueError(f"model must be the name of a model the server serves, got {model!r}")
    if token is not None and not isinstance(token, str):
        raise TypeError(f"token must be a string (or None), got {token!r}")
    if system_message is not None and not isinstance(system_message, str):
        raise TypeError(f"system_message must be a string (or None), got {system_message!r}")
    kinds = _file_kinds(file_types)
    endpoint = base_url.rstrip("/") + "/chat/completions"
    headers = {"Content-Type": "application/json", "Accept": "text/event-stream, application/json"}
    if token:
        headers["Authorization"] = f"Bearer {token}"

    def conversation(message: Any, history: list[dict[str, Any]]) -> list[dict[str, Any]]:
        messages = [{"role": "system", "content": system_message}] if system_message else []
        for earlier in history:
            content = _content(earlier.get("content"), kinds)
            if content:
                _append(messages, earlier.get("role", "user"), content)
        if isinstance(message, dict):
            parts = [*_content(message.get("text") or "", kinds)]
            for path in message.get("files") or []:
                parts.extend(_content({"path": path}, kinds))
        else:
            parts = _content(message, kinds)
        _append(messages, "user", parts)
        return messages

    def open_reply(messages: list[dict[str, Any]], stream: bool) -> Any:
        import urllib.error  # here: urllib.request costs 15 ms, paid by `import blocks`
        import urllib.request

        body = json.dumps({"model": model, "messages": messages, "stream": stream}).encode()
        request = urllib.request.Request(endpoint, data=body, headers=headers, method="POST")
        try:
            return urllib.request.urlopen(request, timeout=_TIMEOUT_SECONDS)
        except urllib.error.HTTPError as exc:
            raise Error(f"{endpoint} answered {exc.code}: {_error_text(exc)}") from None
        except (urllib.error.URLError, OSError) as exc:
            reason = getattr(exc, "reason", exc)
            raise Error(f"Could not reach {endpoint}: {reason}") from None

    if streaming:

        def chat(message: Any, history: list[dict[str, Any]]) -> Iterator[str]:
            reply = ""
            with open_reply(conversation(message, history), True) as response:
                for delta in _deltas(response):
                    if delta:
                        reply += delta
                        yield reply
            if not reply:
                yield ""

        fn: Any = chat
    else:

        def answer(message: Any, history: list[dict[str, Any]]) -> str:
            with open_reply(conversation(message, history), False) as response:
                payload = json.loads(response.read() or b"{}")
            try:
                return str(payload["choices"][0]["message"]["content"] or "")
            except (KeyError, IndexError, TypeError):
                raise Error(
                    f"{endpoint} sent an answer without choices: {payload!r:.200}"
                ) from None

        fn = answer
    if kinds and "textbox" not in kwargs:
        accepted: list[str] = []
        if "text_encoded" in kinds:
            accepted.extend(_TEXT_EXTENSIONS)
        if "image" in kinds:
            accepted.append("image")
        # The box ChatInterface would make for multimodal=True, with these file types.
        kwargs["textbox"] = MultimodalTextbox(
            file_types=accepted,
            file_count="multiple",
            label="Message",
            show_label=False,
            placeholder="Type a message...",
            scale=7,
            container=False,
            autofocus=kwargs.pop("autofocus", True),
            submit_btn=_button(kwargs.pop("submit_btn", True), "Submit"),
            stop_btn=_button(kwargs.pop("stop_btn", True), "Stop"),
            render=False,
        )
        kwargs.setdefault("multimodal", True)
    kwargs.setdefault("title", model)
    return ChatInterface(fn, **kwargs)


def _button(value: Any, default: str) -> str | bool:
    if value is True:
        return default
    return False if value in (False, None) else str(value)


def _file_kinds(file_types: Any) -> list[str]:
    if file_types is None:
        return []
    kinds = [file_types] if isinstance(file_types, str) else list(file_types)
    unknown = [kind for kind in kinds if kind not in _FILE_TYPES]
    if unknown:
        raise ValueError(
            f"file_types must be 'text_encoded', 'image', a list of them or None; got {unknown}"
        )
    return kinds


def _append(messages: list[dict[str, Any]], role: str, parts: list[dict[str, Any]]) -> None:
    """Add a message; text-only content goes as a plain string (every server takes those), and
    consecutive messages of one role (a text, then its file) merge into one."""
    if not parts:
        return
    if messages and messages[-1]["role"] == role and role != "system":
        parts = [*_as_parts(messages[-1]["content"]), *parts]
        messages.pop()
    texts = [part["text"] for part in parts if part["type"] == "text"]
    content: Any = "\n\n".join(texts) if len(texts) == len(parts) else parts
    messages.append({"role": role, "content": content})


def _as_parts(content: Any) -> list[dict[str, Any]]:
    return [{"type": "text", "text": content}] if isinstance(content, str) else list(content)


def _content(content: Any, kinds: list[str]) -> list[dict[str, Any]]:
    """A history or message content (text, a file ``{"path"}``, a component, or a list of
    those) as OpenAI content parts."""
    if content is None:
        return []
    if isinstance(content, str):
        return [{"type": "text", "text": content}] if content else []
    if isinstance(content, (list, tuple)):
        return [part for item in content for part in _content(item, kinds)]
    if isinstance(content, dict):
        if content.get("type") == "text" and isinstance(content.get("text"), str):
            return [{"type": "text", "text": content["text"]}]
        path = content.get("path") or (content.get("file") or {}).get("path")
        if isinstance(path, str):
            return _file_part(path, kinds)
    return []  # components (an image the bot showed, say) are not sent back


def _file_part(path: str, kinds: list[str]) -> list[dict[str, Any]]:
    mime = mimetypes.guess_type(path)[0] or ""
    file = Path(path)
    if mime.startswith("image/") and "image" in kinds and file.is_file():
        import base64

        data = base64.b64encode(file.read_bytes()).decode()
        return [{"type": "image_url", "image_url": {"url": f"data:{mime};base64,{data}"}}]
    if "text_encoded" in kinds and file.is_file():
        try:
            text = file.read_text(encoding="utf-8")[:_MAX_TEXT_CHARS]
        except (UnicodeDecodeError, OSError):
            return []
        return [{"type": "text", "text": f"{file.name}:\n{text}"}]
    return []


def _deltas(response: Any) -> Iterator[str]:
    """The content deltas of an OpenAI Server-Sent Events stream; an error event raises."""
    for raw in response:
        line = raw.decode("utf-8", "replace").strip()
        if not line.startswith("data:"):
            continue
        data = line[len("data:") :].strip()
        if data == "[DONE]":
            return
        try:
            chunk = json.loads(data)
        except json.JSONDecodeError:
            continue
        if isinstance(chunk, dict) and chunk.get("error"):
            error = chunk["error"]
            message = error.get("message") if isinstance(error, dict) else error
            raise Error(f"The model server failed: {message}")
        choices = chunk.get("choices") if isinstance(chunk, dict) else None
        for choice in choices or []:
            content = (choice.get("delta") or {}).get("content")
            if isinstance(content, str):
                yield content


def _error_text(exc: urllib.error.HTTPError) -> str:
    try:
        body = exc.read(4096).decode("utf-8", "replace")
    except OSError:
        return exc.reason or "error"
    try:
        error = json.loads(body).get("error")
        if isinstance(error, dict) and error.get("message"):
            return str(error["message"])
    except (json.JSONDecodeError, AttributeError):
        pass
    return body.strip()[:300] or str(exc.reason)
