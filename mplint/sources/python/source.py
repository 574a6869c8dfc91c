"""Python call sites as request sources: ``create_model_package(...)`` and SDK registrations.

A file is parsed only when its text can hold a request call. libcst is imported only by the
function that parses, so importing this module stays cheap. Before libcst sees a text, a
tokenizer scan (``guard``) refuses code nested too deeply for it; the parse runs in a
thread with a known, large stack and a raised recursion limit, so the guard's limits hold
whatever the caller's thread, and a RecursionError still becomes a parse-error finding.
"""

from __future__ import annotations

import sys
import threading
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, cast

from mplint.diagnostics import Diagnostic
from mplint.engine.suppressions import scan_python
from mplint.findings import ParseError
from mplint.lazy_re import lazy
from mplint.model import Kind, Node, Request, Span, Suppressions
from mplint.sources.positions import LineIndex
from mplint.sources.python import guard
from mplint.sources.python.candidates import could_hold_request

if TYPE_CHECKING:
    import ast

    import libcst as cst
    from libcst.metadata import CodeRange

    from mplint.sources import Loaded
    from mplint.sources.python.locate import Located
    from mplint.sources.python.scopes import Site
    from mplint.sources.python.values import Locate

_STACK_BYTES = 256 << 20  # reserved address space; only touched pages are used
_RECURSION = 30_000
_LIMIT_LOCK = threading.Lock()
_users = [0, 0]  # threads inside the parse, recursion limit before the first one
_ERROR_AT = lazy(r"error at (\d+):(\d+)")
_TOKEN = lazy(r"\w+|'[^']*'?|\"[^\"]*\"?|[()\[\]{}]|[^\s\w'\"()\[\]{}]+")


@dataclass
class Analysis:
    """The request calls of a module, or where reading it stopped."""

    sites: list[Site] = field(default_factory=list)
    problem: guard.Problem | None = None


def load(text: str, filename: str) -> Loaded:
    """Return the requests of a Python file's request calls (and a parse error, if any)."""
    from mplint.sources import Loaded

    if not could_hold_request(text):
        return Loaded((), ())
    analysis = analyse(text)
    if analysis.problem is not None:
        return Loaded((), (problem_finding(analysis.problem),))
    suppressions = scan_python(text)
    requests = tuple(
        make_request(site, filename, same_place, f"{site.name}@L{site.span.line}", suppressions)
        for site in analysis.sites
    )
    return Loaded(requests, ())


def problem_finding(problem: guard.Problem) -> Diagnostic:
    """Return the parse-error finding of a problem."""
    return ParseError.finding(Span.point(problem.line, problem.column), problem.message)


def make_request(
    site: Site,
    filename: str,
    locate: Locate,
    label: str,
    suppressions: Suppressions,
    cell: int | None = None,
) -> Request:
    """Turn a site into a Request; ``locate`` maps module spans to output spans."""
    from mplint.sources.python.values import to_node

    node = to_node(site.root, "", None, locate)
    span = locate(site.span)[0]
    root = Node(Kind.OBJECT, node.value, span, "", open=node.open)
    names = {**site.names, "@line": str(span.line)}
    flavour = "python" if cell is None else "notebook"
    return Request(root, filename, label, flavour, suppressions, cell, names)


def same_place(span: Span) -> tuple[Span, str | None]:
    """The ``Locate`` of a module read as it is written: every span stays where it is."""
    return span, None


def analyse(text: str) -> Analysis:
    """Find and evaluate the request calls of a module text, safely.

    The standard library's parser locates the statements that can matter (see
    ``locate``); libcst reads only those lines, and a line map puts what it finds back
    at the file's lines. Code the standard library cannot read (a newer Python's syntax, a
    literal over its limits) is read whole by libcst, and when neither can read it, the
    finding is where Python's compiler stopped.
    """
    located = _locate(text)
    if located is None or isinstance(located, guard.Problem):
        return Analysis(problem=located)
    code, line_map = (located, None) if isinstance(located, str) else (located.text, located.line_map)
    problem = guard.scan(code)
    if problem is not None:
        return Analysis(problem=_moved(problem, line_map))
    found = _in_big_stack(lambda: _parse_and_evaluate(code, line_map))
    if found.problem is not None:
        found.problem = _moved(found.problem, line_map)
    return found


def _moved(problem: guard.Problem, line_map: list[int] | None) -> guard.Problem:
    """Return a problem found in the located lines at the file's line."""
    if line_map is None:
        return problem
    line = line_map[min(problem.line, len(line_map) - 1)]
    return guard.Problem(line, problem.column, problem.message)


def _locate(text: str) -> Located | str | guard.Problem | None:
    """Return what libcst must read: the located lines, the whole text (when Python's own
    parser cannot tell), None when no statement can hold a request, or the problem that stops
    Python and libcst alike."""

    from mplint.sources.python import locate

    try:
        tree = syntax_tree(text, "<module>")
    except SyntaxError as exc:
        return _unless_libcst_reads(text, _compiler_problem(exc, text))
    except (ValueError, RecursionError, MemoryError):
        # NUL bytes, or nesting past the C parser's own limits: libcst (behind the guard) decides.
        return text
    return locate.reduce(text, tree)


def syntax_tree(code: str, name: str, flags: int = 0) -> ast.Module:
    """Return the standard library's tree of ``code`` (to locate statements, never for values or
    positions), with the compiler's warnings silenced: they speak of the user's code, and a
    linter's output is its findings."""
    import ast
    import warnings

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        return compile(code, name, "exec", ast.PyCF_ONLY_AST | flags)  # type: ignore[no-any-return]


def _unless_libcst_reads(text: str, problem: guard.Problem) -> str | guard.Problem:
    """Return ``text`` when libcst can read what the running Python cannot, else ``problem``."""
    if guard.scan(text) is not None:
        return problem
    analysis = _in_big_stack(lambda: _parse_only(text))
    return text if analysis.problem is None else problem


def _parse_only(text: str) -> Analysis:
    import libcst as cst

    try:
        cst.parse_module(text)
    except (cst.ParserSyntaxError, UnicodeEncodeError):
        return Analysis(problem=guard.Problem(1, 1, "unreadable"))
    return Analysis()


def positions(module: cst.Module) -> Mapping[cst.CSTNode, CodeRange]:
    """Return the ``PositionProvider`` range of every node of a libcst module.

    ``MetadataWrapper.resolve`` runs the provider's code generation and then an empty batched
    visit of the whole tree, which costs as much again; the code generation alone gives the
    same ranges (a test compares the two on every Python example).
    """
    from libcst.metadata import PositionProvider

    provider = PositionProvider()
    provider._gen_impl(module)
    # The code generation computes every range itself (none is a lazy value).
    return cast("Mapping[cst.CSTNode, CodeRange]", provider._computed)


def _compiler_problem(exc: SyntaxError, text: str) -> guard.Problem:
    """Return a SyntaxError of Python's compiler as a problem, in editor numbering."""
    index = LineIndex(text)
    line = min(max(exc.lineno or 1, 1), index.line_count)
    column = max(exc.offset or 1, 1)
    return guard.Problem(line, column, f"Python syntax error: {exc.msg}")


def _parse_and_evaluate(text: str, line_map: list[int] | None = None) -> Analysis:
    import libcst as cst

    from mplint.sources.python.scopes import evaluate

    try:
        module = cst.parse_module(text)
    except cst.ParserSyntaxError as exc:
        return Analysis(problem=_syntax_problem(exc, text))
    except UnicodeEncodeError as exc:  # a lone surrogate (from a notebook's JSON escapes)
        line, column = LineIndex(text).position(exc.start)
        message = f"unpaired surrogate U+{ord(text[exc.start]):04X} in the code"
        return Analysis(problem=guard.Problem(line, column, message))
    try:
        return Analysis(evaluate(module, positions(module), text, line_map))
    except RecursionError:
        return Analysis(problem=guard.Problem(1, 1, "too deeply nested to analyse"))


def _syntax_problem(exc: Exception, text: str) -> guard.Problem:
    """Return the position of a libcst syntax error, 1-based, at the start of its token."""
    message = getattr(exc, "message", str(exc))
    found = _ERROR_AT.search(message)
    line, column = getattr(exc, "raw_line", 1), getattr(exc, "raw_column", 0) + 1
    if found is not None:
        # libcst's message gives the 0-based character offset where the failing token ends.
        line = int(found.group(1))
        lines = text.splitlines()
        before = lines[line - 1][: int(found.group(2))] if 0 < line <= len(lines) else ""
        starts = [m.start() for m in _TOKEN.finditer(before)]
        column = starts[-1] + 1 if starts else 1
    # Clamp in editor numbering: a lone "\r" ends a line too ("\n\r" is two line ends).
    line = min(max(line, 1), LineIndex(text).line_count)
    reason = message.split(": ", 2)[-1] if message.startswith("parser error") else message
    return guard.Problem(line, max(column, 1), f"Python syntax error: {reason}")


def _in_big_stack(work: Callable[[], Analysis]) -> Analysis:
    """Run ``work`` in a thread with a large stack and a raised recursion limit."""
    box: list[object] = []

    def target() -> None:
        _raise_limit()
        try:
            box.append(work())
        except RecursionError:
            box.append(Analysis(problem=guard.Problem(1, 1, "too deeply nested to analyse")))
        except BaseException as exc:
            box.append(exc)
        finally:
            _restore_limit()

    with _LIMIT_LOCK:
        previous = threading.stack_size(_STACK_BYTES)
        try:
            thread = threading.Thread(target=target, name="mplint-python-parse", daemon=True)
            thread.start()
        finally:
            threading.stack_size(previous)
    thread.join()
    result = box[0]
    if isinstance(result, BaseException):
        raise result
    return result  # type: ignore[return-value]


def _raise_limit() -> None:
    with _LIMIT_LOCK:
        if _users[0] == 0:
            _users[1] = sys.getrecursionlimit()
            sys.setrecursionlimit(max(_users[1], _RECURSION))
        _users[0] += 1


def _restore_limit() -> None:
    with _LIMIT_LOCK:
        _users[0] -= 1
        if _users[0] == 0:
            sys.setrecursionlimit(_users[1])
