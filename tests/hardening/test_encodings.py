"""Encodings and line ends: every output format gives the same line and column (editor numbering)."""

from __future__ import annotations

import pytest
from running import every_format, positions

from mplint.api import FileResult
from mplint.engine.config import Config
from tests.linting import lint_file, rows

SCHEMA_ONLY = Config(select=("MP0", "MP1"))
REQUEST = '{\n  "ModelPackageGroupName": "g",\n  "ModelPackageName": 5\n}\n'


def lint(data: bytes, name: str = "x.json") -> FileResult:
    return lint_file(data, name, config=SCHEMA_ONLY)


def found(data: bytes, name: str = "x.json") -> list[tuple[str, int, int, str]]:
    return rows(lint(data, name).diagnostics, ("code", "line", "column", "message"))


WRONG_TYPE = ("MP102", 3, 23, "ModelPackageName must be a string, not the integer 5")


@pytest.mark.parametrize(
    ("data", "expected"),
    [
        pytest.param(b"\xef\xbb\xbf" + REQUEST.encode(), [WRONG_TYPE], id="utf-8-bom"),
        pytest.param(REQUEST.encode("utf-16"), [WRONG_TYPE], id="utf-16-bom"),
        pytest.param(REQUEST.encode("utf-16-le"), [WRONG_TYPE], id="utf-16-le-no-bom"),
        pytest.param(REQUEST.encode("utf-16-be"), [WRONG_TYPE], id="utf-16-be-no-bom"),
        pytest.param(REQUEST.replace("\n", "\r\n").encode(), [WRONG_TYPE], id="crlf"),
        pytest.param(REQUEST.replace("\n", "\r").encode(), [WRONG_TYPE], id="cr-only"),
        pytest.param(
            REQUEST.replace('"g"', '"caf\xe9"').encode("latin-1"),
            [("MP001", 2, 32, "invalid UTF-8 (byte 0xE9) at line 2, column 32; save the file as UTF-8")],
            id="latin-1",
        ),
        pytest.param(
            REQUEST.replace('"g"', '"g\x00"').encode(),
            [("MP001", 2, 30, "NUL byte at line 2, column 30; this is not a text file")],
            id="nul",
        ),
    ],
)
def test_decoding_and_line_ends(data: bytes, expected: list[tuple[str, int, int, str]]) -> None:
    assert found(data) == expected


@pytest.mark.parametrize("line_end", ["\n", "\r\n", "\r"], ids=["lf", "crlf", "cr"])
def test_every_format_agrees_on_line_and_column(line_end: str) -> None:
    text = (
        '{"ModelPackageDescription": "a\u2028b \U0001d4b3",'
        + line_end
        + ' "ModelPackageGroupName": "g", "ModelPackageName": 5}'
        + line_end
    )
    result = lint(text.encode())
    expected = [(2, 52)]
    assert positions(result) == {"json": expected, "sarif": expected, "github": expected, "text": expected}


def test_lsp_counts_columns_in_utf16_code_units() -> None:
    from mplint.lsp import lsp_range
    from mplint.sources.positions import LineIndex

    text = '{"ModelPackageDescription": "\U0001d4b3\u2028", "ModelPackageGroupName": "g", "ModelPackageName": 5}\n'
    result = lint(text.encode())
    (d,) = result.diagnostics
    assert (d.span.line, d.span.column) == (1, 85)  # characters: the astral letter counts once
    rng = lsp_range(d.span, LineIndex(text))
    assert (rng.start.line, rng.start.character) == (0, 85)  # 0-based, the letter counts twice


def test_text_excerpt_shows_the_right_line_for_cr_only_files() -> None:
    result = lint(REQUEST.replace("\n", "\r").encode())
    text = every_format(result)["text"]
    assert ' 3 |   "ModelPackageName": 5' in text.splitlines()


def test_text_excerpt_never_splits_at_u2028() -> None:
    data = '{"ModelPackageGroupName": "g",\n "ModelPackageDescription": "a\u2028b", "ModelPackageName": 5}\n'
    # Split at "\n" only: str.splitlines() itself would split at U+2028. The excerpt shows it
    # as U+FFFD: some terminals and CI logs break the line there.
    lines = every_format(lint(data.encode()))["text"].split("\n")
    assert ' 2 |  "ModelPackageDescription": "a\ufffdb", "ModelPackageName": 5}' in lines
