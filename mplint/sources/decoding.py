"""Bytes to text: UTF-8 (with or without a BOM) and UTF-16, or a parse error at the bad byte."""

from __future__ import annotations

import codecs

from mplint.diagnostics import Diagnostic
from mplint.findings import ParseError
from mplint.model import Span
from mplint.sources.positions import LineIndex

# How many leading bytes decide whether BOM-less text is UTF-16.
_SNIFF = 256


def decode(data: bytes, python: bool = False) -> tuple[str | None, Diagnostic | None]:
    """Return the text of a file's bytes, or None and a parse error saying where reading failed.

    ``python``: the file is Python source, whose coding cookie (PEP 263) names its encoding.
    """
    if data.startswith(codecs.BOM_UTF32_LE) or data.startswith(codecs.BOM_UTF32_BE):
        message = "the file is UTF-32 (it starts with a UTF-32 byte order mark); save it as UTF-8"
        return None, ParseError.finding(Span.point(1, 1), message)
    if data.startswith(codecs.BOM_UTF8):
        return _utf8(data[len(codecs.BOM_UTF8) :])
    if python and b"coding" in data[:400]:
        cookie = _python_cookie(data)
        if cookie is not None:
            return cookie
    if data.startswith(codecs.BOM_UTF16_LE) or data.startswith(codecs.BOM_UTF16_BE):
        return _utf16(data[2:], "utf-16-le" if data[1] == 0xFE else "utf-16-be")
    guess = _utf16_without_bom(data)
    if guess:
        return _utf16(data, guess)
    return _utf8(data)


def _python_cookie(data: bytes) -> tuple[str | None, Diagnostic | None] | None:
    """Decode Python source as Python does when a coding cookie names an encoding other than
    UTF-8 (None: no such cookie, read it as UTF-8)."""
    import io
    import tokenize

    try:
        encoding, _ = tokenize.detect_encoding(io.BytesIO(data).readline)
    except SyntaxError as exc:  # an unknown encoding, or a cookie that contradicts a BOM
        return None, ParseError.finding(Span.point(1, 1), f"Python coding cookie: {exc.msg}")
    if encoding in ("utf-8", "utf-8-sig"):
        return None
    try:
        return data.decode(encoding), None
    except UnicodeDecodeError as err:
        line, column = _position(data[: err.start].decode(encoding, "replace"), -1)
        message = f"invalid {encoding} (byte 0x{data[err.start]:02X}) at line {line}, column {column}"
        return None, ParseError.finding(Span.point(line, column), message)


def _utf8(data: bytes) -> tuple[str | None, Diagnostic | None]:
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as err:
        line, column = _position(data[: err.start].decode("utf-8"), -1)
        where = f"line {line}, column {column}"
        message = f"invalid UTF-8 (byte 0x{data[err.start]:02X}) at {where}; save the file as UTF-8"
        return None, ParseError.finding(Span.point(line, column), message)
    nul = text.find("\x00")
    if nul >= 0:
        line, column = _position(text, nul)
        message = f"NUL byte at line {line}, column {column}; this is not a text file"
        return None, ParseError.finding(Span.point(line, column), message)
    return text, None


def _utf16(data: bytes, encoding: str) -> tuple[str | None, Diagnostic | None]:
    try:
        return data.decode(encoding), None
    except UnicodeDecodeError as err:
        good = err.start - err.start % 2
        line, column = _position(data[:good].decode(encoding), -1)
        message = f"invalid {encoding.upper()} at line {line}, column {column}; save the file as UTF-8"
        return None, ParseError.finding(Span.point(line, column), message)


def _utf16_without_bom(data: bytes) -> str | None:
    """Return the UTF-16 flavour of BOM-less text whose ASCII characters pair with NUL bytes."""
    head = data[:_SNIFF]
    pairs = len(head) // 2
    if pairs == 0 or len(data) % 2:
        return None
    even_nul = head[0::2].count(0)
    odd_nul = head[1::2].count(0)
    # Mostly-ASCII UTF-16 has a NUL in almost every pair, always on the same side.
    if odd_nul >= 0.9 * pairs and even_nul == 0:
        return "utf-16-le"
    if even_nul >= 0.9 * pairs and odd_nul == 0:
        return "utf-16-be"
    return None


def _position(text: str, offset: int) -> tuple[int, int]:
    """Return the (line, column) of ``offset`` in ``text``; -1 means just past its end."""
    index = LineIndex(text)
    return index.position(len(text) if offset < 0 else offset)
