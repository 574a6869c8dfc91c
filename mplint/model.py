"""Positioned value trees: the one shape every source produces and every rule reads."""

from __future__ import annotations

import enum
from collections.abc import Callable, Iterator, Mapping
from types import MappingProxyType
from typing import TYPE_CHECKING, Any, NamedTuple, TypeAlias, cast

from mplint import paths

if TYPE_CHECKING:
    from datetime import date


class Kind(enum.Enum):
    """The JSON-like kind of a node; UNKNOWN is a value the linter cannot know statically."""

    OBJECT = "object"
    ARRAY = "array"
    STRING = "string"
    NUMBER = "number"
    BOOL = "boolean"
    NULL = "null"
    UNKNOWN = "unknown"
    # A scalar the source typed as something JSON has no word for (a YAML timestamp or binary).
    OTHER = "other"


class Span(NamedTuple):
    """A region of a file: 1-based lines and columns; the end column is exclusive.

    A named tuple rather than a dataclass: sources make one per node, and tuples are the
    cheapest immutable value Python builds.
    """

    line: int
    column: int
    end_line: int
    end_column: int

    @classmethod
    def point(cls, line: int, column: int) -> Span:
        """Return a one-character span at a position."""
        return cls(line, column, line, column + 1)


class Unknown:
    """The plain-value stand-in for a node whose value is not known statically."""

    _instance: Unknown | None = None

    def __new__(cls) -> Unknown:
        if cls._instance is None:
            cls._instance = super().__new__(cls)
        return cls._instance

    def __repr__(self) -> str:
        return "UNKNOWN"


UNKNOWN = Unknown()


# What a node's ``value`` holds (see :class:`Node`). A string, so that annotations cost no import:
# ``date`` (a YAML timestamp) is only named for the type checker.
Value: TypeAlias = "dict[str, Node] | list[Node] | str | int | float | bool | bytes | date | None"

_OBJECT, _ARRAY, _STRING, _NUMBER = Kind.OBJECT, Kind.ARRAY, Kind.STRING, Kind.NUMBER


class Node:
    """A value with where it came from; treated as immutable once a source has built it.

    (A plain class with slots, not a frozen dataclass: a frozen dataclass costs six times as much
    to construct, and sources build one per value of every file; defining any dataclass costs a
    fraction of a millisecond on every start of the command line.)

    ``value`` is ``dict[str, Node]`` for an OBJECT, ``list[Node]`` for an ARRAY, a ``str`` for
    a STRING, an ``int`` or ``float`` for a NUMBER, a ``bool`` for a BOOL, None for NULL and
    UNKNOWN; for OTHER, ``bytes`` (a YAML binary), a ``date`` or ``datetime`` (a YAML timestamp),
    or the text of a timestamp that cannot be read as one.
    Rules read it through the typed accessors, which tell the kind and the value in one step:
    :attr:`string`, :attr:`number`, :attr:`boolean`, :attr:`mapping`, :attr:`array` (each None
    when the node is of another kind), or :meth:`get`, :meth:`members`, :meth:`items`.
    ``key_span`` is the span of the member's key when the node is an object member.
    ``text`` is the scalar's text as written, when a source has it (YAML scalars, JSON numbers and
    literals), so messages can quote what the user wrote rather than a re-typed value.
    ``open`` marks an OBJECT whose member set is partly unknown (``**kwargs`` that could not be
    resolved, a CloudFormation ``Fn::If`` at member level): it is never "missing" a member.
    ``note`` is a source remark about how the value was read (e.g. how YAML 1.1 would differ).
    ``type_name`` is the type a source gave a scalar that JSON has no word for, or that YAML 1.1
    would read otherwise ("timestamp", "binary", ...).
    ``excludes`` names members that cannot be beside this one even in an open object: a front end
    that knows what it adds says so (the SageMaker SDK never sends ModelPackageName with a group).
    ``parameter`` is the name of the pipeline parameter whose default value the node holds: the
    value is known, and may be overridden when the pipeline runs.
    ``prefix`` and ``suffix`` are the known start and end of an UNKNOWN string (an f-string,
    ``+``, ``.format``, ``os.path.join`` with unknown parts); rules that test only a start or an
    end may use them, every other rule treats the value as unknown.
    """

    __slots__ = (
        "excludes",
        "key_span",
        "kind",
        "note",
        "open",
        "parameter",
        "path",
        "prefix",
        "span",
        "suffix",
        "text",
        "type_name",
        "value",
    )

    def __init__(
        self,
        kind: Kind,
        value: Value,
        span: Span,
        path: str,
        key_span: Span | None = None,
        text: str | None = None,
        open: bool = False,
        note: str | None = None,
        type_name: str | None = None,
        excludes: frozenset[str] = frozenset(),
        parameter: str | None = None,
        prefix: str | None = None,
        suffix: str | None = None,
    ) -> None:
        self.kind = kind
        self.value = value
        self.span = span
        self.path = path
        self.key_span = key_span
        self.text = text
        self.open = open
        self.note = note
        self.type_name = type_name
        self.excludes = excludes
        self.parameter = parameter
        self.prefix = prefix
        self.suffix = suffix

    def __repr__(self) -> str:
        return f"Node({self.kind!r}, {self.value!r}, {self.span!r}, {self.path!r})"

    def replace(self, **changes: Any) -> Node:
        """Return a copy of the node with the given fields changed."""
        copy = Node.__new__(Node)
        for name in Node.__slots__:
            setattr(copy, name, changes[name] if name in changes else getattr(self, name))
        return copy

    @property
    def is_known(self) -> bool:
        """Tell whether the node's value is known statically."""
        return self.kind is not Kind.UNKNOWN

    @property
    def is_object(self) -> bool:
        return self.kind is _OBJECT

    @property
    def is_array(self) -> bool:
        return self.kind is _ARRAY

    @property
    def is_string(self) -> bool:
        return self.kind is _STRING

    @property
    def string(self) -> str | None:
        """Return the value of a STRING node; None for any other kind (UNKNOWN included)."""
        value = self.value
        return value if type(value) is str and self.kind is _STRING else None

    @property
    def number(self) -> int | float | None:
        """Return the value of a NUMBER node (never a bool); None for any other kind."""
        value = self.value
        return value if self.kind is _NUMBER and isinstance(value, (int, float)) else None

    @property
    def boolean(self) -> bool | None:
        """Return the value of a BOOL node; None for any other kind."""
        value = self.value
        return value if type(value) is bool else None

    @property
    def mapping(self) -> dict[str, Node] | None:
        """Return the members of an OBJECT node by name; None for any other kind."""
        value = self.value
        return value if type(value) is dict else None

    @property
    def array(self) -> list[Node] | None:
        """Return the items of an ARRAY node; None for any other kind."""
        value = self.value
        return value if type(value) is list else None

    @property
    def name(self) -> str | int | None:
        """Return the last segment of the node's path (member name or list index)."""
        parts = paths.parse(self.path)
        return parts[-1] if parts else None

    def get(self, member: str) -> Node | None:
        """Return a member of an object node, or None."""
        value = self.value
        return value.get(member) if type(value) is dict else None

    def members(self) -> Iterator[tuple[str, Node]]:
        """Yield (name, node) for each member of an object node."""
        value = self.value
        if type(value) is dict:
            yield from value.items()

    def items(self) -> list[Node]:
        """Return the items of an array node (empty for anything else)."""
        value = self.value
        return value if type(value) is list else []

    def find(self, relpath: str) -> Node | None:
        """Return the node at a relative path (``A.B[0].C``), or None when nothing is there (a
        member absent, an index out of range, or a step below a value that is no container)."""
        node: Node | None = self
        for part in paths.parse(relpath):
            if node is None:
                return None
            value = node.value
            if isinstance(part, int):
                node = value[part] if type(value) is list and -len(value) <= part < len(value) else None
            else:
                node = value.get(part) if type(value) is dict else None
        return node

    def walk(self) -> Iterator[Node]:
        """Yield this node and every node below it, depth first, in document order."""
        stack = [self]
        while stack:
            node = stack.pop()
            yield node
            value = node.value
            if type(value) is dict:
                stack.extend(reversed(value.values()))
            elif type(value) is list:
                stack.extend(reversed(value))

    def has_unknown(self) -> bool:
        """Tell whether this subtree holds an unknown value or an open object."""
        return any(n.kind is Kind.UNKNOWN or n.open for n in self.walk())

    def plain(self) -> object:
        """Return the plain Python value (dicts, lists, scalars; ``UNKNOWN`` for unknowns)."""
        value = self.value
        if type(value) is dict:
            return {k: v.plain() for k, v in value.items()}
        if type(value) is list:
            return [v.plain() for v in value]
        if self.kind is Kind.UNKNOWN:
            return UNKNOWN
        return value


class Suppressions(NamedTuple):
    """Comment-based suppressions a source found: codes by line, and codes for the whole file.

    A code ``"*"`` means every rule. ``by_line[n]`` suppresses findings that start on line n.
    """

    by_line: Mapping[int, frozenset[str]] = MappingProxyType({})
    whole_file: frozenset[str] = frozenset()


class Request:
    """One CreateModelPackage request: its root node and where it came from.

    ``label`` is "" for a request file, the logical id for a CloudFormation resource and
    ``<called name>@L<line>`` for a call site. ``names`` maps API member paths to the names the
    user wrote (SDK keyword names) for messages; ``flavour`` tells rules which front end made it
    ("request", "cloudformation", "python", "notebook").
    ``ignored`` holds rule codes suppressed for the whole request (e.g. CloudFormation Metadata).
    ``extras`` holds members a front end has beyond the API input, by name (CloudFormation-only
    properties), kept out of ``root`` so API rules never see them, for that front end's own rules.
    In a notebook, the request's nodes carry positions in the joined code cells: ``place`` maps
    such a span to (cell, span within that cell, span in the .ipynb file or None); None elsewhere.

    What is worked out once per request has a slot each. The model cannot name the types of the
    layers above it, so each slot's owner narrows it: ``schema_walk`` is the schema walk's result
    (mplint.schema.conformance), ``facts`` the rules' derived facts (mplint.rules.facts.Facts,
    which refers back to the request weakly — hence ``__weakref__`` — so a request is freed as
    soon as it is dropped). ``environments`` lists every ``Environment`` object when the source
    found them while building the request (mplint.secrets), else None. ``select`` and ``plain``
    results are kept for the life of the request.
    """

    __slots__ = (
        "__weakref__",
        "_plain",
        "_selected",
        "cell",
        "environments",
        "extras",
        "facts",
        "file",
        "flavour",
        "ignored",
        "label",
        "names",
        "place",
        "root",
        "schema_walk",
        "suppressions",
    )

    def __init__(
        self,
        root: Node,
        file: str = "",
        label: str = "",
        flavour: str = "request",
        suppressions: Suppressions | None = None,
        cell: int | None = None,
        names: dict[str, str] | None = None,
        ignored: frozenset[str] = frozenset(),
        extras: dict[str, Node] | None = None,
        place: Callable[[Span], tuple[int, Span, Span | None]] | None = None,
    ) -> None:
        self.root = root
        self.file = file
        self.label = label
        self.flavour = flavour
        self.suppressions = Suppressions() if suppressions is None else suppressions
        self.cell = cell
        self.names: dict[str, str] = {} if names is None else names
        self.ignored = ignored
        self.extras: dict[str, Node] = {} if extras is None else extras
        self.place = place
        self.schema_walk: object = None
        self.facts: object = None
        self.environments: list[Node] | None = None
        self._selected: dict[str, list[Node]] = {}
        self._plain: dict[int, object] = {}

    def __repr__(self) -> str:
        return f"Request(label={self.label!r}, flavour={self.flavour!r}, file={self.file!r})"

    def select(self, pattern: str) -> list[Node]:
        """Return the nodes at a member-path pattern (``A.B[*].C``, ``Env.*``), memoised.

        The walk follows the pattern from the root, so it costs the nodes on the way, not the
        whole tree. An unknown node on the way ends that branch (its children cannot be known);
        one the pattern ends at is returned like any other, so callers test ``is_known`` or the
        kind they need.
        """
        hit = self._selected.get(pattern)
        if hit is None:
            hit = self._selected[pattern] = _select(self.root, paths.parse(pattern))
        return hit

    def plain(self, node: Node) -> object:
        """Return ``node.plain()``, memoised per node for the life of the request."""
        key = id(node)
        hit = self._plain.get(key, _MISSING)
        if hit is _MISSING:
            hit = self._plain[key] = node.plain()
        return hit


_MISSING = object()


def _select(root: Node, parts: tuple[str | int, ...]) -> list[Node]:
    """Follow ``parts`` from ``root``: names, indexes, ``[*]`` (every item), ``*`` (every member).

    A node's kind follows from the type of its value (a dict is an OBJECT's members, a list an
    ARRAY's items), tested inline: this runs for every pattern a rule selects.
    """
    level = [root]
    for part in parts:
        if type(part) is int:
            level = [
                items[part] for node in level if type(items := node.value) is list and -len(items) <= part < len(items)
            ]
        elif part == "[*]":
            level = [item for node in level if type(items := node.value) is list for item in items]
        elif part == "*":
            level = [child for node in level if type(members := node.value) is dict for child in members.values()]
        elif len(level) == 1:
            # One object and a member name (most steps): no comprehension to set up.
            value = level[0].value
            child = value.get(cast(str, part)) if type(value) is dict else None
            if child is None:
                return []
            level = [child]
        else:
            level = [
                child
                for node in level
                if type(members := node.value) is dict and (child := members.get(cast(str, part))) is not None
            ]
        if not level:
            break
    return level


def rebased(node: Node, path: str, key_span: Span | None = None) -> Node:
    """Return a copy of ``node`` whose path (and every path below it) starts at ``path``."""
    value = node.value
    if type(value) is dict:
        value = {k: rebased(v, paths.member(path, k), v.key_span) for k, v in value.items()}
    elif type(value) is list:
        value = [rebased(v, paths.index(path, i)) for i, v in enumerate(value)]
    return Node(
        node.kind,
        value,
        node.span,
        path,
        key_span,
        node.text,
        node.open,
        node.note,
        node.type_name,
        node.excludes,
        node.parameter,
        node.prefix,
        node.suffix,
    )
