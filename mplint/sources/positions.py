"""Offsets to 1-based lines and columns, numbered the way editors number them.

Only ``\\n``, ``\\r\\n`` and a lone ``\\r`` end a line; U+2028, U+2029 and U+0085 do not, whatever
YAML 1.1 readers think. Columns count characters (code points).
"""

from __future__ import annotations

import re
from bisect import bisect_right
from itertools import accumulate

from mplint.model import Span

_BREAK = re.compile(r"\r\n?|\n")
# Characters other than "\n" that str.splitlines breaks at.
_OTHER_BREAKS = re.compile("[\r\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029]")


class Stop(Exception):
    """A reader stopped at an offset of its text, for a reason (reported there as a parse error)."""

    def __init__(self, offset: int, message: str) -> None:
        super().__init__(message)
        self.offset = offset
        self.message = message


class LineIndex:
    """Map character offsets of one text to (line, column), both 1-based."""

    __slots__ = ("starts", "text")

    def __init__(self, text: str) -> None:
        self.text = text
        if _OTHER_BREAKS.search(text) is None:
            # Only "\n" breaks lines here, so splitlines agrees with editors (and runs in C).
            self.starts = list(accumulate(map(len, text.splitlines(True)), initial=0))
            if text and text[-1] != "\n":
                self.starts.pop()
        else:
            self.starts = [0]
            self.starts.extend(m.end() for m in _BREAK.finditer(text))

    @property
    def line_count(self) -> int:
        """Return the number of lines (a final line break opens an empty last line)."""
        return len(self.starts)

    def position(self, offset: int) -> tuple[int, int]:
        """Return the (line, column) of a character offset."""
        i = bisect_right(self.starts, offset) - 1
        return i + 1, offset - self.starts[i] + 1

    def span(self, start: int, end: int) -> Span:
        """Return the span from ``start`` to ``end`` (exclusive) offsets."""
        starts = self.starts
        i = bisect_right(starts, start) - 1
        j = i if end <= start else bisect_right(starts, end, i) - 1
        return Span(i + 1, start - starts[i] + 1, j + 1, end - starts[j] + 1)

    def point(self, offset: int) -> Span:
        """Return a one-character span at an offset."""
        line, column = self.position(offset)
        return Span.point(line, column)

    def offset(self, line: int, column: int) -> int:
        """Return the character offset of a 1-based (line, column)."""
        return self.starts[line - 1] + column - 1

    def line_text(self, n: int) -> str:
        """Return line ``n`` (1-based) without its line break."""
        if not 1 <= n <= len(self.starts):
            return ""
        start = self.starts[n - 1]
        end = self.starts[n] if n < len(self.starts) else len(self.text)
        return self.text[start:end].rstrip("\r\n")

    def lines(self) -> list[str]:
        """Return every line without its line break."""
        return [self.line_text(n) for n in range(1, len(self.starts) + 1)]

    def utf16_column(self, line: int, column: int) -> int:
        """Return the 1-based column of a position counted in UTF-16 code units (LSP's unit)."""
        before = self.line_text(line)[: column - 1]
        return column + sum(1 for ch in before if ord(ch) > 0xFFFF)
