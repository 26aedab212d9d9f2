"""What the reference's client (``gradio_client``) reads about an app before calling it: the
keys it needs in ``/config`` and the endpoint document of ``{prefix}/info``.

``/config`` gains ``protocol`` ("sse_v3": join a queue, read one event stream per session),
``api_prefix``, ``version`` (the reference's release whose client behaviour we answer to: it
gates the cancel route and the info document), ``components`` (each block a dependency
reads or writes, with its schema and whether the client skips it: gr.State and layouts) and
``api_visibility`` on each dependency. ``/info`` describes each public endpoint by its
``/api_name``: parameters (name from the function's signature, else from the label; default
from the component's value or the function's; JSON schema, Python type, example) and returns.
"""

from __future__ import annotations

import inspect
import re
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

from blocks.graph.signature import ArgPlan
from blocks.runtime.files import use_cache
from blocks.server.api import api_schema
from blocks.server.gradio_files import FileAdapter

if TYPE_CHECKING:
    from blocks.graph.block import Block
    from blocks.graph.events import Dependency
    from blocks.runtime.engine import Runtime

__all__ = ["API_PREFIX", "PROTOCOL", "REFERENCE_VERSION", "config_extras", "info_document"]

API_PREFIX = "/gradio_api"
PROTOCOL = "sse_v3"
# The client calls /cancel only for apps newer than 4.29 and reads /info only past 3.36.
REFERENCE_VERSION = "5.0.0"
_NOT_NAMES = {"api_name", "fn_index", "result_callbacks"}  # the client's own keywords


def config_extras(runtime: Runtime, config: dict[str, Any]) -> dict[str, Any]:
    """``config`` (the page's, not changed) with the keys the reference's client reads."""
    graph = runtime.graph
    referenced = {
        block_id for dep in config["dependencies"] for block_id in (*dep["inputs"], *dep["outputs"])
    }
    visibility = {dep.id: dep.api_visibility for dep in graph.dependencies}
    return {
        **config,
        "protocol": PROTOCOL,
        "api_prefix": API_PREFIX,
        "version": REFERENCE_VERSION,
        "connect_heartbeat": False,
        "max_file_size": runtime.app.max_file_size,
        "components": [
            _component(graph.blocks[block_id])
            for block_id in sorted(referenced)
            if block_id in graph.blocks
        ],
        "dependencies": [
            {**dep, "api_visibility": visibility.get(dep["id"], "private")}
            for dep in config["dependencies"]
        ],
    }


def _component(block: Block) -> dict[str, Any]:
    return {
        "id": block.id,
        "type": block.TYPE,
        "props": {"label": getattr(block, "label", None)},
        "api_info": block.api_info() if hasattr(block, "api_info") else {},
        "skip_api": skipped(block),
    }


def skipped(block: Block) -> bool:
    """Whether the client leaves this block out of the values it shows: gr.State, layouts."""
    return block.TYPE == "state" or not hasattr(block, "api_info")


def info_document(runtime: Runtime, files: FileAdapter, base_url: str) -> dict[str, Any]:
    """``{prefix}/info``: the public endpoints, each under its ``/api_name``."""
    schema = api_schema(runtime.graph, runtime.files)["endpoints"]
    named = {}
    with use_cache(runtime.files):  # a component's default value may be a file to store
        for name, dependency in runtime.graph.api_dependencies().items():
            if name in schema:  # a public one
                named[f"/{name}"] = _endpoint(dependency, schema[name], files, base_url)
    return {"named_endpoints": named, "unnamed_endpoints": {}}


def _endpoint(
    dependency: Dependency, described: dict[str, Any], files: FileAdapter, base_url: str
) -> dict[str, Any]:
    entries = iter(described["parameters"])
    parameters = []
    for block, name in zip(dependency.inputs, parameter_names(dependency), strict=True):
        if block.TYPE == "state":
            continue  # the client sends None in its place: the session holds it
        entry = next(entries)
        has_default, default = _default(block, dependency, name)
        parameters.append(
            {
                "label": entry["label"] or f"parameter_{block.id}",
                "parameter_name": name,
                "parameter_has_default": has_default,
                "parameter_default": files.outbound(default, base_url),
                **_typed(entry, files, base_url),
            }
        )
    outputs = [block for block in dependency.outputs if block.TYPE != "state"]
    returns = [
        {"label": entry["label"] or f"value_{block.id}", **_typed(entry, files, base_url)}
        for block, entry in zip(outputs, described["returns"], strict=True)
        if not skipped(block)
    ]
    return {
        "description": described["description"],
        "parameters": parameters,
        "returns": returns,
        "api_visibility": "public",
        "type": {"generator": described["streams"], "cancel": True},
    }


def _typed(entry: dict[str, Any], files: FileAdapter, base_url: str) -> dict[str, Any]:
    schema = entry["type"] or {}
    shown = python_type(schema)
    if shown == "filepath" or shown.startswith("filepath |"):
        description = 'a file: pass handle_file("a local path or URL")'
    else:
        description = schema.get("description", "") if isinstance(schema, dict) else ""
    return {
        "type": schema,
        "python_type": {"type": shown, "description": description},
        "component": entry["component"],
        "example_input": files.outbound(entry["example"], base_url),
    }


def parameter_names(dependency: Dependency) -> list[str]:
    """A keyword for each input, by position: the function's parameter (the injected ones,
    gr.Request, gr.Progress and event data, left out), else the label, else ``param_<i>``."""
    positional: list[str] = []
    fn = dependency.fn
    if fn is not None and not dependency.inputs_as_dict:
        plan = ArgPlan.of(fn)
        injected = {
            *plan.request_params,
            *(name for name, _ in plan.progress_params),
            *(name for name, _ in plan.event_data_params),
        }
        for name, param in _parameters(fn).items():
            if param.kind not in (param.POSITIONAL_ONLY, param.POSITIONAL_OR_KEYWORD):
                break
            if name not in injected:
                positional.append(name)
    names: list[str] = []
    for index, block in enumerate(dependency.inputs):
        name = positional[index] if index < len(positional) else _from_label(block, index)
        while name in _NOT_NAMES or name in names:
            name = f"{name}_{index}"
        names.append(name)
    return names


def _parameters(fn: Any) -> Mapping[str, inspect.Parameter]:
    try:
        return inspect.signature(fn).parameters
    except (TypeError, ValueError):
        return {}


def _from_label(block: Block, index: int) -> str:
    label = getattr(block, "label", None) or ""
    name = re.sub(r"[^0-9a-zA-Z_]+", "_", str(label)).strip("_").lower()
    if not name or name[0].isdigit():
        return f"param_{index}"
    return name


def _default(block: Block, dependency: Dependency, name: str) -> tuple[bool, Any]:
    """The component's value when it has one, else the function's default (when it is a
    plain JSON value): what the client sends for an omitted parameter."""
    value = getattr(block, "value", None)
    if value is not None and not callable(value):
        return True, block.postprocess(value)  # type: ignore[attr-defined]
    param = _parameters(dependency.fn).get(name) if dependency.fn is not None else None
    if param is None or param.default is inspect.Parameter.empty:
        return False, None
    if param.default is None or isinstance(param.default, (bool, int, float, str)):
        return True, param.default
    return False, None


def python_type(schema: Any) -> str:
    """A JSON schema as the Python type the client shows: ``str``, ``list[float]``,
    ``dict(text: str, files: list[filepath])``; a file is ``filepath`` (pass handle_file)."""
    if not isinstance(schema, dict) or not schema:
        return "Any"
    props = schema.get("properties")
    if isinstance(props, dict) and "id" in props and "url" in props:
        return "filepath"
    for key in ("anyOf", "oneOf"):
        if isinstance(schema.get(key), list):
            return " | ".join(dict.fromkeys(python_type(option) for option in schema[key]))
    if "const" in schema:
        return f"Literal[{schema['const']!r}]"
    if "enum" in schema:
        return "Literal[" + ", ".join(repr(option) for option in schema["enum"]) + "]"
    kind = schema.get("type")
    if isinstance(kind, list):
        parts = [python_type({**schema, "type": one}) for one in kind]
        return " | ".join(dict.fromkeys(parts))
    if kind == "array":
        if isinstance(schema.get("prefixItems"), list):
            return "tuple[" + ", ".join(python_type(p) for p in schema["prefixItems"]) + "]"
        return f"list[{python_type(schema.get('items'))}]"
    if kind == "object":
        if isinstance(props, dict) and props:
            fields = ", ".join(f"{key}: {python_type(value)}" for key, value in props.items())
            return f"dict({fields})"
        extra = schema.get("additionalProperties")
        return f"dict[str, {python_type(extra)}]" if isinstance(extra, dict) else "dict"
    simple = {"string": "str", "number": "float", "integer": "int", "boolean": "bool"}
    return simple.get(str(kind), "None" if kind == "null" else "Any")
