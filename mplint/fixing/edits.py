"""Fix intents to concrete text edits of one document, in its own style and coordinates.

Offsets come from mplint.sources.positions.LineIndex (1-based lines, columns counting
characters, every line ending kept), so an edit touches the characters of its span and
nothing else: line endings, a BOM, tabs, comments and key order outside it stay as they are.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import NamedTuple

from mplint.diagnostics import Fix
from mplint.fixing import removal, styles
from mplint.model import Span
from mplint.sources.positions import LineIndex

FORMATS = ("json", "yaml", "python")


class Edit(NamedTuple):
    """Replace the text of ``span`` (document coordinates) by ``text``."""

    span: Span
    text: str


class Planned(NamedTuple):
    """A fix made concrete: the character offsets it replaces, and what it writes there."""

    fix: Fix
    start: int
    end: int
    text: str


def text_format(fmt: str, text: str) -> str:
    """Return the format the fixer writes for a source kind: json, yaml or python.

    CloudFormation templates are JSON or YAML by their text; a notebook cell is Python.
    """
    if fmt in ("cloudformation", "template"):
        return "json" if text.lstrip(" \t\r\n\ufeff")[:1] in ("{", "[") else "yaml"
    if fmt == "notebook":
        return "python"
    return fmt


def text_edits(text: str, fmt: str, fixes: Iterable[Fix]) -> list[Edit]:
    """Return the edits that apply ``fixes`` to one document's ``text`` (fmt: json, yaml,
    python, cloudformation, or notebook for one cell's source), in document order.

    A fix that cannot be written certainly (a Python value that is not a plain literal, a
    span outside the text) is left out, and so is one that overlaps an earlier one (the first
    in document order wins; the others wait for the next round).
    """
    index = LineIndex(text)
    return [Edit(index.span(p.start, p.end), p.text) for p in plan(text, fmt, fixes, index)]


def plan(text: str, fmt: str, fixes: Iterable[Fix], index: LineIndex | None = None) -> list[Planned]:
    """Return the fixes that can be applied together, made concrete, in document order."""
    fmt = text_format(fmt, text)
    index = index or LineIndex(text)
    ascii_only = text.isascii()
    found: list[Planned] = []
    for fix in fixes:
        planned = _concrete(text, fmt, fix, index, ascii_only)
        if planned is not None:
            found.append(planned)
    found.sort(key=lambda p: (p.start, p.end))
    kept: list[Planned] = []
    for p in found:
        if kept and (p.start < kept[-1].end or p.start == kept[-1].start):
            continue
        kept.append(p)
    return kept


def apply(text: str, planned: list[Planned]) -> str:
    """Return ``text`` with planned edits (in document order, not overlapping) applied."""
    out: list[str] = []
    at = 0
    for p in planned:
        out.append(text[at : p.start])
        out.append(p.text)
        at = p.end
    out.append(text[at:])
    return "".join(out)


def _offsets(index: LineIndex, span: Span) -> tuple[int, int] | None:
    count = index.line_count
    if not (1 <= span.line <= count and 1 <= span.end_line <= count) or span.column < 1 or span.end_column < 1:
        return None
    start, end = index.offset(span.line, span.column), index.offset(span.end_line, span.end_column)
    if end < start or end > len(index.text) or _line_end(index, span.end_line) < end:
        return None
    return start, end


def _line_end(index: LineIndex, line: int) -> int:
    """Return the offset just past line ``line``'s text (before its line break)."""
    start = index.starts[line - 1]
    return start + len(index.line_text(line))


def _concrete(text: str, fmt: str, fix: Fix, index: LineIndex, ascii_only: bool) -> Planned | None:
    where = _offsets(index, fix.span)
    if where is None:
        return None
    start, end = where
    written = text[start:end]
    new: str | None
    if fix.kind == "text":
        new = fix.replacement
    elif fix.kind == "value":
        # A YAML block scalar's span takes the line breaks after it; they stay.
        end = start + len(written.rstrip(" \t\r\n")) if fmt == "yaml" else end
        new = _value(fmt, fix.value, text[start:end], ascii_only)
    elif fix.kind == "key":
        new = _key(fmt, fix.value, written, ascii_only) if isinstance(fix.value, str) else None
    elif fix.kind == "remove":
        cut = removal.member(text, start, end, fmt)
        if cut is None:
            return None
        start, end = cut
        new = ""
    else:
        new = None
    return None if new is None else Planned(fix, start, end, new)


def _value(fmt: str, value: object, written: str, ascii_only: bool) -> str | None:
    if not isinstance(value, (str, int, float, bool)) and value is not None:
        return None
    if fmt == "json":
        return styles.json_value(value, ascii_only)
    if fmt == "yaml":
        return styles.yaml_value(value, written, ascii_only)
    if fmt == "python":
        return styles.python_value(value, written)
    return None


def _key(fmt: str, value: str, written: str, ascii_only: bool) -> str | None:
    if fmt == "json":
        return styles.json_value(value, ascii_only)
    if fmt == "yaml":
        return styles.yaml_value(value, written, ascii_only)
    if fmt == "python":
        return styles.python_key(value, written)
    return None
