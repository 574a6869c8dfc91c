"""Values of the static evaluator: mutable objects and lists shared by reference, as in Python.

Sharing mirrors Python's semantics: ``e = d`` binds ``e`` to the same object, so a later
``e["X"] = 1`` is seen through ``d`` too. Spans are those of the expression that made the value.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Callable, Union

from mplint import paths
from mplint.model import Kind, Node, Span

# Deeper value graphs (built statement by statement) are cut off as unknown.
MAX_DEPTH = 100


@dataclass(eq=False)
class VScalar:
    """A known string, number, boolean or None."""

    kind: Kind
    value: object
    span: Span


@dataclass(eq=False)
class VUnknown:
    """A value that cannot be known statically."""

    span: Span


@dataclass(eq=False)
class VObj:
    """A dict: members in insertion order, each with the span of its key."""

    span: Span
    members: dict[str, tuple[Span | None, Value]] = field(default_factory=dict)
    open: bool = False

    def set(self, key: str, key_span: Span | None, value: Value) -> None:
        """Set a member; a re-assigned key moves to its new key span but keeps its place."""
        self.members[key] = (key_span, value)


@dataclass(eq=False)
class VList:
    """A list or tuple; ``unknown`` once it was changed in a way that cannot be followed."""

    span: Span
    items: list[Value] = field(default_factory=list)
    unknown: bool = False


Value = Union[VScalar, VUnknown, VObj, VList]


def clone(value: Value, memo: dict[int, Value] | None = None) -> Value:
    """Return a deep copy of a value graph, keeping shared parts shared."""
    memo = {} if memo is None else memo
    hit = memo.get(id(value))
    if hit is not None:
        return hit
    if isinstance(value, VObj):
        copy = VObj(value.span, {}, value.open)
        memo[id(value)] = copy
        copy.members = {k: (ks, clone(v, memo)) for k, (ks, v) in value.members.items()}
        return copy
    if isinstance(value, VList):
        lst = VList(value.span, [], value.unknown)
        memo[id(value)] = lst
        lst.items = [clone(v, memo) for v in value.items]
        return lst
    return value


def clone_env(env: dict[str, Value]) -> dict[str, Value]:
    """Return a copy of an environment whose objects are copies, aliases kept."""
    memo: dict[int, Value] = {}
    return {name: clone(v, memo) for name, v in env.items()}


Locate = Callable[[Span], "tuple[Span, str | None]"]


def to_node(
    value: Value, path: str, key_span: Span | None, locate: Locate, depth: int = 0
) -> Node:
    """Turn a value into a positioned Node at ``path``; ``locate`` maps spans into the output."""
    span, note = locate(value.span)
    if key_span is not None:
        key_span = locate(key_span)[0]
    if depth > MAX_DEPTH or isinstance(value, VUnknown) or getattr(value, "unknown", False):
        return Node(Kind.UNKNOWN, None, span, path, key_span, note=note)
    if isinstance(value, VScalar):
        return Node(value.kind, value.value, span, path, key_span, note=note)
    if isinstance(value, VObj):
        members = {
            k: to_node(v, paths.member(path, k), ks, locate, depth + 1)
            for k, (ks, v) in value.members.items()
        }
        return Node(Kind.OBJECT, members, span, path, key_span, open=value.open, note=note)
    items = [
        to_node(v, paths.index(path, i), None, locate, depth + 1) for i, v in enumerate(value.items)
    ]
    return Node(Kind.ARRAY, items, span, path, key_span, note=note)
