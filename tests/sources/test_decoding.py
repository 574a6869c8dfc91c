"""Bytes to text: encodings that read, and bytes that give a parse error at the bad byte."""

from __future__ import annotations

import codecs

import pytest

from mplint.sources import decode, load

REQUEST = '{\n  "ModelPackageName": "café"\n}\n'

GOOD = [
    ("utf-8", REQUEST.encode("utf-8")),
    ("utf-8-bom", codecs.BOM_UTF8 + REQUEST.encode("utf-8")),
    ("utf-16-le-bom", codecs.BOM_UTF16_LE + REQUEST.encode("utf-16-le")),
    ("utf-16-be-bom", codecs.BOM_UTF16_BE + REQUEST.encode("utf-16-be")),
    ("utf-16-le-no-bom", REQUEST.encode("utf-16-le")),
    ("utf-16-be-no-bom", REQUEST.encode("utf-16-be")),
]


@pytest.mark.parametrize("data", [g[1] for g in GOOD], ids=[g[0] for g in GOOD])
def test_encodings_decode_to_the_same_text(data: bytes) -> None:
    assert decode(data) == (REQUEST, None)


def test_bom_does_not_shift_positions() -> None:
    text, _ = decode(codecs.BOM_UTF8 + REQUEST.encode("utf-8"))
    loaded = load(text or "", "x.json", "json")
    assert loaded is not None
    node = loaded.requests[0].root.find("ModelPackageName")
    assert node is not None and (node.span.line, node.span.column, node.key_span.column) == (2, 23, 3)  # type: ignore[union-attr]


BAD = [
    (
        "invalid-utf-8",
        b'{\n  "ModelPackageName": "caf\xe9"\n}',
        (2, 27),
        "invalid UTF-8 (byte 0xE9) at line 2, column 27",
    ),
    ("invalid-after-non-ascii", '{"é": 1,\n "x": "'.encode() + b'\xff"}', (2, 8), "byte 0xFF"),
    ("binary-png", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", (1, 1), "byte 0x89"),
    ("nul-byte", b'{"ModelPackageName":\n "a\x00"}', (2, 4), "NUL byte at line 2, column 4"),
]


@pytest.mark.parametrize(("data", "where", "words"), [b[1:] for b in BAD], ids=[b[0] for b in BAD])
def test_unreadable_bytes_give_a_parse_error_at_the_bad_byte(data: bytes, where: tuple[int, int], words: str) -> None:
    text, finding = decode(data)
    assert text is None and finding is not None
    assert (finding.code, finding.path, finding.span.line, finding.span.column) == ("MP001", "", *where)
    assert words in finding.message
