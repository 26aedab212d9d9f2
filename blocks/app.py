"""``gr.Blocks``: the app. A thin facade over the graph (what the app is), the runtime (queue,
sessions, execution) and the server (HTTP and WebSocket), the last two created on first use."""

from __future__ import annotations

import hashlib
import json
import os
import weakref
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal

from blocks.exceptions import GraphError
from blocks.graph.block import BlockContext, current_graph, current_layout
from blocks.graph.events import EventListener
from blocks.graph.filestore import FileStore, set_default_cache
from blocks.graph.model import Graph
from blocks.themes import ThemeClass, theme_from

if TYPE_CHECKING:
    from blocks.runtime.engine import Runtime
    from blocks.server.serving import Server

__all__ = [
    "DEFAULT_MAX_FILE_SIZE",
    "MAX_FILE_SIZE_ENV",
    "Blocks",
    "close_all",
    "default_max_file_size",
]

# The largest upload accepted unless launch(max_file_size=...) or BLOCKS_MAX_FILE_SIZE says
# otherwise: uploads stream to disk, so this bounds the disk one request can fill, not memory.
# 1 GiB takes long recordings and videos; launch(max_file_size=None) is unlimited.
DEFAULT_MAX_FILE_SIZE = 1024**3
MAX_FILE_SIZE_ENV = "BLOCKS_MAX_FILE_SIZE"
_UNSET: Any = object()
# Every app launched in this process and not closed yet, for close_all() (weak: an app that
# is otherwise gone is not kept alive by it).
_LAUNCHED: weakref.WeakSet[Blocks] = weakref.WeakSet()


def default_max_file_size() -> int | None:
    """The upload limit when launch() is not given one: ``BLOCKS_MAX_FILE_SIZE`` (bytes or a
    size such as ``"200mb"``; ``"none"`` for no limit), else 1 GiB."""
    import os

    text = os.environ.get(MAX_FILE_SIZE_ENV, "").strip()
    if not text:
        return DEFAULT_MAX_FILE_SIZE
    if text.lower() in ("none", "unlimited"):
        return None
    from blocks.server.launch import parse_size

    try:
        size = parse_size(int(text) if text.isdigit() else text)
    except ValueError:
        size = None
    if size is None or size < 1:
        raise ValueError(
            f"{MAX_FILE_SIZE_ENV} must be a size such as 500mb or 1gb (or bytes, or 'none' "
            f"for no limit), got {text!r}"
        )
    return size


def _process_cache() -> FileStore:
    """The process-wide cache of components used outside a running app (tests, scripts);
    imported on first use, so ``import blocks`` does not pay for the file cache."""
    from blocks.runtime.files import FileCache

    return FileCache.temporary()


set_default_cache(_process_cache)


class Blocks(BlockContext):
    """An app, or a section of one when opened inside another ``with gr.Blocks()``.

    Blocks and listeners created inside ``with Blocks() as demo:`` belong to ``demo``;
    ``demo.launch()`` serves it, ``demo.app`` is its ASGI app.
    """

    TYPE = "blocks"
    PROPS = ("fill_height", "fill_width")
    load = EventListener("load", "The page was opened (or reloaded).")
    unload = EventListener("unload", "The user closed the page.")

    def __init__(
        self,
        title: str = "Blocks",
        *,
        css: str | None = None,
        css_paths: str | Path | Sequence[str | Path] | None = None,
        js: str | None = None,
        head: str | None = None,
        head_paths: str | Path | Sequence[str | Path] | None = None,
        theme: ThemeClass | str | None = None,
        fill_height: bool = False,
        fill_width: bool = False,
        analytics_enabled: bool | None = None,
        delete_cache: tuple[int, int] | None = None,
        mode: str = "blocks",
        **kwargs: Any,
    ) -> None:
        self.title = title
        # The page's look (launch() may replace each): theme= is a gr.themes theme or a
        # built-in theme's name; css_paths/head_paths are files read when the page is served.
        self.css: str | None = _text_option("css", css)
        self.css_paths: list[Path] = _page_files("css_paths", css_paths)
        self.js: str | None = _text_option("js", js)
        self.head: str | None = _text_option("head", head)
        self.head_paths: list[Path] = _page_files("head_paths", head_paths)
        self.theme: ThemeClass | None = theme_from(theme)
        self.fill_height = fill_height
        self.fill_width = fill_width
        self.delete_cache = delete_cache
        self.mode = mode
        self.default_concurrency_limit: int | None = 1
        self.max_queue_size: int | None = None
        self.stream_interval = 1 / 60
        self.show_error = False
        # Uploads are limited even when the app is mounted without launch().
        self.max_file_size: int | None = default_max_file_size()
        self.max_threads = 40
        self.allowed_paths: list[str] = []
        self.blocked_paths: list[str] = []
        self._runtime: Runtime | None = None
        self._server: Server | None = None
        self.launched = False
        outer = current_graph()
        # Inside another open Blocks this one is a section of it; otherwise it is an app.
        self._graph: Graph | None = None
        super().__init__(render=outer is not None, **kwargs)
        if outer is None:
            self._graph = Graph(self)

    def _own_graph(self) -> Graph | None:
        return self._graph

    @property
    def root_graph(self) -> Graph:
        """The graph this Blocks serves."""
        if self._graph is None:
            raise GraphError(
                "This Blocks is a section of another app; launch the outer Blocks instead."
            )
        return self._graph

    def render(self) -> Blocks:
        """Place this app inside the currently open Blocks, with all its listeners."""
        outer = current_graph()
        own = self._graph
        if own is None:
            super().render()
            return self
        if outer is None or outer is own:
            return self
        if self._runtime is not None:
            raise GraphError("An app that is already running cannot be rendered into another.")
        layout = current_layout()
        assert layout is not None
        outer.merge(own, layout)
        return self

    # ------------------------------------------------------------------ settings

    def queue(
        self,
        *,
        default_concurrency_limit: int | Literal["not_set"] | None = "not_set",
        max_size: int | None = None,
        status_update_rate: Any = "auto",
        api_open: bool | None = None,
        concurrency_count: Any = None,
    ) -> Blocks:
        """Configure the queue every event goes through (unless its listener has queue=False).

        ``default_concurrency_limit`` (default 1!) is how many jobs of one function run at once
        when its listener says ``concurrency_limit="default"``; ``max_size`` refuses jobs beyond
        that many waiting with a "queue is full" error.
        """
        if concurrency_count is not None:
            raise GraphError(
                "queue(concurrency_count=...) was removed; use "
                "queue(default_concurrency_limit=...) or a listener's concurrency_limit"
            )
        if default_concurrency_limit != "not_set":
            if default_concurrency_limit is not None and (
                not isinstance(default_concurrency_limit, int) or default_concurrency_limit < 1
            ):
                raise GraphError(
                    "default_concurrency_limit must be a positive int or None, "
                    f"got {default_concurrency_limit!r}"
                )
            self.default_concurrency_limit = default_concurrency_limit
        if max_size is not None and (not isinstance(max_size, int) or max_size < 0):
            raise GraphError(f"max_size must be a non-negative int or None, got {max_size!r}")
        self.max_queue_size = max_size
        return self

    def config(self) -> dict[str, Any]:
        """The JSON config the page boots from."""
        config = self.root_graph.config()
        config.update(
            title=self.title,
            css=self.css,
            js=self.js,
            head=self.head,
            fill_height=self.fill_height,
            fill_width=self.fill_width,
            root=self.root_graph.root.id,
            show_api=any(
                dep.api_visibility == "public"
                for dep in self.root_graph.api_dependencies().values()
            ),
            # Under `blocks app.py`: a page of an older run shows the new one in place.
            dev=os.environ.get("BLOCKS_DEV") == "1",
        )
        if config["dev"]:
            # Any change shows, a label's too: the fingerprint covers the whole config.
            whole = json.dumps(config, sort_keys=True, default=str).encode()
            config["fingerprint"] = hashlib.sha256(whole).hexdigest()[:16]
        return config

    # ------------------------------------------------------------------ running

    @property
    def runtime(self) -> Runtime:
        """The queue, sessions and execution of this app (created on first use)."""
        if self._runtime is None:
            from blocks.runtime.engine import Runtime

            self._runtime = Runtime(self)
        return self._runtime

    @property
    def app(self) -> Any:
        """This app as an ASGI application, to serve under any ASGI server."""
        from blocks.server.routes import create_app

        return create_app(self.runtime)

    def launch(
        self,
        server_name: str | None = None,
        server_port: int | None = None,
        *,
        prevent_thread_lock: bool = False,
        quiet: bool = False,
        inbrowser: bool = False,
        show_error: bool = False,
        max_file_size: int | str | None = _UNSET,
        share: bool | None = None,
        debug: bool = False,
        root_path: str | None = None,
        auth: Any = None,
        auth_message: str | None = None,
        allowed_paths: list[str] | None = None,
        blocked_paths: list[str] | None = None,
        max_threads: int = 40,
        allowed_hosts: list[str] | None = None,
        frame_ancestors: str | list[str] | None = None,
        theme: ThemeClass | str | None = None,
        css: str | None = None,
        css_paths: str | Path | Sequence[str | Path] | None = None,
        js: str | None = None,
        head: str | None = None,
        head_paths: str | Path | Sequence[str | Path] | None = None,
        **kwargs: Any,
    ) -> tuple[Any, str | None, None]:
        """Serve the app and print its URL; blocks until interrupted unless
        ``prevent_thread_lock=True`` (then ``close()`` stops it). Returns ``(app, local_url,
        share_url)`` as the reference framework does: the ASGI app served, the local URL, and
        None (there are no share links).

        ``auth``: a (username, password) pair, a list of them, or a function
        ``(username, password) -> bool``; the browser asks for them (HTTP Basic).
        ``allowed_hosts``: host names the app answers for besides the loopback ones (an app
        bound to a loopback address refuses any other Host: DNS rebinding).
        ``frame_ancestors``: the pages that may show the app in a frame, e.g.
        ``["https://example.com"]`` or ``"*"`` (default: only its own, ``'self'``).
        ``max_file_size``: the largest upload, in bytes or as ``"5mb"``; ``None`` for no
        limit (default: ``BLOCKS_MAX_FILE_SIZE``, else 1 GiB).
        ``theme``, ``css``, ``css_paths``, ``js``, ``head``, ``head_paths``: as on ``Blocks()``
        (where the reference framework's version 6 moved them); given here, they win.
        """
        from blocks.server.launch import check_launch_options, launch

        check_launch_options(kwargs, share=share)
        self._set_page_options(
            theme=theme, css=css, css_paths=css_paths, js=js, head=head, head_paths=head_paths
        )
        self.show_error = show_error
        self.max_threads = max_threads
        self.allowed_paths = list(allowed_paths or [])
        self.blocked_paths = list(blocked_paths or [])
        if max_file_size is _UNSET:
            max_file_size = default_max_file_size()
        _LAUNCHED.add(self)
        self.launched = True  # it served (or serves): `blocks app.py` must not launch it again
        self._server = launch(
            self,
            server_name=server_name,
            server_port=server_port,
            prevent_thread_lock=prevent_thread_lock,
            quiet=quiet,
            inbrowser=inbrowser,
            allowed_hosts=allowed_hosts,
            frame_ancestors=frame_ancestors,
            max_file_size=max_file_size,
            root_path=root_path,
            auth=auth,
            auth_message=auth_message,
        )
        served = self._server
        return (served.app if served is not None else None, self.local_url, None)

    def _set_page_options(self, **options: Any) -> None:
        """launch()'s page options over the constructor's (each only when given)."""
        changed = False
        for name, value in options.items():
            if value is None:
                continue
            if name == "theme":
                self.theme = theme_from(value)
            elif name.endswith("_paths"):
                setattr(self, name, _page_files(name, value))
            else:
                setattr(self, name, _text_option(name, value))
            changed = True
        # Files are checked again at launch: one may have gone since the app was built.
        _page_files("css_paths", self.css_paths)
        _page_files("head_paths", self.head_paths)
        if changed and self._runtime is not None:
            self._runtime.config = self.config()  # the page's js= is part of its config

    @property
    def local_url(self) -> str | None:
        return self._server.url if self._server is not None else None

    def close(self) -> None:
        """Stop the server started by launch() and free its port and threads."""
        _LAUNCHED.discard(self)
        if self._server is not None:
            self._server.stop()
            self._server = None
        if self._runtime is not None:
            self._runtime.close()
            self._runtime = None

    def __enter__(self) -> Blocks:
        super().__enter__()
        return self


def _text_option(name: str, value: Any) -> str | None:
    if value is None or isinstance(value, str):
        return value
    raise TypeError(f"{name} must be a string, got {type(value).__name__}")


def _page_files(name: str, value: Any) -> list[Path]:
    """``css_paths=``/``head_paths=``: one path or a list of them, each an existing file."""
    if value is None:
        return []
    items = [value] if isinstance(value, (str, Path)) else value
    if not isinstance(items, (list, tuple)):
        raise TypeError(f"{name} must be a path or a list of paths, got {value!r}")
    paths: list[Path] = []
    for item in items:
        if not isinstance(item, (str, Path)):
            raise TypeError(f"{name}: {item!r} is not a path")
        path = Path(item)
        if not path.is_file():
            raise ValueError(f"{name}: {str(path)!r} is not a file (looked in {Path.cwd()})")
        paths.append(path)
    return paths


def close_all(verbose: bool = True) -> None:
    """Close every app launched in this process (``demo.close()`` on each): their servers
    stop and free their ports. ``verbose`` prints each port closed."""
    for app in list(_LAUNCHED):
        url = app.local_url
        app.close()
        if verbose and url:
            print(f"Closing server running on port: {url.rsplit(':', 1)[-1].rstrip('/')}")
