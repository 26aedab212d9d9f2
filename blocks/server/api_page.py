"""The human "Use via API" page: ``GET /api``, server-rendered from :func:`api_schema`.

Every public endpoint with its parameters, returns and copy-pastable examples (curl, the
Server-Sent Events variant when it streams, :class:`blocks.Client`), and the
OpenAI-compatible endpoint when the app serves models. Base URLs come from the request, so
the examples work behind a proxy or a root_path. Everything the app's author wrote is escaped.
"""

from __future__ import annotations

import html
import json
import shlex
from typing import TYPE_CHECKING, Any

import orjson
from starlette.requests import Request
from starlette.responses import HTMLResponse, Response
from starlette.routing import Route

from blocks.server.api import api_schema
from blocks.server.paths import frontend_version

if TYPE_CHECKING:
    from blocks.runtime.engine import Runtime

__all__ = ["api_page_routes"]


def api_page_routes(runtime: Runtime) -> list[Route]:
    """The ``GET /api`` page over ``runtime``'s graph, and ``GET /api/info``: the schema
    (``/api/schema``) where the reference serves its ``/info``."""

    async def page(request: Request) -> Response:
        root = request.scope.get("root_path", "").rstrip("/")
        base = f"{request.url.scheme}://{request.url.netloc}{root}"
        title = runtime.app.title or "Blocks"
        return HTMLResponse(
            render_api_page(runtime, title, root, base), headers={"Cache-Control": "no-cache"}
        )

    async def info(request: Request) -> Response:
        schema = api_schema(runtime.graph, runtime.files)
        body = orjson.dumps(schema, option=orjson.OPT_NON_STR_KEYS)
        return Response(body, media_type="application/json")

    return [Route("/api", page), Route("/api/info", info, methods=["GET"])]


def render_api_page(runtime: Runtime, title: str, root: str, base: str) -> str:
    endpoints = api_schema(runtime.graph, runtime.files)["endpoints"]
    models = runtime.graph.chat_models()
    static = f"{root}/static/{frontend_version()}"
    parts = [
        '<!doctype html>\n<html lang="en">\n<head>\n<meta charset="utf-8" />\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1" />\n'
        '<meta name="color-scheme" content="light dark" />\n'
        f"<title>Use via API · {_e(title)}</title>\n"
        f'<link rel="icon" href="{_e(static)}/favicon.svg" type="image/svg+xml" />\n'
        f'<link rel="stylesheet" href="{_e(static)}/style.css" />\n</head>\n<body>\n'
        '<main class="api-page">\n'
        f'<p class="api-back"><a href="{_e(root)}/">← Back to {_e(title)}</a></p>\n'
        "<h1>Use via API</h1>\n"
    ]
    if endpoints:
        parts.append(
            f"<p>Call each endpoint below with <code>POST {_e(base)}/api/&lt;name&gt;</code> and "
            'a JSON body <code>{"data": [...]}</code> holding its inputs in order. The answer is '
            '<code>{"data": [...], "session_id": "..."}</code>: send <code>session_id</code> '
            "back to keep the session's state. Machine-readable: "
            f'<a href="{_e(root)}/api/schema"><code>{_e(base)}/api/schema</code></a>.</p>\n'
        )
        if len(endpoints) > 1 or models:
            links = "".join(
                f'<li><a href="#api-{_e(n)}"><code>/{_e(n)}</code></a></li>' for n in endpoints
            )
            if models:
                links += '<li><a href="#openai">OpenAI-compatible chat completions</a></li>'
            parts.append(f'<nav aria-label="Endpoints"><ul class="api-toc">{links}</ul></nav>\n')
    else:
        parts.append("<p>This app has no public API endpoints.</p>\n")
    for name, endpoint in endpoints.items():
        parts.append(_endpoint(name, endpoint, base))
    if models:
        parts.append(_openai(list(models), base))
    parts.append("</main>\n</body>\n</html>\n")
    return "".join(parts)


def _endpoint(name: str, endpoint: dict[str, Any], base: str) -> str:
    params, returns = endpoint["parameters"], endpoint["returns"]
    url = f"{base}/api/{name}"
    body = shlex.quote(_json({"data": [p["example"] for p in params]}))
    streams = endpoint["streams"]
    out = [
        f'<section class="api-endpoint" aria-labelledby="api-{_e(name)}">\n'
        f'<h2 id="api-{_e(name)}"><code>/{_e(name)}</code></h2>\n'
        f'<p class="api-meta"><code>POST /api/{_e(name)}</code>'
        + (' <span class="api-badge">streams</span>' if streams else "")
        + "</p>\n"
    ]
    if endpoint["description"]:
        out.append(f'<p class="api-description">{_e(endpoint["description"])}</p>\n')
    out.append("<h3>Parameters</h3>\n")
    out.append(_table(params, example=True) if params else '<p class="api-muted">None.</p>\n')
    out.append("<h3>Returns</h3>\n")
    out.append(_table(returns, example=False) if returns else '<p class="api-muted">Nothing.</p>\n')
    out.append("<h3>Examples</h3>\n")
    out.append(_code("curl", _curl(url, body)))
    if streams:
        caption = "curl, streamed as Server-Sent Events (an output event per yield)"
        out.append(_code(caption, _curl(f"{url}/stream", body, "-N ")))
    args = "".join(f"    {_py(p['example'], base)},  # {_one_line(_comment(p))}\n" for p in params)
    call = f'(\n{args}    api_name="/{name}",\n)'
    python = "import blocks as gr\n"
    if "handle_file(" in args:
        python += "from blocks.client import handle_file\n"
    python += f'\nclient = gr.Client("{base}")\n'
    if streams:
        python += f"job = client.submit{call}\nfor partial in job:\n    print(partial)\n"
        python += "print(job.result())"
    else:
        python += f"result = client.predict{call}\nprint(result)"
    out.append(_code("Python (blocks.Client)", python))
    out.append("</section>\n")
    return "".join(out)


def _table(items: list[dict[str, Any]], *, example: bool) -> str:
    head = "<th>Name</th><th>Component</th><th>Type</th>" + ("<th>Example</th>" if example else "")
    rows = []
    for item in items:
        info = item["type"] or {}
        kind = f"<code>{_e(_type_text(info))}</code>"
        if info.get("description"):
            kind += f'<br /><span class="api-muted">{_e(info["description"])}</span>'
        if {"properties", "items"} & info.keys():
            kind += (
                "<details><summary>JSON schema</summary><pre><code>"
                f"{_e(_json(info, pretty=True))}</code></pre></details>"
            )
        cells = [_e(_name(item)), f"<code>{_e(item['component'])}</code>", kind]
        if example:
            cells.append(f"<code>{_e(_json(item['example']))}</code>")
        rows.append("<tr>" + "".join(f"<td>{cell}</td>" for cell in cells) + "</tr>")
    return (
        f'<div class="api-table"><table>\n<thead><tr>{head}</tr></thead>\n<tbody>\n'
        + "\n".join(rows)
        + "\n</tbody>\n</table></div>\n"
    )


def _openai(models: list[str], base: str) -> str:
    request = shlex.quote(
        _json(
            {
                "model": models[0],
                "stream": True,
                "messages": [{"role": "user", "content": "Hello"}],
            }
        )
    )
    curl = _curl(f"{base}/v1/chat/completions", request, "-N ")
    python = (
        "from openai import OpenAI\n\n"
        f'client = OpenAI(base_url="{base}/v1", api_key="unused")\n'
        f"reply = client.chat.completions.create(\n    model={_py(models[0])},\n"
        '    messages=[{"role": "user", "content": "Hello"}],\n)\n'
        "print(reply.choices[0].message.content)"
    )
    names = ", ".join(f"<code>{_e(model)}</code>" for model in models)
    return (
        '<section class="api-endpoint" aria-labelledby="openai">\n'
        '<h2 id="openai">OpenAI-compatible chat completions</h2>\n'
        f"<p>Any OpenAI client can talk to this app at <code>{_e(base)}/v1</code>. "
        f"Models: {names}. Each request is stateless: send the whole conversation, the "
        "last message being the user's.</p>\n"
        + _code("curl", curl)
        + _code("Python (openai)", python)
        + "</section>\n"
    )


def _curl(url: str, body: str, flags: str = "") -> str:
    return f"curl {flags}-X POST {url} \\\n  -H 'Content-Type: application/json' \\\n  -d {body}"


def _code(caption: str, code: str) -> str:
    return (
        f'<figure class="api-code"><figcaption>{_e(caption)}</figcaption>'
        f"<pre><code>{_e(code)}</code></pre></figure>\n"
    )


def _type_text(info: dict[str, Any]) -> str:
    if "enum" in info:
        return " | ".join(_json(choice) for choice in info["enum"]) or "enum"
    kind = info.get("type")
    if isinstance(kind, list):
        return " | ".join(str(k) for k in kind)
    return str(kind) if kind else "any"


def _name(item: dict[str, Any]) -> str:
    return str(item.get("label") or item["component"])


def _comment(item: dict[str, Any]) -> str:
    label = item.get("label")
    return f"{label} ({item['component']})" if label else str(item["component"])


def _one_line(text: str) -> str:
    return " ".join(text.split())


def _py(value: Any, base: str = "") -> str:
    """``value`` as a Python literal, strings in double quotes like the code around them; a
    file (FileData) as ``handle_file(<its URL>)``, which the client fetches and uploads: the
    way a caller passes their own files (a path in place of the URL)."""
    if isinstance(value, str):
        return json.dumps(value, ensure_ascii=False)
    if isinstance(value, list | tuple):
        return "[" + ", ".join(_py(item, base) for item in value) + "]"
    if isinstance(value, dict):
        url = value.get("url")
        if value.get("id") is not None and isinstance(url, str) and "orig_name" in value:
            absolute = url if "://" in url else f"{base}/{url.lstrip('/')}"
            return f"handle_file({_py(absolute)})"
        return "{" + ", ".join(f"{_py(k)}: {_py(v, base)}" for k, v in value.items()) + "}"
    return repr(value)


def _json(value: Any, *, pretty: bool = False) -> str:
    return json.dumps(value, ensure_ascii=False, default=str, indent=2 if pretty else None)


def _e(text: str) -> str:
    return html.escape(text, quote=True)
