"""Nothing from the input reaches a terminal or a CI log as a control sequence (issue 12)."""

from __future__ import annotations

import pytest
from running import every_format

from mplint.api import lint_text
from mplint.engine.config import Config
from mplint.reporters.text import render

SCHEMA_ONLY = Config(select=("MP0", "MP1"))
# An OSC sequence (sets the terminal's title) written as a JSON escape in a member name.
OSC_KEY = '{"ModelPackageGroupName": "g", "\\u001b]0;pwned\\u0007\\u202e": 1}\n'
# Raw ESC and BEL bytes outside a string: the parse error's excerpt shows the raw line.
RAW_ESC = '{"ModelPackageGroupName": "g", \x1b[2J\x1b]0;t\x07 }\n'


@pytest.mark.parametrize("fmt", ["text", "json", "sarif", "github", "lsp"])
def test_control_characters_of_a_member_name_are_escaped_in_every_format(fmt: str) -> None:
    result = lint_text(OSC_KEY, "x.json", config=SCHEMA_ONLY, forced=True)
    assert [(d.code, d.message, d.path) for d in result.diagnostics] == [
        ("MP101", "Unknown member '\\x1b]0;pwned\\x07\\u202e' in the request", '"\\x1b]0;pwned\\x07\\u202e"')
    ]
    out = every_format(result)[fmt]
    assert not any(ch in out for ch in "\x1b\x07\u202e")


def test_a_raw_escape_sequence_in_an_excerpt_is_shown_as_control_pictures() -> None:
    result = lint_text(RAW_ESC, "x.json", config=SCHEMA_ONLY, forced=True)
    assert [(d.code, d.span.line, d.span.column) for d in result.diagnostics] == [("MP001", 1, 32)]
    text = render_text(result)
    assert ' 1 | {"ModelPackageGroupName": "g", \u241b[2J\u241b]0;t\u2407 }' in text.splitlines()
    assert "\x1b" not in text and "\x07" not in text


def render_text(result: object, quiet: bool = False) -> str:
    from mplint.api import RunResult

    return render(RunResult(files=[result]), False, quiet=quiet)  # type: ignore[list-item]


@pytest.mark.slow
def test_excerpts_of_one_long_line_are_windows_around_the_span() -> None:
    # A minified file: 2,000 unknown members on one line, each with an excerpt.
    members = ", ".join(f'"k{i:05d}": "{"v" * 300}"' for i in range(2_000))
    text = '{"ModelPackageGroupName": "g", ' + members + "}"
    result = lint_text(text, "x.json", config=Config(select=("MP101",)), forced=True)
    assert len(result.diagnostics) == 2_000
    lines = render_text(result).splitlines()
    excerpts = [line for line in lines if line.startswith(" 1 | ")]
    assert len(excerpts) == 2_000
    assert {len(line) for line in excerpts} == {160 + len(" 1 | ")}
    last = result.diagnostics[-1]
    assert (last.span.line, last.span.column) == (1, 31 + 1999 * (len('"k00000": "' + "v" * 300 + '", ')) + 1)
    assert excerpts[-1] == " 1 | " + text[last.span.column - 60 : last.span.column + 100]


def test_a_missing_path_with_an_escape_sequence_is_printed_escaped(tmp_path: object) -> None:
    from running import mplint

    ran = mplint("check", "no\x1b]0;t\x07.json", cwd=tmp_path)  # type: ignore[arg-type]
    assert ran.status == 2
    assert "no such file or directory: no\\x1b]0;t\\x07.json" in ran.stderr
    assert "\x1b" not in ran.stderr


def test_a_config_key_with_an_escape_sequence_is_printed_escaped(tmp_path: object) -> None:
    from pathlib import Path

    from running import mplint

    folder = Path(str(tmp_path))
    (folder / ".mplint.yaml").write_text('"sel\\e[2Ject": [MP1]\n', encoding="utf-8")
    (folder / "a.json").write_text('{"ModelPackageGroupName": "g"}\n', encoding="utf-8")
    ran = mplint("check", "a.json", cwd=folder)
    assert ran.status == 2
    assert "unknown configuration key 'sel\\x1b[2Ject'" in ran.stderr
    assert "\x1b" not in ran.stderr
