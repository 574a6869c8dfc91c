"""Values of the static evaluator: mutable objects and lists shared by reference, as in Python.

Sharing mirrors Python's semantics: ``e = d`` binds ``e`` to the same object, so a later
``e["X"] = 1`` is seen through ``d`` too. Spans are those of the expression that made the value.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterator, Mapping, MutableMapping
from dataclasses import dataclass, field

from mplint import paths
from mplint.model import Kind, Node, Span

# Deeper value graphs (built statement by statement) are cut off as unknown.
MAX_DEPTH = 100
# Steps of evaluation per module (a value built, an item or 64 characters copied); past it,
# every value built is unknown.
MAX_STEPS = 5_000_000
# Strings built by ``+``, lists built by ``+``/``*``/``extend``: longer ones are unknown.
MAX_STRING = 1_000_000
MAX_ITEMS = 100_000
# Nodes of one request (shared values count once per place they appear); past it, unknown.
MAX_NODES = 100_000


@dataclass(eq=False)
class VScalar:
    """A known string, number, boolean or None; ``text`` is the literal as written, when kept.

    ``parameter`` names the pipeline parameter whose default the value is (``Node.parameter``).
    """

    kind: Kind
    value: str | int | float | bool | None
    span: Span
    text: str | None = None
    parameter: str | None = None


@dataclass(eq=False)
class VUnknown:
    """A value that cannot be known statically; a string's known start and end, when known."""

    span: Span
    prefix: str | None = None
    suffix: str | None = None


@dataclass(eq=False)
class VObj:
    """A dict: members in insertion order, each with the span of its key."""

    span: Span
    members: dict[str, tuple[Span | None, Value]] = field(default_factory=dict)
    open: bool = False
    # Per member: the members that cannot be beside it (``Node.excludes``).
    excludes: dict[str, frozenset[str]] = field(default_factory=dict)

    def set(self, key: str, key_span: Span | None, value: Value) -> None:
        """Set a member; a re-assigned key moves to its new key span but keeps its place."""
        self.members[key] = (key_span, value)


@dataclass(eq=False)
class VList:
    """A list or tuple; ``unknown`` once it was changed in a way that cannot be followed."""

    span: Span
    items: list[Value] = field(default_factory=list)
    unknown: bool = False


Value = VScalar | VUnknown | VObj | VList
# An environment: the names bound to values (a dict, or an Env copied from another).
Bindings = MutableMapping[str, Value]


class Budget:
    """What one module's evaluation may still spend: values built, items and characters copied.

    Evaluation follows code that can build values exponentially (``d = [d, d]`` or
    ``s = s + s`` repeated) or forever (a value that contains itself); past the budget, or past a
    size cap, a value is unknown, and unknown values are never reported. One budget is current
    per thread (an analysis runs in a thread of its own); ``Budget.start`` installs a fresh one.
    """

    _current = threading.local()

    def __init__(self, steps: int) -> None:
        self.left = steps

    @classmethod
    def start(cls, steps: int | None = None) -> Budget:
        """Install and return a fresh budget for the evaluation of one module in this thread."""
        budget = cls(MAX_STEPS if steps is None else steps)
        cls._current.budget = budget
        return budget

    @classmethod
    def current(cls) -> Budget:
        """Return this thread's budget (a fresh one when none was started)."""
        budget = getattr(cls._current, "budget", None)
        return budget if budget is not None else cls.start()

    def spend(self, steps: int) -> bool:
        """Take ``steps`` from the budget; False (and nothing taken) when it cannot pay."""
        if steps > self.left:
            self.left = 0
            return False
        self.left -= steps
        return True


def spend(steps: int) -> bool:
    """Take ``steps`` from the current budget; False once it is spent."""
    return Budget.current().spend(steps)


def fits(items: int, added: int | None = None) -> bool:
    """Tell whether a list of ``items`` items may be built by copying ``added`` (all) of them."""
    return items <= MAX_ITEMS and spend((items if added is None else added) + 1)


def clone(value: Value, memo: dict[int, Value] | None = None, depth: int = 0) -> Value:
    """Return a deep copy of a value graph, keeping shared parts shared.

    Parts deeper than ``MAX_DEPTH`` (which ``to_node`` would cut anyway), and every part once
    the budget is spent, are copied as unknown; a value that contains itself is copied once.
    """
    memo = {} if memo is None else memo
    hit = memo.get(id(value))
    if hit is not None:
        return hit
    if not isinstance(value, (VObj, VList)):
        return value
    size = len(value.members) if isinstance(value, VObj) else len(value.items)
    if (depth > MAX_DEPTH or not spend(1 + size)) and depth > 0:
        return VUnknown(value.span)  # the top (a request's root) is always copied itself
    if isinstance(value, VObj):
        copy = VObj(value.span, {}, value.open, value.excludes)
        memo[id(value)] = copy
        copy.members = {k: (ks, clone(v, memo, depth + 1)) for k, (ks, v) in value.members.items()}
        return copy
    lst = VList(value.span, [], value.unknown)
    memo[id(value)] = lst
    lst.items = [clone(v, memo, depth + 1) for v in value.items]
    return lst


class Env(MutableMapping[str, Value]):
    """A copy of an environment whose values are copied when first read (copy on read).

    Forking an environment for every block and scope that holds a request call would cost the
    size of the environment each time (quadratic in a module of many names and many calls); an
    Env costs only the names the block reads. One memo per fork keeps aliases shared. The
    environment it copies must not change while the copy is in use (it does not: a fork runs
    to its end before the code after it is followed).
    """

    __slots__ = ("_local", "_memo", "_parent", "_removed")

    def __init__(self, parent: Mapping[str, Value]) -> None:
        self._parent = parent
        self._local: dict[str, Value] = {}
        self._removed: set[str] = set()
        self._memo: dict[int, Value] = {}

    def get(self, name: str, default: Value | None = None) -> Value | None:  # type: ignore[override]
        hit = self._local.get(name)
        if hit is not None:
            return hit
        if name in self._removed:
            return default
        outer = self._parent.get(name)
        if outer is None:
            return default
        value = self._local[name] = clone(outer, self._memo, 1)  # within the budget
        return value

    def __getitem__(self, name: str) -> Value:
        value = self.get(name)
        if value is None:
            raise KeyError(name)
        return value

    def __setitem__(self, name: str, value: Value) -> None:
        self._local[name] = value
        self._removed.discard(name)

    def __delitem__(self, name: str) -> None:
        if name not in self:
            raise KeyError(name)
        self._local.pop(name, None)
        self._removed.add(name)

    def __contains__(self, name: object) -> bool:
        return name in self._local or (name not in self._removed and name in self._parent)

    def __iter__(self) -> Iterator[str]:
        yield from self._local
        for name in self._parent:
            if name not in self._local and name not in self._removed:
                yield name

    def __len__(self) -> int:
        return sum(1 for _ in self)


def clone_env(env: Mapping[str, Value]) -> Env:
    """Return a copy of an environment whose objects are copies, aliases kept (copied lazily)."""
    return Env(env)


Locate = Callable[[Span], "tuple[Span, str | None]"]


def to_node(value: Value, path: str, key_span: Span | None, locate: Locate, depth: int = 0) -> Node:
    """Turn a value into a positioned Node at ``path``; ``locate`` maps spans into the output.

    A value shared by several places becomes a node at each, so a request is measured before it
    is built: a member whose nodes would pass ``MAX_NODES`` (for the request) is unknown as a
    whole. A value met inside itself (a cycle) and parts deeper than ``MAX_DEPTH`` are unknown.
    """
    return _Nodes(locate).node(value, path, key_span, depth, [MAX_NODES])


class _Nodes:
    """One request's conversion, with the values on the way down (to stop at a cycle)."""

    def __init__(self, locate: Locate) -> None:
        self.locate = locate
        self.on_path: set[int] = set()

    def node(self, value: Value, path: str, key_span: Span | None, depth: int, left: list[int] | None) -> Node:
        """Return the node of ``value``; ``left`` (nodes still allowed) while not yet measured."""
        span, note = self.locate(value.span)
        if key_span is not None:
            key_span = self.locate(key_span)[0]
        if isinstance(value, VScalar):
            return Node(value.kind, value.value, span, path, key_span, value.text, note=note, parameter=value.parameter)
        if isinstance(value, VUnknown) and (value.prefix or value.suffix):
            return Node(Kind.UNKNOWN, None, span, path, key_span, note=note, prefix=value.prefix, suffix=value.suffix)
        if (
            isinstance(value, VUnknown)
            or getattr(value, "unknown", False)
            or depth > MAX_DEPTH
            or id(value) in self.on_path
        ):
            return Node(Kind.UNKNOWN, None, span, path, key_span, note=note)
        if left is not None and (depth > 0 or not isinstance(value, VObj)):
            # The request's root is measured member by member; anything else as a whole.
            size = _size(value, left[0], depth, self.on_path)
            if size > left[0]:
                left[0] = 0
                return Node(Kind.UNKNOWN, None, span, path, key_span, note=note)
            left[0] -= size
            left = None
        self.on_path.add(id(value))
        if isinstance(value, VObj):
            members = {
                k: self.node(v, paths.member(path, k), ks, depth + 1, left) for k, (ks, v) in value.members.items()
            }
            for k, excluded in value.excludes.items():
                if k in members:
                    members[k].excludes = excluded
            out = Node(Kind.OBJECT, members, span, path, key_span, open=value.open, note=note)
        else:
            items = [self.node(v, paths.index(path, i), None, depth + 1, left) for i, v in enumerate(value.items)]
            out = Node(Kind.ARRAY, items, span, path, key_span, note=note)
        self.on_path.discard(id(value))
        return out


def _size(value: Value, cap: int, depth: int, on_path: set[int]) -> int:
    """Return how many nodes ``value`` becomes, or a number over ``cap`` once it passes it."""
    if not isinstance(value, (VObj, VList)) or depth > MAX_DEPTH or id(value) in on_path:
        return 1
    if isinstance(value, VList) and value.unknown:
        return 1
    children = [v for _, v in value.members.values()] if isinstance(value, VObj) else value.items
    total = 1 + len(children)
    if total > cap:
        return total
    on_path.add(id(value))
    try:
        for child in children:
            if isinstance(child, (VObj, VList)):
                total += _size(child, cap - total + 1, depth + 1, on_path) - 1
                if total > cap:
                    break
    finally:
        on_path.discard(id(value))
    return total
