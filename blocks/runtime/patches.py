"""Turning a job's results into patches for one page: state values stored, properties
overridden for that page, values diffed against what the page holds (see docs/protocol.md)."""

from __future__ import annotations

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
    ) -> None:
        self.session = session
        self.outputs = dependency.outputs
        self.page_versions = page_versions
        self.synced: set[int] = set()

    def patches(self, result: Result) -> list[dict[str, Any]]:
        session = self.session
        for index, value in result.states.items():
            session.set_state(self.outputs[index], value)
        by_block: dict[int, dict[str, Any]] = {}
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
