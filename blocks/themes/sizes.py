"""``gr.themes.sizes``: the scales of text sizes, spacings and corner radii a theme is built
from, each seven steps (``xxs`` to ``xxl``); ``text_size="lg"`` picks ``sizes.text_lg``."""

from __future__ import annotations

__all__ = [
    "Size",
    "radius_lg",
    "radius_md",
    "radius_none",
    "radius_sm",
    "radius_xxl",
    "size_named",
    "spacing_lg",
    "spacing_md",
    "spacing_sm",
    "text_lg",
    "text_md",
    "text_sm",
]

STEPS = ("xxs", "xs", "sm", "md", "lg", "xl", "xxl")


class Size:
    """A scale of seven CSS lengths, ``xxs`` to ``xxl``."""

    all: list[Size] = []

    def __init__(
        self,
        xxs: str,
        xs: str,
        sm: str,
        md: str,
        lg: str,
        xl: str,
        xxl: str,
        name: str | None = None,
    ) -> None:
        self.xxs, self.xs, self.sm, self.md = xxs, xs, sm, md
        self.lg, self.xl, self.xxl = lg, xl, xxl
        self.name = name
        if name is not None:
            Size.all.append(self)

    def expand(self) -> list[str]:
        """The seven lengths, smallest first."""
        return [getattr(self, step) for step in STEPS]

    def __repr__(self) -> str:
        return f"Size(name={self.name!r}, md={self.md!r})"


def size_named(name: str, kind: str, parameter: str) -> Size:
    """The ``kind`` scale called ``name`` (``"md"`` or ``"text_md"``); a clear error otherwise."""
    wanted = name if name.startswith(f"{kind}_") else f"{kind}_{name}"
    for size in Size.all:
        if size.name == wanted:
            return size
    names = [
        s.name.removeprefix(f"{kind}_") for s in Size.all if s.name and s.name.startswith(kind)
    ]
    raise ValueError(
        f"{parameter}={name!r} is not a {kind} size; use one of {', '.join(names)}, "
        "or a gr.themes.Size(xxs=..., ..., xxl=...)"
    )


def _scale(name: str, steps: str) -> Size:
    s = steps.split()
    assert len(s) == len(STEPS), name
    return Size(s[0], s[1], s[2], s[3], s[4], s[5], s[6], name=name)


radius_none = _scale("radius_none", "0px 0px 0px 0px 0px 0px 0px")
radius_sm = _scale("radius_sm", "1px 1px 2px 4px 6px 8px 12px")
radius_md = _scale("radius_md", "1px 2px 4px 6px 8px 12px 22px")
radius_lg = _scale("radius_lg", "2px 4px 6px 8px 12px 16px 24px")
radius_xxl = _scale("radius_xxl", "6px 8px 10px 20px 24px 28px 32px")

spacing_sm = _scale("spacing_sm", "1px 1px 2px 4px 6px 9px 12px")
spacing_md = _scale("spacing_md", "1px 2px 4px 6px 8px 10px 16px")
spacing_lg = _scale("spacing_lg", "2px 4px 6px 8px 10px 14px 28px")

text_sm = _scale("text_sm", "8px 9px 11px 13px 16px 20px 24px")
text_md = _scale("text_md", "9px 10px 12px 14px 16px 22px 26px")
text_lg = _scale("text_lg", "10px 12px 14px 16px 20px 24px 28px")
