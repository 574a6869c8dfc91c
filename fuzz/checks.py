"""What every result must satisfy: positions inside the file and strict-JSON output."""

from __future__ import annotations

import json

from mplint.api import FileResult, RunResult
from mplint.reporters import json_report, sarif
from mplint.sources.positions import LineIndex


def _refuse(name: str) -> None:
    raise ValueError(f"non-strict JSON constant {name}")


def strict_json(text: str) -> None:
    """Raise ValueError unless ``text`` is strict JSON that encodes as UTF-8."""
    text.encode("utf-8")
    json.loads(text, parse_constant=_refuse)


def problems(result: FileResult, full: bool = False) -> list[str]:
    """Return what is wrong with one file's result; ``full`` also renders the JSON report."""
    out: list[str] = []
    index = LineIndex(result.text) if result.text is not None else None
    for d in result.diagnostics:
        if d.code == "MP002":  # the last-resort guard caught an internal error
            out.append(f"MP002: {d.message}")
        s = d.span
        where = f"{d.code} at {s.line}:{s.column}-{s.end_line}:{s.end_column}"
        if s.line < 1 or s.column < 1 or s.end_line < s.line:
            out.append(f"{where}: position before the file or an inverted span")
        elif index is not None and d.cell is None:
            if s.line > index.line_count or s.end_line > index.line_count:
                out.append(f"{where}: line past the end ({index.line_count} lines)")
            elif s.column > len(index.line_text(s.line)) + 1:
                out.append(f"{where}: column past the end of line {s.line}")
    try:
        if full:
            strict_json(json_report.render(RunResult(files=[result])))
        rows = [[json_report.diagnostic_dict(d), sarif.result(d, 0)] for d in result.diagnostics]
        strict_json(json.dumps(rows, ensure_ascii=False, allow_nan=False))
    except ValueError as exc:
        out.append(f"output is not strict JSON: {exc}")
    return out
