"""JSON read by the C decoder, with positions found only when something asks for one.

Most request files are well formed and most of their values are never reported, so the common
case is paid at C speed: ``json.loads`` builds the values, one walk wraps them in nodes, and a
value's place in the text is looked up by its member path only when its span, key span or text
is read. (The request is checked against the schema afterwards, by the one schema walk of
:mod:`mplint.schema.conformance`, like a request from any other source.)

Anything unusual — text ``json.loads`` refuses, a duplicate key, nesting deeper than the
positioned reader allows — returns None, and the caller reads the file with
:mod:`mplint.sources.json_parser`, which reports the problem at its place.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any, Generic, NamedTuple, TypeVar, overload

from mplint import paths
from mplint.model import Kind, Node, Span, Value
from mplint.sources.json_scan import match_spaces, scan_value, scanstring
from mplint.sources.positions import LineIndex

# How deep a document may nest; deeper text is refused by the positioned reader, at its place.
MAX_DEPTH = 100
_KINDS = {
    str: Kind.STRING,
    int: Kind.NUMBER,
    float: Kind.NUMBER,
    bool: Kind.BOOL,
    type(None): Kind.NULL,
    dict: Kind.OBJECT,
    list: Kind.ARRAY,
}
_SCALARS = {t: kind for t, kind in _KINDS.items() if kind is not Kind.OBJECT and kind is not Kind.ARRAY}


class _Duplicate(Exception):
    """An object repeats a key: the positioned reader reports it."""


def _pairs(pairs: list[tuple[str, object]]) -> dict[str, object]:
    d = dict(pairs)
    if len(d) != len(pairs):
        raise _Duplicate
    return d


class Positions:
    """Where one document's values and keys are, found on demand by member path.

    Finding a value walks down from the root: at each object or array on the way, its
    children's offsets are read once (keys with the C string scanner, values skipped with
    the C scanner) and kept, so a second value in the same place costs a dictionary lookup;
    a member whose key is written once in the text is found by one search instead (see
    :meth:`_unique_key`). A valid file with no finding never pays for any of it.
    """

    __slots__ = ("_counted", "_ends", "_found", "_lines", "_literal", "_resume", "_searches", "base", "text")

    def __init__(self, text: str, base: int) -> None:
        self.text = text
        self.base = base  # 1 when a byte-order mark precedes the value
        # member path parts -> (value start, key start, key end); -1 when not a member
        self._found: dict[tuple[str | int, ...], tuple[int, int, int]] = {}
        self._resume: dict[tuple[str | int, ...], tuple[int, int]] = {}  # where reading stopped
        self._ends: dict[int, int] = {}
        self._lines: LineIndex | None = None
        self._counted = 0
        self._searches = 0  # whole-text key searches made (see _locate)
        self._literal: bool | None = None  # decided by the first lookup (see _survey)

    def _survey(self) -> None:
        """Read what the lookups depend on, once, when the first is made (most files need none)."""
        text = self.text
        # Lines that end with "\n" only can be counted in C for the first few spans; past
        # that (or with any "\r"), a line index answers each span in log time.
        self._counted = 0 if "\r" not in text else _COUNTED_SPANS
        # No \u or \/ escape: every key without quotes or backslashes is written as it reads.
        self._literal = "\\u" not in text and "\\/" not in text

    def _locate(self, parts: tuple[str | int, ...]) -> tuple[int, int, int]:
        hit = self._found.get(parts)
        if hit is not None:
            return hit
        if self._literal is None:
            self._survey()
        if not parts:
            hit = self._found[parts] = (match_spaces(self.text, self.base).end(), -1, -1)
            return hit
        key = parts[-1]
        if self._literal and type(key) is str and self._searches < _KEY_SEARCHES:
            # Each search may scan the rest of the text: past a few, reading the containers
            # (each member once, resumed where the last lookup stopped) keeps the file linear.
            self._searches += 1
            hit = self._unique_key(key)
            if hit is not None:
                self._found[parts] = hit
                return hit
        parent = parts[:-1]
        self._read_children(parent, self._locate(parent)[0], parts)
        return self._found[parts]

    def _unique_key(self, key: str) -> tuple[int, int, int] | None:
        """Find a member whose key is written once in the whole text, without reading siblings.

        Only in text with no ``\\u`` or ``\\/`` escape, and for keys with no quote, backslash or
        control character that start with no separator: such a key can only be written as it
        reads, so the member looked for is one of the places the quoted key is written, and
        where it is written once, it is that place. (A quoted key inside another string, after
        an escaped quote, adds a place, and the search falls back to reading the containers.)
        """
        if not key or key[0] in _NOT_FIRST or not key.isprintable() or '"' in key or "\\" in key:
            return None
        text, needle = self.text, f'"{key}"'
        at = text.find(needle)
        if at < 0 or text.find(needle, at + 1) >= 0:
            return None
        end = at + len(needle)
        colon = match_spaces(text, end).end()
        if text[colon : colon + 1] != ":":
            return None  # not a key after all: read the containers instead
        return (match_spaces(text, colon + 1).end(), at, end)

    def _read_children(self, parent: tuple[str | int, ...], start: int, want: tuple[str | int, ...]) -> None:
        """Record where the members or items of the container at ``start`` begin, up to ``want``.

        Reading stops at the wanted child and resumes there for the next one asked for, so
        the members after it are never skipped over unless a later lookup needs them.
        """
        text, found = self.text, self._found
        pos, index = self._resume.get(parent) or (match_spaces(text, start + 1).end(), 0)
        if pos < 0:
            return  # every child is recorded already
        is_object = text[start] == "{"
        close = "}" if is_object else "]"
        while text[pos] != close:
            if is_object:
                key, key_end = scanstring(text, pos + 1, True)
                value = match_spaces(text, match_spaces(text, key_end).end() + 1).end()  # past the colon
                child = (*parent, key)
                found[child] = (value, pos, key_end)
            else:
                value, child = pos, (*parent, index)
                found[child] = (value, -1, -1)
            index += 1
            pos = match_spaces(text, self._end(value)).end()
            if text[pos] == ",":
                pos = match_spaces(text, pos + 1).end()
            if child == want:
                self._resume[parent] = (pos, index)
                return
        self._resume[parent] = (-1, index)

    def _end(self, start: int) -> int:
        """Return the offset just past the value at ``start`` (read by the C scanner)."""
        end = self._ends.get(start)
        if end is None:
            end = self._ends[start] = scan_value(self.text, start)[1]
        return end

    def _span(self, start: int, end: int) -> Span:
        text = self.text
        if self._counted < _COUNTED_SPANS:
            self._counted += 1
            line = text.count("\n", 0, start) + 1
            column = start - text.rfind("\n", 0, start)
            if text.find("\n", start, end) < 0:
                return Span(line, column, line, column + end - start)
            return Span(line, column, line + text.count("\n", start, end), end - text.rfind("\n", 0, end))
        if self._lines is None:
            self._lines = LineIndex(text)
        return self._lines.span(start, end)

    def span(self, path: str) -> Span:
        """Return the span of the value at a member path."""
        start = self._locate(paths.parse(path))[0]
        return self._span(start, self._end(start))

    def key_span(self, path: str) -> Span | None:
        """Return the span of the key of the value at a path, or None when it is not a member."""
        _, key, key_end = self._locate(paths.parse(path))
        return self._span(key, key_end) if key >= 0 else None

    def text_of(self, path: str) -> str:
        """Return the value at a path as written."""
        start = self._locate(paths.parse(path))[0]
        return self.text[start : self._end(start)]


_COUNTED_SPANS = 16
_KEY_SEARCHES = 64
_INDEXES = tuple(f"[{i}]" for i in range(64))  # the path suffixes of the first items of a list
_NOT_FIRST = frozenset(" \t\n\r,:]}")


T = TypeVar("T")


class _FromPositions(Generic[T]):
    """A slot of :class:`Node` that a :class:`LazyNode` fills the first time it is read."""

    def __init__(self, slot: str, read: Callable[[LazyNode], T]) -> None:
        self.slot = Node.__dict__[slot]  # the dataclass's slot descriptor
        self.read = read

    @overload
    def __get__(self, node: None, owner: type | None = None) -> _FromPositions[T]: ...
    @overload
    def __get__(self, node: LazyNode, owner: type | None = None) -> T: ...
    def __get__(self, node: LazyNode | None, owner: type | None = None) -> T | _FromPositions[T]:
        if node is None:
            return self
        try:
            value: T = self.slot.__get__(node)
        except AttributeError:
            value = self.read(node)
            self.slot.__set__(node, value)
        return value

    def __set__(self, node: LazyNode, value: T) -> None:
        self.slot.__set__(node, value)


class _Written(_FromPositions[str | None]):
    """The ``text`` slot: a number's or literal's text as written, None for strings and
    containers (answered without touching the slot, as most values read are strings)."""

    @overload
    def __get__(self, node: None, owner: type | None = None) -> _Written: ...
    @overload
    def __get__(self, node: LazyNode, owner: type | None = None) -> str | None: ...
    def __get__(self, node: LazyNode | None, owner: type | None = None) -> str | _Written | None:
        if node is None:
            return self
        kind = node.kind
        if kind is Kind.STRING or kind is Kind.OBJECT or kind is Kind.ARRAY:
            return None
        return super().__get__(node, owner)


class LazyNode(Node):
    """A node whose span, key span and text come from its document's :class:`Positions`."""

    __slots__ = ("_at",)
    _at: Positions
    # What JSON never has, as class constants: seven fewer stores per node built.
    open = False
    note = None
    type_name = None
    excludes = frozenset()
    parameter = None
    prefix = None
    suffix = None
    span = _FromPositions("span", lambda node: node._at.span(node.path))
    key_span = _FromPositions("key_span", lambda node: node._at.key_span(node.path))
    text = _Written("text", lambda node: node._at.text_of(node.path))

    def __init__(self, kind: Kind, value: Value, path: str, at: Positions) -> None:
        self.kind = kind
        self.value = value
        self.path = path
        self._at = at


class Document(NamedTuple):
    """A document read by the C decoder (see :func:`parse_document`)."""

    root: Node
    # Every object that is the value of a member named "Environment" (see mplint.secrets).
    environments: list[Node]


def parse(text: str, max_depth: int) -> Node | None:
    """Return the document's root node, or None when the positioned reader must read it."""
    document = parse_document(text, max_depth)
    return document.root if document is not None else None


def parse_document(text: str, max_depth: int) -> Document | None:
    """Read a document; None when the positioned reader must read the text."""
    base = 1 if text.startswith("\ufeff") else 0
    try:
        value = json.loads(text[base:] if base else text, object_pairs_hook=_pairs)
    except (ValueError, RecursionError, _Duplicate):
        return None
    builder = _Builder(Positions(text, base))
    try:
        root = builder.build(value, "", max_depth)
    except _TooDeep:
        return None
    return Document(root, builder.environments)


class _TooDeep(Exception):
    """Nesting beyond the positioned reader's limit: it reports where."""


class _Builder:
    """Wrap decoded values in nodes."""

    __slots__ = ("at", "environments")

    def __init__(self, at: Positions) -> None:
        self.at = at
        self.environments: list[Node] = []

    def build(self, value: Any, path: str, depth: int) -> Node:
        """Wrap a decoded value in a node; a container's children are wrapped in place (a scalar
        child without a call: most nodes are scalars)."""
        t, at = type(value), self.at
        node = LazyNode(_KINDS[t], value, path, at)
        if t is dict or t is list:
            if not depth:
                raise _TooDeep
            build, scalars, depth = self.build, _SCALARS, depth - 1
            if t is dict:
                segments, segment = paths.SEGMENTS, paths.segment
                prefix = path + "." if path else ""
                # The decoded dict becomes the node's: each value is replaced by its node in
                # place (same keys, so iterating while replacing is safe), saving a copy per object.
                for k, v in value.items():
                    child = prefix + (segments.get(k) or segment(k))
                    kind = scalars.get(type(v))
                    value[k] = LazyNode(kind, v, child, at) if kind is not None else build(v, child, depth)
                env = value.get("Environment")
                if env is not None and env.kind is Kind.OBJECT:
                    self.environments.append(env)
            else:
                for i, v in enumerate(value):
                    child = path + (_INDEXES[i] if i < 64 else f"[{i}]")
                    kind = scalars.get(type(v))
                    value[i] = LazyNode(kind, v, child, at) if kind is not None else build(v, child, depth)
        return node
