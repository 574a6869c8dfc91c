"""A cheap, iterative scan that keeps libcst away from code it cannot survive.

libcst 1.9 parses with native recursion: on an 8 MiB stack the process dies (SIGSEGV, no
exception) at about 1,300 nested brackets or a 7,000-term ``+`` chain, and the work grows faster
than linearly with depth (a 3,000-term chain takes seconds). Its visitors recurse in Python too.
So before parsing, the stdlib tokenizer (iterative) measures two things:

- nesting: open brackets plus indentation levels (CPython itself refuses 200 brackets and 100
  indentation levels), limited to ``NESTING_LIMIT``;
- depth: an estimate of the expression tree's depth along its deepest path: each bracket adds
  one, and each operator token at the same bracket level of one expression adds one (``+``,
  ``.``, ``and``, ``not``, ``lambda``, a call or subscript trailer, a string implicitly
  concatenated to the previous one). A comma or the end of the logical line closes an
  expression. Each ``elif`` of a chain adds one too: libcst nests every ``elif`` in the one
  before it (a 15,000-branch chain overflows its native stack). Limited to ``DEPTH_LIMIT``.

The limits were found by parsing generated files with libcst in a subprocess: nesting 100 and
depth 1,000 stay far from the crash (about 6 KiB of native stack per bracket and 1.2 KiB per chain
term, against an explicitly sized parse thread) and parse with positions in well under a second.
"""

from __future__ import annotations

import io
import itertools
import re
import tokenize
from collections.abc import Sequence
from dataclasses import dataclass

NESTING_LIMIT = 100
DEPTH_LIMIT = 1000

_OPEN = frozenset("([{")
_CLOSE = frozenset(")]}")
_OPERATORS = frozenset(
    [
        "+",
        "-",
        "*",
        "/",
        "//",
        "%",
        "**",
        "@",
        "<<",
        ">>",
        "&",
        "|",
        "^",
        "~",
        "<",
        ">",
        "<=",
        ">=",
        "==",
        "!=",
        ".",
        ":=",
    ]
)
_WORD_OPERATORS = frozenset({"and", "or", "not", "if", "else", "lambda", "await", "in", "is"})
_KEYWORDS = frozenset(
    [
        "False",
        "None",
        "True",
        "and",
        "as",
        "assert",
        "async",
        "await",
        "break",
        "class",
        "continue",
        "def",
        "del",
        "elif",
        "else",
        "except",
        "finally",
        "for",
        "from",
        "global",
        "if",
        "import",
        "in",
        "is",
        "lambda",
        "nonlocal",
        "not",
        "or",
        "pass",
        "raise",
        "return",
        "try",
        "while",
        "with",
        "yield",
    ]
)


@dataclass(frozen=True)
class Problem:
    """Where and why a text must not be handed to libcst (1-based line and column)."""

    line: int
    column: int
    message: str


def scan(text: str) -> Problem | None:
    """Return the first spot of ``text`` too deep to analyse or not tokenizable, or None."""
    problem = _scan(text)
    return None if problem is None else in_file(text, problem)


# Every token that adds to the depth estimate holds one of these characters or words, once at
# least (an opening bracket adds up to two: its level, and one as a call or subscript trailer;
# a string has two quotes at least). Counting them as substrings over-counts (strings,
# comments, ``->``, ``in`` inside ``print``), never under-counts.
_DEPTH_CHARS = "+-*/%@<>&|^~.:=\"'"
_DEPTH_WORDS = ("and", "or", "not", "if", "else", "lambda", "await", "in", "is")
_INDENTED = re.compile(r"[\r\n][ \t\f]+")


def surely_within_limits(text: str, pieces: Sequence[int]) -> bool:
    """Tell, without tokenizing, that :func:`scan` finds nothing in ``text``: code that
    Python's own parser has read, made of complete statements that start at the offsets
    ``pieces`` (every bracket is closed where the next piece starts).

    The tokens that add to nesting and depth are counted from above by counting characters
    and substrings: the brackets and operators of a piece bound the levels its statements
    reach (the estimate starts again after each statement), the leading blanks of the most
    indented line bound the indentation levels, and every ``elif`` of the text bounds the
    chains. False means only that the counts cannot tell; :func:`scan` then decides.
    """
    first = len(text) - len(text.lstrip(" \t\f"))
    indent = max(first, max(map(len, _INDENTED.findall(text)), default=1) - 1)
    elifs = text.count("elif")
    if _within(text, indent, elifs):
        return True
    bounds = sorted({0, *pieces, len(text)})
    return all(_within(text[a:b], indent, elifs) for a, b in itertools.pairwise(bounds))


def _within(piece: str, indent: int, elifs: int) -> bool:
    opens = piece.count("(") + piece.count("[") + piece.count("{")
    if opens + indent > NESTING_LIMIT:
        return False
    depth = 2 * opens + sum(piece.count(c) for c in _DEPTH_CHARS) + sum(piece.count(w) for w in _DEPTH_WORDS)
    return depth + elifs <= DEPTH_LIMIT


def in_file(text: str, problem: Problem) -> Problem:
    """Move a tokenizer position into the file, in editor numbering.

    tokenize counts lines at "\n" only and reports an unfinished statement one line past the
    end; editors also end a line at a lone "\r".
    """
    from mplint.sources.positions import LineIndex

    starts = [0, *(i + 1 for i, ch in enumerate(text) if ch == "\n")]
    if problem.line > len(starts):
        offset = len(text)
    else:
        start = starts[problem.line - 1]
        end = starts[problem.line] - 1 if problem.line < len(starts) else len(text)
        offset = min(start + max(problem.column, 1) - 1, end)
    line, column = LineIndex(text).position(offset)
    return Problem(line, column, problem.message)


def _scan(text: str) -> Problem | None:
    scanner = _Scanner()
    try:
        for tok in tokenize.generate_tokens(io.StringIO(text).readline):
            hit = scanner.feed(tok)
            if hit is not None:
                return hit
    except tokenize.TokenError as exc:
        message, (line, column) = exc.args
        return Problem(line, column + 1, f"cannot read the Python code: {message}")
    except SyntaxError as exc:  # IndentationError in 3.11; more tokenizer errors from 3.12
        return Problem(exc.lineno or 1, exc.offset or 1, f"cannot read the Python code: {exc.msg}")
    return None


class _Scanner:
    """Track bracket levels, indentation and operator counts token by token."""

    def __init__(self) -> None:
        self.base = [0]  # expression depth at the start of each open bracket level
        self.count = [0]  # operators seen in the current expression of each level
        self.indent = 0
        self.previous: tokenize.TokenInfo | None = None
        self.elifs = [0]  # length of the elif chain open at each indentation level
        self.at_start = True

    def feed(self, tok: tokenize.TokenInfo) -> Problem | None:
        """Account for one token; return a Problem when a limit is passed."""
        kind, string = tok.type, tok.string
        if kind in (tokenize.COMMENT, tokenize.NL):
            return None
        previous, self.previous = self.previous, tok
        starts, self.at_start = self.at_start, kind in (tokenize.NEWLINE, tokenize.INDENT, tokenize.DEDENT)
        if starts and kind == tokenize.NAME:
            self._statement(string)
        if kind == tokenize.INDENT:
            self.indent += 1
        elif kind == tokenize.DEDENT:
            self.indent -= 1
        elif kind == tokenize.NEWLINE:
            self.base, self.count = [0], [0]
        elif kind == tokenize.OP and string in _OPEN:
            if _ends_operand(previous):
                self.count[-1] += 1
            self.base.append(self.base[-1] + self.count[-1] + 1)
            self.count.append(0)
        elif kind == tokenize.OP and string in _CLOSE:
            if len(self.base) > 1:
                self.base.pop()
                self.count.pop()
        elif kind == tokenize.OP and string in (",", ";"):
            self.count[-1] = 0
        elif _is_operator(tok, previous):
            self.count[-1] += 1
        return self._check(tok)

    def _statement(self, word: str) -> None:
        """Account for the first word of a statement: ``elif`` lengthens the chain of its level."""
        del self.elifs[self.indent + 1 :]
        self.elifs.extend([0] * (self.indent + 1 - len(self.elifs)))
        if word == "elif":
            self.elifs[self.indent] += 1
        elif word != "else":
            self.elifs[self.indent] = 0

    def _check(self, tok: tokenize.TokenInfo) -> Problem | None:
        line, column = tok.start
        nesting = len(self.base) - 1 + self.indent
        if nesting > NESTING_LIMIT:
            return Problem(line, column + 1, f"too deeply nested to analyse ({nesting} levels)")
        depth = self.base[-1] + self.count[-1] + sum(self.elifs)
        if depth > DEPTH_LIMIT:
            return Problem(line, column + 1, f"too deeply nested to analyse ({depth} levels)")
        return None


def _is_operator(tok: tokenize.TokenInfo, previous: tokenize.TokenInfo | None) -> bool:
    if tok.type == tokenize.OP:
        return tok.string in _OPERATORS
    if tok.type == tokenize.NAME:
        return tok.string in _WORD_OPERATORS
    if tok.type == tokenize.STRING:
        return previous is not None and previous.type == tokenize.STRING
    return False


def _ends_operand(tok: tokenize.TokenInfo | None) -> bool:
    """Tell whether a bracket after ``tok`` is a call or subscript trailer."""
    if tok is None:
        return False
    if tok.type == tokenize.NAME:
        return tok.string not in _KEYWORDS
    return tok.type == tokenize.STRING or (tok.type == tokenize.OP and tok.string in _CLOSE)
