"""One walk of a request against the schema, shared by every schema rule.

:func:`violations` walks a request once (iteratively, in document order) and returns what it
found grouped by kind; each schema rule then formats the kind it owns. Unknown values are never
checked, and an ``open`` object is never missing a member.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Mapping, Sequence

from mplint import paths, secrets
from mplint.model import Kind, Node, Request
from mplint.schema import Schema, Shape, load, patterns
from mplint.values import quote, short_path

# Kinds of violation, one per schema rule.
UNKNOWN_MEMBER = "unknown-member"
WRONG_TYPE = "wrong-type"
MISSING_MEMBER = "missing-member"
ENUM = "enum"
PATTERN = "pattern"
LENGTH = "length"
ITEMS = "items"
ENTRIES = "entries"
RANGE = "range"

_KINDS_OF_TYPE = {
    "structure": (Kind.OBJECT,),
    "map": (Kind.OBJECT,),
    "list": (Kind.ARRAY,),
    "string": (Kind.STRING,),
    "blob": (Kind.STRING,),
    "boolean": (Kind.BOOL,),
    "integer": (Kind.NUMBER,),
    "long": (Kind.NUMBER,),
    "float": (Kind.NUMBER,),
    "double": (Kind.NUMBER,),
    "timestamp": (Kind.STRING, Kind.NUMBER),
}
_INTEGERS = ("integer", "long")


@dataclass(frozen=True, slots=True)
class Violation:
    """One way a node breaks its shape.

    ``node`` is where to report (for a map key or an unknown member, the member's node with
    ``at_key`` set); ``shape`` the shape broken; ``text`` the string checked (a key when
    ``at_key``); ``member`` the missing member's name; ``size`` the length or count measured.
    """

    kind: str
    node: Node
    shape: Shape
    at_key: bool = False
    text: str | None = None
    member: str | None = None
    size: int = 0

    @property
    def where(self) -> str:
        """Return how a message names the node: its path, or "the request" for the root."""
        return short_path(self.node.path) or "the request"

    def subject(self, length: bool = True) -> str:
        """Return what a message is about: "<path> '<value>'" or "Key '<k>' of <map path>".

        A sensitive value is not shown; ``length`` adds the length of a value cut short.
        """
        text = quote(self.text or "", length=length)
        if self.at_key:
            return f"Key {text} of {short_path(paths.render(paths.parse(self.node.path)[:-1]))}"
        if self.shape.sensitive:
            return f"{self.where} (value not shown)"
        if secrets.is_secret(self.node):
            return f"{self.where} ({secrets.redacted(self.node)})"
        return f"{self.where} {text}"

    def bound(self, measured: float) -> str:
        """Return "the minimum is N" or "the maximum is N", whichever ``measured`` breaks."""
        low = self.shape.min
        if low is not None and measured < low:
            return f"the minimum is {low}"
        return f"the maximum is {self.shape.max}"


Found = Mapping[str, Sequence[Violation]]
_VIOLATIONS, _TYPED = "schema.violations", "schema.typed"


def violations(request: Request) -> Found:
    """Return the request's schema violations by kind, walking it once however often asked."""
    hit = request.memo.get(_VIOLATIONS)
    if hit is None:
        typed: list[tuple[Node, Shape]] = []
        hit = request.memo[_VIOLATIONS] = check(request.root, load(), typed)
        request.memo[_TYPED] = typed
    return hit  # type: ignore[return-value]


def typed_nodes(request: Request) -> Sequence[tuple[Node, Shape]]:
    """Return every known node whose type fits its shape, with the shape, in document order.

    Rules that look for values of a kind of shape (maps, single-line strings, placeholders)
    use this instead of walking the tree and resolving each node's path again.
    """
    violations(request)
    return request.memo[_TYPED]  # type: ignore[return-value]


def check(
    root: Node, schema: Schema, typed: list[tuple[Node, Shape]] | None = None
) -> dict[str, list[Violation]]:
    """Walk ``root`` against the schema's root shape; return violations by kind.

    When ``typed`` is given, every visited node whose type fits its shape is appended to it.
    """
    found: dict[str, list[Violation]] = {}
    stack: list[tuple[Node, Shape]] = [(root, schema.root)]
    while stack:
        node, shape = stack.pop()
        if typed is not None and node.kind is not Kind.UNKNOWN and type_matches(node, shape):
            typed.append((node, shape))
        children = _visit(node, shape, schema, found)
        stack.extend(reversed(children))
    return found


def _add(found: dict[str, list[Violation]], violation: Violation) -> None:
    """Record a violation under its kind."""
    found.setdefault(violation.kind, []).append(violation)


def _visit(
    node: Node, shape: Shape, schema: Schema, found: dict[str, list[Violation]]
) -> list[tuple[Node, Shape]]:
    """Check one node against its shape; return the (child, shape) pairs to visit next."""
    if node.kind is Kind.UNKNOWN:
        return []
    if not type_matches(node, shape):
        _add(found, Violation(WRONG_TYPE, node, shape))
        return []
    kind = shape.type
    if kind == "structure":
        return _structure(node, shape, schema, found)
    if kind == "list":
        items: list[Node] = node.value  # type: ignore[assignment]
        _size(found, ITEMS, node, shape, len(items), check_min=True)
        member = schema.shapes[shape.member]  # type: ignore[index]
        return [(item, member) for item in items]
    if kind == "map":
        return _map(node, shape, schema, found)
    if kind == "string":
        _string(found, node, node.value, shape, at_key=False)  # type: ignore[arg-type]
    elif kind in _KINDS_OF_TYPE and kind not in ("boolean", "blob", "timestamp"):
        _range(found, node, shape)
    return []


def type_matches(node: Node, shape: Shape) -> bool:
    """Tell whether a known node has the JSON type the shape asks for (bool is no integer)."""
    if node.kind is Kind.OTHER:
        return shape.type == "timestamp" and node.type_name == "timestamp"
    kinds = _KINDS_OF_TYPE.get(shape.type)
    if kinds is None or node.kind not in kinds:
        return kinds is None
    return shape.type not in _INTEGERS or isinstance(node.value, int)


def _structure(
    node: Node, shape: Shape, schema: Schema, found: dict[str, list[Violation]]
) -> list[tuple[Node, Shape]]:
    """Check a structure's member names and required members; return its known members."""
    children: list[tuple[Node, Shape]] = []
    members: dict[str, Node] = node.value  # type: ignore[assignment]
    for name, child in members.items():
        member_shape = shape.members.get(name)
        if member_shape is None:
            _add(found, Violation(UNKNOWN_MEMBER, child, shape, at_key=True, text=name))
        else:
            children.append((child, schema.shapes[member_shape]))
    if not node.open:
        for name in shape.required:
            if name not in members:
                _add(found, Violation(MISSING_MEMBER, node, shape, member=name))
    return children


def _map(
    node: Node, shape: Shape, schema: Schema, found: dict[str, list[Violation]]
) -> list[tuple[Node, Shape]]:
    """Check a map's size and keys; return its values with the value shape."""
    entries: dict[str, Node] = node.value  # type: ignore[assignment]
    # An open map may hold more entries than are known, so only its maximum can be judged.
    _size(found, ENTRIES, node, shape, len(entries), check_min=not node.open)
    key_shape = schema.shapes[shape.key] if shape.key else None
    value_shape = schema.shapes[shape.value]  # type: ignore[index]
    for key, child in entries.items():
        if key_shape is not None:
            _string(found, child, key, key_shape, at_key=True)
    return [(child, value_shape) for child in entries.values()]


def _size(
    found: dict[str, list[Violation]],
    kind: str,
    node: Node,
    shape: Shape,
    size: int,
    check_min: bool,
) -> None:
    """Record a list or map whose size is outside the shape's min/max."""
    too_few = check_min and shape.min is not None and size < shape.min
    if too_few or (shape.max is not None and size > shape.max):
        _add(found, Violation(kind, node, shape, size=size))


def _string(
    found: dict[str, list[Violation]], node: Node, text: str, shape: Shape, at_key: bool
) -> None:
    """Check a string (a value, or a map key when ``at_key``): enum, then length, then pattern."""
    if shape.enum:
        if text not in shape.enum:
            _add(found, Violation(ENUM, node, shape, at_key=at_key, text=text))
        return
    size = len(text)
    # Length first: an over-long value is reported without running its pattern. A too-short
    # value that also breaks the pattern is reported as a pattern mismatch, which says more
    # (a role name where an ARN belongs, not "19 characters; the minimum is 20").
    too_long = shape.max is not None and size > shape.max
    too_short = shape.min is not None and size < shape.min
    if too_long or (too_short and (not text or shape.pattern is None or shape.fullmatch(text))):
        _add(found, Violation(LENGTH, node, shape, at_key=at_key, text=text, size=size))
    elif shape.pattern is not None and not shape.fullmatch(text):
        # `.*`-style patterns only forbid line breaks; whether the service enforces that on
        # free text is not established, so a line break alone is left to a warning rule.
        if not (patterns.single_line_only(shape.pattern) and patterns.has_line_break(text)):
            _add(found, Violation(PATTERN, node, shape, at_key=at_key, text=text, size=size))


def _range(found: dict[str, list[Violation]], node: Node, shape: Shape) -> None:
    """Record a number outside the shape's min/max."""
    value: float = node.value  # type: ignore[assignment]
    low, high = shape.min, shape.max
    if (low is not None and value < low) or (high is not None and value > high):
        _add(found, Violation(RANGE, node, shape))
