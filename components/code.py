"""Code: source text shown highlighted, editable when it is an input."""

from __future__ import annotations

from pathlib import Path
from typing import Any, ClassVar

from blocks.components._checks import describe
from blocks.components.base import Changeable, Component, Focusable, Inputable

__all__ = ["Code"]


class Code(Component, Changeable, Inputable, Focusable):
    """A code viewer and editor. Value: ``str``.

    ``language`` (one of ``Code.languages``, or None for plain text) chooses the highlighting.
    The box shows ``lines`` lines at least and grows up to ``max_lines`` (then scrolls; None:
    no limit). ``wrap_lines`` wraps long lines instead of scrolling sideways;
    ``show_line_numbers`` shows a gutter. As an output a listener may also return a
    one-element tuple ``(path,)``: the text of that file is shown. Returned text is stripped
    of leading and trailing whitespace, as the reference does.

    The editor is a plain labelled textarea over the highlighted text (no autocomplete:
    ``autocomplete`` is accepted and ignored).
    """

    languages: ClassVar[list[str | None]] = [
        *("python", "c", "cpp", "markdown", "latex", "json", "html", "css", "javascript"),
        *("jinja2", "typescript", "yaml", "dockerfile", "shell", "r", "sql", "sql-msSQL"),
        *("sql-mySQL", "sql-mariaDB", "sql-sqlite", "sql-cassandra", "sql-plSQL", "sql-hive"),
        *("sql-pgSQL", "sql-gql", "sql-gpSQL", "sql-sparkSQL", "sql-esper"),
        None,
    ]
    PROPS = ("language", "lines", "max_lines", "wrap_lines", "show_line_numbers", "autocomplete")

    def __init__(
        self,
        value: str | Any = None,
        language: str | None = None,
        *,
        lines: int = 5,
        max_lines: int | None = None,
        wrap_lines: bool = False,
        show_line_numbers: bool = True,
        autocomplete: bool = False,
        **kwargs: Any,
    ) -> None:
        if language not in self.languages:
            known = ", ".join(repr(name) for name in self.languages if name is not None)
            raise ValueError(
                f"Code language {language!r} is not supported; use None or one of {known}"
            )
        if not isinstance(lines, int) or isinstance(lines, bool) or lines < 1:
            raise ValueError(f"Code lines must be a positive int, got {lines!r}")
        if max_lines is not None and (not isinstance(max_lines, int) or max_lines < lines):
            raise ValueError(f"Code max_lines must be None or an int >= lines, got {max_lines!r}")
        self.language = language
        self.lines = lines
        self.max_lines = max_lines
        self.wrap_lines = wrap_lines
        self.show_line_numbers = show_line_numbers
        self.autocomplete = autocomplete
        super().__init__(value=value, **kwargs)

    def preprocess(self, payload: Any) -> str | None:
        if payload is None:
            return None
        if not isinstance(payload, str):
            raise self.invalid(f"expected code as text, got {describe(payload)}")
        self.check_size(payload)
        return payload

    def postprocess(self, value: Any) -> str | None:
        if value is None:
            return None
        if isinstance(value, tuple):
            if len(value) != 1 or not isinstance(value[0], (str, Path)):
                raise TypeError(
                    f"Code takes text or a one-element tuple (path,) naming a file, got {value!r}"
                )
            return Path(value[0]).read_text(encoding="utf-8", errors="replace").strip()
        return str(value).strip()

    def api_info(self) -> dict[str, Any]:
        return {"type": "string"}

    def example_payload(self) -> str:
        return "print('Hello World')"
