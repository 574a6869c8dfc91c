"""Jupyter notebooks as request sources: code cells read as one Python module.

Code cells are joined in order, so a dict built in one cell and passed in a later one is
followed. IPython syntax (``%magic``, ``%%cell`` magics, ``!shell``, ``x = !cmd``, ``obj?``) is
replaced line for line by plain Python, so no line moves. Each code cell is then compiled on
its own: a cell that is still not Python (a magic we do not know, a real syntax error) is one
parse-error finding at the cell and line Python's compiler names, and is joined as empty
lines, so every other cell is still checked. Cells are numbered from 1 counting every cell
(markdown and raw cells too), as the contract's ``cell`` field does; nbformat 3 notebooks
(``worksheets[].cells[]``, code in ``input``) are numbered the same way.

A request is labelled by the cell holding its call (``<name>@cell<k>:L<line>``). Its nodes
carry positions in the joined module; the request's ``place`` maps a position back to the
cell that holds it (a value written in cell 2 and passed in cell 5 is reported in cell 2),
its line and column within that cell, and its position in the ``.ipynb`` file itself.
"""

from __future__ import annotations

import functools
import json
from bisect import bisect_right
from collections.abc import Sequence
from dataclasses import dataclass, field
from types import MappingProxyType
from typing import TYPE_CHECKING

from mplint.diagnostics import Diagnostic
from mplint.directives import is_suppressed, scan_python
from mplint.findings import ParseError
from mplint.lazy_re import lazy
from mplint.model import Span, Suppressions
from mplint.sources.positions import LineIndex
from mplint.sources.python.candidates import could_hold_request
from mplint.sources.python.source import analyse, make_request, same_place, syntax_tree

if TYPE_CHECKING:
    from mplint.sources.loaded import Loaded

# Cell magics whose body is Python.
_PYTHON_CELL_MAGICS = frozenset({"time", "timeit", "capture", "prun", "debug", "memit", "skip"})
_LINE_MAGIC = lazy(r"(\s*)(?:[%!?]|[\w.]+\s*\?\??\s*$)")
_MAGIC_ASSIGN = lazy(r"(\s*)([A-Za-z_][\w.]*(?:\s*,\s*[A-Za-z_][\w.]*)*)\s*=\s*[%!](?!=)")
# Cells whose whole-module problem is looked for again after blanking the cell it names.
_RETRIES = 3


@dataclass(frozen=True)
class Cell:
    """One notebook cell: its kind, its source, and where that source is written in the file.

    ``path`` is the member path of the source (``cells[3].source``); ``pieces`` holds, for a
    source written as a list of strings, (list index, length) of each string item, and is
    empty when the source is one string.
    """

    kind: str
    source: str
    path: str
    pieces: tuple[tuple[int, int], ...] = ()


@dataclass
class _Module:
    """The joined code cells: the text, and where each cell starts in it."""

    text: str = ""
    starts: list[int] = field(default_factory=list)  # first module line of each code cell
    cells: list[int] = field(default_factory=list)  # 1-based notebook index of each code cell
    codes: list[str] = field(default_factory=list)  # each code cell's Python, line ends "\n"
    sources: list[str] = field(default_factory=list)  # each code cell's source, line ends "\n"

    def where(self, line: int) -> tuple[int, int]:
        """Return (position in the code-cell lists, line within that cell) of a module line."""
        i = max(bisect_right(self.starts, line) - 1, 0)
        return i, line - self.starts[i] + 1


def load(text: str, filename: str) -> Loaded:
    """Return the requests of a notebook's request calls (and parse errors of its cells)."""
    from mplint.sources.loaded import Loaded

    cells, problem = _read(text)
    if problem is not None:
        return Loaded((), (problem,))
    if cells is None:
        return Loaded((), ())
    return _load(cells, filename, Places(text, cells))


def load_cells(cells: Sequence[tuple[str, str]], filename: str) -> Loaded:
    """Return the requests of a notebook given as (cell kind, source) pairs, e.g. an editor's
    open notebook; findings have no place in a file (``file_span`` is None)."""
    read = tuple(Cell(kind, source, "") for kind, source in cells)
    return _load(read, filename, Places(None, read))


def _load(cells: tuple[Cell, ...], filename: str, places: Places) -> Loaded:
    from mplint.sources.loaded import Loaded

    code_cells = [(k, c) for k, c in enumerate(cells, start=1) if c.kind == "code"]
    if not any(could_hold_request(c.source) for _, c in code_cells):
        return Loaded((), ())
    module, found = _join(code_cells, places)
    if not could_hold_request(module.text):
        return Loaded((), _kept(found, cells))
    analysis = analyse(module.text)
    retries = 0
    while analysis.problem is not None:
        # Cells that compile alone but not together (libcst's limits, a bracket closed in the
        # next cell): the cell named is reported and blanked, and the rest read again.
        i, line = module.where(analysis.problem.line)
        found.append(_cell_problem(module.cells[i], line, analysis.problem.column, analysis.problem.message, places))
        retries += 1
        if retries > _RETRIES or not module.codes[i].strip():
            return Loaded((), _kept(found, cells))
        _blank(module, i)
        analysis = analyse(module.text)
    supp = _module_suppressions(module)
    place = places.placer(module)
    requests = []
    for site in analysis.sites:
        i, line = module.where(site.span.line)
        label = f"{site.name}@cell{module.cells[i]}:L{line}"
        request = make_request(site, filename, same_place, label, supp, module.cells[i])
        request.place = place
        requests.append(request)
    return Loaded(tuple(requests), _kept(found, cells))


def cell_text(text: str, cell: int) -> str | None:
    """Return the source of cell ``cell`` (1-based, every cell counted), or None."""
    cells = _all_cells(text)
    if cells is None or not 1 <= cell <= len(cells):
        return None
    return cells[cell - 1].source


# The cells of the last notebooks read: the one being checked, and the one being reported.
_RECENT: dict[str, tuple[Cell, ...] | None] = {}


def _all_cells(text: str) -> tuple[Cell, ...] | None:
    """Return every cell of a notebook (nbformat 4 or 3), or None when the text is not one."""
    if text in _RECENT:
        return _RECENT[text]
    try:
        data = json.loads(text)
    except (ValueError, RecursionError):
        data = None
    return _remember(text, data)


def _remember(text: str, data: object) -> tuple[Cell, ...] | None:
    listed = _cell_lists(data)
    cells = None if listed is None else tuple(_cell(cell, path) for path, cell in listed)
    while len(_RECENT) >= 2:
        del _RECENT[next(iter(_RECENT))]
    _RECENT[text] = cells
    return cells


def _cell_lists(data: object) -> list[tuple[str, object]] | None:
    """Return (member path, cell) of every cell in notebook order, or None without cells."""
    if not isinstance(data, dict):
        return None
    cells = data.get("cells")
    if isinstance(cells, list):
        return [(f"cells[{i}]", c) for i, c in enumerate(cells)]
    sheets = data.get("worksheets")
    if not isinstance(sheets, list):
        return None
    out: list[tuple[str, object]] = []
    for w, sheet in enumerate(sheets):
        inner = sheet.get("cells") if isinstance(sheet, dict) else None
        if isinstance(inner, list):
            out.extend((f"worksheets[{w}].cells[{i}]", c) for i, c in enumerate(inner))
    return out


def _cell(cell: object, path: str) -> Cell:
    cell = cell if isinstance(cell, dict) else {}
    kind = cell.get("cell_type")
    kind = kind if isinstance(kind, str) else ""
    # nbformat 3 keeps a code cell's source in "input".
    key = "input" if kind == "code" and "source" not in cell and "input" in cell else "source"
    source = cell.get(key, "")
    if isinstance(source, list):
        pieces = tuple((j, len(s)) for j, s in enumerate(source) if isinstance(s, str))
        text = "".join(s for s in source if isinstance(s, str))
        return Cell(kind, text, f"{path}.{key}", pieces)
    return Cell(kind, source if isinstance(source, str) else "", f"{path}.{key}")


def _read(text: str) -> tuple[tuple[Cell, ...] | None, Diagnostic | None]:
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
    if _cell_lists(data) is None:
        message = "not a valid notebook: no list of cells (nbformat 4 'cells' or nbformat 3 'worksheets')"
        return None, ParseError.finding(Span.point(1, 1), message)
    if not _is_python(data.get("metadata")):
        return None, None
    return _remember(text, data), None


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


def _join(code_cells: list[tuple[int, Cell]], places: Places) -> tuple[_Module, list[Diagnostic]]:
    """Join the code cells; a cell that does not compile is a finding and joins as empty lines."""
    module = _Module()
    found: list[Diagnostic] = []
    line = 1
    for index, cell in code_cells:
        source = one_line_end(cell.source)
        code = python_code(source)
        if not code.endswith("\n"):
            code += "\n"
        problem = compile_problem(code)
        if problem is not None and analyse(code).problem is None:
            problem = None  # a newer Python's syntax that libcst reads: the cell is kept
        if problem is not None:
            found.append(_cell_problem(index, *problem, places))
            code = "\n" * code.count("\n")
        module.starts.append(line)
        module.cells.append(index)
        module.codes.append(code)
        module.sources.append(source)
        line += code.count("\n")
    module.text = "".join(module.codes)
    return module, found


def one_line_end(source: str) -> str:
    """Return ``source`` with every line end (``\\r\\n``, a lone ``\\r``) written as ``\\n``."""
    if "\r" not in source:
        return source
    return source.replace("\r\n", "\n").replace("\r", "\n")


def compile_problem(code: str) -> tuple[int, int, str] | None:
    """Return (line, column, message) where Python's compiler stops reading ``code``, or None.

    The standard library's compiler only tells whether the cell is Python and where it is not;
    values and positions of requests come from libcst.
    """
    import ast

    try:
        syntax_tree(code, "<cell>", ast.PyCF_ALLOW_TOP_LEVEL_AWAIT)
    except SyntaxError as exc:
        if "\0" in code and not exc.lineno:
            line, column = LineIndex(code).position(code.index("\0"))
            return line, column, "Python syntax error: the code holds a NUL character"
        lines = LineIndex(code)
        line = min(max(exc.lineno or 1, 1), lines.line_count)
        width = len(lines.line_text(line))
        column = min(max(exc.offset or 1, 1), width + 1)
        return line, column, f"Python syntax error: {exc.msg}"
    except (RecursionError, MemoryError):
        return 1, 1, "Python syntax error: too deeply nested to read"
    except UnicodeEncodeError as exc:  # a lone surrogate (from a JSON escape)
        line, column = LineIndex(code).position(exc.start)
        return line, column, f"unpaired surrogate U+{ord(code[exc.start]):04X} in the code"
    except ValueError as exc:
        return 1, 1, f"Python syntax error: {exc}"
    return None


def _cell_problem(cell: int, line: int, column: int, message: str, places: Places) -> Diagnostic:
    at = Span.point(line, column)
    return ParseError.finding(at, message).stamped(cell=cell, file_span=places.file_span(cell, at))


def _kept(found: list[Diagnostic], cells: tuple[Cell, ...]) -> tuple[Diagnostic, ...]:
    """Return the cells' findings that their own cell's directives (or file-wide ones) keep."""
    if not found:
        return ()
    whole = frozenset().union(*(_suppressions(one_line_end(c.source)).whole_file for c in cells if c.kind == "code"))
    kept = []
    for d in found:
        own = _suppressions(one_line_end(cells[d.cell - 1].source)) if d.cell else Suppressions()
        if not is_suppressed(Suppressions(own.by_line, whole), d.code, d.span.line):
            kept.append(d)
    return tuple(kept)


def _blank(module: _Module, i: int) -> None:
    module.codes[i] = "\n" * module.codes[i].count("\n")
    module.text = "".join(module.codes)


def _module_suppressions(module: _Module) -> Suppressions:
    """Return the code cells' suppressions with their lines counted in the joined module."""
    by_line: dict[int, frozenset[str]] = {}
    whole: frozenset[str] = frozenset()
    for start, source in zip(module.starts, module.sources):
        found = _suppressions(source)
        whole |= found.whole_file
        for line, codes in found.by_line.items():
            by_line[start + line - 1] = codes
    return Suppressions(MappingProxyType(by_line), whole)


def python_code(source: str) -> str:
    """Replace IPython syntax in a cell by plain Python, line for line."""
    if "%" not in source and "!" not in source and "?" not in source:
        return source  # no magic, shell escape or help request can be written without them
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


class Places:
    """Where a cell's line and column are written in the ``.ipynb`` file (found on demand).

    A JSON string never holds a raw line break, so each string of a cell's source sits on one
    line of the file; a position inside it is found by counting how many characters of the
    file each character of the string takes (escapes such as ``\\n`` or ``\\u00e9`` take more).
    """

    def __init__(self, text: str | None, cells: tuple[Cell, ...]) -> None:
        self.text = text
        self.cells = cells
        self._positions: object = None
        self._indexes: dict[int, LineIndex] = {}

    def file_span(self, cell: int, span: Span) -> Span | None:
        """Return the file position of a span given in cell lines (None if it cannot be found)."""
        start = self.file_point(cell, span.line, span.column)
        if start is None:
            return None
        end = self.file_point(cell, span.end_line, span.end_column)
        if end is None or end < start:
            end = (start[0], start[1] + 1)
        return Span(start[0], start[1], end[0], end[1])

    def file_point(self, cell: int, line: int, column: int) -> tuple[int, int] | None:
        """Return the file (line, column) of a 1-based position within cell ``cell``."""
        if self.text is None or not 1 <= cell <= len(self.cells):
            return None
        c = self.cells[cell - 1]
        index = self._indexes.get(cell)
        if index is None:
            index = self._indexes[cell] = LineIndex(c.source)
        line = min(max(line, 1), index.line_count)
        offset = min(index.offset(line, max(column, 1)), len(c.source))
        try:
            return self._locate(c, offset)
        except (KeyError, IndexError, ValueError):
            return None

    def _locate(self, c: Cell, offset: int) -> tuple[int, int]:
        from mplint.sources.json_lazy import Positions

        if self._positions is None:
            text = self.text or ""
            self._positions = Positions(text, 1 if text.startswith("\ufeff") else 0)
        positions: Positions = self._positions  # type: ignore[assignment]
        path = c.path
        if c.pieces:
            j, before = c.pieces[-1][0], 0
            for index, length in c.pieces:
                if offset < before + length:
                    j = index
                    break
                before += length
            else:
                before -= c.pieces[-1][1]
            path, offset = f"{path}[{j}]", offset - before
        at = positions.span(path)
        raw = positions.text_of(path)
        return at.line, at.column + _raw_width(raw, offset)

    def placer(self, module: _Module) -> Placer:
        return Placer(self, module)


class Placer:
    """Map a span of the joined module to (cell, span within the cell, span in the file)."""

    def __init__(self, places: Places, module: _Module) -> None:
        self.places = places
        self.module = module

    def __call__(self, span: Span) -> tuple[int, Span, Span | None]:
        module = self.module
        i, line = module.where(span.line)
        start = module.starts[i]
        cell = module.cells[i]
        end_line = span.end_line - start + 1
        if end_line < line:
            end_line = line
        inside = Span(line, span.column, end_line, span.end_column)
        return cell, inside, self.places.file_span(cell, inside)


def _raw_width(raw: str, offset: int) -> int:
    """Return how many characters of a JSON string token come before decoded character ``offset``.

    The count includes the opening quote, so the result is the column shift from the token's
    start to that character.
    """
    i, n = 1, len(raw)
    for _ in range(offset):
        if i >= n:
            break
        if raw[i] != "\\":
            i += 1
        elif raw[i + 1] != "u":
            i += 2
        elif _is_pair(raw, i):
            i += 12  # a surrogate pair is one character
        else:
            i += 6
    return i


def _is_pair(raw: str, i: int) -> bool:
    """Tell whether the ``\\u`` escape at ``i`` and the next one make one character."""
    try:
        high, low = int(raw[i + 2 : i + 6], 16), int(raw[i + 8 : i + 12], 16)
    except ValueError:
        return False
    return 0xD800 <= high < 0xDC00 and raw[i + 6 : i + 8] == "\\u" and 0xDC00 <= low < 0xE000
