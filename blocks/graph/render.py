"""``@gr.render``: parts of the layout that a function builds again for each page.

``gr.render(inputs, triggers)`` places a :class:`Render` block (a column, or a row inside a
Row) and adds one listener whose fn is the decorated function. The runtime runs that listener
like any other, but with the blocks and listeners the function creates collected in a
:class:`Fragment`: a graph of one page's dynamic blocks, whose ids come from that page's
:class:`Fragments` (so two pages never share a dynamic block) and which replaces the previous
fragment of the same place. A block made with ``key=`` gets the id of the block with that key
in the previous run, so the page keeps its value (docs/architecture.md, "Dynamic layouts").
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Literal

from blocks.exceptions import GraphError
from blocks.graph.block import Block, BlockContext, current_graph, current_layout
from blocks.graph.events import BoundEvent, Dependency, on
from blocks.graph.model import Graph, block_configs, dependency_config, layout_config

if TYPE_CHECKING:
    from blocks.app import Blocks

__all__ = ["Fragment", "Fragments", "Render", "render"]


class Render(BlockContext):
    """Where a @gr.render function's blocks appear on each page; empty in the app's config."""

    PROPS = ("direction",)

    def __init__(self, *, direction: Literal["column", "row"] = "column", **kwargs: Any) -> None:
        self.direction = direction
        super().__init__(**kwargs)


def render(
    inputs: Any = None,
    triggers: Sequence[BoundEvent] | BoundEvent | None = None,
    *,
    queue: bool = True,
    trigger_mode: Literal["once", "multiple", "always_last"] = "always_last",
    concurrency_limit: int | Literal["default"] | None = None,
    concurrency_id: str | None = None,
    show_progress: Literal["full", "minimal", "hidden"] = "full",
) -> Callable[[Callable[..., Any]], Callable[..., Any]]:
    """Decorate a function that builds blocks and listeners; it runs again for each page when
    a trigger fires (by default the ``change`` of each input and the app's load) with the
    inputs' values, and what it builds replaces what its previous run built, in this place.
    """
    graph = current_graph()
    if graph is None:
        raise GraphError("@gr.render can only be used inside `with gr.Blocks():`")
    if isinstance(graph, Fragment):
        raise GraphError("@gr.render cannot be used inside another @gr.render function")
    from blocks.graph.layouts import Row

    place = Render(direction="row" if isinstance(current_layout(), Row) else "column")

    def decorator(fn: Callable[..., Any]) -> Callable[..., Any]:
        import inspect

        if not callable(fn):
            raise TypeError(f"@gr.render decorates a function, got {fn!r}")
        if inspect.isgeneratorfunction(fn) or inspect.isasyncgenfunction(fn):
            raise TypeError(
                f"@gr.render function {getattr(fn, '__name__', fn)!r} must return, not yield: "
                "it builds blocks once per run"
            )
        dependency = on(
            triggers,
            fn,
            inputs,
            None,
            api_visibility="private",
            queue=queue,
            trigger_mode=trigger_mode,
            concurrency_limit=concurrency_limit,
            concurrency_id=concurrency_id,
            show_progress=show_progress,
        )
        dependency.render = place
        return fn

    return decorator


@dataclass
class Fragments:
    """One page's dynamic blocks: the current fragment of each Render place, and the ids.

    Ids start after the app's own and only grow, so a late message about a block of an earlier
    run never reaches a new one (keyed blocks keep their id on purpose)."""

    next_block: int
    next_dependency: int
    by_place: dict[int, Fragment] = field(default_factory=dict)
    blocks: dict[int, Block] = field(default_factory=dict)
    dependencies: dict[int, Dependency] = field(default_factory=dict)

    @classmethod
    def of_app(cls, graph: Graph) -> Fragments:
        first = max(graph.blocks, default=-1) + 1
        return cls(next_block=first, next_dependency=len(graph.dependencies))

    def block_id(self) -> int:
        self.next_block += 1
        return self.next_block - 1

    def dependency_id(self) -> int:
        self.next_dependency += 1
        return self.next_dependency - 1

    def install(self, fragment: Fragment) -> list[int]:
        """Put ``fragment`` in its place instead of the previous one; the ids of the previous
        run's blocks that are gone (keyed blocks that came back are not)."""
        place = fragment.place.id
        assert place is not None
        previous = self.by_place.get(place)
        gone: list[int] = []
        if previous is not None:
            for block_id in previous.blocks:
                self.blocks.pop(block_id, None)
                if block_id not in fragment.blocks:
                    gone.append(block_id)
            for dependency in previous.dependencies:
                self.dependencies.pop(dependency.id, None)
        fragment.previous = None  # its keys were read; keeping it would chain every run
        self.by_place[place] = fragment
        self.blocks.update(fragment.blocks)
        self.dependencies.update({dep.id: dep for dep in fragment.dependencies})
        return gone


class _Top(BlockContext):
    """The container a render run's blocks attach to; it stands for the Render place."""

    TYPE = "render"

    def __init__(self, fragment: Fragment) -> None:
        self._fragment = fragment
        super().__init__(render=False)
        self.id = fragment.place.id

    def _own_graph(self) -> Graph | None:
        return self._fragment


class Fragment(Graph):
    """The blocks and listeners one run of a @gr.render function built for one page.

    Use ``with fragment.top:`` around the function: blocks and listeners made inside register
    here (not in the app), get ids from the page's ``Fragments``, and may use the app's blocks.
    """

    def __init__(
        self, app: Graph, place: Block, ids: Fragments, previous: Fragment | None = None
    ) -> None:
        # Not Graph.__init__: the root stays the app's, so `load` means the app's load.
        self.root: Blocks = app.root
        self.app = app
        self.place = place
        self.ids = ids
        self.previous = previous
        self.blocks: dict[int, Block] = {}
        self.dependencies: list[Dependency] = []
        self.keys: dict[Any, Block] = {}
        # Ids of keyed blocks that took over the id of the previous run's block with their key.
        self.kept: list[int] = []
        self._next_id = 0
        self.top = _Top(self)

    def add_block(self, block: Block) -> None:
        if block.graph is not None and block.graph is not self:
            raise GraphError(
                f"{block!r} belongs to the app (or to another page's render); a @gr.render "
                "function must create the blocks it places"
            )
        key = block.key
        block_id: int | None = None
        if key is not None:
            if key in self.keys:
                raise GraphError(
                    f"two blocks of one @gr.render run have key={key!r}; keys must be unique"
                )
            self.keys[key] = block
            old = self.previous.keys.get(key) if self.previous is not None else None
            if old is not None and old.TYPE == block.TYPE:
                block_id = old.id
                assert block_id is not None
                self.kept.append(block_id)
        block.id = block_id if block_id is not None else self.ids.block_id()
        block.graph = self
        self.blocks[block.id] = block

    def add_dependency(self, dependency: Dependency) -> None:
        targets = [block for block, _ in dependency.targets]
        for block in [*targets, *dependency.inputs, *dependency.outputs]:
            if block.graph is None:
                self.add_block(block)  # used by a listener only (gr.State): unrendered
            elif block.graph is not self and block.graph is not self.app:
                raise GraphError(f"{block!r} belongs to another app and cannot be used here.")
        # Listeners of a page's dynamic blocks are never API endpoints.
        dependency.api_visibility = "private"
        dependency.api_name = None
        dependency.id = self.ids.dependency_id()
        dependency.graph = self
        self.dependencies.append(dependency)

    def config(self) -> dict[str, Any]:
        """What the page mounts: the place's new subtree, its blocks and their listeners."""
        return {
            "blocks": block_configs(self.blocks, self.dependencies, call_values=True),
            "layout": layout_config(self.top),
            "dependencies": [dependency_config(dep) for dep in self.dependencies],
        }
