"""Listeners: events of blocks, the dependencies they create and their chaining.

``button.click(fn, inputs, outputs)`` and ``gr.on([...], fn, ...)`` each create one
:class:`Dependency` in the graph of the open Blocks. ``.then/.success/.failure`` on a dependency
create another that runs after it (whatever its outcome / only on success / only on failure).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Literal

from blocks.exceptions import GraphError
from blocks.graph.block import Block, current_graph

if TYPE_CHECKING:
    from blocks.graph.model import Graph

__all__ = [
    "BoundEvent",
    "Dependency",
    "EventListener",
    "on",
]

ConcurrencyLimit = int | None | Literal["default"]
# The fn of a listener call that leaves it out: the call returns a decorator taking the fn.
_DECORATOR: Any = object()
_TRIGGER_MODES = ("once", "multiple", "always_last")
_SHOW_PROGRESS = ("full", "minimal", "hidden")
_VISIBILITY = ("public", "undocumented", "private")
# Events that by default keep only the latest pending trigger while one runs.
_ALWAYS_LAST_EVENTS = frozenset({"change", "key_up", "input"})


@dataclass(eq=False)
class Dependency:
    """One listener: which triggers run which fn, reading which inputs, writing which outputs."""

    targets: list[tuple[Block, str]]
    fn: Callable[..., Any] | None
    inputs: list[Block]
    outputs: list[Block]
    inputs_as_dict: bool = False
    api_name: str | None = None
    api_description: str | None = None
    api_visibility: Literal["public", "undocumented", "private"] = "public"
    queue: bool = True
    concurrency_limit: ConcurrencyLimit = "default"
    concurrency_id: str | None = None
    trigger_mode: Literal["once", "multiple", "always_last"] = "once"
    cancels: list[Dependency] = field(default_factory=list)
    show_progress: Literal["full", "minimal", "hidden"] = "full"
    js: str | None = None
    batch: bool = False
    max_batch_size: int = 4
    preprocess: bool = True
    postprocess: bool = True
    trigger_after: Dependency | None = None
    trigger_only_on: Literal["success", "failure"] | None = None
    scroll_to_output: bool = False
    stream_every: float | None = None
    every: float | None = None
    preview: Callable[..., Any] | None = None
    # Runs before fn (and its preview), on the same inputs; see blocks/validation.py.
    validator: Callable[..., Any] | None = None
    chat_completions_model: str | None = None
    # Whether GET /v1/models (and a 404's list of models) names it; it answers either way.
    chat_completions_listed: bool = True
    # Set by @gr.render: the placeholder whose blocks this listener's fn builds (graph/render.py).
    render: Block | None = None
    id: int = -1
    graph: Graph | None = None

    def then(self, fn: Callable[..., Any] | None, *args: Any, **kwargs: Any) -> Dependency:
        """Run ``fn`` after this dependency finishes, whatever its outcome."""
        return _chain(self, None, fn, *args, **kwargs)

    def success(self, fn: Callable[..., Any] | None, *args: Any, **kwargs: Any) -> Dependency:
        """Run ``fn`` after this dependency finishes without error."""
        return _chain(self, "success", fn, *args, **kwargs)

    def failure(self, fn: Callable[..., Any] | None, *args: Any, **kwargs: Any) -> Dependency:
        """Run ``fn`` after this dependency fails."""
        return _chain(self, "failure", fn, *args, **kwargs)

    def serve_chat_completions(self, model: str, *, listed: bool = True) -> Dependency:
        """Also serve this listener as ``model`` on the app's OpenAI-compatible endpoint
        (``POST /v1/chat/completions``, listed by ``GET /v1/models``); returns the dependency.

        The listener takes the request's OpenAI ``messages`` list (use an unrendered
        ``gr.JSON(render=False)``) and, as a second input if it has one, the request's other
        fields as a dict (``temperature``, ``max_tokens``, ``additional_inputs``...). It has
        one output: the reply text (an unrendered ``gr.Textbox`` keeps it text; ``gr.JSON``
        parses a reply such as ``"42"``), or ``{"content", "reasoning_content"}`` through a
        ``gr.JSON``. A generator that yields the cumulative text streams it. Each request runs
        in a fresh session, as the OpenAI API is stateless; ``gr.Error`` answers 500 with its
        message, and ``blocks.exceptions.ValidationError`` 400. The listener may stay
        ``api_visibility="private"``. A model name is served by one listener per app.
        ``listed=False`` answers the model without naming it in ``GET /v1/models``.
        ChatInterface serves itself this way under its ``api_name``.
        """
        if not isinstance(model, str) or not model.strip():
            raise GraphError(f"the model name must be a non-empty string, got {model!r}")
        if self.fn is None:
            raise GraphError(f"{self!r} has no Python function to serve as model {model!r}")
        if len(self.inputs) not in (1, 2) or len(self.outputs) != 1:
            raise GraphError(
                f"{self!r} cannot serve model {model!r}: it must take one input (the "
                f"messages, a gr.JSON; a second takes the request's other fields) and have "
                f"one output (the reply text); it has "
                f"{len(self.inputs)} input(s) and {len(self.outputs)} output(s)"
            )
        if any(block.TYPE == "state" for block in [*self.inputs, *self.outputs]):
            raise GraphError(f"{self!r} cannot serve model {model!r} through a gr.State")
        owner = self.graph.chat_models().get(model) if self.graph is not None else None
        if owner is not None and owner is not self:
            raise GraphError(
                f"the model {model!r} is already served by {owner!r}: each model name is "
                "served by one listener per app (give the ChatInterface another api_name)"
            )
        self.chat_completions_model = model
        self.chat_completions_listed = listed
        return self

    def __repr__(self) -> str:
        name = getattr(self.fn, "__name__", None) or "js"
        return f"<Dependency {self.id} {name}>"


class BoundEvent:
    """An event of one block (``button.click``); call it to attach a listener."""

    def __init__(self, block: Block, name: str) -> None:
        self.block = block
        self.event_name = name

    def __call__(self, fn: Any = _DECORATOR, *args: Any, **kwargs: Any) -> Any:
        # With fn left out, used as a decorator: @btn.click(inputs=..., outputs=...)
        return on([self], fn, *args, **kwargs)

    def __repr__(self) -> str:
        return f"<event {self.event_name} of {self.block!r}>"


class EventListener:
    """Declares an event on a block class: ``click = EventListener("click")``."""

    is_event_listener = True

    def __init__(self, name: str, doc: str = "") -> None:
        self.name = name
        self.__doc__ = doc or f"Run a function when the block's {name} event happens."

    def __get__(self, instance: Block | None, owner: type) -> Any:
        if instance is None:
            return self
        return BoundEvent(instance, self.name)


def on(
    triggers: Sequence[BoundEvent] | BoundEvent | None,
    fn: Callable[..., Any] | None = _DECORATOR,
    inputs: Any = None,
    outputs: Any = None,
    *,
    api_name: str | Literal[False] | None = None,
    api_description: str | None = None,
    api_visibility: Literal["public", "undocumented", "private"] | None = None,
    show_api: bool | None = None,
    queue: bool = True,
    concurrency_limit: ConcurrencyLimit = "default",
    concurrency_id: str | None = None,
    trigger_mode: Literal["once", "multiple", "always_last"] | None = None,
    cancels: Dependency | Sequence[Dependency] | None = None,
    show_progress: Literal["full", "minimal", "hidden"] = "full",
    js: str | None = None,
    batch: bool = False,
    max_batch_size: int = 4,
    preprocess: bool = True,
    postprocess: bool = True,
    scroll_to_output: bool = False,
    stream_every: float | None = None,
    every: float | None = None,
    preview: Callable[..., Any] | None = None,
    validator: Callable[..., Any] | None = None,
    _after: Dependency | None = None,
    _only_on: Literal["success", "failure"] | None = None,
) -> Dependency:
    """Attach one dependency to several triggers.

    ``triggers=None`` means the ``change`` of every input plus the page load. With ``fn`` left
    out, returns a decorator: ``@gr.on([btn.click], inputs=..., outputs=...)``.

    ``preview`` (Blocks only): a fast function with the same inputs and outputs as ``fn``,
    run the moment the event arrives, before the job waits in the queue; its result is shown
    at once (an optimistic update: the user's chat message, a cleared box). It runs on the
    server's event loop, so it must not block (no I/O). ``fn`` then runs as usual.

    ``validator``: a function of the same inputs run first, at once (before the preview and
    the queue); it returns a ``gr.validate(is_valid, message)`` per input (or a list). When
    one is invalid, fn is not called: the page shows the message beside that input and the
    API answers 422.
    """
    if fn is _DECORATOR:
        options = dict(locals())  # here, only the parameters: every argument as given
        del options["triggers"], options["fn"]

        def decorator(func: Callable[..., Any]) -> Callable[..., Any]:
            on(triggers, func, **options)
            return func

        return decorator  # type: ignore[return-value]
    graph = current_graph()
    if graph is None and _after is not None:
        graph = _after.graph
    if graph is None:
        raise GraphError(
            "Listeners can only be attached inside `with gr.Blocks():`; open the Blocks first."
        )
    input_list, as_dict = _as_block_list(inputs, "inputs")
    output_list, _ = _as_block_list(outputs, "outputs")
    if isinstance(triggers, BoundEvent):
        triggers = [triggers]
    if triggers is None and _after is None:
        targets = [(block, "change") for block in input_list if "change" in _events_of(block)]
        targets.append((graph.root, "load"))
    else:
        targets = []
        for trigger in triggers or []:
            if not isinstance(trigger, BoundEvent):
                raise GraphError(f"triggers must be events such as `button.click`, got {trigger!r}")
            block = trigger.block
            if trigger.event_name in ("load", "unload") and block.TYPE == "blocks":
                # The page fires load/unload on the app's root, for every section in it.
                block = graph.root
            targets.append((block, trigger.event_name))
    if fn is None and js is None and not output_list:
        # A no-op listener still makes sense for cancels= only.
        pass
    if trigger_mode is None:
        names = {name for _, name in targets}
        trigger_mode = "always_last" if names and names <= _ALWAYS_LAST_EVENTS else "once"
    _check_choice("trigger_mode", trigger_mode, _TRIGGER_MODES)
    _check_choice("show_progress", show_progress, _SHOW_PROGRESS)
    if api_visibility is None:
        api_visibility = "undocumented" if show_api is False else "public"
    _check_choice("api_visibility", api_visibility, _VISIBILITY)
    if api_name is False:
        api_visibility = "private"
        api_name = None
    if concurrency_limit not in ("default", None) and (
        not isinstance(concurrency_limit, int) or concurrency_limit < 1
    ):
        raise GraphError(
            f"concurrency_limit must be a positive int, None or 'default', "
            f"got {concurrency_limit!r}"
        )
    if every is not None and (not isinstance(every, (int, float)) or every <= 0):
        raise GraphError(f"every must be a positive number of seconds, got {every!r}")
    if preview is not None and (_is_generator(preview) or _is_coroutine(preview)):
        raise GraphError("preview= must be a plain function (not async, not a generator)")
    if validator is not None and (not callable(validator) or _is_generator(validator)):
        raise GraphError(
            f"validator= must be a function returning gr.validate(...) verdicts (not a "
            f"generator), got {validator!r}"
        )
    if batch and fn is not None and _is_generator(fn):
        raise GraphError("batch=True does not work with generator functions; yield or batch")
    if isinstance(cancels, Dependency):
        cancels = [cancels]
    dependency = Dependency(
        targets=targets,
        fn=fn,
        inputs=input_list,
        outputs=output_list,
        inputs_as_dict=as_dict,
        api_name=api_name,
        api_description=api_description,
        api_visibility=api_visibility,
        queue=queue,
        concurrency_limit=concurrency_limit,
        concurrency_id=concurrency_id,
        trigger_mode=trigger_mode,
        cancels=list(cancels or []),
        show_progress=show_progress,
        js=js,
        batch=batch,
        max_batch_size=max_batch_size,
        preprocess=preprocess,
        postprocess=postprocess,
        trigger_after=_after,
        trigger_only_on=_only_on,
        scroll_to_output=scroll_to_output,
        stream_every=stream_every,
        every=every,
        preview=preview,
        validator=validator,
    )
    if fn is not None and not batch:
        from blocks.graph.signature import ArgPlan

        ArgPlan.of(fn).check_inputs(1 if as_dict else len(input_list), fn)
    graph.add_dependency(dependency)
    return dependency


def _chain(
    parent: Dependency,
    only_on: Literal["success", "failure"] | None,
    fn: Callable[..., Any] | None,
    *args: Any,
    **kwargs: Any,
) -> Dependency:
    return on([], fn, *args, _after=parent, _only_on=only_on, **kwargs)


def _is_generator(fn: Callable[..., Any]) -> bool:
    import inspect

    return inspect.isgeneratorfunction(fn) or inspect.isasyncgenfunction(fn)


def _is_coroutine(fn: Callable[..., Any]) -> bool:
    import inspect

    return inspect.iscoroutinefunction(fn)


def _events_of(block: Block) -> tuple[str, ...]:
    return tuple(getattr(block, "EVENTS", ()))


def _as_block_list(value: Any, what: str) -> tuple[list[Block], bool]:
    if value is None:
        return [], False
    if isinstance(value, Block):
        return [value], False
    as_dict = isinstance(value, (set, frozenset))
    items = list(value) if isinstance(value, (list, tuple, set, frozenset)) else None
    if items is None:
        raise GraphError(f"{what} must be a block or a list/set of blocks, got {value!r}")
    for item in items:
        if not isinstance(item, Block):
            raise GraphError(f"every item of {what} must be a block, got {item!r}")
    return items, as_dict


def _check_choice(name: str, value: object, allowed: tuple[str, ...]) -> None:
    if value not in allowed:
        raise GraphError(f"{name} must be one of {', '.join(map(repr, allowed))}; got {value!r}")
