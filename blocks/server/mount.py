"""``gr.mount_blocks(app, blocks, path)``: serve a Blocks app inside a FastAPI or Starlette
app, under ``path`` (the reference framework calls it ``mount_gradio_app``).

The Blocks app is mounted as it would be launched: its page, WebSocket, API, files and
``/v1`` answer under the path (and under the outer server's ``root_path``: every URL the page
builds comes from the request's root path), behind the same login gate when ``auth`` is given
and with the same security headers. The outer app's server serves it: nothing is bound here.
"""

from __future__ import annotations

from typing import Any

__all__ = ["mount_blocks", "mount_gradio_app"]


def mount_blocks(
    app: Any,
    blocks: Any,
    path: str,
    server_name: str = "0.0.0.0",
    server_port: int = 7860,
    show_api: bool | None = None,
    app_kwargs: dict[str, Any] | None = None,
    *,
    auth: Any = None,
    auth_message: str | None = None,
    root_path: str | None = None,
    allowed_paths: list[str] | None = None,
    blocked_paths: list[str] | None = None,
    show_error: bool = True,
    max_file_size: int | str | None = None,
    frame_ancestors: str | list[str] | None = None,
    theme: Any = None,
    css: str | None = None,
    css_paths: Any = None,
    js: str | None = None,
    head: str | None = None,
    head_paths: Any = None,
    **ignored: Any,
) -> Any:
    """Mount ``blocks`` on ``app`` (anything with Starlette's ``mount(path, asgi_app)``) at
    ``path``, e.g. ``"/chat"``; returns ``app``.

    ``auth``, ``auth_message``, ``allowed_paths``, ``blocked_paths``, ``show_error``,
    ``max_file_size``, ``frame_ancestors`` and the page options (``theme``, ``css``...) are as
    in ``launch()``. ``server_name``, ``server_port``, ``show_api``, ``app_kwargs`` and
    ``root_path`` are accepted for compatibility: the outer server binds, and it sets the
    root path (``uvicorn --root-path``) that the mounted app follows.
    """
    from blocks.server.auth import AuthGate, check_auth_argument
    from blocks.server.headers import SecurityHeaders, frame_ancestors_from
    from blocks.server.launch import parse_size
    from blocks.server.routes import create_app

    if not callable(getattr(app, "mount", None)):
        raise TypeError(
            f"mount_blocks needs a FastAPI or Starlette app to mount on, got {type(app).__name__}"
        )
    if not isinstance(path, str) or not path.startswith("/"):
        raise ValueError(f"the path must start with '/', e.g. '/chat'; got {path!r}")
    path = path.rstrip("/")  # "/" mounts at the root
    check = check_auth_argument(auth)
    ancestors = frame_ancestors_from(frame_ancestors)
    blocks._set_page_options(
        theme=theme, css=css, css_paths=css_paths, js=js, head=head, head_paths=head_paths
    )
    blocks.show_error = show_error
    blocks.allowed_paths = list(allowed_paths or [])
    blocks.blocked_paths = list(blocked_paths or [])
    if max_file_size is not None:
        blocks.max_file_size = parse_size(max_file_size)
    served: Any = create_app(blocks.runtime, frame_ancestors=ancestors)
    if check is not None:
        served = AuthGate(served, check, realm=blocks.title or "Blocks", message=auth_message)
        served = SecurityHeaders(served, frame_ancestors=ancestors)
    app.mount(path, served)
    return app


mount_gradio_app = mount_blocks
