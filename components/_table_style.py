"""A pandas Styler shown in a Dataframe: its data without the hidden columns, and per cell the
text it displays (its formats, e.g. a precision) and its CSS (``metadata``). Read through the
Styler's own rendering, which has no public API for this: when a pandas version changes it,
the table is shown unstyled rather than not at all."""

from __future__ import annotations

from typing import Any

__all__ = ["styled"]


def styled(styler: Any) -> tuple[Any, dict[str, Any] | None]:
    """``(frame, metadata)`` of a Styler: metadata has ``display_value`` and ``styling``, a
    list of rows of text each (None where the Styler rendered no cell)."""
    frame = styler.data
    hidden = {int(index) for index in getattr(styler, "hidden_columns", [])}
    kept = [index for index in range(frame.shape[1]) if index not in hidden]
    frame = frame.iloc[:, kept]
    try:
        rendered = styler._compute()._translate(False, False)
    except (AttributeError, TypeError, KeyError, ValueError):
        return frame, None
    styles: dict[str, str] = {}
    for style in rendered.get("cellstyle", []):
        css = "; ".join(f"{name}: {value}" for name, value in style.get("props", []))
        for selector in style.get("selectors", []):
            styles[selector] = css
    display: list[list[Any]] = []
    styling: list[list[Any]] = []
    for row in rendered.get("body", []):
        cells = [cell for cell in row if cell.get("type") == "td"]
        cells = [cell for index, cell in enumerate(cells) if index not in hidden]
        display.append([_text(cell.get("display_value")) for cell in cells])
        styling.append([styles.get(cell.get("id", ""), "") for cell in cells])
    # A large Styler renders only its first rows and columns (pandas' max_elements): the rest
    # is shown as plain values.
    missing = len(frame) - len(display)
    display += [[None] * len(kept) for _ in range(max(0, missing))]
    styling += [[""] * len(kept) for _ in range(max(0, missing))]
    return frame, {"display_value": display, "styling": styling}


def _text(value: Any) -> str | None:
    return None if value is None else str(value)
