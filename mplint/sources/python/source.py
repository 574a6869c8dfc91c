"""Python call sites as request sources: ``create_model_package(...)`` and SDK registrations.

A file is parsed only when its text can hold a request call. libcst is imported only by the
function that parses, so importing this module stays cheap. Before libcst sees a text, a
tokenizer scan (``guard``) refuses code nested too deeply for it; the parse runs in one
long-lived thread with a known, large stack and a raised recursion limit, so the guard's limits
hold whatever the caller's thread, and a RecursionError still becomes a parse-error finding.
"""

from __future__ import annotations

import os
import queue
import sys
import threading
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from mplint.diagnostics import Diagnostic
from mplint.directives import scan_python
from mplint.findings import ParseError
from mplint.lazy_re import lazy
from mplint.model import Kind, Node, Request, Span, Suppressions
from mplint.sources.positions import LineIndex
from mplint.sources.python import guard
from mplint.sources.python.candidates import could_hold_request

if TYPE_CHECKING:
    import ast

    from mplint.sources.loaded import Loaded
    from mplint.sources.python.locate import Located
    from mplint.sources.python.scopes import Site
    from mplint.sources.python.values import Locate

_STACK_BYTES = 256 << 20  # reserved address space; only touched pages are used
_RECURSION = 30_000
_START_LOCK = threading.Lock()
_ERROR_AT = lazy(r"error at (\d+):(\d+)")
_TOKEN = lazy(r"\w+|'[^']*'?|\"[^\"]*\"?|[()\[\]{}]|[^\s\w'\"()\[\]{}]+")


@dataclass
class Analysis:
    """The request calls of a module, or where reading it stopped."""

    sites: list[Site] = field(default_factory=list)
    problem: guard.Problem | None = None


def load(text: str, filename: str) -> Loaded:
    """Return the requests of a Python file's request calls (and a parse error, if any)."""
    from mplint.sources.loaded import Loaded

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
    if isinstance(located, str):
        code, line_map, safe = located, None, False
    else:  # complete statements that Python's parser has read
        code, line_map = located.text, located.line_map
        safe = guard.surely_within_limits(code, located.pieces)
    problem = None if safe else guard.scan(code)
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


def _compiler_problem(exc: SyntaxError, text: str) -> guard.Problem:
    """Return a SyntaxError of Python's compiler as a problem, in editor numbering."""
    index = LineIndex(text)
    line = min(max(exc.lineno or 1, 1), index.line_count)
    column = max(exc.offset or 1, 1)
    return guard.Problem(line, column, f"Python syntax error: {exc.msg}")


def _parse_and_evaluate(text: str, line_map: list[int] | None = None) -> Analysis:
    import libcst as cst

    from mplint.sources.python.ranges import ranges
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
        return Analysis(evaluate(module, ranges(module), text, line_map))
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
    """Run ``work`` in the parse thread (a large stack, a raised recursion limit); wait for it."""
    jobs, ident = _parse_thread()
    if threading.get_ident() == ident:  # already there
        return _run(work)
    done = threading.Lock()
    done.acquire()
    box: list[Analysis | BaseException] = []
    jobs.put((work, box, done))
    done.acquire()
    result = box[0]
    if isinstance(result, BaseException):
        raise result
    return result


Job = tuple[Callable[[], Analysis], "list[Analysis | BaseException]", threading.Lock]
_thread: tuple[int, queue.SimpleQueue[Job], int] | None = None  # process id, jobs, thread id


def _parse_thread() -> tuple[queue.SimpleQueue[Job], int]:
    """Return the jobs queue and id of this process's parse thread, started on first use.

    One thread serves every parse, one job at a time: a thread started for each file cost
    about a millisecond, mostly faulting in the pages of its fresh stack. A process forked
    from this one (a worker of the pool) starts its own.
    """
    global _thread
    with _START_LOCK:
        if _thread is None or _thread[0] != os.getpid():
            jobs: queue.SimpleQueue[Job] = queue.SimpleQueue()
            previous = threading.stack_size(_STACK_BYTES)
            try:
                thread = threading.Thread(target=_serve, args=(jobs,), name="mplint-python-parse", daemon=True)
                thread.start()
            finally:
                threading.stack_size(previous)
            assert thread.ident is not None  # started
            _thread = (os.getpid(), jobs, thread.ident)
        return _thread[1], _thread[2]


def _serve(jobs: queue.SimpleQueue[Job]) -> None:
    while True:
        work, box, done = jobs.get()
        try:
            box.append(_run(work))
        except BaseException as exc:
            box.append(exc)
        finally:
            done.release()


def _run(work: Callable[[], Analysis]) -> Analysis:
    """Run ``work`` with the recursion limit raised; a RecursionError is a problem found."""
    previous = sys.getrecursionlimit()
    sys.setrecursionlimit(max(previous, _RECURSION))
    try:
        return work()
    except RecursionError:
        return Analysis(problem=guard.Problem(1, 1, "too deeply nested to analyse"))
    finally:
        sys.setrecursionlimit(previous)
