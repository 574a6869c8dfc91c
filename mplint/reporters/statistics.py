"""``--statistics``: one line per rule with its count, most frequent first."""

from __future__ import annotations

from collections import Counter

from mplint.reporters.text import summary_line
from mplint.result import RunResult


def render(run: RunResult, color: bool = False) -> str:
    """Return counts per rule code and name, then the summary line."""
    counts = Counter((d.code, d.name) for d in run.diagnostics)
    rows = [f"{n:>5}  {code}  {name}" for (code, name), n in sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))]
    return "\n".join([*rows, summary_line(run)]) + "\n"
