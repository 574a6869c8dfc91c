"""``--format gitlab``: a GitLab Code Quality report (``artifacts: reports: codequality``).

A JSON array with one issue per finding: ``description``, ``check_name`` (the rule code),
``fingerprint`` (unique per finding, stable when lines move: the SARIF fingerprint's inputs),
``severity`` (error -> major, warning -> minor, info -> info) and ``location`` with the path
relative to the project and ``lines.begin``/``lines.end`` (in a notebook, lines of the .ipynb file).
"""

from __future__ import annotations

import json
import os
from pathlib import PurePath
from typing import Any

from mplint.diagnostics import Diagnostic, Severity
from mplint.reporters.sarif import fingerprints
from mplint.result import RunResult

SEVERITIES = {Severity.ERROR: "major", Severity.WARNING: "minor", Severity.INFO: "info"}


def report_path(file: str) -> str:
    """Return the file's path as GitLab reads it: relative to the project, with ``/``."""
    path = os.path.relpath(file) if os.path.isabs(file) else file
    posix = PurePath(path).as_posix()
    posix = posix[2:] if posix.startswith("./") else posix
    # A name that is not UTF-8 (surrogate escapes) cannot be written in JSON as it is.
    return posix.encode("utf-8", "surrogateescape").decode("utf-8", "replace")


def issue(d: Diagnostic, fingerprint: str) -> dict[str, Any]:
    """Return the Code Quality issue of one diagnostic."""
    where = f" [{d.request}]" if d.request else ""
    cell = f" (cell {d.cell})" if d.cell is not None else ""
    # A notebook finding counts lines within its cell; the report addresses the file itself.
    s = d.file_span if d.file_span is not None else d.span
    return {
        "type": "issue",
        "description": f"{d.code} {d.message}{where}{cell}",
        "check_name": d.code,
        "fingerprint": fingerprint,
        "severity": SEVERITIES[d.severity],
        "categories": ["Bug Risk"] if d.severity is Severity.ERROR else ["Style"],
        "location": {"path": report_path(d.file), "lines": {"begin": s.line, "end": s.end_line}},
    }


def render(run: RunResult, color: bool = False) -> str:
    """Return the report (strict JSON; an empty array when there is no finding)."""
    diagnostics = run.diagnostics
    issues = [issue(d, p) for d, p in zip(diagnostics, fingerprints(diagnostics))]
    return json.dumps(issues, indent=2, ensure_ascii=False, allow_nan=False) + "\n"
