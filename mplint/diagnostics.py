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
    """A replacement of the text in ``span`` that resolves the finding."""

    title: str
    span: Span
    replacement: str


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

    def stamped(self, **changes: Any) -> Diagnostic:
        """Return a copy with the given fields replaced."""
        return self._replace(**changes)

    def sort_key(self) -> tuple[object, ...]:
        """Order by file, cell, position, code, then path and message."""
        s = self.span
        return (self.file, self.cell or 0, s.line, s.column, self.code, self.path, self.message)
