"""Find request calls in a module, with the statement, scope and shadowing names of each."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

import libcst as cst

from mplint.sources.python.sdk import classify
from mplint.sources.python.walk import walk

Nested = cst.FunctionDef | cst.ClassDef
Scope = cst.Module | Nested
_COMPREHENSIONS = (cst.ListComp, cst.SetComp, cst.DictComp, cst.GeneratorExp)


@dataclass
class CallSite:
    """One request call in the tree: its node, its called name, its scope, and the names a
    lambda or comprehension around it binds (they hide the module's)."""

    call: cst.Call
    kind: str
    scope: Scope
    shadowed: set[str] = field(default_factory=set)


@dataclass
class Sites:
    """Every request call of a module and what the flow needs to reach them."""

    module: cst.Module
    calls: list[CallSite] = field(default_factory=list)
    anchors: dict[int, list[cst.Call]] = field(default_factory=dict)
    inside: set[int] = field(default_factory=set)
    parents: dict[int, Scope] = field(default_factory=dict)  # scope id -> enclosing scope
    scopes: list[Nested] = field(default_factory=list)  # outer scopes before inner ones


def find(module: cst.Module) -> Sites:
    """Return the request calls of a module."""
    finder = _Finder(module, _Helpers(module))
    walk(module, finder)
    return finder.sites


class _Helpers:
    """The module's own methods named like request calls, and the names bound to instances.

    ``self.create_model_package(...)`` inside a class that defines ``create_model_package`` (a
    CDK stack's helper) calls that method, not the API; so does ``h.create_model_package(...)``
    when every assignment of ``h`` in the module makes an instance of a module class with that
    method (``h = Helper()``), and ``Helper().create_model_package(...)``.
    """

    def __init__(self, module: cst.Module) -> None:
        self.methods: dict[str, set[str]] = {}  # class name -> method names
        self.instances: dict[str, set[str]] = {}  # name -> classes (or "" for anything else)
        self._walk(module.body)

    def _walk(self, body: Sequence[cst.CSTNode]) -> None:
        pending = [body]
        while pending:
            for stmt in pending.pop():
                if isinstance(stmt, cst.ClassDef):
                    self.methods.setdefault(stmt.name.value, set()).update(
                        s.name.value for s in _statements(stmt.body) if isinstance(s, cst.FunctionDef)
                    )
                elif isinstance(stmt, cst.SimpleStatementLine):
                    pending.append(list(stmt.body))
                elif isinstance(stmt, cst.Assign):
                    self._bind(stmt)
                pending.extend(_statements(block) for block in _blocks(stmt))

    def _bind(self, assign: cst.Assign) -> None:
        value = assign.value
        made = value.func.value if isinstance(value, cst.Call) and isinstance(value.func, cst.Name) else ""
        for target in assign.targets:
            if isinstance(target.target, cst.Name):
                self.instances.setdefault(target.target.value, set()).add(made)

    def calls_own_method(self, call: cst.Call, classes: list[str]) -> bool:
        """Tell whether ``call`` calls a method of the module's own classes (not the API)."""
        func = call.func
        if not isinstance(func, cst.Attribute):
            return False
        name, receiver = func.attr.value, func.value
        if isinstance(receiver, cst.Name) and receiver.value in ("self", "cls") and classes:
            return name in self.methods.get(classes[-1], ())
        if isinstance(receiver, cst.Call) and isinstance(receiver.func, cst.Name):
            return name in self.methods.get(receiver.func.value, ())
        if isinstance(receiver, cst.Name):
            made = self.instances.get(receiver.value)
            return bool(made) and all(name in self.methods.get(c, ()) for c in made)  # type: ignore[union-attr]
        return False


def _statements(block: object) -> list[cst.CSTNode]:
    body = getattr(block, "body", ())
    return list(body) if isinstance(body, (list, tuple)) else []


def _blocks(stmt: cst.CSTNode) -> list[cst.BaseSuite]:
    """Return the blocks (suites) directly inside a compound statement."""
    if isinstance(stmt, cst.Match):
        return [case.body for case in stmt.cases]
    body = getattr(stmt, "body", None)
    blocks = [body] if isinstance(body, cst.BaseSuite) else []
    orelse = getattr(stmt, "orelse", None)
    while isinstance(orelse, cst.If):
        blocks.append(orelse.body)
        orelse = orelse.orelse
    if isinstance(orelse, cst.Else):
        blocks.append(orelse.body)
    final = getattr(stmt, "finalbody", None)
    if isinstance(final, cst.Finally):
        blocks.append(final.body)
    blocks.extend(h.body for h in getattr(stmt, "handlers", ()))
    return blocks


class _Finder:
    def __init__(self, module: cst.Module, helpers: _Helpers) -> None:
        self.sites = Sites(module)
        self.stack: list[cst.CSTNode] = []
        self.scope_stack: list[Scope] = [module]
        self.helpers = helpers

    def on_visit(self, node: cst.CSTNode) -> bool:
        # Classes compared by identity: isinstance of libcst's (ABC) node classes is slow, and
        # the parser makes these classes themselves, never subclasses.
        if type(node) is cst.Call:
            kind = classify(node)
            if kind is not None and not self.helpers.calls_own_method(node, self._classes()):
                self._record(node, kind)
        self.stack.append(node)
        block = type(node)
        if (block is cst.IndentedBlock or block is cst.SimpleStatementSuite) and len(self.stack) > 1:
            owner = self.stack[-2]
            if isinstance(owner, (cst.FunctionDef, cst.ClassDef)):
                self.sites.parents[id(owner)] = self.scope_stack[-1]
                self.sites.scopes.append(owner)
                self.scope_stack.append(owner)
        return True

    def _classes(self) -> list[str]:
        """Return the names of the classes around the current node, outermost first."""
        return [s.name.value for s in self.scope_stack if isinstance(s, cst.ClassDef)]

    def on_leave(self, original_node: cst.CSTNode) -> None:
        self.stack.pop()
        if original_node is self.scope_stack[-1] and len(self.scope_stack) > 1:
            self.scope_stack.pop()

    def _record(self, call: cst.Call, kind: str) -> None:
        scope = self.scope_stack[-1]
        site = CallSite(call, kind, scope)
        anchor: cst.CSTNode | None = None
        for node in reversed(self.stack):
            if node is scope:
                break
            if anchor is None and isinstance(node, (cst.BaseSmallStatement, cst.BaseCompoundStatement)):
                anchor = node
            if isinstance(node, cst.BaseCompoundStatement) and not isinstance(node, (cst.FunctionDef, cst.ClassDef)):
                self.sites.inside.add(id(node))
            _shadow(node, site.shadowed)
        if anchor is not None:
            self.sites.anchors.setdefault(id(anchor), []).append(call)
        self.sites.calls.append(site)


def _shadow(node: cst.CSTNode, names: set[str]) -> None:
    """Add the names a lambda or comprehension binds around the call."""
    if isinstance(node, cst.Lambda):
        p = node.params
        for param in (*p.posonly_params, *p.params, *p.kwonly_params):
            names.add(param.name.value)
        for star in (p.star_arg, p.star_kwarg):
            if isinstance(star, cst.Param):
                names.add(star.name.value)
    elif isinstance(node, _COMPREHENSIONS):
        comp: cst.CompFor | None = node.for_in
        while comp is not None:
            names.update(_target_names(comp.target))
            comp = comp.inner_for_in


def _target_names(target: cst.BaseExpression) -> list[str]:
    if isinstance(target, cst.Name):
        return [target.value]
    if isinstance(target, (cst.Tuple, cst.List)):
        return [n for e in target.elements for n in _target_names(e.value)]
    if isinstance(target, cst.StarredElement):
        return _target_names(target.value)
    return []


def params(fn: cst.FunctionDef) -> set[str]:
    """Return the parameter names of a function."""
    p = fn.params
    names = {param.name.value for param in (*p.posonly_params, *p.params, *p.kwonly_params)}
    for star in (p.star_arg, p.star_kwarg):
        if isinstance(star, cst.Param):
            names.add(star.name.value)
    return names
