"""One walk of a request against the schema, shared by every schema rule.

:func:`violations` walks a request once (iteratively, in document order) and returns what it
found grouped by kind; each schema rule then formats the kind it owns. Unknown values are never
checked, and an ``open`` object is never missing a member.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Mapping, Sequence
from typing import Literal, NamedTuple

from mplint import paths, secrets
from mplint.model import Kind, Node, Request
from mplint.schema import Schema, Shape, load, patterns
from mplint.wording import quote, short_path

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


class Violation(NamedTuple):
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
# Typed nodes grouped by their shape's type ("string", "map", ...), each group in document order.
# Scalars and maps only: no rule looks for structures or lists this way, and a request has many.
Typed = Mapping[str, Sequence[tuple[Node, Shape]]]


class _Walk(NamedTuple):
    """What one walk of a request found: violations by kind, typed nodes by shape type."""

    found: Found
    typed: Typed


def _walk(request: Request) -> _Walk:
    """Return the walk of a request (kept in its ``schema_walk`` slot), made the first time."""
    hit = request.schema_walk
    if not isinstance(hit, _Walk):
        typed: defaultdict[str, list[tuple[Node, Shape]]] = defaultdict(list)
        hit = request.schema_walk = _Walk(check(request.root, load(), typed), typed)
    return hit


def violations(request: Request) -> Found:
    """Return the request's schema violations by kind, walking it once however often asked."""
    return _walk(request).found


def typed_of(request: Request, shape_type: str) -> Sequence[tuple[Node, Shape]]:
    """Return every known node whose type fits its shape and whose shape has type
    ``shape_type`` ("map", "string", "boolean", ...; not "structure" or "list", which are not
    recorded), with the shape, in document order.

    Rules that look for values of a kind of shape (maps, single-line strings, placeholders)
    use this instead of walking the tree and resolving each node's path again.
    """
    return _walk(request).typed.get(shape_type, ())


class Spec:
    """A shape prepared for the walk: its child shapes linked directly, its kinds as a set."""

    __slots__ = (
        "_matcher",
        "breaks_only",
        "enum",
        "high",
        "integer",
        "item",
        "key",
        "kinds",
        "low",
        "max",
        "members",
        "min",
        "pattern",
        "ranged",
        "recorded",
        "required",
        "shape",
        "type",
        "value",
    )

    def __init__(self, shape: Shape) -> None:
        self.shape = shape
        self.type = shape.type
        kinds = _KINDS_OF_TYPE.get(shape.type)
        self.kinds = kinds  # a tuple: membership by identity, no Enum.__hash__ call
        self.integer = shape.type in _INTEGERS
        self.members: dict[str, Spec] = {}
        self.required = shape.required
        self.item: Spec | None = None
        self.key: Spec | None = None
        self.value: Spec | None = None
        self.min, self.max = shape.min, shape.max
        # The bounds as numbers, for one chained comparison on the hot path.
        self.low = shape.min if shape.min is not None else 0
        self.high = shape.max if shape.max is not None else float("inf")
        self.enum = frozenset(shape.enum) if shape.enum else None
        self.pattern = shape.pattern
        # The pattern only forbids line breaks (``.*``): see string_check.
        self.breaks_only = shape.pattern is not None and patterns.single_line_only(shape.pattern)
        self.ranged = shape.type in _KINDS_OF_TYPE and shape.type not in ("boolean", "blob", "timestamp")
        self.recorded = shape.type not in ("structure", "list")  # see Typed
        self._matcher: Callable[[str], object] | Literal[False] | None = False  # False: not compiled yet

    def compile(self) -> Callable[[str], object] | None:
        """Return (and keep) the pattern's full-match test, truthy on a match; None without one."""
        test = self._matcher = patterns.truthy_matcher(self.pattern) if self.pattern is not None else None
        return test


_PREPARED: dict[int, tuple[Schema, dict[str, Spec]]] = {}


def prepared(schema: Schema) -> dict[str, Spec]:
    """Return the schema's shapes prepared for the walk (once per schema object)."""
    hit = _PREPARED.get(id(schema))
    if hit is not None and hit[0] is schema:
        return hit[1]
    specs = {name: Spec(shape) for name, shape in schema.shapes.items()}
    for spec in specs.values():
        shape = spec.shape
        spec.members = {m: specs[n] for m, n in shape.members.items()}
        spec.item = specs[shape.member] if shape.member else None
        spec.key = specs[shape.key] if shape.key else None
        spec.value = specs[shape.value] if shape.value else None
    _PREPARED[id(schema)] = (schema, specs)
    return specs


def check(
    root: Node, schema: Schema, typed: defaultdict[str, list[tuple[Node, Shape]]] | None = None
) -> dict[str, list[Violation]]:
    """Walk ``root`` against the schema's root shape; return violations by kind.

    When ``typed`` is given, every visited scalar or map whose type fits its shape is appended
    to the group of its shape's type, in document order.
    This runs on every node of every request. It recurses, but only as deep as the schema's
    shapes nest (ten levels): a value below a member the schema does not know is not visited.
    """
    found: dict[str, list[Violation]] = {}
    unknown, other, string_kind = Kind.UNKNOWN, Kind.OTHER, Kind.STRING
    strings = typed["string"] if typed is not None else None

    def visit(node: Node, spec: Spec) -> None:
        kind = node.kind
        if kind is unknown:
            return
        if kind is other:  # a YAML timestamp or binary: only a timestamp shape takes it
            if spec.type != "timestamp" or node.type_name != "timestamp":
                record(found, Violation(WRONG_TYPE, node, spec.shape))
                return
        elif spec.kinds is not None and (kind not in spec.kinds or (spec.integer and not isinstance(node.value, int))):
            record(found, Violation(WRONG_TYPE, node, spec.shape))
            return
        if typed is not None and spec.recorded:
            typed[spec.type].append((node, spec.shape))
        # The kind check above makes each value the type its shape's branch names.
        t, value = spec.type, node.value
        if t == "string" and type(value) is str:
            string_check(found, node, value, spec, False)
        elif t == "structure" and type(value) is dict:
            specs = spec.members
            for name, child in value.items():
                member = specs.get(name)
                if member is None:
                    record(found, Violation(UNKNOWN_MEMBER, child, spec.shape, at_key=True, text=name))
                elif member.type == "string" and child.kind is string_kind and type(text := child.value) is str:
                    # The most common member, a string where a string belongs: what visiting it
                    # would do, without the call.
                    if strings is not None:
                        strings.append((child, member.shape))
                    string_check(found, child, text, member, False)
                else:
                    visit(child, member)
            if not node.open:
                for name in spec.required:
                    if name not in value:
                        record(found, Violation(MISSING_MEMBER, node, spec.shape, member=name))
        elif t == "list" and type(value) is list and spec.item is not None:
            size_check(found, ITEMS, node, spec, len(value), True)
            item = spec.item
            for child in value:
                visit(child, item)
        elif t == "map" and type(value) is dict and spec.value is not None:
            # An open map may hold more entries than are known, so only its maximum can be judged.
            size_check(found, ENTRIES, node, spec, len(value), not node.open)
            key = spec.key
            if key is not None:
                for name, child in value.items():
                    string_check(found, child, name, key, True)
            entry = spec.value
            for child in value.values():
                visit(child, entry)
        elif spec.ranged and isinstance(value, (int, float)):
            low, high = spec.min, spec.max
            if (low is not None and value < low) or (high is not None and value > high):
                record(found, Violation(RANGE, node, spec.shape))

    visit(root, prepared(schema)[schema.root_name])
    return found


def record(found: dict[str, list[Violation]], violation: Violation) -> None:
    """Record a violation under its kind."""
    found.setdefault(violation.kind, []).append(violation)


def size_check(
    found: dict[str, list[Violation]], kind: str, node: Node, spec: Spec, size: int, check_min: bool
) -> None:
    """Record a list or map whose size is outside the shape's min/max."""
    too_few = check_min and spec.min is not None and size < spec.min
    if too_few or (spec.max is not None and size > spec.max):
        record(found, Violation(kind, node, spec.shape, size=size))


def string_check(found: dict[str, list[Violation]], node: Node, text: str, spec: Spec, at_key: bool) -> None:
    """Check a string (a value, or a map key when ``at_key``): enum, then length, then pattern."""
    enum = spec.enum
    if enum is not None:
        if text not in enum:
            record(found, Violation(ENUM, node, spec.shape, at_key=at_key, text=text))
        return
    size = len(text)
    test = spec._matcher
    if test is False:
        test = spec.compile()
    if spec.low <= size <= spec.high:
        # Within bounds (almost every value): only the pattern is left. `.*`-style patterns
        # only forbid line breaks; whether the service enforces that on free text is not
        # established, so a line break alone is left to a warning rule.
        if test is not None and not test(text) and not (spec.breaks_only and patterns.has_line_break(text)):
            record(found, Violation(PATTERN, node, spec.shape, at_key=at_key, text=text, size=size))
        return
    # Length first: an over-long value is reported without running its pattern. A too-short
    # value that also breaks the pattern is reported as a pattern mismatch, which says more
    # (a role name where an ARN belongs, not "19 characters; the minimum is 20").
    if size > spec.high or not text or test is None or test(text):
        record(found, Violation(LENGTH, node, spec.shape, at_key=at_key, text=text, size=size))
    elif not (spec.breaks_only and patterns.has_line_break(text)):
        record(found, Violation(PATTERN, node, spec.shape, at_key=at_key, text=text, size=size))
