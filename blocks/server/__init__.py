"""The thin Starlette adapters (pages, WebSocket, uploads, downloads, API, API page, OpenAI
routes, auth, security checks) and launch. They parse, feed the runtime, and send.
"""

__all__: list[str] = []
