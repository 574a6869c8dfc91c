"""JSON read by the C decoder, with positions found only when something asks for one.

Most request files are well formed and most of their values are never reported, so the common
case is paid at C speed: ``json.loads`` builds the values, a light walk wraps them in nodes
numbered in document order, and the offsets of every value and key are worked out from the
text (one C ``re.split`` and one pass over its tokens) the first time a span is read.

Anything unusual — text ``json.loads`` refuses, a duplicate key, nesting deeper than the
positioned reader allows — returns None, and the caller reads the file with
:mod:`mplint.sources.json_parser`, which reports the problem at its place.
"""

from __future__ import annotations

import json
import re
from itertools import accumulate
from typing import NamedTuple

from mplint import paths
from mplint.model import Kind, Node, Span
from mplint.schema import Schema, Shape, conformance
from mplint.sources.positions import LineIndex

# Strings (keys and values), brackets, and runs of anything else that is not a separator
# (numbers, literals); what lies between tokens is whitespace, commas and colons.
_TOKENS = re.compile(r'("[^"\\]*(?:\\.[^"\\]*)*"|[{}\[\]]|[^\s,:{}\[\]"]+)')
_KINDS = {str: Kind.STRING, int: Kind.NUMBER, float: Kind.NUMBER, bool: Kind.BOOL, type(None): Kind.NULL,
          dict: Kind.OBJECT, list: Kind.ARRAY}


class _Duplicate(Exception):
    """An object repeats a key: the positioned reader reports it."""


def _pairs(pairs: list[tuple[str, object]]) -> dict[str, object]:
    d = dict(pairs)
    if len(d) != len(pairs):
        raise _Duplicate
    return d


class Positions:
    """The offsets of one document's values and keys, in document order, computed on demand."""

    __slots__ = ("text", "base", "_starts", "_ends", "_keys", "_key_ends", "_lines")

    def __init__(self, text: str, base: int) -> None:
        self.text = text
        self.base = base  # 1 when a byte-order mark precedes the value
        self._starts: list[int] | None = None
        self._ends: list[int] = []
        self._keys: list[int] = []  # the start offset of the value's key, or -1
        self._key_ends: list[int] = []
        self._lines: LineIndex | None = None

    def _index(self) -> None:
        parts = _TOKENS.split(self.text, 0) if not self.base else _TOKENS.split(self.text[1:], 0)
        offsets = list(accumulate(map(len, parts), initial=self.base))
        starts: list[int] = []
        ends: list[int] = []
        keys: list[int] = []
        key_ends: list[int] = []
        open_at: list[int] = []
        key = key_end = -1
        # parts alternate: separator, token, separator, token, ..., separator.
        for i in range(1, len(parts), 2):
            token = parts[i]
            c = token[0]
            if c == '"' and ":" in parts[i + 1]:
                key, key_end = offsets[i], offsets[i + 1]
                continue
            if c == "}" or c == "]":
                ends[open_at.pop()] = offsets[i] + 1
                continue
            if c == "{" or c == "[":
                open_at.append(len(starts))
            starts.append(offsets[i])
            ends.append(offsets[i + 1])
            keys.append(key)
            key_ends.append(key_end)
            key = -1
        self._starts, self._ends, self._keys, self._key_ends = starts, ends, keys, key_ends
        self._lines = LineIndex(self.text)

    def span(self, n: int) -> Span:
        """Return the span of value ``n`` (document order)."""
        if self._starts is None:
            self._index()
        return self._lines.span(self._starts[n], self._ends[n])  # type: ignore[union-attr, index]

    def key_span(self, n: int) -> Span | None:
        """Return the span of the key of value ``n``, or None when it is not a member."""
        if self._starts is None:
            self._index()
        start = self._keys[n]
        if start < 0:
            return None
        return self._lines.span(start, self._key_ends[n])  # type: ignore[union-attr]

    def text_of(self, n: int) -> str:
        """Return value ``n`` as written."""
        if self._starts is None:
            self._index()
        return self.text[self._starts[n] : self._ends[n]]  # type: ignore[index]


_SPAN = Node.__dict__["span"]
_KEY_SPAN = Node.__dict__["key_span"]
_TEXT = Node.__dict__["text"]


class LazyNode(Node):
    """A node whose span, key span and text come from its document's :class:`Positions`."""

    __slots__ = ("_at", "_n")

    def __init__(self, kind: Kind, value: object, path: str, at: Positions, n: int) -> None:
        self.kind = kind
        self.value = value
        self.path = path
        self.open = False
        self.note = None
        self.type_name = None
        self._at = at
        self._n = n

    @property  # type: ignore[override]
    def span(self) -> Span:
        try:
            return _SPAN.__get__(self)  # type: ignore[no-any-return]
        except AttributeError:
            span = self._at.span(self._n)
            _SPAN.__set__(self, span)
            return span

    @span.setter
    def span(self, span: Span) -> None:
        _SPAN.__set__(self, span)

    @property  # type: ignore[override]
    def key_span(self) -> Span | None:
        try:
            return _KEY_SPAN.__get__(self)  # type: ignore[no-any-return]
        except AttributeError:
            span = self._at.key_span(self._n)
            _KEY_SPAN.__set__(self, span)
            return span

    @key_span.setter
    def key_span(self, span: Span | None) -> None:
        _KEY_SPAN.__set__(self, span)

    @property  # type: ignore[override]
    def text(self) -> str | None:
        """Return a number's or literal's text as written (None for strings and containers)."""
        kind = self.kind
        if kind is Kind.STRING or kind is Kind.OBJECT or kind is Kind.ARRAY:
            return None
        try:
            return _TEXT.__get__(self)  # type: ignore[no-any-return]
        except AttributeError:
            text = self._at.text_of(self._n)
            _TEXT.__set__(self, text)
            return text

    @text.setter
    def text(self, text: str | None) -> None:
        _TEXT.__set__(self, text)


class Checked(NamedTuple):
    """A document read with the schema walk done on the way (see :func:`parse_checked`)."""

    root: Node
    violations: dict[str, list[conformance.Violation]]
    typed: list[tuple[Node, Shape]]


def parse(text: str, max_depth: int) -> Node | None:
    """Return the document's root node, or None when the positioned reader must read it."""
    checked = parse_checked(text, max_depth, schema=None)
    return checked.root if checked is not None else None


def parse_checked(text: str, max_depth: int, schema: Schema | None) -> Checked | None:
    """Read a document and, with a ``schema``, walk it against the request shape as nodes are
    built: the violations and typed nodes of :func:`mplint.schema.conformance.check`, without a
    second pass over the tree. None when the positioned reader must read the text."""
    base = 1 if text.startswith("\ufeff") else 0
    try:
        value = json.loads(text[base:] if base else text, object_pairs_hook=_pairs)
    except (ValueError, RecursionError, _Duplicate):
        return None
    found: dict[str, list[conformance.Violation]] = {}
    typed: list[tuple[Node, Shape]] = []
    spec = conformance.prepared(schema)[schema.root_name] if schema is not None else None
    builder = _Builder(Positions(text, base), found, typed)
    try:
        root = builder.build(value, "", max_depth, spec)
    except _TooDeep:
        return None
    return Checked(root, found, typed)


class _TooDeep(Exception):
    """Nesting beyond the positioned reader's limit: it reports where."""


class _Builder:
    """Wrap decoded values in nodes numbered in document order, checking them on the way.

    The checks are those of the conformance walk, made with its own helpers, in the same
    order for each node; a value whose shape is not known (below an unknown member or a value
    of the wrong type) is built without checks, as the walk would not visit it.
    """

    __slots__ = ("at", "found", "typed", "count")

    def __init__(self, at: Positions, found: dict[str, list[conformance.Violation]],
                 typed: list[tuple[Node, Shape]]) -> None:
        self.at, self.found, self.typed, self.count = at, found, typed, 0

    def build(self, value: object, path: str, depth: int, spec: conformance.Spec | None) -> Node:
        n = self.count
        self.count = n + 1
        t = type(value)
        kind = _KINDS[t]
        node = LazyNode(kind, value, path, self.at, n)
        found = self.found
        if spec is not None:
            kinds = spec.kinds
            if kinds is not None and (kind not in kinds or (spec.integer and t is not int)):
                conformance.record(found, conformance.Violation(conformance.WRONG_TYPE, node, spec.shape))
                spec = None
            else:
                self.typed.append((node, spec.shape))
        if t is dict:
            if not depth:
                raise _TooDeep
            node.value = self._members(node, value, path, depth - 1, spec)  # type: ignore[arg-type]
        elif t is list:
            if not depth:
                raise _TooDeep
            item = None
            if spec is not None and spec.type == "list":
                conformance.size_check(found, conformance.ITEMS, node, spec, len(value), True)  # type: ignore[arg-type]
                item = spec.item
            build = self.build
            node.value = [build(v, f"{path}[{i}]", depth - 1, item) for i, v in enumerate(value)]  # type: ignore[arg-type]
        elif spec is not None:
            if spec.type == "string":
                conformance.string_check(found, node, value, spec, False)  # type: ignore[arg-type]
            elif spec.ranged:
                low, high = spec.min, spec.max
                if (low is not None and value < low) or (high is not None and value > high):  # type: ignore[operator]
                    conformance.record(found, conformance.Violation(conformance.RANGE, node, spec.shape))
        return node

    def _members(self, node: Node, value: dict[str, object], path: str, depth: int,
                 spec: conformance.Spec | None) -> dict[str, Node]:
        build, member, found = self.build, paths.member, self.found
        shape_type = spec.type if spec is not None else None
        if shape_type == "structure":
            specs = spec.members  # type: ignore[union-attr]
            for name in spec.required:  # type: ignore[union-attr]
                if name not in value:
                    conformance.record(found, conformance.Violation(
                        conformance.MISSING_MEMBER, node, spec.shape, member=name))  # type: ignore[union-attr]
            items = {}
            for k, v in value.items():
                member_spec = specs.get(k)
                child = items[k] = build(v, member(path, k), depth, member_spec)
                if member_spec is None:
                    conformance.record(found, conformance.Violation(
                        conformance.UNKNOWN_MEMBER, child, spec.shape, at_key=True, text=k))  # type: ignore[union-attr]
            return items
        if shape_type == "map":
            conformance.size_check(found, conformance.ENTRIES, node, spec, len(value), True)  # type: ignore[arg-type]
            key, entry = spec.key, spec.value  # type: ignore[union-attr]
            items = {}
            for k, v in value.items():
                child = items[k] = build(v, member(path, k), depth, entry)
                if key is not None:
                    conformance.string_check(found, child, k, key, True)
            return items
        return {k: build(v, member(path, k), depth, None) for k, v in value.items()}
