"""The rounds of ``--fix`` on one file's text: collect the fixes of its findings, apply the ones
that do not conflict, re-read the result, and lint again until nothing changes.

A round whose result does not parse, or gains any other file-level finding (a parse error, a
crash, a duplicate key, a second YAML document: MP001-MP004), is rejected and the text stays as
it was before that round. Rounds are bounded; a text seen before (fixes that undo each other) ends
the rounds with a note rather than looping.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import NamedTuple

from mplint.diagnostics import Diagnostic, Fix
from mplint.fixing import edits
from mplint.result import FileResult

MAX_ROUNDS = 10
# File-level findings a fix must never add.
_PARSE_LEVEL = ("MP001", "MP002", "MP003", "MP004")
REJECTED = "a fix would make the file unreadable or add a parse-level finding (MP001-MP004); it was not applied"


class Fixed(NamedTuple):
    """What fixing one file's text gave."""

    text: str  # the fixed text (the original when nothing was fixed)
    fixed: int  # fixes applied
    result: FileResult  # the findings of ``text``
    note: str | None  # why the rounds stopped early, if they did


def wanted(d: Diagnostic, unsafe: bool) -> Fix | None:
    """Return the finding's fix when this run applies it."""
    fix = d.fix
    return fix if fix is not None and (fix.safe or unsafe) else None


def fix_text(
    text: str, kind: str, lint: Callable[[str], FileResult], *, unsafe: bool, first: FileResult | None = None
) -> Fixed:
    """Fix ``text`` (a file of source ``kind``, see mplint.sources.detect) in rounds; ``lint``
    checks a text as the file it stands for."""
    result = first if first is not None else lint(text)
    seen = {text}
    fixed = 0
    for _ in range(MAX_ROUNDS):
        new, count = one_round(text, kind, result.diagnostics, unsafe)
        if count == 0 or new == text:
            return Fixed(text, fixed, result, None)
        if new in seen:
            return Fixed(text, fixed, result, "fixes undo each other (a fix cycle); stopped")
        after = lint(new)
        if any(n > _parse_level(result).get(code, 0) for code, n in _parse_level(after).items()):
            return Fixed(text, fixed, result, REJECTED)
        seen.add(new)
        text, result, fixed = new, after, fixed + count
    return Fixed(text, fixed, result, f"still changing after {MAX_ROUNDS} rounds of fixes; stopped")


def one_round(text: str, kind: str, diagnostics: list[Diagnostic], unsafe: bool) -> tuple[str, int]:
    """Return the text with one round of non-conflicting fixes applied, and how many."""
    by_cell: dict[int | None, list[Fix]] = {}
    for d in sorted(diagnostics, key=Diagnostic.sort_key):
        fix = wanted(d, unsafe)
        if fix is not None:
            by_cell.setdefault(d.cell if kind == "notebook" else None, []).append(fix)
    count = 0
    for cell, fixes in by_cell.items():
        if cell is None:
            planned = edits.plan(text, kind, fixes)
            text = edits.apply(text, planned)
            count += len(planned)
            continue
        from mplint.fixing.notebook import replace_cell
        from mplint.sources import cell_text

        source = cell_text(text, cell)
        if source is None:
            continue
        planned = edits.plan(source, "python", fixes)
        changed = replace_cell(text, cell, edits.apply(source, planned))
        if changed is not None:
            text = changed
            count += len(planned)
    return text, count


def _parse_level(result: FileResult) -> dict[str, int]:
    counts: dict[str, int] = {}
    for d in result.diagnostics:
        if d.code in _PARSE_LEVEL:
            counts[d.code] = counts.get(d.code, 0) + 1
    return counts
