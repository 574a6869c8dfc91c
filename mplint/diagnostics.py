"""Diagnostics as data: severity, the finding itself, an optional fix, and a stable order."""

from __future__ import annotations

import enum
from typing import Any, NamedTuple

from mplint.model import Span


class Severity(enum.IntEnum):
    """How serious a finding is; higher is worse."""

    INFO = 1
    WARNING = 2
    ERROR = 3

    @property
    def label(self) -> str:
        return self.name.lower()

    @classmethod
    def parse(cls, text: str) -> Severity:
        """Return the severity named by ``text`` (error, warning, info)."""
        try:
            return cls[text.strip().upper()]
        except KeyError:
            raise ValueError(f"unknown severity {text!r} (expected error, warning or info)") from None


class Fix(NamedTuple):
    """What resolves a finding: an edit of ``span``, said as an intent the fixer writes in the
    file's own style (its quoting, indentation and line endings), so rules never see text.

    ``kind`` says what the edit is:

    - ``"text"``: replace the text of ``span`` by ``replacement``, verbatim;
    - ``"value"``: replace the value written at ``span`` by ``value`` (a plain JSON value:
      str, int, float, bool or None), written as the file writes its values (a quoted string
      keeps its quote character, a YAML plain scalar stays plain where that reads back the same);
    - ``"key"``: rename the member key written at ``span`` to ``value`` (a str);
    - ``"remove"``: remove the member whose key starts where ``span`` starts and whose value
      ends where it ends, with its separator (a comma, a YAML line, a Python keyword argument).

    ``replacement`` is always the text a plain edit of ``span`` would write (what an editor
    shows, and what ``--format json`` reports). ``safe`` fixes are applied by ``--fix``; the
    others (they may change what the request means) only with ``--unsafe-fixes``.
    """

    title: str
    span: Span
    replacement: str
    safe: bool = True
    kind: str = "text"
    value: object = None


class Diagnostic(NamedTuple):
    """One finding: which rule, how serious, what and where.

    (Immutable records are named tuples rather than frozen dataclasses: a frozen dataclass
    costs half a millisecond to define, and every run of the command line defines them.)
    """

    code: str
    name: str
    severity: Severity
    message: str
    span: Span
    path: str = ""
    file: str = ""
    request: str = ""
    cell: int | None = None
    fix: Fix | None = None
    # In a notebook: where the finding is written in the .ipynb file itself (``span`` counts
    # within the cell's source). None elsewhere.
    file_span: Span | None = None
    # A short digest of the value the finding is about (a scalar, not a secret), which keys it
    # in a baseline (mplint.engine.baseline); None when it has none.
    digest: str | None = None

    def stamped(self, **changes: Any) -> Diagnostic:
        """Return a copy with the given fields replaced."""
        return self._replace(**changes)

    def sort_key(self) -> tuple[object, ...]:
        """Order by file, cell, position, code, then path and message."""
        s = self.span
        return (self.file, self.cell or 0, s.line, s.column, self.code, self.path, self.message)
