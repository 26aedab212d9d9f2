"""BrowserState: a value kept in the user's browser (localStorage), surviving reloads."""

from __future__ import annotations

from typing import Any

import orjson

from blocks.components.base import Changeable, Component

__all__ = ["BrowserState"]


class BrowserState(Component, Changeable):
    """A JSON value stored in the browser under ``storage_key`` (default: one per app and
    block). Listeners receive it like any input and update it like any output; the page saves
    it whenever it changes and reads it back when the page opens. Not encrypted: keep secrets
    out of it."""

    PROPS = ("storage_key",)
    MAX_PAYLOAD_CHARS = 5_000_000

    def __init__(
        self,
        default_value: Any = None,
        *,
        storage_key: str | None = None,
        secret: str | None = None,
        render: bool = True,
    ) -> None:
        self.storage_key = storage_key
        self.secret = secret
        super().__init__(value=default_value, render=render, visible=False)

    def preprocess(self, payload: Any) -> Any:
        if isinstance(payload, (str, list)):
            self.check_size(payload)
        return payload

    def postprocess(self, value: Any) -> Any:
        try:
            return orjson.loads(orjson.dumps(value, option=orjson.OPT_NON_STR_KEYS))
        except TypeError as exc:
            raise TypeError(f"BrowserState values must be JSON, got {value!r:.80}: {exc}") from None

    def api_info(self) -> dict[str, Any]:
        return {"description": "any JSON value, kept in the browser"}

    def example_payload(self) -> Any:
        return None
