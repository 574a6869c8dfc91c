"""Jupyter notebooks as request sources: code cells read as one Python module.

Code cells are joined in order, so a dict built in one cell and passed in a later one is
followed. IPython syntax (``%magic``, ``%%cell`` magics, ``!shell``, ``x = !cmd``, ``obj?``) is
replaced line for line by plain Python, so no line moves. Cells are numbered from 1 counting
every cell (markdown and raw cells too), as the contract's ``cell`` field does.

A request belongs to the cell holding its call: its label is ``<name>@cell<k>:L<line>`` and
every position is a line and column within that cell. A value written in another cell (a dict
built in cell 2, passed in cell 5) is reported at the call, and its node's ``note`` says where
it was written: one diagnostic can name one cell only.
"""

from __future__ import annotations

import functools
import json
from bisect import bisect_right
from dataclasses import dataclass, field

from typing import TYPE_CHECKING

from mplint.diagnostics import Diagnostic
from mplint.lazy_re import lazy
from mplint.model import Span, Suppressions
from mplint.rules.source import ParseError
from mplint.sources.positions import LineIndex
from mplint.sources import python_source
from mplint.suppressions import scan_python

if TYPE_CHECKING:
    from mplint.sources import Loaded

# Cell magics whose body is Python.
_PYTHON_CELL_MAGICS = frozenset({"time", "timeit", "capture", "prun", "debug", "memit", "skip"})
_LINE_MAGIC = lazy(r"(\s*)(?:[%!?]|[\w.]+\s*\?\??\s*$)")
_MAGIC_ASSIGN = lazy(r"(\s*)([A-Za-z_][\w.]*(?:\s*,\s*[A-Za-z_][\w.]*)*)\s*=\s*[%!](?!=)")


@dataclass
class _Module:
    """The joined code cells: the text, and where each cell starts in it."""

    text: str = ""
    starts: list[int] = field(default_factory=list)  # first module line of each code cell
    cells: list[int] = field(default_factory=list)  # 1-based notebook index of each code cell
    sources: list[str] = field(default_factory=list)

    def where(self, line: int) -> tuple[int, int]:
        """Return (position in the code-cell lists, line within that cell) of a module line."""
        i = max(bisect_right(self.starts, line) - 1, 0)
        return i, line - self.starts[i] + 1


def load(text: str, filename: str) -> Loaded:
    """Return the requests of a notebook's request calls (and a parse error, if any)."""
    from mplint.sources import Loaded

    cells, problem = _read(text)
    if problem is not None:
        return Loaded((), (problem,))
    if cells is None:
        return Loaded((), ())
    module = _join(cells)
    if not python_source.could_hold_request(module.text):
        return Loaded((), ())
    analysis = python_source.analyse(module.text)
    if analysis.problem is not None:
        i, line = module.where(analysis.problem.line)
        at = Span.point(line, analysis.problem.column)
        finding = ParseError.finding(at, analysis.problem.message)
        return Loaded((), (finding.stamped(cell=module.cells[i]),))
    whole = frozenset().union(*(_suppressions(s).whole_file for s in module.sources))
    requests = []
    for site in analysis.sites:
        i, line = module.where(site.span.line)
        cell = module.cells[i]
        supp = Suppressions(_suppressions(module.sources[i]).by_line, whole)
        locate = _locator(module, i, site.span)
        label = f"{site.name}@cell{cell}:L{line}"
        requests.append(python_source.make_request(site, filename, locate, label, supp, cell))
    return Loaded(tuple(requests), ())


def cell_text(text: str, cell: int) -> str | None:
    """Return the source of cell ``cell`` (1-based, every cell counted), or None."""
    cells = _all_cells(text)
    if cells is None or not 1 <= cell <= len(cells):
        return None
    return cells[cell - 1][1]


@functools.lru_cache(maxsize=8)
def _all_cells(text: str) -> tuple[tuple[str, str], ...] | None:
    """Return (cell type, source) of every cell, or None when the text is not a notebook."""
    try:
        data = json.loads(text)
    except (ValueError, RecursionError):
        return None
    cells = data.get("cells") if isinstance(data, dict) else None
    if not isinstance(cells, list):
        return None
    out = []
    for cell in cells:
        cell = cell if isinstance(cell, dict) else {}
        source = cell.get("source", "")
        if isinstance(source, list):
            source = "".join(s for s in source if isinstance(s, str))
        out.append((str(cell.get("cell_type", "")), source if isinstance(source, str) else ""))
    return tuple(out)


def _read(text: str) -> tuple[tuple[tuple[str, str], ...] | None, Diagnostic | None]:
    """Return the cells of a Python notebook (None for another language) or a parse error."""
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        # exc.lineno counts "\n" only; editors also end a line at a lone "\r".
        where = LineIndex(text).point(exc.pos)
        return None, ParseError.finding(where, f"not a valid notebook: {exc.msg}")
    except (ValueError, RecursionError):
        message = "not a valid notebook: nested too deeply to read"
        return None, ParseError.finding(Span.point(1, 1), message)
    if not isinstance(data, dict) or not isinstance(data.get("cells"), list):
        message = "not a valid notebook: no list of cells"
        return None, ParseError.finding(Span.point(1, 1), message)
    if not _is_python(data.get("metadata")):
        return None, None
    return _all_cells(text), None


def _is_python(metadata: object) -> bool:
    """Tell whether a notebook's kernel is Python (or says nothing about its language)."""
    if not isinstance(metadata, dict):
        return True
    for key, sub in (("kernelspec", "language"), ("language_info", "name")):
        section = metadata.get(key)
        language = section.get(sub) if isinstance(section, dict) else None
        if isinstance(language, str) and language:
            return language.lower() == "python"
    return True


def _join(cells: tuple[tuple[str, str], ...]) -> _Module:
    module = _Module()
    parts: list[str] = []
    line = 1
    for index, (kind, source) in enumerate(cells, start=1):
        if kind != "code":
            continue
        # Lines end at \n, \r\n or \r, as editors count them (libcst and the tokenizer
        # would read a cell of \r-ended lines as one line).
        code = python_code(source.replace("\r\n", "\n").replace("\r", "\n"))
        if not code.endswith("\n"):
            code += "\n"
        module.starts.append(line)
        module.cells.append(index)
        module.sources.append(source)
        parts.append(code)
        line += code.count("\n")
    module.text = "".join(parts)
    return module


def python_code(source: str) -> str:
    """Replace IPython syntax in a cell by plain Python, line for line."""
    lines = source.split("\n")
    first = lines[0].strip()
    if first.startswith("%%"):
        name = first[2:].split(maxsplit=1)[0] if first[2:].strip() else ""
        if name not in _PYTHON_CELL_MAGICS:
            return "\n".join("" for _ in lines)
        lines[0] = ""
    out: list[str] = []
    state = _State()
    in_magic = False
    for line in lines:
        if in_magic or (state.at_statement() and _is_magic(line)):
            out.append("" if in_magic else _replacement(line))
            in_magic = line.rstrip().endswith("\\")
            continue
        out.append(line)
        state.feed(line)
    return "\n".join(out)


def _is_magic(line: str) -> bool:
    return bool(line.strip()) and bool(_LINE_MAGIC.match(line) or _MAGIC_ASSIGN.match(line))


def _replacement(line: str) -> str:
    assign = _MAGIC_ASSIGN.match(line)
    if assign is not None:
        return f"{assign.group(1)}{assign.group(2)} = __ipython_magic__"
    indent = line[: len(line) - len(line.lstrip())]
    return f"{indent}pass"


class _State:
    """Whether the next line starts a statement: no open bracket, string or continuation."""

    def __init__(self) -> None:
        self.depth = 0
        self.quote = ""  # the open string's delimiter, kept across lines for triple quotes
        self.continued = False

    def at_statement(self) -> bool:
        return self.depth == 0 and not self.quote and not self.continued

    def feed(self, line: str) -> None:
        i, n = 0, len(line)
        while i < n:
            ch = line[i]
            if self.quote:
                if ch == "\\":
                    i += 2
                    continue
                if line.startswith(self.quote, i):
                    i += len(self.quote)
                    self.quote = ""
                    continue
            elif ch == "#":
                break
            elif ch in "\"'":
                self.quote = ch * 3 if line.startswith(ch * 3, i) else ch
                i += len(self.quote)
                continue
            elif ch in "([{":
                self.depth += 1
            elif ch in ")]}":
                self.depth = max(self.depth - 1, 0)
            i += 1
        if len(self.quote) == 1:
            self.quote = ""  # a one-quote string cannot span lines
        self.continued = line.rstrip().endswith("\\") and not self.quote


@functools.lru_cache(maxsize=256)
def _suppressions(source: str) -> Suppressions:
    return scan_python(source)  # comments only; lines end at \n, \r\n or \r


def _locator(module: _Module, index: int, call: Span) -> python_source.Locate:
    """Return the span mapper of a request whose call is in code cell ``index``."""
    start = module.starts[index]
    call_line = call.line - start + 1
    at_call = Span(call_line, call.column, call.end_line - start + 1, call.end_column)

    def locate(span: Span) -> tuple[Span, str | None]:
        i, line = module.where(span.line)
        if i != index:
            return at_call, f"written in cell {module.cells[i]}, line {line}"
        return Span(line, span.column, span.end_line - start + 1, span.end_column), None

    return locate
