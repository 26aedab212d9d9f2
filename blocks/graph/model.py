"""The graph of one app: its blocks, its dependencies, and the config compiled from them."""

from __future__ import annotations

import hashlib
import json
import re
from typing import TYPE_CHECKING, Any

from blocks.exceptions import GraphError
from blocks.graph.block import Block, BlockContext
from blocks.graph.events import Dependency

if TYPE_CHECKING:
    from blocks.app import Blocks

__all__ = ["Graph", "block_configs", "dependency_config", "layout_config"]

_API_NAME = re.compile(r"[^A-Za-z0-9_]+")


class Graph:
    """Owns every block (by id) and dependency of one app; ``root`` is the outermost Blocks."""

    def __init__(self, root: Blocks) -> None:
        self.root = root
        self.blocks: dict[int, Block] = {}
        self.dependencies: list[Dependency] = []
        self._next_id = 0
        self.add_block(root)

    def add_block(self, block: Block) -> None:
        if block.graph is not None and block.graph is not self:
            raise GraphError(
                f"{block!r} belongs to another app; create a new instance to use it here."
            )
        block.id = self._next_id
        block.graph = self
        self.blocks[block.id] = block
        self._next_id += 1

    def add_dependency(self, dependency: Dependency) -> None:
        targets = [block for block, _ in dependency.targets]
        for block in [*targets, *dependency.inputs, *dependency.outputs]:
            if block.graph is None:
                # A block made outside any Blocks but used by a listener joins the graph
                # unrendered (not shown in the layout): gr.State and helpers rely on this.
                self.add_block(block)
            elif block.graph is not self:
                raise GraphError(f"{block!r} belongs to another app and cannot be used here.")
        model = dependency.chat_completions_model
        if model is not None and model in self.chat_models():
            raise GraphError(
                f"two listeners serve the chat-completions model {model!r}: each model name is "
                "served by one listener per app (give one ChatInterface another api_name)"
            )
        dependency.id = len(self.dependencies)
        dependency.graph = self
        if dependency.api_visibility != "private" and dependency.fn is not None:
            base = dependency.api_name or getattr(dependency.fn, "__name__", None) or "predict"
            dependency.api_name = self._unique_api_name(base)
        elif dependency.api_name is not None:
            dependency.api_name = self._unique_api_name(dependency.api_name)
        self.dependencies.append(dependency)

    def merge(self, other: Graph, place: BlockContext) -> None:
        """Move every block and dependency of ``other`` (a standalone app being rendered inside
        this one) into this graph, its root's children going under ``place``."""
        for block in list(other.blocks.values()):
            block.graph = None
            if block is other.root:
                continue
            self.add_block(block)
        other.root.graph = None
        other.root._graph = None
        self.add_block(other.root)
        place.add_child(other.root)
        for dependency in other.dependencies:
            # The page fires `load` on the app's root: a section's load listeners follow it.
            dependency.targets = [
                (self.root, event) if block is other.root and event == "load" else (block, event)
                for block, event in dependency.targets
            ]
            self.add_dependency(dependency)  # api names made unique in this app again
        other.blocks.clear()
        other.dependencies.clear()

    def block(self, block_id: int) -> Block:
        try:
            return self.blocks[block_id]
        except KeyError:
            raise GraphError(f"no block with id {block_id} in this app") from None

    def api_dependencies(self) -> dict[str, Dependency]:
        """Dependencies callable from outside, by api_name."""
        return {
            dep.api_name: dep
            for dep in self.dependencies
            if dep.api_name and dep.api_visibility != "private" and dep.fn is not None
        }

    def chat_models(self) -> dict[str, Dependency]:
        """Dependencies served on the OpenAI-compatible endpoint, by model name."""
        return {
            dep.chat_completions_model: dep
            for dep in self.dependencies
            if dep.chat_completions_model is not None
        }

    def _unique_api_name(self, base: str) -> str:
        base = "lambda" if base == "<lambda>" else (_API_NAME.sub("_", base) or "predict")
        taken = {dep.api_name for dep in self.dependencies}
        if base not in taken:
            return base
        suffix = 1
        while f"{base}_{suffix}" in taken:
            suffix += 1
        return f"{base}_{suffix}"

    def config(self) -> dict[str, Any]:
        """The JSON config the page boots from: blocks with props, layout tree, dependencies,
        and the app's fingerprint."""
        return {
            "blocks": block_configs(self.blocks, self.dependencies),
            "layout": layout_config(self.root),
            "dependencies": [dependency_config(dep) for dep in self.dependencies],
            "fingerprint": self.fingerprint(),
        }

    def fingerprint(self) -> str:
        """What a page's numbers mean: which block each id is, and which function, inputs and
        outputs each dependency number runs. A page whose fingerprint is not the server's was
        made by other code (a redeploy): its numbers could run another listener, so it reloads
        instead (blocks/runtime/connection.py). Values and labels are not part of it."""
        shape = {
            "blocks": sorted((block_id, block.TYPE) for block_id, block in self.blocks.items()),
            "layout": layout_config(self.root),
            "dependencies": [
                {**dependency_config(dep), "fn": _function_name(dep.fn)}
                for dep in self.dependencies
            ],
        }
        digest = hashlib.sha256(json.dumps(shape, sort_keys=True, default=str).encode())
        return digest.hexdigest()[:16]


def block_configs(
    blocks: dict[int, Block], dependencies: list[Dependency], *, call_values: bool = False
) -> dict[str, Any]:
    """The config of each block, by id; ``call_values``: a value given as a function is called
    (a @gr.render run builds its blocks for one page, so it can)."""
    inputs = {id(block) for dep in dependencies for block in dep.inputs}
    outputs = {id(block) for dep in dependencies for block in dep.outputs}
    configs = {}
    for block_id, block in blocks.items():
        props = block.get_props()
        if "interactive" in props and props["interactive"] is None:
            # Editable when something reads it, or when nothing writes it.
            props["interactive"] = id(block) in inputs or id(block) not in outputs
        if call_values and props.get("value_is_callable") and block.TYPE != "state":
            props["value"] = block.postprocess(block.initial_value())  # type: ignore[attr-defined]
            props["value_is_callable"] = False
        configs[str(block_id)] = {"id": block_id, "type": block.TYPE, "props": props}
    return configs


def layout_config(block: Block) -> dict[str, Any]:
    """The layout tree from ``block`` down: ``{"id", "children"?}``."""
    node: dict[str, Any] = {"id": block.id}
    if isinstance(block, BlockContext):
        node["children"] = [layout_config(child) for child in block.children]
    return node


def dependency_config(dep: Dependency) -> dict[str, Any]:
    return {
        "id": dep.id,
        "targets": [[block.id, event] for block, event in dep.targets],
        "inputs": [block.id for block in dep.inputs],
        "outputs": [block.id for block in dep.outputs],
        "backend_fn": dep.fn is not None,
        "js": dep.js,
        "queue": dep.queue,
        "trigger_mode": dep.trigger_mode,
        "show_progress": dep.show_progress,
        "cancels": [cancelled.id for cancelled in dep.cancels],
        "trigger_after": dep.trigger_after.id if dep.trigger_after is not None else None,
        "trigger_only_on": dep.trigger_only_on,
        "api_name": dep.api_name if dep.api_visibility != "private" else None,
        "scroll_to_output": dep.scroll_to_output,
        "every": dep.every,
    }


def _function_name(fn: Any) -> str | None:
    """A listener function's identity across processes: its name and, when it has one, a hash
    of its code (two lambdas differ by what they do; an edited function counts as another)."""
    if fn is None:
        return None
    inner = getattr(fn, "__wrapped__", fn)
    inner = getattr(inner, "__func__", inner)  # a bound method: its function
    module = getattr(inner, "__module__", None) or ""
    name = getattr(inner, "__qualname__", None) or type(inner).__qualname__
    code = getattr(inner, "__code__", None)
    return f"{module}.{name}:{_code_digest(code)}" if code is not None else f"{module}.{name}"


def _code_digest(code: Any) -> str:
    parts = [code.co_code, repr(code.co_names).encode()]
    for const in code.co_consts:
        if hasattr(const, "co_code"):
            parts.append(_code_digest(const).encode())
        elif isinstance(const, frozenset):  # its order changes with the hash seed
            parts.append(repr(sorted(map(repr, const))).encode())
        else:
            parts.append(repr(const).encode())
    return hashlib.sha256(b"\0".join(parts)).hexdigest()[:12]
