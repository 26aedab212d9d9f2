"""Turning a job's results into patches for one page: state values stored, properties
overridden for that page, values diffed against what the page holds (see docs/protocol.md).

The page never sees a gr.State's value, so when a job changes one that has ``change``
listeners, its patch says ``changed: true`` and the page fires them, as it does for the
blocks whose value it sees change."""

from __future__ import annotations

import copy
from typing import TYPE_CHECKING, Any

from blocks.protocol.diff import diff
from blocks.runtime.execution import Result
from blocks.runtime.session import Known, Session

if TYPE_CHECKING:
    from blocks.graph.events import Dependency

__all__ = ["PatchSender"]


class PatchSender:
    """Turns results into patches: state values stored, properties overridden for this page,
    values diffed against what the page holds."""

    def __init__(
        self,
        session: Session,
        dependency: Dependency,
        page_versions: dict[int, int],
        state_listeners: frozenset[int] = frozenset(),
    ) -> None:
        self.session = session
        self.outputs = dependency.outputs
        self.page_versions = page_versions
        self.state_listeners = state_listeners
        self.synced: set[int] = set()

    def patches(self, result: Result) -> list[dict[str, Any]]:
        session = self.session
        by_block: dict[int, dict[str, Any]] = {}
        for index, value in result.states.items():
            block = self.outputs[index]
            if block.id in self.state_listeners and _state_changed(session, block, value):
                by_block[block.id] = {"id": block.id, "changed": True}
            session.set_state(block, value)
        for index, props in result.props.items():
            block_id = self.outputs[index].id
            assert block_id is not None
            session.override(block_id, props)
            by_block.setdefault(block_id, {"id": block_id})["props"] = props
        for index, payload in result.values.items():
            block_id = self.outputs[index].id
            assert block_id is not None
            if block_id in self.synced:
                known: Known | None = session.known.get(block_id)
            else:
                known = session.baseline(block_id, self.page_versions.get(block_id))
                self.synced.add(block_id)
            if known is None:
                ops = [{"op": "replace", "path": [], "value": payload}]
                ver = (session.known[block_id].ver + 1) if block_id in session.known else 1
            else:
                ops = diff(known.value, payload)
                if not ops:
                    session.known[block_id] = Known(known.ver, payload)
                    continue
                ver = known.ver + 1
            session.known[block_id] = Known(ver, payload)
            patch = by_block.setdefault(block_id, {"id": block_id})
            patch["ops"] = ops
            patch["ver"] = ver
        return list(by_block.values())


def _state_changed(session: Session, block: Any, value: Any) -> bool:
    """Whether ``value`` differs from the State's value the page was last told about (a copy
    is kept, so a listener that changes the list in place and returns it counts too)."""
    before = session.state_snapshots.get(block.id, _NOTHING)
    if before is _NOTHING:
        before = session.state_value(block)
        if before is value:
            before = copy.deepcopy(getattr(block, "value", None))  # changed in place already
    try:
        changed = bool(before != value)
    except Exception:  # values that do not compare (arrays): any new object is a change
        changed = before is not value
    if changed:
        try:
            session.state_snapshots[block.id] = copy.deepcopy(value)
        except Exception:
            session.state_snapshots[block.id] = value
    return changed


_NOTHING = object()
