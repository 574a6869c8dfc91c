"""Evaluate every request call of a module, scope by scope, outer scopes first.

The module runs first from an empty environment. A function (or class body) then starts from a
copy of its enclosing scope's final environment (a class body is not visible to its methods),
without its parameters and local names; module names that any function may change are changed
uncertainly first. Calls that the flow does not reach (a decorator, a default value) are
evaluated from literals alone.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field

import libcst as cst

from mplint.model import Span
from mplint.sources.python import effects, sites
from mplint.sources.python.eval import Evaluator
from mplint.sources.python.flow import Flow
from mplint.sources.python.ranges import Range
from mplint.sources.python.sdk import build, classify
from mplint.sources.python.values import Bindings, VList, VObj, VUnknown, clone, clone_env

# How far a call of a module function is followed: the functions it may reach, and the changes
# they make; past either, the call may change every name (a chain of thousands of functions,
# each changing the dict, cost time growing with the square of their number).
MAX_REACHED = 200
MAX_CHANGES = 2000
# A word of Python code (a name, a keyword or an attribute).
_WORD = re.compile(r"[A-Za-z_]\w*")
_LINE_END = re.compile(r"\r\n?|\n")  # where libcst ends a line (not at \f or \x1c, as splitlines does)


@dataclass
class Site:
    """A request call found in a module: called name, call span, snapshot of its members."""

    name: str
    span: Span
    root: VObj
    names: dict[str, str] = field(default_factory=dict)


def evaluate(
    module: cst.Module,
    ranges: Mapping[int, Range],
    text: str | None = None,
    line_map: Sequence[int] | None = None,
) -> list[Site]:
    """Return a snapshot of each request call's members, in source order.

    ``text`` (the module's source) lets functions that cannot touch the module's containers be
    passed over without visiting them. ``line_map[i]`` is the line of the file where line ``i``
    of the module is written, when the module holds only some of the file's lines.
    """

    if line_map is None:

        def pos(node: cst.CSTNode) -> Span:
            line, column, end_line, end_column = ranges[id(node)]
            return Span(line, column + 1, end_line, end_column + 1)

    else:
        lines_of = line_map

        def pos(node: cst.CSTNode) -> Span:
            line, column, end_line, end_column = ranges[id(node)]
            return Span(lines_of[line], column + 1, lines_of[end_line], end_column + 1)

    found = sites.find(module)
    if not found.calls:
        return []
    by_call = {id(s.call): s for s in found.calls}
    out: dict[int, Site] = {}

    def is_target(call: cst.Call) -> bool:
        return id(call) in by_call or classify(call) is not None

    def emit(call: cst.Call, ev: Evaluator) -> None:
        site = by_call[id(call)]
        env = ev.env
        if site.shadowed:
            env = {**env, **{n: VUnknown(pos(call)) for n in site.shadowed}}
        root, names = build(site.kind, call, Evaluator(pos, env))
        out[id(call)] = Site(site.kind, pos(call), clone(root), names)  # type: ignore[arg-type]

    lines = _LINE_END.split(text) if text is not None else None  # libcst's lines
    flow = Flow(pos, found.anchors, found.inside, is_target, emit)
    if lines is not None:
        flow.quiet = _quiet(lines, ranges)
    _run_scopes(module, found, flow, lines, ranges)
    for site in found.calls:
        if id(site.call) not in out:
            emit(site.call, Evaluator(pos, {}))
    return sorted(out.values(), key=lambda s: (s.span.line, s.span.column))


def _run_scopes(
    module: cst.Module,
    found: sites.Sites,
    flow: Flow,
    lines: list[str] | None,
    ranges: Mapping[int, Range],
) -> None:
    needed = _needed(found)
    known: dict[int, set[str]] = {}
    flow.called, by_name = _module_functions(module, found, flow, known)
    finals: dict[int, Bindings] = {}
    finals[id(module)] = flow.run(module.body, {})
    functions = [s for s in found.scopes if isinstance(s, cst.FunctionDef)]
    if lines is not None:
        functions = [f for f in functions if _may_touch(f, finals[id(module)], ranges, lines)]
    module_level = {id(fn) for fn in by_name.values()}
    shared = _after_functions(finals[id(module)], functions, flow, known, module_level)
    for scope in found.scopes:
        if id(scope) not in needed:
            continue
        parent = found.parents[id(scope)]
        while isinstance(parent, cst.ClassDef) and not isinstance(scope, cst.ClassDef):
            parent = found.parents[id(parent)]
        outer = shared if parent is module else finals.get(id(parent), {})
        env = clone_env(outer)
        for name in _locals(scope, flow, known):
            env.pop(name, None)
        finals[id(scope)] = flow.run(scope.body.body, env)


def _module_functions(
    module: cst.Module, found: sites.Sites, flow: Flow, known: dict[int, set[str]]
) -> tuple[effects.Called, dict[str, cst.FunctionDef]]:
    """Return what a call of each function defined at module level changes outside it: the
    module's containers it changes by name, the names it declares ``global``, and what the
    functions it calls change (followed once; a function that calls itself adds nothing more);
    and those functions by name (the last of a name defined twice)."""
    functions = {
        s.name.value: s for s in found.scopes if isinstance(s, cst.FunctionDef) and found.parents.get(id(s)) is module
    }
    direct: dict[str, tuple[effects.Effects, set[str]]] = {}  # its own effects, its callees
    done: dict[str, effects.Effects] = {}

    def own(name: str) -> tuple[effects.Effects, set[str]]:
        if name not in direct:
            fn = functions[name]
            callees: set[str] = set()

            def note(callee: str) -> None:  # a call of a module function: followed below
                if callee in functions:
                    callees.add(callee)

            body = effects.collect(fn.body, flow.is_target, note)
            direct[name] = (effects.outside(body, _locals(fn, flow, known)), callees)
        return direct[name]

    def called(name: str) -> effects.Effects | None:
        if name not in functions:
            return None
        if name not in done:
            total = effects.Effects()
            seen: set[str] = set()
            pending = [name]
            while pending:  # every function it may reach, each once (calls may go round)
                reached = pending.pop()
                if reached in seen:
                    continue
                seen.add(reached)
                found_effects, callees = own(reached)
                effects.merge(total, found_effects)
                pending.extend(callees)
                size = len(total.names) + len(total.targets) + len(total.touched) + len(total.methods)
                if len(seen) > MAX_REACHED or size > MAX_CHANGES:
                    # Too many to follow: the call may change any name (nothing is reported).
                    total = effects.Effects(everything=functions[name].name)
                    break
            done[name] = total
        return done[name]

    return called, functions


def _quiet(lines: list[str], ranges: Mapping[int, Range]) -> Callable[[cst.CSTNode], bool]:
    """Return the test that an expression can change nothing, read from its text: a change
    needs a call (a mutator, or a value handed to a function) or an assignment expression,
    and an expression whose text holds neither ``(`` nor ``:=`` has none (a string that holds
    them only makes the expression be walked)."""

    def quiet(node: cst.CSTNode) -> bool:
        where = ranges.get(id(node))
        if where is None:
            return False
        line, column, end_line, end_column = where
        if line == end_line:
            text = lines[line - 1][column:end_column]
        else:
            text = "\n".join([lines[line - 1][column:], *lines[line : end_line - 1], lines[end_line - 1][:end_column]])
        return "(" not in text and ":=" not in text

    return quiet


def _may_touch(fn: cst.FunctionDef, env: Bindings, ranges: Mapping[int, Range], lines: list[str]) -> bool:
    """Tell whether a function's text could change a module name or container.

    A function can change the module's environment only by declaring a name ``global`` (or
    ``nonlocal``) or by naming a module-level container; one whose text mentions neither is
    passed over (a cheap text test instead of two visits of its body).
    """
    start, _, end, _ = ranges[id(fn)]
    body = "\n".join(lines[start - 1 : end])
    words = set(_WORD.findall(body))
    if "global" in words or "nonlocal" in words:
        return True
    return any(isinstance(env.get(word), (VObj, VList)) for word in words)


def _needed(found: sites.Sites) -> set[int]:
    """Return the ids of scopes holding a request call, and of their enclosing scopes."""
    needed: set[int] = set()
    for site in found.calls:
        scope: object = site.scope
        while id(scope) in found.parents or scope is found.module:
            needed.add(id(scope))
            if scope is found.module:
                break
            scope = found.parents[id(scope)]
    return needed


def _locals(scope: sites.Nested, flow: Flow, known: dict[int, set[str]]) -> set[str]:
    """Return the names a scope binds (its parameters too), worked out once per scope."""
    names = known.get(id(scope))
    if names is None:
        names = effects.local_names(scope.body, flow.is_target)
        if isinstance(scope, cst.FunctionDef):
            names |= sites.params(scope)
        known[id(scope)] = names
    return names


def _after_functions(
    env: Bindings, functions: list[cst.FunctionDef], flow: Flow, known: dict[int, set[str]], module_level: set[int]
) -> Bindings:
    """Return the module environment as functions see it: changes they make are uncertain."""
    shared = clone_env(env)
    ev = Evaluator(flow.pos, shared)
    for fn in functions:
        # A module-level function's effects outside it were worked out once, with those of
        # the functions it calls, if a call of it was met.
        if id(fn) in module_level and flow.called is not None:
            outside = flow.called(fn.name.value)
            if outside is not None:
                effects.apply(outside, ev)
                continue
        skip = frozenset(_locals(fn, flow, known))
        effects.apply(effects.collect(fn.body, flow.is_target), ev, skip)
    return shared
