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

from mplint import paths
from mplint.model import Kind, Node, Span
from mplint.sources.positions import LineIndex

# Strings (keys and values), brackets, and runs of anything else that is not a separator
# (numbers, literals); what lies between tokens is whitespace, commas and colons.
_TOKENS = re.compile(r'("[^"\\]*(?:\\.[^"\\]*)*"|[{}\[\]]|[^\s,:{}\[\]"]+)')
_KINDS = {str: Kind.STRING, int: Kind.NUMBER, float: Kind.NUMBER, bool: Kind.BOOL, type(None): Kind.NULL}


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


def parse(text: str, max_depth: int) -> Node | None:
    """Return the document's root node, or None when the positioned reader must read it."""
    base = 1 if text.startswith("\ufeff") else 0
    try:
        value = json.loads(text[base:] if base else text, object_pairs_hook=_pairs)
    except (ValueError, RecursionError, _Duplicate):
        return None
    at = Positions(text, base)
    counter = [0]
    try:
        return _build(value, "", at, counter, max_depth)
    except _TooDeep:
        return None


class _TooDeep(Exception):
    """Nesting beyond the positioned reader's limit: it reports where."""


def _build(value: object, path: str, at: Positions, counter: list[int], depth: int) -> Node:
    """Wrap ``value`` and everything below it in nodes numbered in document order."""
    n = counter[0]
    counter[0] = n + 1
    t = type(value)
    if t is dict:
        if not depth:
            raise _TooDeep
        member = paths.member
        items = {k: _build(v, member(path, k), at, counter, depth - 1) for k, v in value.items()}  # type: ignore[attr-defined]
        return LazyNode(Kind.OBJECT, items, path, at, n)
    if t is list:
        if not depth:
            raise _TooDeep
        listed = [_build(v, f"{path}[{i}]", at, counter, depth - 1) for i, v in enumerate(value)]  # type: ignore[arg-type]
        return LazyNode(Kind.ARRAY, listed, path, at, n)
    return LazyNode(_KINDS[t], value, path, at, n)
