"""The unified diff ``--diff`` prints, with no secret in it.

Context lines that would show a secret value are left out (the diff is then made without
context, which ``patch`` still applies); a secret on a changed line itself is masked.
"""

from __future__ import annotations

import difflib
import json

from mplint.result import FileResult
from mplint.sources.positions import LineIndex

MASK = "****"


def hidden_texts(text: str, result: FileResult) -> set[str]:
    """Return the secret values of a checked text as they are written in it."""
    found: set[str] = set()
    index = LineIndex(text)
    for span in result.redactions:
        found.add(text[index.offset(span.line, span.column) : index.offset(span.end_line, span.end_column)])
    for cell, spans in result.cell_redactions.items():
        from mplint.sources import cell_text

        source = cell_text(text, cell) or ""
        cells = LineIndex(source)
        for span in spans:
            value = source[cells.offset(span.line, span.column) : cells.offset(span.end_line, span.end_column)]
            found.update({value, json.dumps(value)[1:-1]})
    return {s for s in found if s.strip()}


def unified(name: str, before: str, after: str, hidden: set[str]) -> str:
    """Return the unified diff of one file (``a/NAME``, ``b/NAME``), with no secret shown."""
    old, new = before.splitlines(True), after.splitlines(True)
    lines = list(difflib.unified_diff(old, new, f"a/{name}", f"b/{name}"))
    if hidden and any(s in line for line in lines[2:] if line[:1] == " " for s in hidden):
        lines = list(difflib.unified_diff(old, new, f"a/{name}", f"b/{name}", n=0))
    out: list[str] = []
    for line in lines:
        for secret in hidden:
            if secret in line:
                line = line.replace(secret, MASK)
        out.append(line if line.endswith(("\n", "\r")) else line + "\n\\ No newline at end of file\n")
    return "".join(out)
