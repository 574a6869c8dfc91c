"""The ``--format json`` output of CONTRACT.md: one object with version, summary, diagnostics."""

from __future__ import annotations

import json
from typing import Any

from mplint import __version__
from mplint.diagnostics import Diagnostic
from mplint.printable import printable_path
from mplint.result import RunResult


def diagnostic_dict(d: Diagnostic) -> dict[str, Any]:
    """Return one diagnostic as the contract's JSON object."""
    s = d.span
    out: dict[str, Any] = {
        "file": printable_path(d.file),  # a name that is not UTF-8 as \xff, control characters escaped
        "line": s.line,
        "column": s.column,
        "end_line": s.end_line,
        "end_column": s.end_column,
        "rule": d.code,
        "name": d.name,
        "severity": d.severity.label,
        "message": d.message,
        "path": d.path,
        "request": d.request,
    }
    if d.cell is not None:
        out["cell"] = d.cell
        if d.file_span is not None:
            out["file_line"] = d.file_span.line
    if d.fix is not None:
        f = d.fix
        out["fix"] = {
            "title": f.title,
            "replacement": f.replacement,
            "safe": f.safe,
            "line": f.span.line,
            "column": f.span.column,
            "end_line": f.span.end_line,
            "end_column": f.span.end_column,
        }
    return out


def render(run: RunResult, color: bool = False) -> str:
    """Return the JSON document (strict JSON: no NaN, ASCII-safe escapes for odd characters)."""
    doc = {
        "version": __version__,
        "summary": run.summary(),
        "diagnostics": [diagnostic_dict(d) for d in run.diagnostics],
    }
    return json.dumps(doc, indent=2, ensure_ascii=False, allow_nan=False) + "\n"
