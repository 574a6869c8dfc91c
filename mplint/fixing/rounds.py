"""The rounds of ``--fix`` on one file's text: collect the fixes of its findings, apply the ones
that do not conflict, re-read the result, and lint again until nothing changes.

A round whose result does not parse, or gains any other file-level finding (a parse error, a
crash, a duplicate key, a second YAML document: MP001-MP004), is rejected: the text stays as it
was before that round, and its fixes are then tried one at a time, each kept only when the file
still reads as well as before (so one bad fix does not hold back the others). Rounds are bounded; a text seen before (fixes that undo each other) ends
the rounds with a note rather than looping.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import NamedTuple

from mplint.diagnostics import Diagnostic, Fix
from mplint.fixing import edits
from mplint.result import FileResult

MAX_ROUNDS = 10
# How many single fixes are tried, each with a lint, once a round has been rejected.
MAX_ATTEMPTS = 100
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
        if _breaks(result, after):
            # One fix spoils the round: apply the others one at a time, leaving out what breaks.
            text, result, count = _one_by_one(text, kind, result, lint, unsafe)
            return Fixed(text, fixed + count, result, REJECTED)
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


def _breaks(before: FileResult, after: FileResult) -> bool:
    """Tell whether ``after`` has more file-level findings of some code than ``before``."""
    had = _parse_level(before)
    return any(n > had.get(code, 0) for code, n in _parse_level(after).items())


def _one_by_one(
    text: str, kind: str, result: FileResult, lint: Callable[[str], FileResult], unsafe: bool
) -> tuple[str, FileResult, int]:
    """Apply the fixes of ``result`` one at a time (each checked by linting the text again),
    leaving out each fix whose result breaks the file; return the text, its findings and the
    count. Bounded: at most MAX_ATTEMPTS lints."""
    refused: set[tuple[str, str, str, str]] = set()
    count = 0
    for _ in range(MAX_ATTEMPTS):
        candidates = [
            d
            for d in sorted(result.diagnostics, key=Diagnostic.sort_key)
            if wanted(d, unsafe) and _key(d) not in refused
        ]
        if not candidates:
            break
        d = candidates[0]
        new, applied = one_round(text, kind, [d], unsafe)
        after = lint(new) if applied and new != text else None
        if after is None or _breaks(result, after):
            refused.add(_key(d))
            continue
        text, result, count = new, after, count + applied
    return text, result, count


def _key(d: Diagnostic) -> tuple[str, str, str, str]:
    fix = d.fix
    return (d.code, d.path, fix.title if fix else "", fix.replacement if fix else "")


def _parse_level(result: FileResult) -> dict[str, int]:
    counts: dict[str, int] = {}
    for d in result.diagnostics:
        if d.code in _PARSE_LEVEL:
            counts[d.code] = counts.get(d.code, 0) + 1
    return counts
