"""A JSON reader that keeps positions: text → a tree of Nodes with spans and paths.

It reads what ``json.loads`` reads (NaN and Infinity included), without recursion, and turns
every problem into a finding at the place where reading stopped.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from json import JSONDecodeError

from mplint import paths
from mplint.diagnostics import Diagnostic, Fix
from mplint.findings import DuplicateKey, ParseError
from mplint.model import Kind, Node, Span, Value
from mplint.sources.json_lazy import MAX_DEPTH
from mplint.sources.json_scan import match_spaces, scanstring
from mplint.sources.positions import LineIndex, Stop

# Python refuses int() of more than 4,300 digits; longer integers become floats.
_MAX_INT_DIGITS = 4000

_NUMBER = re.compile(r"-?(?:0|[1-9][0-9]*)(?:\.[0-9]+)?(?:[eE][-+]?[0-9]+)?")
_LITERAL = re.compile(r"true|false|null|NaN|Infinity|-Infinity")
_WS_CHARS = frozenset(" \t\n\r")
_NUMBER_START = frozenset("-0123456789")
_LITERAL_START = frozenset("tfnNI")
_LITERALS: dict[str, tuple[Kind, Value]] = {
    "true": (Kind.BOOL, True),
    "false": (Kind.BOOL, False),
    "null": (Kind.NULL, None),
    "NaN": (Kind.NUMBER, float("nan")),
    "Infinity": (Kind.NUMBER, float("inf")),
    "-Infinity": (Kind.NUMBER, float("-inf")),
}

# What the reader expects next.
_VALUE, _FIRST_ITEM, _KEY, _FIRST_KEY, _AFTER_ITEM, _AFTER_MEMBER = range(6)
_EXPECTED = {
    _VALUE: "expected a value",
    _FIRST_ITEM: "expected a value or ']'",
    _KEY: "expected a member name in double quotes",
    _FIRST_KEY: "expected a member name in double quotes or '}'",
    _AFTER_ITEM: "expected ',' or ']' after an item",
    _AFTER_MEMBER: "expected ',' or '}' after a member",
}


class _Frame:
    """An object or array being read."""

    __slots__ = ("is_object", "items", "key", "key_span", "path", "start")

    def __init__(self, is_object: bool, start: Span, path: str, key_span: Span | None) -> None:
        self.is_object = is_object
        self.items: dict[str, Node] | list[Node] = {} if is_object else []
        self.start = start
        self.path = path
        self.key_span = key_span
        self.key = ""


def parse(text: str) -> tuple[Node | None, list[Diagnostic]]:
    """Read one JSON value; return its node (None on a parse error) and the findings."""
    lines = LineIndex(text)
    found: list[Diagnostic] = []
    if not text.strip(" \t\n\r\ufeff"):
        return None, [ParseError.finding(Span.point(1, 1), "empty file")]
    try:
        root = _read(text, lines, found)
    except Stop as stop:
        span = lines.point(stop.offset)
        return None, [*found, ParseError.finding(span, stop.message)]
    return root, found


def _read(text: str, lines: LineIndex, found: list[Diagnostic]) -> Node:
    """Read the value that fills ``text``, appending duplicate-key findings to ``found``."""
    # One flat loop with an explicit stack: no recursion, so no depth limit but ours, and few
    # function calls per token (this runs once per value of every file).
    ws, member, index, starts = match_spaces, paths.member, paths.index, lines.starts
    stack: list[_Frame] = []
    state = _VALUE
    path, key_span = "", None
    pos = 1 if text.startswith("\ufeff") else 0
    line, line_start, next_start = 0, 0, -1  # the current line (0-based) and its bounds
    while True:
        c = text[pos : pos + 1]
        if c in _WS_CHARS:
            pos = ws(text, pos).end()
            c = text[pos : pos + 1]
        if not c:
            raise _unexpected(text, pos, state, stack)
        if not line_start <= pos < next_start:
            line = bisect_right(starts, pos) - 1
            line_start = starts[line]
            next_start = starts[line + 1] if line + 1 < len(starts) else len(text) + 1
        row, base = line + 1, line_start - 1
        if state <= _FIRST_ITEM:  # a value
            if c == '"':
                value, end = _string(text, pos + 1)
                node = Node(Kind.STRING, value, Span(row, pos - base, row, end - base), path, key_span)
                pos = end
            elif c == "{" or c == "[":
                if len(stack) >= MAX_DEPTH:
                    raise Stop(pos, f"nested more than {MAX_DEPTH} levels deep; mplint does not analyse it")
                stack.append(_Frame(c == "{", Span(row, pos - base, 0, 0), path, key_span))
                pos += 1
                if c == "{":
                    state = _FIRST_KEY
                else:
                    state, path, key_span = _FIRST_ITEM, index(path, 0), None
                continue
            elif c in _NUMBER_START or c in _LITERAL_START:
                node, pos = _scalar(text, pos, state, Span(row, pos - base, row, 0), path, key_span)
            elif c == "]" and state == _FIRST_ITEM:
                pos += 1
                node = _close(stack.pop(), row, pos - base)
            elif c == "]" and stack and not stack[-1].is_object:
                raise Stop(pos, "trailing comma before ']'")
            else:
                raise _unexpected(text, pos, state, stack)
        elif state >= _AFTER_ITEM:  # ',' or the closing bracket
            frame = stack[-1]
            if c == ",":
                pos += 1
                if frame.is_object:
                    state = _KEY
                else:
                    state, path, key_span = _VALUE, index(frame.path, len(frame.items)), None
                continue
            if c != ("}" if frame.is_object else "]"):
                raise _unexpected(text, pos, state, stack)
            pos += 1
            node = _close(stack.pop(), row, pos - base)
        elif c == '"':  # a member name and its colon
            frame = stack[-1]
            frame.key, end = _string(text, pos + 1)
            key_span = Span(row, pos - base, row, end - base)
            pos = ws(text, end).end()
            if text[pos : pos + 1] != ":":
                raise Stop(pos, "expected ':' after a member name")
            pos += 1
            state, path = _VALUE, member(frame.path, frame.key)
            continue
        elif c == "}" and state == _FIRST_KEY:
            pos += 1
            node = _close(stack.pop(), row, pos - base)
        elif c == "}":
            raise Stop(pos, "trailing comma before '}'")
        else:
            raise _unexpected(text, pos, state, stack)
        if not stack:
            rest = ws(text, pos).end()
            if rest < len(text):
                raise Stop(rest, "extra data after the JSON value")
            return node
        frame = stack[-1]
        items = frame.items
        if isinstance(items, dict):
            if frame.key in items:
                found.append(_duplicate(frame.key, items[frame.key], node))
            items[frame.key] = node
            state = _AFTER_MEMBER
        else:
            items.append(node)
            state = _AFTER_ITEM


def _scalar(text: str, pos: int, state: int, start: Span, path: str, key_span: Span | None) -> tuple[Node, int]:
    """Read a number or a literal at ``pos``; ``start`` holds its line and column."""
    m = _NUMBER.match(text, pos) or _LITERAL.match(text, pos)
    if m is None:
        raise Stop(pos, _EXPECTED[state])
    word = m.group()
    end_column = start.column + len(word)
    span = Span(start.line, start.column, start.line, end_column)
    if word in _LITERALS:
        kind, value = _LITERALS[word]
        return Node(kind, value, span, path, key_span, word), m.end()
    if "." in word or "e" in word or "E" in word or len(word) > _MAX_INT_DIGITS:
        number: float | int = float(word)
    else:
        number = int(word)
    return Node(Kind.NUMBER, number, span, path, key_span, word), m.end()


def _close(frame: _Frame, end_line: int, end_column: int) -> Node:
    kind = Kind.OBJECT if frame.is_object else Kind.ARRAY
    span = Span(frame.start.line, frame.start.column, end_line, end_column)
    return Node(kind, frame.items, span, frame.path, frame.key_span)


def _string(text: str, pos: int) -> tuple[str, int]:
    """Read a string whose opening quote is just before ``pos``."""
    try:
        return scanstring(text, pos, True)
    except JSONDecodeError as err:
        raise Stop(err.pos, _string_problem(err, text)) from None


def _string_problem(err: JSONDecodeError, text: str) -> str:
    if err.msg.startswith("Unterminated"):
        return "unterminated string"
    if err.msg.startswith("Invalid control"):
        if text[err.pos] in "\r\n":
            return "unterminated string (a line break inside a string is written \\n)"
        return f"invalid control character U+{ord(text[err.pos]):04X} in a string"
    if "uXXXX" in err.msg:
        return "invalid \\uXXXX escape in a string"
    return "invalid escape in a string"


def _duplicate(key: str, earlier: Node, node: Node) -> Diagnostic:
    message = f"duplicate key {key!r}; the AWS CLI's JSON reader keeps only this last value"
    fix = None
    if earlier.key_span is not None:  # remove the member the reader drops (unsafe: it may be the one meant)
        start, end = earlier.key_span, earlier.span
        span = Span(start.line, start.column, end.end_line, end.end_column)
        fix = Fix(f"Remove the earlier {key!r} (unsafe: keeps the value the AWS CLI keeps)", span, "", False, "remove")
    return DuplicateKey.finding(node.key_span or node.span, message, node.path, fix=fix)


def _unexpected(text: str, pos: int, state: int, stack: list[_Frame]) -> Stop:
    """Explain why no token could be read at ``pos``."""
    pos = match_spaces(text, pos).end()
    if pos >= len(text):
        if not stack:
            return Stop(pos, "unexpected end of file: expected a value")
        frame = stack[-1]
        what, closer = ("object", "}") if frame.is_object else ("array", "]")
        line, column = frame.start.line, frame.start.column
        opened = f"the {what} opened at line {line}, column {column}"
        return Stop(pos, f"unexpected end of file: missing '{closer}' to close {opened}")
    char = text[pos]
    if char == "/":
        return Stop(pos, "comments are not allowed in JSON")
    if char == "'":
        return Stop(pos, "strings must use double quotes in JSON")
    return Stop(pos, _EXPECTED[state])
