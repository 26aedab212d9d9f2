"""Apps the benchmarks serve. Run as ``python bench/apps.py echo|stream``; the port comes from
BLOCKS_SERVER_PORT."""

from __future__ import annotations

import sys

import blocks as gr

TOKENS = 2000


def echo(text):
    return text


async def echo_async(text):
    return text


def stream(text):
    reply = ""
    for index in range(TOKENS):
        reply += f"tok{index % 10} "
        yield reply


def build(kind: str) -> gr.Blocks:
    with gr.Blocks() as demo:
        box = gr.Textbox(label="In")
        out = gr.Textbox(label="Out")
        button = gr.Button("Go")
        fn = {"echo": echo, "echo_async": echo_async, "echo_unlimited": echo}.get(kind, stream)
        limit = None if kind == "echo_unlimited" else "default"
        button.click(fn, box, out, concurrency_limit=limit)
    return demo


def ceiling() -> None:
    """A bare Starlette WebSocket echo on uvicorn: the stack's own ceiling, for comparison.
    It answers each message with one frame shaped like our `done` message."""
    import os

    import uvicorn
    from starlette.applications import Starlette
    from starlette.responses import JSONResponse
    from starlette.routing import Route, WebSocketRoute
    from starlette.websockets import WebSocket

    async def echo(websocket: WebSocket) -> None:
        await websocket.accept()
        await websocket.receive_text()  # hello
        await websocket.send_text('{"type":"welcome"}')
        while True:
            await websocket.receive_text()
            await websocket.send_text('{"type":"done","success":true}')

    async def health(request):  # type: ignore[no-untyped-def]
        return JSONResponse({"status": "ok"})

    app = Starlette(routes=[WebSocketRoute("/ws", echo), Route("/health", health)])
    uvicorn.run(
        app, host="127.0.0.1", port=int(os.environ["BLOCKS_SERVER_PORT"]), log_level="warning"
    )


if __name__ == "__main__":
    if sys.argv[1] == "ceiling":
        ceiling()
    else:
        build(sys.argv[1]).launch()
