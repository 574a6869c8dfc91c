"""Follow straight-line code of one scope, in order, up to each request call.

Simple statements change the environment exactly (assignments, item assignment, ``del``,
``update``/``setdefault``/``pop``/``clear``, list ``append``/``extend``). A compound statement
holding a request call is entered on a copy of the environment (loop bodies first take the
uncertain effects of an earlier iteration); afterwards its effects are applied as uncertain.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

import libcst as cst

from mplint.model import Kind
from mplint.sources.python import effects
from mplint.sources.python.eval import Evaluator, Positions
from mplint.sources.python.values import (
    Bindings,
    Budget,
    Value,
    VList,
    VObj,
    VScalar,
    VUnknown,
    clone_env,
    fits,
)

Emit = Callable[[cst.Call, Evaluator], None]


@dataclass
class Flow:
    """Simulate a scope's statements; call ``emit`` at each request call with the environment.

    ``anchors`` maps the id of a statement to the request calls it holds, ``inside`` holds the
    ids of the compound statements with a request call in a block.
    """

    pos: Positions
    anchors: dict[int, list[cst.Call]]
    inside: set[int]
    is_target: Callable[[cst.Call], bool]
    emit: Emit
    # Tells that an expression can change nothing: its text holds no call and no ``:=``.
    quiet: Callable[[cst.CSTNode], bool] = lambda node: False
    # What a call of a function of the module changes (see effects.collect).
    called: effects.Called | None = None

    def __post_init__(self) -> None:
        # One budget for the module's evaluation: a flow is made once per module.
        Budget.start()

    def run(self, body: Sequence[cst.CSTNode], env: Bindings) -> Bindings:
        """Run statements in order on ``env`` (changed in place) and return it."""
        ev = Evaluator(self.pos, env)
        for stmt in body:
            if isinstance(stmt, (cst.SimpleStatementLine, cst.SimpleStatementSuite)):
                for small in stmt.body:
                    self._small(small, ev)
            elif isinstance(stmt, (cst.FunctionDef, cst.ClassDef)):
                # The name is unknown from here on; a name not bound reads as unknown, and an
                # environment holding only values stays small in a module of many functions.
                env.pop(stmt.name.value, None)
            elif isinstance(stmt, cst.BaseCompoundStatement):
                self._compound(stmt, ev)
            elif isinstance(stmt, cst.BaseSmallStatement):
                self._small(stmt, ev)
        return env

    def uncertain(self, node: cst.CSTNode, ev: Evaluator) -> None:
        """Apply a piece of code's effects as uncertain."""
        effects.apply(effects.collect(node, self.is_target, self.called), ev)

    def _emit_at(self, node: cst.CSTNode, ev: Evaluator) -> None:
        for call in self.anchors.get(id(node), ()):
            self.emit(call, ev)

    def _small(self, stmt: cst.BaseSmallStatement, ev: Evaluator) -> None:
        self._emit_at(stmt, ev)
        if isinstance(stmt, cst.Assign):
            if not self.quiet(stmt.value):
                self.uncertain(stmt.value, ev)
            value = ev.eval(stmt.value)
            for target in stmt.targets:
                self._assign(target.target, value, ev)
        elif isinstance(stmt, cst.AnnAssign) and stmt.value is not None:
            if not self.quiet(stmt.value):
                self.uncertain(stmt.value, ev)
            self._assign(stmt.target, ev.eval(stmt.value), ev)
        elif isinstance(stmt, cst.Del):
            self._delete(stmt.target, ev)
        elif isinstance(stmt, cst.Expr) and isinstance(stmt.value, cst.Call):
            self._method(stmt.value, ev)
        else:
            self.uncertain(stmt, ev)

    def _assign(self, target: cst.BaseExpression, value: Value, ev: Evaluator) -> None:
        if isinstance(target, cst.Name):
            ev.env[target.value] = value
        elif isinstance(target, cst.Subscript):
            container, key = effects.split_target(ev, target)
            if isinstance(container, VObj) and isinstance(key, str):
                container.set(key, self.pos(target.slice[0].slice.value), value)  # type: ignore[attr-defined]
            elif isinstance(container, VList) and isinstance(key, int) and _has(container, key):
                container.items[key] = value
            else:
                effects.touch(container)
        else:
            # Unpacking: whatever it binds is unknown; attribute targets bind no name.
            for name in _names(target):
                ev.env[name.value] = VUnknown(self.pos(name))

    def _delete(self, target: cst.BaseExpression, ev: Evaluator) -> None:
        if isinstance(target, cst.Subscript):
            container, key = effects.split_target(ev, target)
            if isinstance(container, VObj) and isinstance(key, str):
                container.members.pop(key, None)
                return
            effects.touch(container)
            return
        for name in _names(target):
            ev.env.pop(name.value, None)

    def _method(self, call: cst.Call, ev: Evaluator) -> None:
        """Follow ``d.update(...)`` and friends exactly; any other call uncertainly."""
        func = call.func
        for arg in call.args:
            self.uncertain(arg.value, ev)
        if not isinstance(func, cst.Attribute) or self.is_target(call):
            if not self.is_target(call):
                self.uncertain(call, ev)
            return
        receiver = effects.resolve(ev, func.value)
        name = func.attr.value
        if isinstance(receiver, VObj) and name in effects.DICT_MUTATORS:
            _dict_method(receiver, name, call, ev)
        elif isinstance(receiver, VList) and name in ("append", "extend") and len(call.args) == 1:
            _list_method(receiver, name, ev.eval(call.args[0].value))
        else:
            self.uncertain(call, ev)

    def _compound(self, stmt: cst.BaseCompoundStatement, ev: Evaluator) -> None:
        self._emit_at(stmt, ev)
        if id(stmt) in self.inside:
            for block, prepare in _blocks(stmt):
                fork = Evaluator(self.pos, clone_env(ev.env))
                for node in prepare:
                    self.uncertain(node, fork)
                if isinstance(block, cst.If):
                    self._compound(block, fork)
                else:
                    self.run(block.body, fork.env)
        self.uncertain(stmt, ev)


def _dict_method(obj: VObj, name: str, call: cst.Call, ev: Evaluator) -> None:
    args = call.args
    if name == "update":
        for arg in args:
            if arg.keyword is not None:
                obj.set(arg.keyword.value, ev.pos(arg.keyword), ev.eval(arg.value))
            else:
                ev.merge(obj, ev.eval(arg.value))
        return
    key = ev.key(args[0].value) if args and not args[0].keyword else None
    if name == "setdefault" and isinstance(key, str):
        if key not in obj.members:
            default = ev.eval(args[1].value) if len(args) > 1 else VScalar(Kind.NULL, None, ev.pos(call))
            obj.set(key, ev.pos(args[0].value), default)
    elif name == "pop" and isinstance(key, str):
        obj.members.pop(key, None)
    elif name == "clear" and not args:
        obj.members.clear()
    else:
        obj.open = True


def _list_method(lst: VList, name: str, value: Value) -> None:
    if name == "append" and fits(len(lst.items) + 1, 1):
        lst.items.append(value)
    elif name == "extend" and isinstance(value, VList) and not value.unknown:
        if fits(len(lst.items) + len(value.items), len(value.items)):
            lst.items.extend(value.items)
        else:
            lst.unknown = True
    else:
        lst.unknown = True


def _has(lst: VList, key: int) -> bool:
    return not lst.unknown and -len(lst.items) <= key < len(lst.items)


def _names(target: cst.CSTNode) -> list[cst.Name]:
    """Return the plain names a target binds (unpacking included)."""
    if isinstance(target, cst.Name):
        return [target]
    if isinstance(target, (cst.Tuple, cst.List)):
        return [n for e in target.elements for n in _names(e.value)]
    if isinstance(target, cst.StarredElement):
        return _names(target.value)
    return []


def _blocks(stmt: cst.BaseCompoundStatement) -> list[tuple[cst.BaseSuite | cst.If, list[cst.CSTNode]]]:
    """Return (block, nodes whose effects come first) for each block a request may run in."""
    if isinstance(stmt, cst.Match):  # the one compound statement without a body of its own
        return [(case.body, [case.pattern]) for case in stmt.cases]
    body = stmt.body
    if isinstance(stmt, cst.If):
        out: list[tuple[cst.BaseSuite | cst.If, list[cst.CSTNode]]] = [(body, [])]
        if isinstance(stmt.orelse, cst.If):
            out.append((stmt.orelse, []))
        elif stmt.orelse is not None:
            out.append((stmt.orelse.body, []))
        return out
    if isinstance(stmt, (cst.For, cst.While)):
        out = [(body, [stmt])]
        if stmt.orelse is not None:
            out.append((stmt.orelse.body, [body]))
        return out
    if isinstance(stmt, (cst.Try, cst.TryStar)):
        out = [(body, [])]
        out.extend((h.body, [body, h]) for h in stmt.handlers)
        if stmt.orelse is not None:
            out.append((stmt.orelse.body, [body]))
        if stmt.finalbody is not None:
            out.append((stmt.finalbody.body, [stmt]))
        return out
    if isinstance(stmt, cst.With):
        return [(body, list(stmt.items))]
    return [(body, [body])]
