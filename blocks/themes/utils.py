"""``gr.themes.utils``: where the reference framework keeps ``colors``, ``fonts`` and ``sizes``
(``from gradio.themes.utils import colors, fonts, sizes`` reads the same here)."""

from __future__ import annotations

from blocks.themes import colors, fonts, sizes

__all__ = ["colors", "fonts", "sizes"]
