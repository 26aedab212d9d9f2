"""Running a dependency's function: inputs in, arguments injected, results out.

Pure of I/O: ``prepare_inputs`` turns wire payloads into fn values, ``ArgPlan`` decides which
parameters get the request, progress or event data, ``OutputProcessor`` turns what fn returned
or yielded into per-output wire payloads and property updates.
"""

from __future__ import annotations

import inspect
import typing
import warnings
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import lru_cache
from typing import TYPE_CHECKING, Any

from .block import Block
from .exceptions import GraphError, ValidationError
from .helpers import EventData, Progress, Request
from .updates import is_update

if TYPE_CHECKING:
    from .events import Dependency

__all__ = ["ArgPlan", "FnKind", "OutputProcessor", "Result", "fn_kind", "prepare_inputs"]


class FnKind:
    SYNC = "sync"
    ASYNC = "async"
    GENERATOR = "generator"
    ASYNC_GENERATOR = "async_generator"


def fn_kind(fn: Callable[..., Any]) -> str:
    target = inspect.unwrap(fn)
    call = getattr(target, "__call__", None)  # noqa: B004
    if not inspect.isfunction(target) and not inspect.ismethod(target) and call is not None:
        target = call
    if inspect.isasyncgenfunction(target):
        return FnKind.ASYNC_GENERATOR
    if inspect.isgeneratorfunction(target):
        return FnKind.GENERATOR
    if inspect.iscoroutinefunction(target):
        return FnKind.ASYNC
    return FnKind.SYNC


@dataclass(frozen=True)
class ArgPlan:
    """Which parameters of fn are injected (request, progress, event data) and how many are
    filled by input values."""

    request_params: tuple[str, ...] = ()
    progress_params: tuple[tuple[str, Progress], ...] = ()
    event_data_params: tuple[tuple[str, type[EventData]], ...] = ()
    positional_slots: int | None = None  # None: *args accepts any number
    required_slots: int = 0  # positional parameters without a default

    @staticmethod
    @lru_cache(maxsize=1024)
    def of(fn: Callable[..., Any]) -> ArgPlan:
        try:
            signature = inspect.signature(fn)
        except (TypeError, ValueError):
            return ArgPlan()
        try:
            hints = typing.get_type_hints(fn)
        except Exception:
            hints = {}
        request, progress, event_data = [], [], []
        slots: int | None = 0
        required = 0
        for name, param in signature.parameters.items():
            hint = hints.get(name, param.annotation)
            if _is_class(hint, Request):
                request.append(name)
            elif isinstance(param.default, Progress):
                progress.append((name, param.default))
            elif _is_class(hint, EventData):
                event_data.append((name, hint))
            elif param.kind is inspect.Parameter.VAR_POSITIONAL:
                slots = None
            elif (
                param.kind
                in (
                    inspect.Parameter.POSITIONAL_ONLY,
                    inspect.Parameter.POSITIONAL_OR_KEYWORD,
                )
                and slots is not None
            ):
                slots += 1
                if param.default is inspect.Parameter.empty:
                    required += 1
        return ArgPlan(tuple(request), tuple(progress), tuple(event_data), slots, required)

    def check_inputs(self, count: int, fn: Callable[..., Any]) -> None:
        """Warn when ``fn`` cannot take ``count`` input values (found when the app is built,
        instead of as a TypeError the first time a user clicks)."""
        name = getattr(fn, "__name__", repr(fn))
        if self.positional_slots is not None and count > self.positional_slots:
            warnings.warn(
                f"{name}() takes {self.positional_slots} input value(s) but its listener has "
                f"{count} inputs; the extra ones will fail when it runs",
                UserWarning,
                stacklevel=4,
            )
        elif count < self.required_slots:
            warnings.warn(
                f"{name}() needs {self.required_slots} input value(s) but its listener has "
                f"{count} inputs",
                UserWarning,
                stacklevel=4,
            )

    def build(
        self,
        values: list[Any],
        *,
        request: Request | None,
        reporter: Any,
        target: Block | None,
        event_data: Any,
    ) -> tuple[list[Any], dict[str, Any]]:
        kwargs: dict[str, Any] = {}
        for name in self.request_params:
            kwargs[name] = request
        for name, progress in self.progress_params:
            kwargs[name] = progress._bound(reporter)
        for name, cls in self.event_data_params:
            kwargs[name] = cls(target, event_data)
        return values, kwargs


def _is_class(hint: Any, cls: type) -> bool:
    return isinstance(hint, type) and issubclass(hint, cls)


def prepare_inputs(
    dependency: Dependency,
    payloads: list[Any],
    *,
    component_for: Callable[[Block], Any],
    state_value: Callable[[Block], Any],
) -> list[Any] | list[dict[Block, Any]]:
    """Wire payloads -> the values fn receives (one dict when inputs were given as a set).

    Raises ValidationError naming the component whose payload does not fit.
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
            values.append(component_for(block).preprocess(payload))
        else:
            values.append(payload)
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
    """Turns fn results into a Result for the dependency's outputs."""

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
                    raise GraphError(
                        f"the function returned a value for {block!r}, which is not one of "
                        "this listener's outputs"
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
                raise GraphError(
                    f"the function must return {len(outputs)} values (one per output), "
                    f"but returned {got}"
                )
            pairs = list(enumerate(returned))
        for index, value in pairs:
            self._one(result, index, value)
        return result

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


def _wire_props(component: Any, props: dict[str, Any]) -> dict[str, Any]:
    convert = getattr(component, "wire_props", None)
    return convert(props) if convert is not None else props


def _clean_props(block: Block, props: dict[str, Any]) -> dict[str, Any]:
    unknown = [name for name in props if name not in block._all_props]
    if unknown:
        raise GraphError(
            f"gr.update(...) for {block!r} has unknown properties {unknown}; "
            f"known: {', '.join(block._all_props)}"
        )
    return props
