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
from collections.abc import Callable, Iterator
from typing import Any, Protocol

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
_FIELDS: dict[type, tuple[str, ...]] = {}


class Walker(Protocol):
    """What :func:`walk` calls: ``on_visit`` before a node's children, ``on_leave`` after."""

    def on_visit(self, node: cst.CSTNode) -> bool: ...

    def on_leave(self, original_node: cst.CSTNode) -> None: ...


class Visitor:
    """Dispatch ``on_visit``/``on_leave`` to ``visit_<Class>``/``leave_<Class>`` methods."""

    def on_visit(self, node: cst.CSTNode) -> bool:
        method: Callable[[Any], bool | None] | None = getattr(self, "visit_" + type(node).__name__, None)
        return method is None or method(node) is not False

    def on_leave(self, original_node: cst.CSTNode) -> None:
        method = getattr(self, "leave_" + type(original_node).__name__, None)
        if method is not None:
            method(original_node)


def walk(node: cst.CSTNode, walker: Walker) -> None:
    """Walk ``node`` and its descendants depth first, in source order (iteratively)."""
    leave = object()
    stack: list[Any] = [node]
    while stack:
        item = stack.pop()
        if item is leave:
            walker.on_leave(stack.pop())
            continue
        stack.append(item)
        stack.append(leave)
        if walker.on_visit(item):
            stack.extend(reversed(list(children(item))))


def children(node: cst.CSTNode) -> Iterator[cst.CSTNode]:
    """Yield the child nodes of ``node`` that can hold code, in source order."""
    names = _FIELDS.get(type(node))
    if names is None:
        names = _FIELDS[type(node)] = _fields_of(type(node))
    for name in names:
        value = getattr(node, name)
        if isinstance(value, cst.CSTNode):
            yield value
        elif isinstance(value, (list, tuple)):
            for item in value:
                if isinstance(item, cst.CSTNode):
                    yield item


def _fields_of(kind: type) -> tuple[str, ...]:
    declared = [f.name for f in dataclasses.fields(kind)]
    names = [n for n in declared if n not in _LAYOUT and not n.startswith("whitespace")]
    order = [n for n in _ORDER.get(kind, ()) if n in names]
    return (*order, *(n for n in names if n not in order))
