"""``gr.TabbedInterface``: several Interfaces (or any Blocks), one per tab, in one app."""

from __future__ import annotations

import html
from collections.abc import Sequence
from typing import Any

from blocks.app import Blocks
from blocks.components import Markdown
from blocks.graph.layouts import Tab, Tabs

__all__ = ["TabbedInterface"]


class TabbedInterface(Blocks):
    """Each of ``interface_list`` in a tab named by ``tab_names`` ("Tab 1", "Tab 2"... by
    default). The apps keep their listeners; their API names are made unique (``predict``,
    ``predict_1``...)."""

    TYPE = "blocks"

    def __init__(
        self,
        interface_list: Sequence[Blocks],
        tab_names: Sequence[str] | None = None,
        title: str | None = None,
        theme: Any = None,
        analytics_enabled: bool | None = None,
        css: str | None = None,
        js: str | None = None,
        head: str | None = None,
    ) -> None:
        interfaces = list(interface_list)
        for interface in interfaces:
            if not isinstance(interface, Blocks):
                raise TypeError(
                    f"TabbedInterface interface_list must hold gr.Interface or gr.Blocks apps, "
                    f"got {interface!r:.80}"
                )
        if tab_names is None:
            names = [f"Tab {index + 1}" for index in range(len(interfaces))]
        else:
            names = [str(name) for name in tab_names]
            if len(names) != len(interfaces):
                raise ValueError(
                    f"tab_names has {len(names)} name(s) but there are {len(interfaces)} "
                    "interfaces; give one name per interface"
                )
        super().__init__(
            title=title or "Blocks",
            css=css,
            js=js,
            head=head,
            theme=theme,
            analytics_enabled=analytics_enabled,
            mode="tabbed_interface",
        )
        self.interfaces = interfaces
        self.tab_names = names
        with self:
            if title:
                Markdown(
                    f"<h1 style='text-align: center; margin-bottom: 1rem'>{html.escape(title)}</h1>"
                )
            with Tabs():
                for interface, name in zip(interfaces, names, strict=True):
                    with Tab(label=name):
                        interface.render()
