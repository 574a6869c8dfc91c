"""Locate the statements of a module that can matter to its request calls, with ``ast``.

The standard library's parser is written in C and costs about a tenth of libcst's, so it is
used to *locate* what libcst needs to see; libcst stays the tree that values and positions
come from. The locator keeps:

- the statement (at module level, or a member of a class, at any depth of classes) whose lines
  hold a request-call word, with the header lines of the classes around it;
- every statement that may bind or change a name those statements read, found by following
  the names until nothing new is added. Only names that the module binds to a value (an
  assignment, a ``for`` or ``with`` target, ``:=``, at module level) are followed: a name
  bound only by ``import``, ``def`` or ``class``, or not at all, is unknown to the evaluator
  whatever other statements do with it;
- every statement that calls a module-level function kept that way: the function changes the
  name where it is called.

Every other line is left out, so libcst parses a smaller module; each kept line is copied as it
is (columns stay those of the file) and a line map gives the file's line of each. Leaving out
whole statements keeps the text valid: a statement's lines run from its first decorator to its
``end_lineno``, and a class keeps its header lines.

The test "may bind or change a name" is deliberately wide: a statement is kept when its text
names the name in any way other than calling it (``name(...)``) or reading an attribute of it
(``name.attr``, except the methods the evaluator follows: ``copy``, ``update``, ``append``...).
Comments and strings that name it keep a statement too; that costs time, never a finding.
"""

from __future__ import annotations

import ast
import builtins
import re
from bisect import bisect_right
from dataclasses import dataclass, field

# Words that may start a request call: create_model_package (and the SDK Session helpers that
# start with it), register, RegisterModel, ModelPackage(.create).
_CALL_WORD = re.compile(r"\b(?:create_model_package\w*|register|RegisterModel|ModelPackage)\b")
_LINE_END = re.compile(r"\r\n|\r|\n")
# Methods whose receiver's value the evaluator reads or changes (eval, flow, effects);
# reading any other attribute of a name does not depend on its value.
_FOLLOWED = [
    "copy",
    "update",
    "setdefault",
    "pop",
    "popitem",
    "clear",
    "append",
    "extend",
    "insert",
    "remove",
    "sort",
    "reverse",
    "get",
    "keys",
    "values",
    "items",
]
_FOLLOWED_ATTRS = frozenset(_FOLLOWED)
_MUTATORS = _FOLLOWED_ATTRS - {"copy", "get", "keys", "values", "items"}
_HARMLESS_AFTER = rf"(?!\s*\()(?!\s*\.\s*(?!(?:{'|'.join(_FOLLOWED)})\b)[A-Za-z_])"
_SCOPES = (ast.FunctionDef, ast.AsyncFunctionDef, ast.Lambda, ast.ClassDef)
_FUNCTIONS = (ast.FunctionDef, ast.AsyncFunctionDef)
# Built-in names are not followed: the evaluator gives a rebound built-in no meaning of its own
# (``dict(...)`` is the built-in wherever it is called), so a value it names stays unknown.
_BUILTINS = frozenset(dir(builtins))


@dataclass
class _Unit:
    """A statement that can be kept or emptied as a whole: its lines and its node."""

    start: int
    end: int
    node: ast.stmt
    parent: _Unit | None = None
    members: list[_Unit] = field(default_factory=list)  # for a class: its body's statements
    starts: list[int] = field(default_factory=list)


@dataclass
class Located:
    """The lines libcst must read, and the file's line of each (``line_map[i]``, 1-based).

    ``pieces`` holds the offset in ``text`` where each kept statement (or class header) starts:
    every bracket opened in the text is closed before the next piece.
    """

    text: str
    line_map: list[int]
    pieces: list[int] = field(default_factory=list)


def reduce(text: str, tree: ast.Module) -> Located | None:
    """Return the lines of ``text`` that can matter to a request call.

    None when no statement holds a request-call word (nothing for libcst to read).
    """
    top = [_unit(s, None) for s in tree.body]
    starts = [u.start for u in top]
    line_starts = _line_starts(text)
    selected: dict[int, _Unit] = {}
    pending: list[_Unit] = []

    def select(unit: _Unit | None) -> None:
        if unit is not None and id(unit) not in selected:
            selected[id(unit)] = unit
            pending.append(unit)

    for match in _CALL_WORD.finditer(text):
        select(_unit_at(top, starts, _line_of(line_starts, match.start())))
    if not selected:
        return None
    seen: set[str] = set()
    bound = _module_bound(tree)
    changers: set[str] = set()
    changes: dict[int, set[str]] = {}  # by function unit looked into: the names it may change

    def changer(first: _Unit | None) -> None:
        """Keep the callers of a module-level function that may change a followed name (it
        changes it where it is called), and theirs when they are such functions too (a
        worklist: a chain of thousands of functions is no deeper than one)."""
        work = [first]
        while work:
            unit = work.pop()
            if unit is None or unit.parent is not None or not isinstance(unit.node, _FUNCTIONS):
                continue
            if unit.node.name in changers:
                continue
            changers.add(unit.node.name)
            for hit in _calls(text, unit.node.name):
                caller = _unit_at(top, starts, _line_of(line_starts, hit))
                select(caller)
                work.append(caller)

    while pending:
        unit = pending.pop()
        changed: set[str] = set()
        read = _names_read(unit.node, changed)
        if isinstance(unit.node, _FUNCTIONS):
            changes[id(unit)] = changed
            if changed & seen:
                changer(unit)
        for name in (read & bound) - seen:
            seen.add(name)
            for hit in _mentions(text, name):
                hit_unit = _unit_at(top, starts, _line_of(line_starts, hit))
                select(hit_unit)
                # A function looked into already (else when it is: see above) that changes it.
                if hit_unit is not None and name in changes.get(id(hit_unit), ()):
                    changer(hit_unit)
    keep = [False] * (len(line_starts) + 1)
    pieces: set[int] = set()
    for unit in selected.values():
        _mark(keep, unit.start, unit.end)
        pieces.add(unit.start)
        parent = unit.parent
        while parent is not None:
            _mark(keep, parent.start, parent.members[0].start - 1)
            pieces.add(parent.start)
            parent = parent.parent
    _whole_lines(top, keep, pieces)
    return _kept_lines(text, keep, pieces)


def _whole_lines(units: list[_Unit], keep: list[bool], pieces: set[int]) -> None:
    """Keep every statement that shares a kept line (``a = (1,\n 2); call(...)``) whole, so
    the kept lines are complete statements.

    Statements that share lines run one after the other; a run with any kept line is kept
    whole (one pass: a chain of thousands of them costs no more than their lines).
    """
    leaves = sorted(_leaves(units), key=lambda u: u.start)
    i = 0
    while i < len(leaves):
        j = i
        end = leaves[i].end
        while j + 1 < len(leaves) and leaves[j + 1].start <= end:
            j += 1
            end = max(end, leaves[j].end)
        if j > i and any(keep[leaves[i].start : end + 1]):
            _mark(keep, leaves[i].start, end)
            pieces.update(u.start for u in leaves[i : j + 1])
        i = j + 1


def _leaves(units: list[_Unit]) -> list[_Unit]:
    out: list[_Unit] = []
    for unit in units:
        out.extend(_leaves(unit.members) if unit.members else (unit,))
    return out


def _module_bound(tree: ast.Module) -> set[str]:
    """Return the names the module binds to a value outside functions and classes."""
    out: set[str] = set()
    stack: list[ast.AST] = list(tree.body)
    while stack:
        node = stack.pop()
        if isinstance(node, _SCOPES):
            continue
        if isinstance(node, ast.Name) and not isinstance(node.ctx, ast.Load):
            out.add(node.id)
        elif isinstance(
            node,
            (
                ast.stmt,
                ast.excepthandler,
                ast.withitem,
                ast.match_case,
                ast.Tuple,
                ast.List,
                ast.Starred,
                ast.NamedExpr,
            ),
        ):
            stack.extend(ast.iter_child_nodes(node))
    return out


def _unit(node: ast.stmt, parent: _Unit | None) -> _Unit:
    decorators = getattr(node, "decorator_list", None) or ()
    start = min([node.lineno, *(d.lineno for d in decorators)])
    unit = _Unit(start, node.end_lineno or node.lineno, node, parent)
    if isinstance(node, ast.ClassDef):
        members = [_unit(s, unit) for s in node.body]
        # A body that starts on the header's line cannot be cut apart from it.
        if members and members[0].start > node.lineno:
            unit.members = members
            unit.starts = [m.start for m in members]
    return unit


def _unit_at(units: list[_Unit], starts: list[int], line: int) -> _Unit | None:
    """Return the innermost unit holding ``line`` (None for class headers and blank lines)."""
    i = bisect_right(starts, line) - 1
    if i < 0 or units[i].end < line:
        return None
    unit = units[i]
    if not unit.members:
        return unit
    return _unit_at(unit.members, unit.starts, line)


def _names_read(node: ast.stmt, changed: set[str] | None = None) -> set[str]:
    """Return the names whose values a statement may read or change; add to ``changed`` the
    names whose values it may change in place: declared ``global``, an item assigned or
    deleted, a mutating method called. (Handing a value to a call only opens it, where the
    statement is as anywhere else.)

    Names only called (``f(...)``) or whose attributes are only read (``log.info``) are left out,
    and so are annotations, built-in names and a function's own parameters and locals. The
    receiver of a request call is in: what it is bound to may tell whether the call is a request.
    """
    local: set[str] = set()
    if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
        local = _locals(node)
    out: set[str] = set()
    stack: list[ast.AST] = [node]
    while stack:
        parent = stack.pop()
        if changed is not None:
            _note_change(parent, changed)
        skip = _annotations(parent)
        for child in ast.iter_child_nodes(parent):
            if child in skip:
                continue
            stack.append(child)
            if not isinstance(child, ast.Name):
                continue
            if isinstance(parent, ast.Call) and parent.func is child:
                continue
            if isinstance(parent, ast.Attribute) and not _followed(parent):
                continue
            out.add(child.id)
    return out - local - _BUILTINS


def _annotations(node: ast.AST) -> tuple[ast.AST, ...]:
    """Return the annotation children of a node (they never hold a request's value)."""
    if isinstance(node, ast.arg):
        return (node.annotation,) if node.annotation is not None else ()
    if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
        return (node.returns,) if node.returns is not None else ()
    if isinstance(node, ast.AnnAssign):
        return (node.annotation,)
    return ()


def _followed(attribute: ast.Attribute) -> bool:
    return attribute.attr in _FOLLOWED_ATTRS or bool(_CALL_WORD.fullmatch(attribute.attr))


def _locals(fn: ast.FunctionDef | ast.AsyncFunctionDef) -> set[str]:
    """Return a function's parameters and the names its own body binds (not ``global`` ones)."""
    a = fn.args
    names = {p.arg for p in (*a.posonlyargs, *a.args, *a.kwonlyargs)}
    names.update(p.arg for p in (a.vararg, a.kwarg) if p is not None)
    declared: set[str] = set()
    stack: list[ast.AST] = list(fn.body)
    while stack:
        node = stack.pop()
        if isinstance(node, (ast.Global, ast.Nonlocal)):
            declared.update(node.names)
        elif isinstance(node, ast.Name) and not isinstance(node.ctx, ast.Load):
            names.add(node.id)
        elif isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
            names.add(node.name)
            stack.extend(getattr(node, "decorator_list", ()))
            continue
        elif isinstance(node, ast.alias):
            names.add((node.asname or node.name).split(".")[0])
        if not isinstance(node, _SCOPES):
            stack.extend(ast.iter_child_nodes(node))
    return names - declared


def _mentions(text: str, name: str) -> list[int]:
    """Return the offsets where ``text`` names ``name`` other than by calling it or reading
    an attribute the evaluator does not follow."""
    return _named(text, rf"{re.escape(name)}\b{_HARMLESS_AFTER}")


def _calls(text: str, name: str) -> list[int]:
    """Return the offsets where ``text`` calls ``name`` (not a method or an attribute of that
    name; a comment or a string that reads like a call keeps a statement too, at no cost but
    time)."""
    return _named(text, rf"{re.escape(name)}\s*\(")


def _named(text: str, pattern: str) -> list[int]:
    """Return the offsets of ``pattern`` where it starts a name (not inside a longer one, nor
    after a ``.``)."""
    out = []
    for m in re.finditer(pattern, text):
        at = m.start()
        if at == 0 or not (text[at - 1].isalnum() or text[at - 1] in "_."):
            out.append(at)
    return out


def _note_change(node: ast.AST, changed: set[str]) -> None:
    if isinstance(node, (ast.Global, ast.Nonlocal)):
        changed.update(node.names)
    elif isinstance(node, ast.Subscript) and not isinstance(node.ctx, ast.Load):
        changed.add(_base(node) or "")
    elif isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and node.func.attr in _MUTATORS:
        changed.add(_base(node.func.value) or "")


def _base(node: ast.AST) -> str | None:
    """Return the name an item or attribute chain starts with (``d`` of ``d["a"].b``)."""
    while isinstance(node, (ast.Subscript, ast.Attribute, ast.Starred)):
        node = node.value
    return node.id if isinstance(node, ast.Name) else None


def _line_starts(text: str) -> list[int]:
    """Return the offset where each line starts (lines end at \\n, \\r\\n or a lone \\r)."""
    return [0, *(m.end() for m in _LINE_END.finditer(text))]


def _line_of(line_starts: list[int], offset: int) -> int:
    return bisect_right(line_starts, offset)


def _mark(keep: list[bool], start: int, end: int) -> None:
    for line in range(start, end + 1):
        keep[line] = True


def _kept_lines(text: str, keep: list[bool], pieces: set[int]) -> Located:
    parts = _LINE_END.split(text)
    ends = _LINE_END.findall(text)
    out: list[str] = []
    line_map = [0]
    starts: list[int] = []
    size = 0
    for i, line in enumerate(parts):
        if keep[i + 1]:
            if i + 1 in pieces:
                starts.append(size)
            end = ends[i] if i < len(ends) else ""
            out.append(line)
            out.append(end)
            size += len(line) + len(end)
            line_map.append(i + 1)
    return Located("".join(out), line_map, starts)
