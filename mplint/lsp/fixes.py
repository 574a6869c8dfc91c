"""Quick fixes and "fix all": the fixes findings carry, turned into edits of the editor's text.

:func:`fix_edits` is the one place where a fix's intent becomes text: the fixer's
:func:`mplint.fixing.edits.text_edits`, which writes a value or key in the file's own style and
removes a member with its separator, as ``mplint check --fix`` does.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from mplint.diagnostics import Fix
from mplint.model import Span


def fix_edits(text: str, fmt: str, fixes: Sequence[Fix]) -> list[tuple[Span, str]]:
    """Return the edits (span, new text) that apply ``fixes`` to a document's ``text`` written in
    ``fmt`` ("json", "yaml", "python"), in document order; a fix that overlaps one before it,
    or that cannot be written certainly, is left out (it is offered again once the others are
    applied)."""
    from mplint.fixing.edits import text_edits

    return [(edit.span, edit.text) for edit in text_edits(text, fmt, fixes)]


def fixable(fixes: Iterable[Fix | None], *, unsafe: bool = False) -> list[Fix]:
    """Return the fixes "fix all" applies: the safe ones (all of them with ``unsafe``)."""
    return [f for f in fixes if f is not None and (f.safe or unsafe)]
