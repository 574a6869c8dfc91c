"""Where each node of a libcst module is written: libcst's own positions, recorded cheaply.

libcst's ``PositionProvider`` generates the module's code and records, around each node, a
``CodeRange`` of two ``CodePosition`` dataclasses in a dict keyed by the node (whose hash is a
Python method); the syntactic ranges of some nodes come from a generator context manager. That
bookkeeping costs three times the code generation itself. :func:`ranges` runs the same code
generation with a state that records the same numbers as tuples keyed by ``id(node)`` (a node's
identity is its hash and its equality in libcst, and the module keeps every node alive), so the
ranges are the provider's exactly (a test compares the two on every Python example).
"""

from __future__ import annotations

import re
from types import TracebackType

import libcst as cst
from libcst._nodes.internal import CodegenState

# (start line, start column, end line, end column): lines 1-based, columns 0-based, as libcst.
Range = tuple[int, int, int, int]
_NEWLINE = re.compile(r"\r\n?|\n")


def ranges(module: cst.Module) -> dict[int, Range]:
    """Return the ``PositionProvider`` range of every node of ``module``, by ``id(node)``."""
    state = _State(module.default_indent, module.default_newline)
    module._codegen(state)
    return state.ranges


class _State(CodegenState):
    """libcst's code generation state that also follows the line and column it has reached."""

    __slots__ = ("_starts", "column", "line", "ranges")

    def __init__(self, default_indent: str, default_newline: str) -> None:
        super().__init__(default_indent, default_newline)
        self.line = 1
        self.column = 0
        self.ranges: dict[int, Range] = {}
        self._starts: list[tuple[int, int]] = []

    def add_indent_tokens(self) -> None:
        for token in self.indent_tokens:
            self.add_token(token)

    def add_token(self, value: str) -> None:
        self.tokens.append(value)
        if "\n" in value or "\r" in value:
            segments = _NEWLINE.split(value)
            self.line += len(segments) - 1
            self.column = len(segments[-1])
        else:
            self.column += len(value)

    def before_codegen(self, node: cst.CSTNode) -> None:
        self._starts.append((self.line, self.column))

    def after_codegen(self, node: cst.CSTNode) -> None:
        line, column = self._starts.pop()
        key = id(node)
        if key not in self.ranges:  # a syntactic range recorded inside stays
            self.ranges[key] = (line, column, self.line, self.column)

    def record_syntactic_position(  # type: ignore[override]
        self, node: cst.CSTNode, *, start_node: cst.CSTNode | None = None, end_node: cst.CSTNode | None = None
    ) -> _Syntactic:
        return _Syntactic(self, node, start_node, end_node)


class _Syntactic:
    """The range of a node's own syntax, without the whitespace it owns (as libcst records it)."""

    __slots__ = ("end_node", "node", "start", "start_node", "state")

    def __init__(
        self, state: _State, node: cst.CSTNode, start_node: cst.CSTNode | None, end_node: cst.CSTNode | None
    ) -> None:
        self.state = state
        self.node = node
        self.start_node = start_node
        self.end_node = end_node
        self.start = (state.line, state.column)

    def __enter__(self) -> None:
        return None

    def __exit__(
        self, kind: type[BaseException] | None, error: BaseException | None, trace: TracebackType | None
    ) -> None:
        state = self.state
        done = state.ranges
        start = done[id(self.start_node)][:2] if self.start_node is not None else self.start
        end = done[id(self.end_node)][2:] if self.end_node is not None else (state.line, state.column)
        done[id(self.node)] = (start[0], start[1], end[0], end[1])
