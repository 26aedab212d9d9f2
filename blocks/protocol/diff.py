"""Deltas between two wire values, and applying them.

``diff(old, new)`` returns the ops (see protocol.Op) that turn ``old`` into ``new``: a string
that grew sends only its new tail, a list that grew sends only its new items, and a change deep
inside a list or dict is addressed by its path. ``apply(value, ops)`` is the inverse, used by the
Python clients; frontend/diff.js mirrors it in the browser. Ops are plain dicts here so the hot
streaming path builds no models.
"""

from __future__ import annotations

from typing import Any

__all__ = ["apply", "diff"]

OpDict = dict[str, Any]


def diff(old: Any, new: Any) -> list[OpDict]:
    """The ops that turn ``old`` into ``new`` (empty when they are equal)."""
    ops: list[OpDict] = []
    _diff(old, new, [], ops)
    return ops


def _diff(old: Any, new: Any, path: list[int | str], ops: list[OpDict]) -> None:
    if old is new:
        return
    old_type, new_type = type(old), type(new)
    if old_type is str and new_type is str:
        if old and new.startswith(old):
            if len(new) > len(old):
                ops.append({"op": "append", "path": path, "value": new[len(old) :]})
            return
        if old != new:
            ops.append({"op": "replace", "path": path, "value": new})
        return
    if old_type is list and new_type is list and len(new) >= len(old) and old:
        mark = len(ops)
        for index in range(len(old)):
            _diff(old[index], new[index], [*path, index], ops)
        if len(ops) - mark > max(4, len(new) // 2):
            # So many items changed that one replacement is smaller and simpler.
            del ops[mark:]
            ops.append({"op": "replace", "path": path, "value": new})
            return
        if len(new) > len(old):
            ops.append({"op": "extend", "path": path, "value": new[len(old) :]})
        return
    old_dict, new_dict = isinstance(old, dict), isinstance(new, dict)
    if old_dict and new_dict and old.keys() == new.keys():
        for key in new:
            _diff(old[key], new[key], [*path, key], ops)
        return
    if old_dict and new_dict and old.keys() <= new.keys() and old:
        for key in new:
            if key in old:
                _diff(old[key], new[key], [*path, key], ops)
            else:
                ops.append({"op": "replace", "path": [*path, key], "value": new[key]})
        return
    if (old_type is not new_type and not (old_dict and new_dict)) or old != new:
        ops.append({"op": "replace", "path": path, "value": new})


def apply(value: Any, ops: list[OpDict]) -> Any:
    """Apply ``ops`` to ``value`` in place where possible and return the result."""
    for op in ops:
        path = op.get("path") or []
        kind = op["op"]
        operand = op.get("value")
        if not path:
            value = _apply_at_root(value, kind, operand)
            continue
        parent = value
        for key in path[:-1]:
            parent = parent[key]
        last = path[-1]
        if kind == "replace":
            if isinstance(parent, list) and last == len(parent):
                parent.append(operand)
            else:
                parent[last] = operand
        else:
            parent[last] = _apply_at_root(parent[last], kind, operand)
    return value


def _apply_at_root(value: Any, kind: str, operand: Any) -> Any:
    if kind == "replace":
        return operand
    if kind == "append":
        if not isinstance(value, str):
            raise ValueError(f"'append' needs a string to grow, found {type(value).__name__}")
        return value + operand
    if kind == "extend":
        if not isinstance(value, list):
            raise ValueError(f"'extend' needs a list to grow, found {type(value).__name__}")
        value.extend(operand)
        return value
    raise ValueError(f"unknown op {kind!r}; expected replace, append or extend")
