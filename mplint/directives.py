"""Inline suppression directives in comments, turned into Suppressions.

``# mplint: disable=MP105,MP301`` at the end of a line suppresses those codes on that line; on a
line of its own it suppresses them on the next line. ``# mplint: disable-file=MP105`` (or a bare
``disable-file``) suppresses them in the whole file. ``# noqa: MP105`` is read like
``disable`` in Python sources. A directive without codes means every rule.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import NamedTuple

from mplint.lazy_re import lazy
from mplint.model import Suppressions

DIRECTIVE = lazy(
    r"(?:^|(?<=\s))#\s*(?:mplint:\s*(?P<verb>disable-file|disable)|(?P<noqa>noqa))"
    r"(?:\s*[=:]\s*(?P<codes>[A-Za-z]+[0-9]*(?:\s*,\s*[A-Za-z]+[0-9]*)*))?"
    r"(?:\s*--\s*(?P<reason>[^#]*[^#\s]))?",
)
_MARKERS = ("mplint:", "noqa")


def _codes(text: str | None) -> frozenset[str]:
    if not text:
        return frozenset({"*"})
    return frozenset(c.strip().upper() for c in text.split(",") if c.strip())


def scan(
    lines: Iterable[str], *, noqa: bool = False, in_text: Callable[[int, int], bool] | None = None
) -> Suppressions:
    """Return the suppressions of a file's lines (1-based numbering).

    ``in_text(line, column)`` tells whether a ``#`` lies inside a value (a quoted or block
    scalar of YAML, say) rather than in a comment: a directive there is text, not a directive.
    """
    by_line: dict[int, set[str]] = {}
    whole: set[str] = set()
    for number, line in enumerate(lines, start=1):
        if "#" not in line or not any(m in line for m in _MARKERS):
            continue
        for m in DIRECTIVE.finditer(line):
            if m.group("noqa") and not noqa:
                continue
            if in_text is not None and in_text(number, m.start() + 1):
                continue
            codes = _codes(m.group("codes"))
            if m.group("verb") == "disable-file":
                whole |= codes
                continue
            own_line = not line[: m.start()].strip()
            target = number + 1 if own_line else number
            by_line.setdefault(target, set()).update(codes)
    return Suppressions({k: frozenset(v) for k, v in by_line.items()}, frozenset(whole))


def scan_python(text: str, *, noqa: bool = True) -> Suppressions:
    """Return the suppressions of Python source: only comments count (read with the standard
    tokenizer, so a docstring or a string holding ``# mplint: disable-file`` does not), and
    lines are numbered as editors number them (``\\n``, ``\\r\\n``, ``\\r``; a form feed
    does not end a line)."""
    if "#" not in text or not any(m in text for m in _MARKERS):
        return Suppressions({}, frozenset())
    import io
    import tokenize

    text = text.replace("\r\n", "\n").replace("\r", "\n")
    lines = text.split("\n")
    comments: list[tuple[int, int]] = []  # (line, column) of each comment's '#'
    try:
        for tok in tokenize.generate_tokens(io.StringIO(text).readline):
            if tok.type == tokenize.COMMENT and any(m in tok.string for m in _MARKERS):
                comments.append(tok.start)
    except (tokenize.TokenError, SyntaxError):
        pass  # the comments before the error are read; the source reports the error
    starts = dict(comments)  # line -> column where its comment begins
    if not starts:
        return Suppressions({}, frozenset())

    def in_text(line: int, column: int) -> bool:
        # A directive counts when its '#' lies in a comment the tokenizer found.
        start = starts.get(line)
        return start is None or column - 1 < start

    return scan(lines, noqa=noqa, in_text=in_text)


def is_suppressed(s: Suppressions, code: str, line: int, *extra_lines: int) -> bool:
    """Tell whether ``code`` is suppressed on ``line`` (or any of ``extra_lines``) or file-wide."""
    if _hit(s.whole_file, code):
        return True
    return any(_hit(s.by_line.get(n, frozenset()), code) for n in (line, *extra_lines))


def _hit(codes: frozenset[str], code: str) -> bool:
    return "*" in codes or code in codes or any(code.startswith(c) for c in codes)


class Directive(NamedTuple):
    """One directive as written: where, what it says, and the line it covers (0: the file)."""

    line: int
    column: int  # of its '#', 1-based
    end_column: int  # just after its last code (or its reason)
    verb: str  # "disable", "disable-file" or "noqa"
    codes: tuple[str, ...]  # as written, upper-cased; () for every rule
    codes_span: tuple[int, int] | None  # columns of the code list (end exclusive)
    reason: str | None
    target: int
    own_line: bool


def find(lines: Iterable[str], *, python: bool = False) -> list[Directive]:
    """Return the directives written in a file's lines (for Python: in comments only)."""
    lines = list(lines)
    starts: dict[int, int] | None = _comment_starts("\n".join(lines)) if python else None
    out: list[Directive] = []
    for number, line in enumerate(lines, start=1):
        if "#" not in line or not any(m in line for m in _MARKERS):
            continue
        for m in DIRECTIVE.finditer(line):
            if m.group("noqa") and not python:
                continue
            if starts is not None:
                start = starts.get(number)
                if start is None or m.start() < start:
                    continue
            codes_text = m.group("codes")
            codes = tuple(c.strip().upper() for c in codes_text.split(",") if c.strip()) if codes_text else ()
            span = (m.start("codes") + 1, m.end("codes") + 1) if codes_text else None
            verb = "noqa" if m.group("noqa") else m.group("verb")
            own = not line[: m.start()].strip()
            target = 0 if verb == "disable-file" else number + 1 if own else number
            out.append(Directive(number, m.start() + 1, m.end() + 1, verb, codes, span, m.group("reason"), target, own))
    return out


def _comment_starts(text: str) -> dict[int, int]:
    """Return the column (0-based) where each line's comment starts, read with the tokenizer."""
    import io
    import tokenize

    out: dict[int, int] = {}
    try:
        for tok in tokenize.generate_tokens(io.StringIO(text).readline):
            if tok.type == tokenize.COMMENT:
                out[tok.start[0]] = tok.start[1]
    except (tokenize.TokenError, SyntaxError):
        pass
    return out
