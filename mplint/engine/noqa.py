"""``--add-noqa``: write a suppression comment for every finding of a run, in the form each
format reads, changing no other byte of the file.

YAML (request files and templates) gets ``# mplint: disable=MPxxx`` at the end of the line where
the finding starts (merged into a directive already there); Python gets ``# noqa: MPxxx``
(merged likewise), or, when that line ends inside a multi-line string or a continuation, on
the line where the call starts (its directives cover the whole call). A notebook's cell line
gets ``# noqa: MPxxx`` inside the JSON string that holds it. JSON holds no comments.
"""

from __future__ import annotations

import os
from typing import NamedTuple

from mplint.directives import DIRECTIVE
from mplint.lazy_re import lazy
from mplint.result import FileResult, RunResult

_YAML_SUFFIXES = (".yaml", ".yml", ".template")
_LINE_BREAK = lazy(r"\r\n|\r|\n")
_CALL_LINE = lazy(r"@L([0-9]+)\Z")


class Added(NamedTuple):
    """What --add-noqa did: directives written, notes to print, the exit status."""

    added: int
    notes: list[str]
    status: int


def split_lines(text: str) -> list[tuple[str, str]]:
    """Return ``text`` as (line, its line break) pairs; joined they give ``text`` back."""
    out: list[tuple[str, str]] = []
    start = 0
    for m in _LINE_BREAK.finditer(text):
        out.append((text[start : m.start()], m.group()))
        start = m.end()
    out.append((text[start:], ""))
    return out


def with_codes(line: str, codes: list[str], python: bool) -> str:
    """Return ``line`` with a directive for ``codes`` at its end (merged into one there)."""
    for m in DIRECTIVE.finditer(line):
        if bool(m.group("noqa")) != python or m.group("verb") == "disable-file":
            continue
        old = m.group("codes")
        have = [c.strip().upper() for c in old.split(",")] if old else []
        merged = ",".join([*have, *(c for c in codes if c not in have)])
        if old:
            return line[: m.start("codes")] + merged + line[m.end("codes") :]
        return line[: m.end()] + (": " if python else "=") + merged + line[m.end() :]
    directive = f"# noqa: {','.join(codes)}" if python else f"# mplint: disable={','.join(codes)}"
    body = line.rstrip(" \t")
    return body + "  " + directive + line[len(body) :] if body else line


def _python_closed_lines(text: str) -> set[int]:
    """Return the lines (1-based) whose end lies inside a multi-line string or that continue
    with a backslash: a comment cannot go there."""
    import io
    import tokenize

    closed: set[int] = set()
    source = text.replace("\r\n", "\n").replace("\r", "\n")
    string_types = {tokenize.STRING, *(getattr(tokenize, n) for n in ("FSTRING_MIDDLE",) if hasattr(tokenize, n))}
    try:
        for tok in tokenize.generate_tokens(io.StringIO(source).readline):
            if tok.type in string_types and tok.end[0] > tok.start[0]:
                closed.update(range(tok.start[0], tok.end[0]))
    except (tokenize.TokenError, SyntaxError):
        pass
    for number, line in enumerate(source.split("\n"), start=1):
        if line.endswith("\\"):
            closed.add(number)
    return closed


def _yaml_block_lines(lines: list[tuple[str, str]]) -> set[int]:
    """Return the lines (1-based) that lie inside a YAML block scalar (``|`` or ``>``)."""
    import re

    inside: set[int] = set()
    opener = re.compile(r"(?:^|[\s:-])[|>][0-9+-]*\s*(?:#.*)?$")
    block_indent: int | None = None
    parent_indent = 0
    for number, (line, _) in enumerate(lines, start=1):
        stripped = line.strip()
        indent = len(line) - len(line.lstrip(" "))
        if block_indent is not None:
            if not stripped:
                inside.add(number)
                continue
            if indent > parent_indent:
                inside.add(number)
                continue
            block_indent = None
        if opener.search(line) and not stripped.startswith("#"):
            block_indent, parent_indent = indent + 1, indent
    return inside


def _directive_lines(result: FileResult) -> tuple[dict[int, list[str]], list[str]]:
    """Return the codes to write per line of a YAML or Python file, and notes on the findings
    that cannot take one."""
    python = result.file.lower().endswith(".py")
    text = result.text or ""
    lines = split_lines(text)
    closed = _python_closed_lines(text) if python else _yaml_block_lines(lines)
    wanted: dict[int, list[str]] = {}
    notes: list[str] = []
    for d in result.diagnostics:
        line = d.span.line
        if line in closed:
            call = _CALL_LINE.search(d.request) if python else None
            if call is None or int(call.group(1)) in closed:
                where = "a multi-line string" if python else "a block scalar"
                notes.append(f"{result.file}:{line}:{d.span.column}: {d.code} lies in {where}; no directive written")
                continue
            line = int(call.group(1))
        if not 1 <= line <= len(lines):
            continue
        codes = wanted.setdefault(line, [])
        if d.code not in codes:
            codes.append(d.code)
    return wanted, notes


def _write(path: str, data: bytes) -> str | None:
    """Write ``data`` over a regular file in place; return why it cannot be written, if so."""
    import stat

    try:
        st = os.lstat(path)
    except OSError as exc:
        return f"{path}: cannot write: {exc.strerror or exc}"
    if stat.S_ISLNK(st.st_mode):
        return f"{path}: is a symbolic link; not changed"
    if not stat.S_ISREG(st.st_mode):
        return f"{path}: not a regular file; not changed"
    try:
        fd = os.open(path, os.O_WRONLY | os.O_TRUNC | getattr(os, "O_NOFOLLOW", 0))
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
    except OSError as exc:
        return f"{path}: cannot write: {exc.strerror or exc}"
    return None


def add_to_file(result: FileResult) -> tuple[int, list[str], bool]:
    """Write the directives of one file's findings: (directives written, notes, whether every
    finding got one)."""
    name = result.file.lower()
    if result.file.startswith("<") or result.file == "-":
        return 0, [f"{result.file}: standard input cannot take directives; use --baseline"], False
    if not (name.endswith((".py", ".ipynb")) or name.endswith(_YAML_SUFFIXES)):
        return 0, [f"{result.file}: JSON has no comments: use --baseline"], False
    try:
        with open(result.file, "rb") as fh:
            raw = fh.read()
    except OSError as exc:
        return 0, [f"{result.file}: cannot read: {exc.strerror or exc}"], False
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError:
        return 0, [f"{result.file}: not UTF-8; no directive written (use --baseline)"], False
    bom = text.startswith("\ufeff")
    body = text[1:] if bom else text
    if body != (result.text or ""):
        return 0, [f"{result.file}: changed since it was checked; not changed"], False
    lines = split_lines(body)
    if name.endswith(".ipynb"):
        added, notes = _notebook(result, lines)
    else:
        wanted, notes = _directive_lines(result)
        python = name.endswith(".py")
        added = 0
        for number, codes in wanted.items():
            line, end = lines[number - 1]
            changed = with_codes(line, codes, python)
            if changed == line:
                notes.append(f"{result.file}:{number}: an empty line takes no directive ({', '.join(codes)})")
                continue
            lines[number - 1] = (changed, end)
            added += len(codes)
    new = ("\ufeff" if bom else "") + "".join(line + end for line, end in lines)
    if new != text:
        problem = _write(result.file, new.encode("utf-8"))
        if problem is not None:
            return 0, [problem], False
    return added, notes, not notes


_JSON_STRING = lazy(r'"(?:[^"\\]|\\.)*"')


def _notebook(result: FileResult, lines: list[tuple[str, str]]) -> tuple[int, list[str]]:
    """Write ``# noqa`` directives into the cells of a notebook's JSON, in place in ``lines``:
    only the JSON string that holds the finding's source line changes (the directive needs no
    escaping, so the rest of that string keeps its own escapes)."""
    wanted: dict[tuple[int, int], list[str]] = {}
    notes: list[str] = []
    for d in result.diagnostics:
        where = f"{result.file}:{d.span.line}:{d.span.column}: {d.code}"
        if d.cell is None or d.file_span is None:
            notes.append(f"{where} is not in a code cell; no directive written")
            continue
        if d.span.line in _python_closed_lines(result.cells.get(d.cell, "")):
            notes.append(f"{where} (cell {d.cell}) lies in a multi-line string; no directive written")
            continue
        codes = wanted.setdefault((d.file_span.line, d.file_span.column), [])
        if d.code not in codes:
            codes.append(d.code)
    by_string: dict[tuple[int, int], list[str]] = {}
    for (number, column), codes in wanted.items():
        line = lines[number - 1][0] if 1 <= number <= len(lines) else ""
        m = next((m for m in _JSON_STRING.finditer(line) if m.start() < column - 1 < m.end()), None)
        content = m.group()[1:-1] if m is not None else ""
        core = content[:-2] if content.endswith("\\n") else content
        if m is None or "\\n" in core or "\\r" in core:
            notes.append(
                f"{result.file}:{number}:{column}: the cell's source is not one string per line; no directive written"
            )
            continue
        merged = by_string.setdefault((number, m.start()), [])
        merged.extend(c for c in codes if c not in merged)
    added = 0
    for (number, start), codes in sorted(by_string.items(), reverse=True):
        line, end = lines[number - 1]
        m = _JSON_STRING.match(line, start)
        if m is None:  # pragma: no cover - found by the same pattern above
            continue
        content = m.group()[1:-1]
        newline = "\\n" if content.endswith("\\n") else ""
        core = content[: len(content) - len(newline)]
        lines[number - 1] = (
            line[: m.start()] + '"' + with_codes(core, codes, True) + newline + '"' + line[m.end() :],
            end,
        )
        added += len(codes)
    return added, notes


def add_noqa(run: RunResult) -> Added:
    """Write directives for every finding of ``run``; exit 1 when some finding got none."""
    added = 0
    notes: list[str] = []
    complete = True
    for result in run.files:
        if not result.diagnostics:
            continue
        n, said, done = add_to_file(result)
        added += n
        notes.extend(said)
        complete = complete and done
    return Added(added, notes, 0 if complete else 1)
