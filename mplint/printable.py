"""Make text from an input safe to print: valid UTF-8, and no control character that a
terminal, a CI log or an editor would act on.

Messages, paths and notes escape such characters (``\\x1b``, ``\\u202e``); source excerpts,
whose columns must stay in step with the caret, replace each by one visible character.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from mplint.lazy_re import lazy

if TYPE_CHECKING:
    import re

# C0 controls (tab included: a message is one line), DEL, C1 controls, bidirectional
# overrides and isolates (they reorder what a reader sees), line and paragraph separators.
_CONTROL_OR_SURROGATE = lazy(
    "[\x00-\x1f\x7f-\x9f\u200e\u200f\u202a-\u202e\u2066-\u2069\u2028\u2029\ufeff\ud800-\udfff]"
)


def _escaped(m: re.Match[str]) -> str:
    code = ord(m.group(0))
    if code <= 0xFF:
        return f"\\x{code:02x}"
    return f"\\u{code:04x}"


def printable(text: str) -> str:
    """Return ``text`` with control characters and lone surrogates escaped (one line, UTF-8)."""
    if text.isascii() and text.isprintable():
        return text  # nearly every message: one C call
    escaped: str = _CONTROL_OR_SURROGATE.sub(_escaped, text)
    return escaped


def _picture(m: re.Match[str]) -> str:
    ch = m.group(0)
    code = ord(ch)
    if code < 0x20:
        return chr(0x2400 + code)  # the Control Pictures block: NUL, ESC, ...
    if code == 0x7F:
        return "\u2421"
    return "\ufffd"


def excerpt_line(line: str) -> str:
    """Return a source line to print under a finding: tabs become one space and every other
    control character one visible character, so columns do not move."""
    if line.isascii() and line.isprintable():
        return line
    line = line.replace("\t", " ")
    line = _CONTROL_OR_SURROGATE.sub(_picture, line)
    return line


def printable_path(path: str) -> str:
    """Return a file name to print: bytes that are not UTF-8 (which the file system gives as
    lone surrogates) as ``\\xff``, control characters escaped."""
    if path.isascii() and path.isprintable():
        return path
    try:
        path = path.encode("utf-8", "surrogateescape").decode("utf-8", "backslashreplace")
    except UnicodeEncodeError:
        pass  # a surrogate that is not an escaped byte: printable() escapes it
    return printable(path)
