"""Changes a piece of code may make to the environment, applied when they cannot be followed.

Inside an ``if``/``for``/``while``/``try``/``with`` body, or anywhere the order of execution is
not straight, a change is applied as *uncertain*: a rebound name becomes unknown, an item
assigned or deleted at a known key path becomes unknown, and an object changed at an unknown key,
by a mutating method or by being passed to a call becomes open (its member set partly unknown).
A list changed that way becomes unknown as a whole.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

import libcst as cst

from mplint.sources.python.eval import Evaluator, lookup
from mplint.sources.python.values import Value, VList, VObj, VUnknown
from mplint.sources.python.walk import Visitor, walk

DICT_MUTATORS = frozenset({"update", "setdefault", "pop", "popitem", "clear"})
LIST_MUTATORS = frozenset({"append", "extend", "insert", "remove", "sort", "reverse"})
# Callees that only read their arguments: passing a dict to them does not open it.
READERS = frozenset(
    [
        "print",
        "len",
        "str",
        "repr",
        "dumps",
        "dump",
        "safe_dump",
        "pprint",
        "pp",
        "display",
        "info",
        "debug",
        "warning",
        "error",
        "exception",
        "critical",
        "isinstance",
        "type",
        "sorted",
        "any",
        "all",
        "format",
        "copy",
        "deepcopy",
        "dict",
        "list",
        "tuple",
        "bool",
        "id",
        "hash",
        "get",
        "keys",
        "values",
        "items",
    ]
)


@dataclass
class Effects:
    """What a piece of code may change: names, item targets, touched values, mutator calls."""

    names: dict[str, cst.CSTNode] = field(default_factory=dict)
    targets: list[tuple[cst.Subscript, bool]] = field(default_factory=list)
    touched: list[cst.BaseExpression] = field(default_factory=list)
    methods: list[cst.Call] = field(default_factory=list)
    # Set (to where it is said) when the changes are too many to follow: every name may change.
    everything: cst.CSTNode | None = None


# The effects a call to a function of the module has on the names and values around it
# (None: not a function of the module), by the name it is called by.
Called = Callable[[str], "Effects | None"]


def collect(node: cst.CSTNode, is_target: Callable[[cst.Call], bool], called: Called | None = None) -> Effects:
    """Return the effects of a statement, block or expression (nested scopes excluded); a call
    of a function of the module brings in that function's effects (``called``)."""
    visitor = _Collector(is_target, called)
    walk(node, visitor)
    return visitor.effects


def outside(found: Effects, local: set[str] | frozenset[str]) -> Effects:
    """Return the effects that reach past a function whose own names are ``local``."""
    if found.everything is not None:
        return found
    return Effects(
        {name: where for name, where in found.names.items() if name not in local},
        [(target, delete) for target, delete in found.targets if _base_name(target) not in local],
        [expr for expr in found.touched if _base_name(expr) not in local],
        [call for call in found.methods if _receiver_name(call) not in local],
    )


def merge(into: Effects, more: Effects) -> None:
    """Add ``more`` to ``into``."""
    if into.everything is None:
        into.everything = more.everything
    for name, where in more.names.items():
        into.names.setdefault(name, where)
    into.targets.extend(more.targets)
    into.touched.extend(more.touched)
    into.methods.extend(more.methods)


def local_names(body: cst.CSTNode, is_target: Callable[[cst.Call], bool]) -> set[str]:
    """Return the names a function body binds (its locals), minus ``global``/``nonlocal`` ones."""
    visitor = _Collector(is_target)
    walk(body, visitor)
    return set(visitor.effects.names) - visitor.declared


def apply(effects: Effects, ev: Evaluator, skip: frozenset[str] = frozenset()) -> None:
    """Apply effects as uncertain to the evaluator's environment."""
    env = ev.env
    if effects.everything is not None:
        unknown = VUnknown(ev.pos(effects.everything))
        for name in list(env):
            if name not in skip:
                env[name] = unknown
        return
    for name, where in effects.names.items():
        if name not in skip:
            env[name] = VUnknown(ev.pos(where))
    for target, delete in effects.targets:
        if _base_name(target) not in skip:
            uncertain_item(ev, target, delete)
    for expr in effects.touched:
        if _base_name(expr) not in skip:
            touch(resolve(ev, expr))
    for call in effects.methods:
        receiver = call.func.value  # type: ignore[attr-defined]
        if _base_name(receiver) not in skip:
            _uncertain_method(ev, call)


def resolve(ev: Evaluator, expr: cst.BaseExpression) -> Value | None:
    """Return the value a name or a subscript chain of a name refers to, if known."""
    if isinstance(expr, cst.Name):
        return ev.env.get(expr.value)
    if isinstance(expr, cst.Subscript):
        return ev.eval(expr)
    return None


def touch(value: Value | None) -> None:
    """Mark a value as changed in a way that cannot be followed."""
    if isinstance(value, VObj):
        value.open = True
    elif isinstance(value, VList):
        value.unknown = True


def split_target(ev: Evaluator, target: cst.Subscript) -> tuple[Value | None, str | int | None]:
    """Return (container, key) of an item target ``x[a][b]``; key None when not known."""
    if len(target.slice) != 1 or not isinstance(target.slice[0].slice, cst.Index):
        return resolve(ev, target.value), None
    return resolve(ev, target.value), ev.key(target.slice[0].slice.value)


def uncertain_item(ev: Evaluator, target: cst.Subscript, delete: bool) -> None:
    """Apply ``x[...][k] = ?`` or ``del x[...][k]`` that may or may not have happened."""
    container, key = split_target(ev, target)
    if key is None:
        touch(container)
        return
    if isinstance(container, VObj) and isinstance(key, str):
        _maybe_set(container, key, VUnknown(ev.pos(target)))
        container.open = container.open or delete
    elif isinstance(container, VList):
        if lookup(container, key) is not None and not delete:
            container.items[key] = VUnknown(ev.pos(target))  # type: ignore[index]
        else:
            container.unknown = True


def _uncertain_method(ev: Evaluator, call: cst.Call) -> None:
    func = call.func
    assert isinstance(func, cst.Attribute)
    receiver = resolve(ev, func.value)
    if isinstance(receiver, VList) or not isinstance(receiver, VObj):
        touch(receiver)
        return
    keys = _update_keys(ev, call) if func.attr.value == "update" else None
    if keys is None:
        receiver.open = True
        return
    for key in keys:
        _maybe_set(receiver, key, VUnknown(ev.pos(call)))


def _maybe_set(obj: VObj, key: str, value: VUnknown) -> None:
    """A member that may have been set: a present one becomes unknown, an absent one opens."""
    old = obj.members.get(key)
    if old is None:
        obj.open = True
    else:
        obj.set(key, old[0], value)


def _update_keys(ev: Evaluator, call: cst.Call) -> list[str] | None:
    """Return the keys an ``update(...)`` call sets when all are known."""
    keys: list[str] = []
    for arg in call.args:
        if arg.keyword is not None:
            keys.append(arg.keyword.value)
            continue
        value = ev.eval(arg.value)
        if not isinstance(value, VObj) or value.open:
            return None
        keys.extend(value.members)
    return keys


def _receiver_name(call: cst.Call) -> str | None:
    """Return the name a mutator call's receiver starts with (``d`` of ``d["k"].update()``)."""
    func = call.func
    return _base_name(func.value) if isinstance(func, cst.Attribute) else None


def _base_name(expr: cst.BaseExpression) -> str | None:
    while isinstance(expr, (cst.Subscript, cst.Attribute)):
        expr = expr.value
    return expr.value if isinstance(expr, cst.Name) else None


class _Collector(Visitor):
    """Gather effects, not entering nested functions, classes or lambdas."""

    def __init__(self, is_target: Callable[[cst.Call], bool], called: Called | None = None) -> None:
        self.effects = Effects()
        self.declared: set[str] = set()
        self.is_target = is_target
        self.called = called
        self.depth = 0

    def _bind(self, target: cst.BaseExpression, delete: bool = False) -> None:
        if isinstance(target, cst.Name):
            self.effects.names[target.value] = target
        elif isinstance(target, (cst.Tuple, cst.List)):
            for element in target.elements:
                self._bind(element.value, delete)
        elif isinstance(target, cst.StarredElement):
            self._bind(target.value, delete)
        elif isinstance(target, cst.Subscript):
            self.effects.targets.append((target, delete))

    def visit_FunctionDef(self, node: cst.FunctionDef) -> bool:
        self.effects.names[node.name.value] = node.name
        return False

    def visit_ClassDef(self, node: cst.ClassDef) -> bool:
        self.effects.names[node.name.value] = node.name
        return False

    def visit_Lambda(self, node: cst.Lambda) -> bool:
        return False

    def visit_CompFor(self, node: cst.CompFor) -> None:
        return None  # comprehension targets are local to the comprehension

    def visit_AssignTarget(self, node: cst.AssignTarget) -> None:
        self._bind(node.target)

    def visit_AnnAssign(self, node: cst.AnnAssign) -> None:
        if node.value is not None:
            self._bind(node.target)

    def visit_AugAssign(self, node: cst.AugAssign) -> None:
        self._bind(node.target)

    def visit_For(self, node: cst.For) -> None:
        self._bind(node.target)

    def visit_AsName(self, node: cst.AsName) -> None:
        self._bind(node.name)

    def visit_NamedExpr(self, node: cst.NamedExpr) -> None:
        self._bind(node.target)

    def visit_Del(self, node: cst.Del) -> None:
        self._bind(node.target, delete=True)

    def visit_ImportAlias(self, node: cst.ImportAlias) -> None:
        if node.asname is None:
            name = node.name
            while isinstance(name, cst.Attribute):
                name = name.value  # type: ignore[assignment]
            if isinstance(name, cst.Name):
                self.effects.names[name.value] = name

    def visit_MatchAs(self, node: cst.MatchAs) -> None:
        if node.name is not None:
            self._bind(node.name)

    def visit_MatchStar(self, node: cst.MatchStar) -> None:
        if node.name is not None:
            self._bind(node.name)

    def visit_MatchMapping(self, node: cst.MatchMapping) -> None:
        if node.rest is not None:
            self._bind(node.rest)

    def visit_Global(self, node: cst.Global) -> None:
        self.declared.update(item.name.value for item in node.names)

    def visit_Nonlocal(self, node: cst.Nonlocal) -> None:
        self.declared.update(item.name.value for item in node.names)

    def visit_Call(self, node: cst.Call) -> None:
        if self.is_target(node):
            return
        func = node.func
        if isinstance(func, cst.Name) and self.called is not None:
            brought = self.called(func.value)
            if brought is not None:
                merge(self.effects, brought)
        if isinstance(func, cst.Attribute) and func.attr.value in DICT_MUTATORS | LIST_MUTATORS:
            self.effects.methods.append(node)
        callee = func.attr.value if isinstance(func, cst.Attribute) else getattr(func, "value", "")
        if callee in READERS:
            return
        for arg in node.args:
            if not arg.star and isinstance(arg.value, (cst.Name, cst.Subscript)):
                self.effects.touched.append(arg.value)
