"""A plain walk over a libcst tree: children by field, no visitor machinery.

libcst's ``CSTNode.visit`` rebuilds every node it passes (``_visit_and_replace_children``), even
for a visitor that changes nothing, which costs about as much as parsing. Finding request calls
and the effects of a statement needs only to look, so this walk reads each node's fields
(cached per node type), skips the fields that hold only whitespace and punctuation, and keeps
its own stack (no recursion, whatever the depth).
"""

from __future__ import annotations

import dataclasses
from typing import Callable, Iterator

import libcst as cst

# Fields that hold whitespace, comments, punctuation or operator tokens: never a call or a name.
_TRIVIA = frozenset(
    "lpar rpar comma semicolon leading_lines lines_after_decorators header footer newline "
    "equal colon dot lbracket rbracket lbrace rbrace operator indent asynchronous "
    "whitespace_before_colon".split()
)
# Types whose fields are not declared in the order the code is written.
_ORDER: dict[type, tuple[str, ...]] = {
    cst.FunctionDef: ("decorators", "name", "params", "returns", "body"),
    cst.ClassDef: ("decorators", "name", "bases", "keywords", "body"),
    cst.IfExp: ("body", "test", "orelse"),
    cst.MatchCase: ("pattern", "guard", "body"),
    cst.ExceptHandler: ("type", "name", "body"),
    cst.Parameters: ("posonly_params", "params", "star_arg", "kwonly_params", "star_kwarg"),
    cst.Arg: ("keyword", "value"),
}
_FIELDS: dict[type, tuple[str, ...]] = {}


def children(node: cst.CSTNode) -> list[cst.CSTNode]:
    """Return a node's child nodes in document order, trivia left out."""
    names = _FIELDS.get(type(node))
    if names is None:
        names = _FIELDS[type(node)] = _ORDER.get(type(node)) or tuple(
            f.name for f in dataclasses.fields(node)  # type: ignore[arg-type]
            if f.name not in _TRIVIA and not f.name.startswith("whitespace")
        )
    out: list[cst.CSTNode] = []
    for name in names:
        value = getattr(node, name)
        if isinstance(value, cst.CSTNode):
            out.append(value)
        elif isinstance(value, (list, tuple)):
            out.extend(v for v in value if isinstance(v, cst.CSTNode))
    return out


def walk(
    root: cst.CSTNode,
    enter: Callable[[cst.CSTNode], bool],
    leave: Callable[[cst.CSTNode], None] | None = None,
) -> None:
    """Walk ``root`` depth first in document order; ``enter`` returns False to skip a subtree."""
    stack: list[tuple[cst.CSTNode, bool]] = [(root, False)]
    while stack:
        node, leaving = stack.pop()
        if leaving:
            leave(node)  # type: ignore[misc]
            continue
        if not enter(node):
            continue
        if leave is not None:
            stack.append((node, True))
        stack.extend((child, False) for child in reversed(children(node)))


def nodes(root: cst.CSTNode) -> Iterator[cst.CSTNode]:
    """Yield every node below and including ``root`` (trivia left out), depth first."""
    stack = [root]
    while stack:
        node = stack.pop()
        yield node
        stack.extend(reversed(children(node)))
