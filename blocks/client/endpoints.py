"""What an app offers to ``blocks.Client``: its endpoints, from the config and the schema.

An endpoint is named by ``api_name`` (``"/greet"`` or ``"greet"``) or by ``fn_index`` (its
listener's number, as in the reference's client); the schema (``GET /api/schema``) gives the
documented ones their parameter names, defaults and types, so a call can pass arguments by
keyword and leave out those with defaults. An undocumented endpoint (callable, unlisted)
takes its values by position only. ``summary()`` is what ``view_api()`` prints.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

__all__ = ["Api", "Endpoint"]

_MISSING = object()


@dataclass(frozen=True)
class Endpoint:
    """One callable listener: its number, name, and which blocks it reads and writes
    (``inputs``/``outputs`` all of them; gr.State ones hold no value the client sends)."""

    fn_index: int
    api_name: str | None
    inputs: tuple[int, ...]
    outputs: tuple[int, ...]
    states: frozenset[int]
    info: dict[str, Any] | None  # its entry in the schema; None when undocumented
    input_types: tuple[str, ...] = ()  # the component type of each value the client sends

    @property
    def visible_inputs(self) -> list[int]:
        return [block for block in self.inputs if block not in self.states]

    @property
    def visible_outputs(self) -> list[int]:
        return [block for block in self.outputs if block not in self.states]

    @property
    def parameters(self) -> list[dict[str, Any]] | None:
        return None if self.info is None else self.info["parameters"]

    @property
    def label(self) -> str:
        return f"/{self.api_name}" if self.api_name else f"fn_index={self.fn_index}"

    def input_schemas(self) -> list[Any]:
        """The JSON schema of each value the client sends (None when undocumented)."""
        parameters = self.parameters
        if parameters is None:
            return [None] * len(self.visible_inputs)
        return [parameter.get("type") for parameter in parameters]

    def bind(self, args: tuple[Any, ...], kwargs: dict[str, Any]) -> list[Any]:
        """The values to send, in order: ``args`` by position, ``kwargs`` by parameter name,
        defaults for the rest. TypeError (naming the parameters) for a call that does not fit."""
        count = len(self.visible_inputs)
        if len(args) > count:
            raise TypeError(f"{self.label} takes {count} argument(s), got {len(args)}")
        parameters = self.parameters
        if parameters is None:
            if kwargs:
                raise TypeError(
                    f"{self.label} is undocumented: it takes its {count} value(s) by position, "
                    f"not by keyword ({', '.join(kwargs)})"
                )
            if len(args) != count:
                raise TypeError(f"{self.label} takes {count} argument(s), got {len(args)}")
            return list(args)
        names = [parameter["name"] for parameter in parameters]
        values: list[Any] = [*args, *[_MISSING] * (count - len(args))]
        for key, value in kwargs.items():
            if key not in names:
                known = ", ".join(names) or "none"
                raise TypeError(f"{self.label} has no parameter {key!r}; its parameters: {known}")
            index = names.index(key)
            if index < len(args):
                raise TypeError(f"{self.label} got two values for {key!r} (by position and name)")
            values[index] = value
        for index, parameter in enumerate(parameters):
            if values[index] is _MISSING:
                if not parameter.get("has_default"):
                    raise TypeError(f"{self.label} needs a value for {parameter['name']!r}")
                values[index] = parameter.get("default")
        return values

    def trigger_data(self, values: list[Any]) -> list[Any]:
        """The trigger's ``data``: ``values`` in the places of the inputs, null for States."""
        given = iter(values)
        return [None if block in self.states else next(given) for block in self.inputs]


class Api:
    """The endpoints of one app, from its ``config`` and ``schema``."""

    def __init__(self, config: dict[str, Any], schema: dict[str, Any]) -> None:
        self.config = config
        self.schema = schema
        self.fingerprint: str | None = config.get("fingerprint")
        self.types = {int(k): v["type"] for k, v in config["blocks"].items()}
        self.initial_values = {int(k): v["props"].get("value") for k, v in config["blocks"].items()}
        states = frozenset(block for block, kind in self.types.items() if kind == "state")
        documented: dict[str, dict[str, Any]] = schema.get("endpoints", {})
        self.endpoints: dict[int, Endpoint] = {}
        for dep in config["dependencies"]:
            if not dep.get("api_name") or not dep.get("backend_fn", True):
                continue  # private (or run in the page only): not callable from outside
            self.endpoints[dep["id"]] = Endpoint(
                fn_index=dep["id"],
                api_name=dep["api_name"],
                inputs=tuple(dep["inputs"]),
                outputs=tuple(dep["outputs"]),
                states=states,
                info=documented.get(dep["api_name"]),
                input_types=tuple(self.types.get(b, "") for b in dep["inputs"] if b not in states),
            )
        self.by_name = {e.api_name: e for e in self.endpoints.values() if e.api_name}

    def endpoint(self, api_name: str | None = None, fn_index: int | None = None) -> Endpoint:
        """The endpoint a call names (``api_name`` wins over ``fn_index``; with neither, the
        app's only documented one). ValueError listing the endpoints otherwise."""
        if api_name is not None:
            found = self.by_name.get(api_name.lstrip("/"))
            if found is None:
                raise ValueError(f"no endpoint {api_name!r}; endpoints: {self._listed()}")
            return found
        if fn_index is not None:
            found = self.endpoints.get(fn_index)
            if found is None:
                raise ValueError(
                    f"fn_index={fn_index} is no endpoint of this app (a private listener, or "
                    f"none); endpoints: {self._listed()}"
                )
            return found
        documented = [e for e in self.endpoints.values() if e.info is not None]
        if len(documented) == 1:
            return documented[0]
        if not documented:
            raise ValueError("this app has no API endpoints")
        raise ValueError(f"this app has several endpoints: pass api_name= ({self._listed()})")

    def _listed(self) -> str:
        names = [f"/{e.api_name}" for e in self.endpoints.values() if e.info is not None]
        return ", ".join(names) or "none"

    def current(self, endpoint: Endpoint) -> Endpoint | None:
        """``endpoint`` (maybe of the app before a redeploy) as this app has it: the one of
        that name taking the same inputs, else None. Numbers change with the code; a call
        goes by name."""
        if self.endpoints.get(endpoint.fn_index) is endpoint:
            return endpoint
        new = self.by_name.get(endpoint.api_name or "")
        if new is None or new.input_types != endpoint.input_types:
            return None
        return new

    # ------------------------------------------------------------------ view_api

    def summary(self, url: str, *, all_endpoints: bool = False) -> str:
        """The endpoints as ``view_api()`` prints them: how to call each, and what it gives."""
        shown = [e for e in self.endpoints.values() if e.info is not None or all_endpoints]
        lines = [f"Client.predict() usage of {url}", f"Named API endpoints: {len(shown)}", ""]
        for endpoint in shown:
            lines.extend(_endpoint_lines(endpoint))
        return "\n".join(lines).rstrip() + "\n"


def _endpoint_lines(endpoint: Endpoint) -> list[str]:
    info = endpoint.info
    if info is None:
        count = len(endpoint.visible_inputs)
        return [f" - predict(<{count} value(s)>, api_name={endpoint.label!r})  (undocumented)", ""]
    arguments = []
    for parameter in info["parameters"]:
        if parameter.get("has_default"):
            arguments.append(f"{parameter['name']}={parameter.get('default')!r}")
        else:
            arguments.append(parameter["name"])
    arguments.append(f'api_name="{endpoint.label}"')
    returns = [_return_name(item, index) for index, item in enumerate(info["returns"])]
    result = ", ".join(returns) if returns else "None"
    if len(returns) > 1:
        result = f"({result})"
    lines = [f" - predict({', '.join(arguments)}) -> {result}"]
    if info.get("description"):
        lines.append(f"    {' '.join(info['description'].split())}")
    lines.append("    Parameters:")
    for parameter in info["parameters"] or []:
        needed = (
            f"default: {parameter.get('default')!r}" if parameter.get("has_default") else "required"
        )
        lines.append(
            f"     - [{parameter['component']}] {parameter['name']}: "
            f"{_python(parameter)} ({needed}){_about(parameter)}"
        )
    if not info["parameters"]:
        lines.append("     None")
    lines.append("    Returns:")
    for index, item in enumerate(info["returns"]):
        lines.append(
            f"     - [{item['component']}] {_return_name(item, index)}: {_python(item)}"
            f"{_about(item)}"
        )
    if not info["returns"]:
        lines.append("     None")
    lines.append("")
    return lines


def _python(item: dict[str, Any]) -> str:
    return str((item.get("python_type") or {}).get("type") or "Any")


def _about(item: dict[str, Any]) -> str:
    text = item.get("description") or (item.get("python_type") or {}).get("description") or ""
    return f"  {' '.join(str(text).split())}" if text else ""


def _return_name(item: dict[str, Any], index: int) -> str:
    label = str(item.get("label") or "")
    name = "".join(c if c.isalnum() else "_" for c in label.lower()).strip("_")
    return name or f"value_{index}"
