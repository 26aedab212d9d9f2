"""The parts of a Chatbot message that are not text: files and inline components, turned into
wire parts once and remembered across postprocess calls, and read back from a client by id."""

from __future__ import annotations

import inspect
import os
import threading
import weakref
from pathlib import Path
from typing import Any

from blocks.components._checks import describe
from blocks.components._files import file_output
from blocks.components.base import Component, FormComponent
from blocks.exceptions import ValidationError
from blocks.graph.filestore import current_cache
from blocks.protocol.files import is_url

__all__ = ["PartCache", "WireMessage", "component_part_copy", "file_in"]

# Constructor arguments of an inline component that are not properties shown in the message.
_NOT_PROPS = frozenset({"value", "render", "key", "every", "inputs"})
_NOT_INLINE = frozenset({"chatbot", "state"})
# Postprocess runs on every streamed yield; files and components it has already turned into
# wire parts are remembered (at most this many files) so a long history costs lookups only.
_MAX_CACHED_FILES = 4096


class PartCache:
    """Wire parts for files and inline components, remembered across postprocess calls.

    A file is registered once per (path, mtime, size) and current file cache; a component is
    postprocessed once per (instance, value object). Shared by the per-session copies of a
    Chatbot, so it is locked.
    """

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._files: dict[tuple[str, int, int], tuple[Any, dict[str, Any]]] = {}
        self._components: weakref.WeakKeyDictionary[Component, tuple[Any, Any, Any]] = (
            weakref.WeakKeyDictionary()
        )

    def file(self, source: Any, alt_text: Any) -> dict[str, Any]:
        data = self._filedata(source)
        part: dict[str, Any] = {"type": "file", "file": data}
        if alt_text is not None:
            part["alt_text"] = str(alt_text)
        return part

    def _filedata(self, source: Any) -> dict[str, Any]:
        if isinstance(source, dict) and source.get("path") is not None:
            source = source["path"]
        if not isinstance(source, (str, Path)) or is_url(source):
            try:
                data = file_output(source, "Chatbot")
            except TypeError:
                raise TypeError(
                    f"has a file {source!r:.100} that is not a path, a URL or a FileData dict"
                ) from None
            return _set_keys(data)
        cache = current_cache()
        try:
            stat = os.stat(source)
        except OSError:
            return _set_keys(cache.add_path(source))  # raises its own clear error
        key = (os.path.abspath(source), stat.st_mtime_ns, stat.st_size)
        with self._lock:
            hit = self._files.get(key)
        if hit is not None and hit[0] is cache and hit[1]["id"] in cache:
            return dict(hit[1])
        data = _set_keys(cache.add_path(source))
        with self._lock:
            if len(self._files) >= _MAX_CACHED_FILES:
                self._files.clear()
            self._files[key] = (cache, data)
        return dict(data)

    def rebuild(self, part: dict[str, Any]) -> Component:
        """A component part from a client -> a new component holding its preprocessed value.

        It is remembered with the wire value it came from, so returning it unchanged sends
        that value back as it was (an image is not decoded and encoded again at every turn).
        """
        name = part.get("component")
        cls = _inline_classes().get(name) if isinstance(name, str) else None
        if cls is None:
            raise ValueError(f"has an unknown component {describe(name)}")
        props = part.get("props") or {}
        if not isinstance(props, dict):
            raise TypeError(f"has {name} props that are {describe(props)}, not an object")
        kwargs = {k: v for k, v in props.items() if k in cls._all_props and k not in _NOT_PROPS}
        payload = part.get("value")
        # A picture in the history is handed back as its file unless the app named its type:
        # the reference's default (a numpy array) would make every later turn need numpy,
        # which is not a dependency, for a value the listener rarely reads.
        reading = dict(kwargs)
        if "type" not in reading and _default_type(cls) == "numpy":
            reading["type"] = "filepath"
        try:
            value = cls(render=False, **reading).preprocess(payload)
            component = cls(value=value, render=False, **kwargs)
        except (ValidationError, TypeError, ValueError) as exc:
            raise ValueError(f"has a {name} that cannot be used: {exc}") from None
        except ModuleNotFoundError as exc:
            raise ValueError(
                f"has a {name} of type={kwargs.get('type')!r}, which needs the "
                f"{exc.name or 'missing'} package: pip install {exc.name or 'it'}"
            ) from None
        with self._lock:
            self._components[component] = (value, current_cache(), _fresh(payload))
        return component

    def component(self, component: Component) -> dict[str, Any]:
        if component.TYPE in _NOT_INLINE:
            raise TypeError(f"has a {type(component).__name__}, which cannot be shown in a message")
        part: dict[str, Any] = {"type": "component", "component": component.TYPE}
        value = component.value
        cache = current_cache()
        with self._lock:
            hit = self._components.get(component)
        if hit is not None and hit[0] is value and hit[1] is cache and not _mutable(value):
            payload = _fresh(hit[2])
        else:
            payload = component.postprocess(value() if callable(value) else value)
            with self._lock:
                self._components[component] = (value, cache, payload)
            payload = _fresh(payload)
        if payload is not None:
            part["value"] = payload
        props = {
            name: _fresh(getattr(component, name))
            for name in component._explicit_args
            if name in component._all_props and name not in _NOT_PROPS
        }
        props = {k: v for k, v in props.items() if v is not None}
        if props:
            part["props"] = props
        return part


class WireMessage(dict[str, Any]):
    """A message this Chatbot produced: in wire form, never mutated afterwards."""

    __slots__ = ()


def _set_keys(data: dict[str, Any]) -> dict[str, Any]:
    """FileData without its unset (null) keys."""
    return {key: value for key, value in data.items() if value is not None}


def _mutable(value: Any) -> bool:
    # JSON-like containers are cheap to postprocess and often mutated in place between yields.
    return isinstance(value, (dict, list, set))


def _fresh(value: Any) -> Any:
    """A copy of a JSON-like value, so no two payloads share a mutable object."""
    if isinstance(value, dict):
        return {k: _fresh(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [_fresh(v) for v in value]
    return value


def component_part_copy(part: dict[str, Any]) -> dict[str, Any]:
    """A component part given already in wire (or Gradio's) form."""
    name = part.get("component")
    if not isinstance(name, str):
        raise TypeError(f"has a component part without its type name: {part!r:.100}")
    out: dict[str, Any] = {"type": "component", "component": name}
    if part.get("value") is not None:
        out["value"] = _fresh(part["value"])
    props = part.get("props") or part.get("constructor_args")
    if props:
        out["props"] = {k: _fresh(v) for k, v in props.items() if v is not None}
    return out


def file_in(data: Any, alt_text: Any) -> dict[str, Any]:
    """A file part from a client -> ``{"path", "alt_text"?, "mime_type"?}`` (a URL, or the
    local path of a file the server issued: never a path the client names)."""
    if not isinstance(data, dict):
        raise TypeError(f"has a file that is {describe(data)}, not a FileData object")
    url = data.get("url")
    if data.get("id") is None and is_url(url):
        path = url
    else:
        try:
            path = current_cache().resolve(data)
        except ValidationError as exc:
            raise ValueError(f"has a file that cannot be used: {exc}") from None
    out: dict[str, Any] = {"path": path}
    if isinstance(alt_text, str):
        out["alt_text"] = alt_text
    if isinstance(data.get("mime_type"), str):
        out["mime_type"] = data["mime_type"]
    return out


def _inline_classes() -> dict[str, type[Component]]:
    """Component classes a message may hold, by TYPE."""
    found: dict[str, type[Component]] = {}
    pending: list[type[Component]] = list(Component.__subclasses__())
    while pending:
        cls = pending.pop()
        pending.extend(cls.__subclasses__())
        if cls.TYPE not in _NOT_INLINE and cls is not FormComponent:
            found.setdefault(cls.TYPE, cls)
    return found


def _default_type(cls: type[Component]) -> Any:
    """The default of a component class's ``type`` parameter (None when it has none)."""
    parameter = inspect.signature(cls.__init__).parameters.get("type")
    return None if parameter is None else parameter.default
