"""Quick fixes and "fix all": the fixes findings carry, turned into edits of the editor's text.

:func:`fix_edits` is the one place where a fix's intent becomes text. It writes ``replacement``
over ``span``, which is exact for the kinds "text", "value" and "key"; a "remove" needs the
member's separator found in the file's format, so it is offered only when a fixer that knows
the formats is plugged in here.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from mplint.diagnostics import Fix
from mplint.model import Span

# The kinds whose plain edit of ``span`` is the fix itself.
PLAIN_KINDS = frozenset({"text", "value", "key"})


def fix_edits(text: str, fmt: str, fixes: Sequence[Fix]) -> list[tuple[Span, str]]:
    """Return the edits (span, new text) that apply ``fixes`` to a document's ``text`` written in
    ``fmt`` ("json", "yaml", "python"), in document order; a fix that overlaps one before it,
    or that cannot be written, is left out (it is offered again once the others are applied)."""
    del fmt  # the plain edit is the same in every format
    edits: list[tuple[Span, str]] = []
    taken: Span | None = None
    lines = text.count("\n") + text.count("\r") - text.count("\r\n") + 1
    for fix in sorted(fixes, key=lambda f: f.span):
        span = fix.span
        backwards = (span.line, span.column) > (span.end_line, span.end_column)
        if fix.kind not in PLAIN_KINDS or span.line < 1 or span.end_line > lines or backwards:
            continue
        if taken is not None and (span.line, span.column) < (taken.end_line, taken.end_column):
            continue
        edits.append((span, fix.replacement))
        taken = span
    return edits


def fixable(fixes: Iterable[Fix | None], *, unsafe: bool = False) -> list[Fix]:
    """Return the fixes "fix all" applies: the safe ones (all of them with ``unsafe``)."""
    return [f for f in fixes if f is not None and (f.safe or unsafe)]
