"""``--format github``: GitHub Actions workflow commands that annotate the changed lines."""

from __future__ import annotations

from pathlib import PurePath

from mplint.diagnostics import Diagnostic, Severity
from mplint.printable import printable_path
from mplint.result import RunResult

COMMANDS = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "notice"}


def escape_data(text: str) -> str:
    """Escape a workflow command's message (``%``, CR and LF)."""
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def escape_property(text: str) -> str:
    """Escape a workflow command's property value (the data escapes plus ``:`` and ``,``)."""
    return escape_data(text).replace(":", "%3A").replace(",", "%2C")


def annotation(d: Diagnostic) -> str:
    """Return the ``::error file=...::message`` line of one diagnostic."""
    # A notebook finding counts lines within its cell; an annotation addresses the file itself.
    s = d.file_span if d.file_span is not None else d.span
    title = f"{d.code} {d.name}" + (f" (cell {d.cell})" if d.cell is not None else "")
    props = [("file", printable_path(PurePath(d.file).as_posix())), ("line", str(s.line))]
    if s.end_line == s.line:
        # GitHub reads col/endColumn only on a one-line span; on a longer one it drops or
        # misplaces the annotation, so a multi-line span gives its lines only.
        props += [("col", str(s.column)), ("endLine", str(s.end_line)), ("endColumn", str(s.end_column))]
    else:
        props += [("endLine", str(s.end_line))]
    props.append(("title", title))
    head = ",".join(f"{k}={escape_property(v)}" for k, v in props)
    message = d.message + (f" [{d.request}]" if d.request else "")
    return f"::{COMMANDS[d.severity]} {head}::{escape_data(message)}"


def render(run: RunResult, color: bool = False) -> str:
    """Return one annotation line per finding (nothing when there is none)."""
    return "".join(annotation(d) + "\n" for d in run.diagnostics)
