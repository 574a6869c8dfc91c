"""Human-readable output: ``file:line:col: CODE message``, the source line and a caret."""

from __future__ import annotations

from mplint.diagnostics import Diagnostic, Severity
from mplint.model import Span
from mplint.printable import excerpt_line, printable_path
from mplint.result import FileResult, RunResult
from mplint.secrets import mask, mask_line

_LONG = 200  # lines longer than this are shown as a window of 160 characters
_MARGIN = 100  # characters either side of a window that masking looks at
_COLORS = {Severity.ERROR: "31", Severity.WARNING: "33", Severity.INFO: "36"}


def _paint(text: str, code: str, color: bool) -> str:
    return f"\x1b[{code}m{text}\x1b[0m" if color else text


def split_lines(text: str) -> list[str]:
    """Split text into lines at ``\\n``, ``\\r\\n`` and ``\\r`` only (editor numbering)."""
    return text.replace("\r\n", "\n").replace("\r", "\n").split("\n")


def location(d: Diagnostic) -> str:
    """Return ``file:line:col`` (``file:cell k:line:col`` in a notebook)."""
    cell = f"cell {d.cell}:" if d.cell is not None else ""
    return f"{printable_path(d.file)}:{cell}{d.span.line}:{d.span.column}"


def _excerpt(d: Diagnostic, lines: list[str], color: bool, hidden: list[Span] = ()) -> list[str]:  # type: ignore[assignment]
    n = d.span.line
    if not (1 <= n <= len(lines)):
        return []
    line = lines[n - 1]
    if len(line) > _LONG:  # a window around the column: never copy or scan the whole line
        offset = max(0, d.span.column - 60)
        # Masked with a margin, so that a secret cut by the window's edge is still recognised.
        lo = max(0, offset - _MARGIN)
        wide = line[lo : offset + 160 + _MARGIN]
        shifted = [
            Span(s.line, s.column - lo, s.end_line, s.end_column - lo) for s in hidden if s.line <= n <= s.end_line
        ]
        src = excerpt_line(mask_line(mask(wide, n, shifted))[offset - lo : offset - lo + 160])
    else:
        offset = 0
        src = excerpt_line(mask_line(mask(line, n, hidden)))
    col = max(d.span.column - 1 - offset, 0)
    end = d.span.end_column - 1 - offset if d.span.end_line == n else len(src)
    width = max(1, min(end, len(src)) - col)
    gutter = " " * len(str(n))
    caret = " " * col + _paint("^" * width, _COLORS[d.severity], color)
    shown = d.path and d.path not in d.message
    label = f" {d.path} [{d.severity.label}]" if shown else f" [{d.severity.label}]"
    return [f" {gutter} |", f" {n} | {src}", f" {gutter} | {caret}{_paint(label, '2', color)}"]


def _source_lines(f: FileResult, cache: dict[str, list[str]], d: Diagnostic) -> list[str]:
    key = f"{f.file}#{d.cell}"
    if key not in cache:
        text = f.excerpt_text(d.cell)
        if text is None:
            return []
        cache[key] = split_lines(text)
    return cache[key]


def render(run: RunResult, color: bool = False, quiet: bool = False, fix_hint: bool = True) -> str:
    """Return the text report with excerpts, a summary line and (``fix_hint``) how many of the
    findings ``--fix`` would fix."""
    out: list[str] = []
    by_file = {f.file: f for f in run.files}
    cache: dict[str, list[str]] = {}
    masks: dict[tuple[str, int | None], list[Span]] = {}
    for d in run.diagnostics:
        code = _paint(d.code, "1;" + _COLORS[d.severity], color)
        request = f" [{d.request}]" if d.request else ""
        out.append(f"{_paint(location(d), '1', color)}: {code} {d.message}{request}")
        f = by_file.get(d.file)
        if f is not None and not quiet:
            hidden = masks.get((d.file, d.cell))
            if hidden is None:
                hidden = masks[(d.file, d.cell)] = f.redactions if d.cell is None else f.cell_redactions.get(d.cell, [])
            out.extend(_excerpt(d, _source_lines(f, cache, d), color, hidden))
    out.append(summary_line(run))
    hint = fix_line(run) if fix_hint else None
    if hint:
        out.append(hint)
    return "\n".join(out) + "\n"


def fix_line(run: RunResult) -> str | None:
    """Return e.g. ``[*] 14 fixable with --fix (11 more with --unsafe-fixes).``, or None."""
    safe = unsafe = 0
    for d in run.diagnostics:
        if d.fix is not None:
            if d.fix.safe:
                safe += 1
            else:
                unsafe += 1
    if safe and unsafe:
        return f"[*] {safe} fixable with --fix ({unsafe} more with --unsafe-fixes)."
    if safe:
        return f"[*] {safe} fixable with --fix."
    if unsafe:
        return f"{unsafe} fixable with --unsafe-fixes."
    return None


def _plural(n: int, word: str) -> str:
    return f"{n} {word}{'' if n == 1 else 's'}"


def summary_line(run: RunResult) -> str:
    """Return e.g. ``Found 3 problems (2 errors, 1 warning) in 4 files (12 skipped).``"""
    s = run.summary()
    total = s["errors"] + s["warnings"] + s["infos"]
    files = f"{_plural(s['files'], 'file')} ({s['skipped']} skipped, {_plural(s['requests'], 'request')})"
    if total == 0:
        return f"All clear: no problems in {files}."
    parts = [_plural(s["errors"], "error"), _plural(s["warnings"], "warning")]
    if s["infos"]:
        parts.append(_plural(s["infos"], "info"))
    return f"Found {_plural(total, 'problem')} ({', '.join(parts)}) in {files}."
