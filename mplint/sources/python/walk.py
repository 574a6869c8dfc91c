"""Walk a libcst tree by its fields, in source order, without rebuilding it.

``CSTNode.visit`` rebuilds every node it passes (``_visit_and_replace_children``), even for a
visitor that changes nothing: a pass over a module costs about as much as parsing it. The
analysis only reads the tree, so it walks the nodes' fields instead. Fields that hold only
whitespace, punctuation and comments (``lpar``, ``comma``, ``whitespace_*`` ...) are not
entered: nothing the analysis looks for is there.

A walker has the shape of a ``CSTVisitor``: ``on_visit(node)`` (return False to skip the
children) and ``on_leave(node)``; :class:`Visitor` dispatches them to ``visit_<Class>`` and
``leave_<Class>`` methods, as libcst does.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from typing import Any, ClassVar, Protocol

import libcst as cst

# Fields that hold nothing but layout.
_LAYOUT = frozenset({
    "lpar", "rpar", "lbracket", "rbracket", "lbrace", "rbrace", "comma", "semicolon", "colon",
    "equal", "dot", "leading_lines", "lines_after_decorators", "header", "footer", "newline",
    "trailing_whitespace", "indent", "star_tok", "walrus", "arrow", "asynchronous",
    "whitespace_after_at", "whitespace_after_star", "whitespace_after_arg",
})  # fmt: skip
# Source order where a node's fields are declared in another order.
_ORDER: dict[type, tuple[str, ...]] = {
    cst.FunctionDef: ("decorators", "name", "type_parameters", "params", "returns", "body"),
    cst.ClassDef: ("decorators", "name", "type_parameters", "bases", "keywords", "body"),
}
_FIELDS: dict[type, tuple[str, ...]] = {}  # per node class: its fields, last first
_NODE_CLASSES: dict[type, bool] = {}


class Walker(Protocol):
    """What :func:`walk` calls: ``on_visit`` before a node's children, ``on_leave`` after."""

    def on_visit(self, node: cst.CSTNode) -> bool: ...

    def on_leave(self, original_node: cst.CSTNode) -> None: ...


class Visitor:
    """Dispatch ``on_visit``/``on_leave`` to ``visit_<Class>``/``leave_<Class>`` methods.

    The method of each node class is looked up once per visitor class.
    """

    _visits: ClassVar[dict[type, Callable[[Any, Any], bool | None] | None]] = {}
    _leaves: ClassVar[dict[type, Callable[[Any, Any], None] | None]] = {}

    def __init_subclass__(cls, **kwargs: Any) -> None:
        super().__init_subclass__(**kwargs)
        cls._visits = {}
        cls._leaves = {}

    def on_visit(self, node: cst.CSTNode) -> bool:
        kind = type(node)
        try:
            method = self._visits[kind]
        except KeyError:
            method = self._visits[kind] = getattr(type(self), "visit_" + kind.__name__, None)
        return method is None or method(self, node) is not False

    def on_leave(self, original_node: cst.CSTNode) -> None:
        kind = type(original_node)
        try:
            method = self._leaves[kind]
        except KeyError:
            method = self._leaves[kind] = getattr(type(self), "leave_" + kind.__name__, None)
        if method is not None:
            method(self, original_node)


def walk(node: cst.CSTNode, walker: Walker) -> None:
    """Walk ``node`` and its descendants depth first, in source order (iteratively)."""
    leave = _LEAVE
    stack: list[Any] = [node]
    on_visit, on_leave = walker.on_visit, walker.on_leave
    pop, push, extend = stack.pop, stack.append, stack.extend
    while stack:
        item = pop()
        if item is leave:
            on_leave(pop())
            continue
        push(item)
        push(leave)
        if on_visit(item):
            extend(_reversed_children(item))


_LEAVE = object()


def _reversed_children(node: cst.CSTNode) -> list[cst.CSTNode]:
    """Return the child nodes of ``node`` that can hold code, last first."""
    names = _FIELDS.get(type(node))
    if names is None:
        names = _FIELDS[type(node)] = _fields_of(type(node))[::-1]
    known = _NODE_CLASSES
    out: list[cst.CSTNode] = []
    for name in names:
        value = getattr(node, name)
        kind = type(value)
        if kind is list or kind is tuple:
            for item in reversed(value):
                is_node = known.get(type(item))
                if is_node is None:
                    is_node = _is_node(type(item))
                if is_node:
                    out.append(item)
        else:
            is_node = known.get(kind)
            if is_node is None:
                is_node = _is_node(kind)
            if is_node:
                out.append(value)
    return out


def _is_node(kind: type) -> bool:
    """Tell whether ``kind`` is a libcst node class (remembered: ``CSTNode`` is an ABC, whose
    ``isinstance`` is slow)."""
    known = _NODE_CLASSES.get(kind)
    if known is None:
        known = _NODE_CLASSES[kind] = issubclass(kind, cst.CSTNode)
    return known


def _fields_of(kind: type) -> tuple[str, ...]:
    declared = [f.name for f in dataclasses.fields(kind)]
    names = [n for n in declared if n not in _LAYOUT and not n.startswith("whitespace")]
    order = [n for n in _ORDER.get(kind, ()) if n in names]
    return (*order, *(n for n in names if n not in order))
