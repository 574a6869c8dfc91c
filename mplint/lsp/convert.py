"""Between mplint's findings and the editor's forms: document paths and formats, ranges in
UTF-16 units, and the fix a diagnostic carries in ``data``."""

from __future__ import annotations

import os
from typing import Any
from urllib.parse import unquote, urlparse

from lsprotocol import types as lsp

from mplint.diagnostics import Diagnostic, Fix, Severity
from mplint.model import Span
from mplint.result import help_uri
from mplint.sources.positions import LineIndex

SEVERITIES = {
    Severity.ERROR: lsp.DiagnosticSeverity.Error,
    Severity.WARNING: lsp.DiagnosticSeverity.Warning,
    Severity.INFO: lsp.DiagnosticSeverity.Information,
}
# Untitled buffers have no suffix; the language id picks the format instead.
SUFFIXES = {"json": ".json", "jsonc": ".json", "yaml": ".yaml", "python": ".py", "jupyter": ".ipynb"}
# Cells of a notebook an editor shows, when it sends them as text documents of their own.
CELL_SCHEME = "vscode-notebook-cell"
# The format of a document's text, by suffix: what a fix or a comment is written in.
FORMATS = {".json": "json", ".yaml": "yaml", ".yml": "yaml", ".py": "python", ".ipynb": "notebook"}


def file_path(uri: str, language_id: str | None = None) -> str:
    """Return the file system path of a document URI (a made-up name for untitled buffers)."""
    parsed = urlparse(uri)
    if parsed.scheme in ("file", CELL_SCHEME):
        return unquote(parsed.path)  # a cell's URI holds its notebook's path
    name = os.path.basename(unquote(parsed.path)) or "untitled"
    if not os.path.splitext(name)[1]:
        name += SUFFIXES.get(language_id or "", "")
    return os.path.join(os.getcwd(), name)


def text_format(uri: str, path: str, text: str) -> str:
    """Return the format a document's text is written in: "json", "yaml", "python" (a notebook's
    cell too) or "notebook" (a whole .ipynb read as text). A template of another suffix is JSON
    when it starts with a bracket, else YAML (as the sources decide)."""
    if uri.startswith(CELL_SCHEME + ":"):
        return "python"
    fmt = FORMATS.get(os.path.splitext(path)[1].lower())
    if fmt is not None:
        return fmt
    return "json" if text.lstrip(" \t\r\n\ufeff")[:1] in ("{", "[") else "yaml"


def lsp_range(span: Span, index: LineIndex) -> lsp.Range:
    """Convert a 1-based span (columns in characters) to a 0-based range in UTF-16 units."""

    def position(line: int, column: int) -> lsp.Position:
        if line > index.line_count:
            return lsp.Position(index.line_count - 1, len(index.line_text(index.line_count).encode("utf-16-le")) // 2)
        return lsp.Position(line - 1, index.utf16_column(line, column) - 1)

    return lsp.Range(position(span.line, span.column), position(span.end_line, span.end_column))


def char_position(position: lsp.Position, index: LineIndex) -> tuple[int, int]:
    """Convert a 0-based position in UTF-16 units to a 1-based (line, column in characters);
    a position past a line's end is its end."""
    line = position.line + 1
    text = index.line_text(line)
    units = 0
    for column, ch in enumerate(text, start=1):
        if units >= position.character:
            return line, column
        units += 2 if ord(ch) > 0xFFFF else 1
    return line, len(text) + 1


def fix_data(fix: Fix, index: LineIndex) -> dict[str, Any]:
    """Return the fix as a diagnostic's ``data`` holds it: the editor's range and the intent."""
    edit = lsp_range(fix.span, index)
    return {
        "title": fix.title,
        "replacement": fix.replacement,
        "range": [edit.start.line, edit.start.character, edit.end.line, edit.end.character],
        "span": list(fix.span),
        "safe": fix.safe,
        "kind": fix.kind,
        "value": fix.value,
    }


def fix_of(data: Any) -> Fix | None:
    """Return the Fix a diagnostic's ``data`` carries (None if it carries none, or a malformed one)."""
    raw = data.get("fix") if isinstance(data, dict) else None
    if not isinstance(raw, dict):
        return None
    try:
        span = Span(*(int(n) for n in raw["span"]))
        return Fix(
            str(raw["title"]),
            span,
            str(raw["replacement"]),
            bool(raw.get("safe", True)),
            str(raw.get("kind", "text")),
            raw.get("value"),
        )
    except (KeyError, TypeError, ValueError):
        return None


def to_lsp(d: Diagnostic, index: LineIndex) -> lsp.Diagnostic:
    """Return the editor's form of one finding; its fix, if any, travels in ``data``."""
    data: dict[str, Any] = {"name": d.name, "path": d.path, "request": d.request}
    if d.fix is not None:
        data["fix"] = fix_data(d.fix, index)
    message = d.message + (f" [{d.request}]" if d.request else "")
    return lsp.Diagnostic(
        range=lsp_range(d.span, index),
        message=message,
        severity=SEVERITIES[d.severity],
        code=d.code,
        code_description=lsp.CodeDescription(href=help_uri(d.code)),
        source="mplint",
        data=data,
    )
