"""The comments that disable a rule on a finding's line or in a whole file, as edits.

The forms are those mplint/directives.py reads: YAML takes ``# mplint: disable=MP105`` at the end
of the line and ``# mplint: disable-file=MP105`` at the top (after a leading block of comments,
a ``%YAML`` directive or ``---``); Python (a notebook's cell too) takes ``# noqa: MP105`` at the end
of the line and ``# mplint: disable-file=MP105`` at the top (after a shebang, an encoding
cookie, a leading comment block). A directive already there gets the code added to its list.
JSON has no comments, so it gets none. Each edit is proved before it is offered: the edited text
reads back with the code suppressed where the finding is, and parses as well as before.
"""

from __future__ import annotations

import functools
import re

from mplint.directives import is_suppressed, scan, scan_python
from mplint.model import Span, Suppressions
from mplint.sources.positions import LineIndex

# A directive with a list of codes (the list is where a code is added); see mplint/directives.py.
_WITH_CODES = re.compile(
    r"(?:^|(?<=\s))#\s*(?:mplint:\s*(?P<verb>disable-file|disable)|(?P<noqa>noqa))"
    r"\s*[=:]\s*(?P<codes>[A-Za-z]+[0-9]*(?:\s*,\s*[A-Za-z]+[0-9]*)*)"
)
_LINE_BREAK = re.compile(r"\r\n|\n|\r")
FORMATS = ("yaml", "python")

Edit = tuple[Span, str]


def line_edit(text: str, fmt: str, code: str, line: int) -> Edit | None:
    """Return the edit that disables ``code`` on ``line`` (1-based), or None when the format has
    no comments or no comment there would do it (the line ends inside a string, say)."""
    if fmt not in FORMATS:
        return None
    index = LineIndex(text)
    if not 1 <= line <= index.line_count:
        return None
    content = index.line_text(line)
    edit = _merged(content, line, code, "noqa" if fmt == "python" else "disable")
    if edit is None and fmt == "python":
        edit = _merged(content, line, code, "disable")
    if edit is None:
        end = len(content) + 1
        gap = "" if content[-1:] in (" ", "\t") else "  "
        comment = f"# noqa: {code}" if fmt == "python" else f"# mplint: disable={code}"
        edit = (Span(line, end, line, end), gap + comment)
    return edit if _proved(text, fmt, edit, code, line) else None


def file_edit(text: str, fmt: str, code: str) -> Edit | None:
    """Return the edit that disables ``code`` in the whole file, or None (see :func:`line_edit`)."""
    if fmt not in FORMATS:
        return None
    index = LineIndex(text)
    for n in range(1, index.line_count + 1):
        merged = _merged(index.line_text(n), n, code, "disable-file")
        if merged is not None and _proved(text, fmt, merged, code, None):
            return merged
    brk = _LINE_BREAK.search(text)
    newline = brk.group() if brk else "\n"
    first = _after_leading_block(index, fmt)
    comment = f"# mplint: disable-file={code}"
    if first > index.line_count:  # the file is all leading block, without a last line break
        last = index.line_count
        end = len(index.line_text(last)) + 1
        edit = (Span(last, end, last, end), newline + comment)
    else:
        column = 2 if first == 1 and text.startswith("\ufeff") else 1
        edit = (Span(first, column, first, column), comment + newline)
    return edit if _proved(text, fmt, edit, code, None) else None


def _merged(content: str, line: int, code: str, verb: str) -> Edit | None:
    """Return the edit adding ``code`` to a directive of ``verb`` ("noqa", "disable" or
    "disable-file") that ``content`` holds, or None when it holds none."""
    for m in _WITH_CODES.finditer(content):
        if (m.group("verb") or "noqa") != verb:
            continue
        end = m.end("codes") + 1
        return Span(line, end, line, end), (", " if verb == "noqa" else ",") + code
    return None


def _after_leading_block(index: LineIndex, fmt: str) -> int:
    """Return the first line (1-based) after the file's leading comments (and, in YAML, its
    ``%`` directives and a bare ``---``); one past the last line when the file is all that."""
    n = 1
    while n <= index.line_count:
        content = index.line_text(n)
        if n == 1:
            content = content.lstrip("\ufeff")
        lead = content.startswith("#") or (fmt == "yaml" and (content.startswith("%") or content.rstrip() == "---"))
        if not lead:
            break
        n += 1
    return n


def apply(text: str, edit: Edit) -> str:
    """Return ``text`` with one edit applied."""
    index = LineIndex(text)
    span, new = edit
    return text[: index.offset(span.line, span.column)] + new + text[index.offset(span.end_line, span.end_column) :]


def _proved(text: str, fmt: str, edit: Edit, code: str, line: int | None) -> bool:
    """Tell whether the edited text has ``code`` suppressed on ``line`` (the whole file when
    None) and parses no worse than ``text``."""
    edited = apply(text, edit)
    after, parses = _read(edited, fmt)
    hit = code in after.whole_file if line is None else is_suppressed(after, code, line)
    return hit and parses >= _read(text, fmt)[1]


@functools.lru_cache(maxsize=4)
def _read(text: str, fmt: str) -> tuple[Suppressions, int]:
    """Return the suppressions of ``text`` and how well it parses: 1 when it does, 0 when it
    does not (YAML: minus its errors). The last few are kept: one request's actions read the
    same document again and again."""
    if fmt == "python":
        import ast  # only to tell whether the text still parses

        try:
            compile(text.lstrip("\ufeff"), "<document>", "exec", flags=ast.PyCF_ONLY_AST, dont_inherit=True)
            parses = 1
        except (SyntaxError, ValueError, RecursionError, MemoryError):
            parses = 0
        return scan_python(text), parses
    from mplint.sources.yaml_parser import in_texts, parse_stream

    stream = parse_stream(text)
    index = LineIndex(text)
    return scan(index.lines(), in_text=in_texts(stream.texts, index)), 1 - len(stream.diagnostics)
