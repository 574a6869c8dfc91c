"""Code actions: each finding's fix as a quick fix, "disable MPxxx on this line / in this file",
and "fix all" (``source.fixAll.mplint``: every safe fix of the document that does not overlap
another)."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from functools import partial

from lsprotocol import types as lsp

from mplint.diagnostics import Diagnostic
from mplint.lsp.convert import fix_of, lsp_range
from mplint.lsp.disable import Edit, file_edit, line_edit
from mplint.lsp.fixes import fix_edits, fixable
from mplint.sources.positions import LineIndex

FIX_ALL = "source.fixAll.mplint"
KINDS = [lsp.CodeActionKind.QuickFix, FIX_ALL]
# Findings no comment suppresses: a file that cannot be parsed has no directives that are read
# (MP001), and a rule that crashed is always reported (MP002).
UNSUPPRESSIBLE = frozenset({"MP001", "MP002"})


def wanted(kind: str, only: Sequence[str] | None) -> bool:
    """Tell whether the client asked for actions of ``kind`` (``only`` names kinds and their parents)."""
    return only is None or any(kind == o or kind.startswith(o + ".") for o in only)


def workspace_edit(uri: str, edits: list[Edit], index: LineIndex) -> lsp.WorkspaceEdit:
    return lsp.WorkspaceEdit(changes={uri: [lsp.TextEdit(lsp_range(span, index), new) for span, new in edits]})


def code_actions(
    params: lsp.CodeActionParams,
    text: str,
    fmt: str,
    findings: Callable[[], Sequence[Diagnostic]],
    fresh: bool = True,
) -> list[lsp.CodeAction]:
    """Return the actions for a request on a document of ``text`` in ``fmt`` (see
    mplint.lsp.convert.text_format); ``findings()`` gives the document's current findings.
    ``fresh`` tells that the diagnostics were published for this very text: a fix's span is
    exact only then (the disable actions take the line the editor has moved the range to)."""
    uri = params.text_document.uri
    only = params.context.only
    index = LineIndex(text)
    actions: list[lsp.CodeAction] = []
    if wanted(lsp.CodeActionKind.QuickFix, only):
        disables: list[lsp.CodeAction] = []
        seen: set[tuple[str, int | None]] = set()
        for diag in params.context.diagnostics:
            if diag.source != "mplint":
                continue
            fix = fix_of(diag.data)
            if fix is not None and fresh and fmt != "notebook":
                edits = fix_edits(text, fmt, [fix])
                if edits:
                    actions.append(
                        lsp.CodeAction(
                            title=fix.title if fix.safe or "unsafe" in fix.title else f"{fix.title} (unsafe)",
                            kind=lsp.CodeActionKind.QuickFix,
                            diagnostics=[diag],
                            is_preferred=True if fix.safe else None,
                            edit=workspace_edit(uri, edits, index),
                        )
                    )
            code = str(diag.code)
            if code in UNSUPPRESSIBLE:
                continue
            line = diag.range.start.line + 1
            for key, title, make in (
                ((code, line), f"Disable {code} on this line", partial(line_edit, text, fmt, code, line)),
                ((code, None), f"Disable {code} in this file", partial(file_edit, text, fmt, code)),
            ):
                if key in seen:
                    continue
                seen.add(key)
                edit = make()
                if edit is not None:
                    disables.append(
                        lsp.CodeAction(
                            title=title,
                            kind=lsp.CodeActionKind.QuickFix,
                            diagnostics=[diag],
                            edit=workspace_edit(uri, [edit], index),
                        )
                    )
        actions += disables
    if wanted(FIX_ALL, only) and fmt != "notebook":
        edits = fix_edits(text, fmt, fixable(d.fix for d in findings()))
        if edits:
            actions.append(
                lsp.CodeAction(title="Fix all mplint problems", kind=FIX_ALL, edit=workspace_edit(uri, edits, index))
            )
    return actions
