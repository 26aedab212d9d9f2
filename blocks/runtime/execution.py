"""Running a dependency's function: inputs in, arguments injected, results out.

Pure of I/O: ``prepare_inputs`` turns wire payloads into fn values (blocks.graph.signature
decides which parameters get the request, progress or event data), ``OutputProcessor`` turns
what fn returned or yielded into per-output wire payloads and property updates.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from blocks.exceptions import Error, OutputError, ValidationError
from blocks.graph.block import Block
from blocks.graph.updates import is_update
from blocks.runtime.servable import ClientPathRefused

if TYPE_CHECKING:
    from blocks.graph.events import Dependency
    from blocks.runtime.provenance import ClientValues

__all__ = ["OutputProcessor", "Result", "listener_name", "prepare_inputs"]


def prepare_inputs(
    dependency: Dependency,
    payloads: list[Any],
    *,
    component_for: Callable[[Block], Any],
    state_value: Callable[[Block], Any],
    client: ClientValues | None = None,
) -> list[Any] | list[dict[Block, Any]]:
    """Wire payloads -> the values fn receives (one dict when inputs were given as a set).

    Raises ValidationError naming the component whose payload does not fit. ``client``
    remembers the strings the client sent (never served as files), except values a component
    checked against what the app offered (a Dropdown's choices).
    """
    inputs = dependency.inputs
    if len(payloads) != len(inputs):
        raise ValidationError(
            f"expected {len(inputs)} input value(s) for this event, got {len(payloads)}"
        )
    values = []
    for block, payload in zip(inputs, payloads, strict=True):
        if block.TYPE == "state":
            values.append(state_value(block))
        elif dependency.preprocess:
            component = component_for(block)
            values.append(component.preprocess(payload))
            if client is not None and not getattr(component, "offered_by_app", False):
                client.record(payload)
        else:
            values.append(payload)
            if client is not None:
                client.record(payload)
    if dependency.inputs_as_dict:
        return [dict(zip(inputs, values, strict=True))]
    return values


@dataclass
class Result:
    """What one return or yield changes: new wire values, property updates and state values,
    keyed by output index. Later results merge into earlier ones (coalescing)."""

    values: dict[int, Any] = field(default_factory=dict)
    props: dict[int, dict[str, Any]] = field(default_factory=dict)
    states: dict[int, Any] = field(default_factory=dict)

    def merge(self, newer: Result) -> None:
        self.values.update(newer.values)
        self.states.update(newer.states)
        for index, props in newer.props.items():
            self.props.setdefault(index, {}).update(props)

    def __bool__(self) -> bool:
        return bool(self.values or self.props or self.states)


class OutputProcessor:
    """Turns fn results into a Result for the dependency's outputs.

    Anything wrong with what fn returned, or with postprocessing it, is the app's bug, not the
    client's: it raises OutputError naming the listener (with the component's own exception,
    if any, as its ``__cause__``). gr.Error passes through as it is.
    """

    def __init__(
        self,
        dependency: Dependency,
        component_for: Callable[[Block], Any],
    ) -> None:
        self.dependency = dependency
        self.outputs = dependency.outputs
        self._component_for = component_for
        self._index = {id(block): index for index, block in enumerate(self.outputs)}

    def process(self, returned: Any) -> Result:
        result = Result()
        outputs = self.outputs
        if not outputs:
            return result
        if type(returned) is dict and returned and all(isinstance(k, Block) for k in returned):
            pairs = []
            for block, value in returned.items():
                index = self._index.get(id(block))
                if index is None:
                    raise self._error(
                        f"returned a value for {block!r}, which is not one of its outputs "
                        f"{list(outputs)}"
                    )
                pairs.append((index, value))
        elif len(outputs) == 1:
            pairs = [(0, returned)]
        else:
            if not isinstance(returned, (tuple, list)) or len(returned) != len(outputs):
                got = (
                    f"{len(returned)} values"
                    if isinstance(returned, (tuple, list))
                    else f"one {type(returned).__name__}"
                )
                raise self._error(
                    f"must return {len(outputs)} values (one per output: "
                    f"{', '.join(map(repr, outputs))}), but returned {got}"
                )
            pairs = list(enumerate(returned))
        for index, value in pairs:
            try:
                self._one(result, index, value)
            except (Error, OutputError):
                raise
            except _Unfit as exc:
                raise self._error(f"returned {exc}") from None
            except Exception as exc:
                refused = _client_refusal(exc)
                if refused is not None:
                    # A path the client sent, handed back by the listener: the client's doing.
                    raise ValidationError(f"{self.outputs[index]!r} {refused}") from None
                raise self._error(
                    f"returned a value that its output {self.outputs[index]!r} cannot show: "
                    f"{type(exc).__name__}: {exc}"
                ) from exc
        return result

    def _error(self, problem: str) -> OutputError:
        name = listener_name(self.dependency)
        return OutputError(f"{name} {problem}", listener=name)

    def _one(self, result: Result, index: int, value: Any) -> None:
        block = self.outputs[index]
        component = self._component_for(block)
        if is_update(value):
            props = {k: v for k, v in value.items() if k != "__type__"}
            if "value" in props:
                new_value = props.pop("value")
                self._set_value(result, index, block, component, new_value)
            if props:
                result.props[index] = _wire_props(component, _clean_props(block, props))
            return
        if isinstance(value, Block) and type(value) is type(block):
            props = dict(value._explicit_args)
            for name in ("render", "key", "every", "inputs"):
                props.pop(name, None)
            has_value = "value" in props
            props = {name: getattr(value, name) for name in props if name in block._all_props}
            if has_value:
                self._set_value(result, index, block, component, getattr(value, "value", None))
            if props:
                result.props[index] = _wire_props(component, props)
            return
        self._set_value(result, index, block, component, value)

    def _set_value(
        self, result: Result, index: int, block: Block, component: Any, value: Any
    ) -> None:
        if block.TYPE == "state":
            result.states[index] = value
        elif self.dependency.postprocess:
            result.values[index] = component.postprocess(value)
        else:
            result.values[index] = value


def listener_name(dependency: Dependency) -> str:
    """How logs and app errors name a listener: its function, and the api_name or the model
    it is served as when those say more, e.g. ``listener 'greet' (api_name 'hello')``."""
    fn = dependency.fn
    if fn is None:
        return f"the js-only listener {dependency.id}"
    name = getattr(fn, "__name__", None) or repr(fn)
    extra = []
    if dependency.api_name and dependency.api_name != name:
        extra.append(f"api_name {dependency.api_name!r}")
    if dependency.chat_completions_model:
        extra.append(f"model {dependency.chat_completions_model!r}")
    shown = f" ({', '.join(extra)})" if extra else ""
    return f"listener {name!r}{shown}"


def _client_refusal(exc: BaseException | None) -> ClientPathRefused | None:
    """The ClientPathRefused behind ``exc`` (components may wrap it), if any."""
    for _ in range(8):
        if exc is None or isinstance(exc, ClientPathRefused):
            return exc
        exc = exc.__cause__ or exc.__context__
    return None


class _Unfit(Exception):
    """A returned value that does not fit its output; OutputProcessor names the listener."""


def _wire_props(component: Any, props: dict[str, Any]) -> dict[str, Any]:
    convert = getattr(component, "wire_props", None)
    return convert(props) if convert is not None else props


def _clean_props(block: Block, props: dict[str, Any]) -> dict[str, Any]:
    unknown = [name for name in props if name not in block._all_props]
    if unknown:
        raise _Unfit(
            f"gr.update(...) for {block!r} with unknown properties {unknown}; "
            f"known: {', '.join(block._all_props)}"
        )
    return props
