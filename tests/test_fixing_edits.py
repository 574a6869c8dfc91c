"""Fix intents written as byte-exact edits: each kind (value, key, remove, text) in each format
(JSON, YAML block and flow, Python keyword arguments and dicts built earlier, notebook cells),
with CRLF, a BOM, tabs and a missing final newline kept."""

from __future__ import annotations

import json

from mplint.diagnostics import Fix
from mplint.fixing import Edit, text_edits
from mplint.fixing.edits import apply, plan
from mplint.fixing.notebook import replace_cell
from mplint.model import Span


def fixed(text: str, fmt: str, *fixes: Fix) -> str:
    return apply(text, plan(text, fmt, fixes))


def value(span: Span, new: object, safe: bool = True) -> Fix:
    return Fix("t", span, "", safe, "value", new)


def key(span: Span, new: str) -> Fix:
    return Fix("t", span, "", True, "key", new)


def remove(span: Span) -> Fix:
    return Fix("t", span, "", True, "remove")


JSON = '{\n  "A": 1,\n  "B": "gzip",\n  "C": true\n}\n'


def test_json_value_key_remove() -> None:
    assert fixed(JSON, "json", value(Span(3, 8, 3, 14), "Gzip")) == '{\n  "A": 1,\n  "B": "Gzip",\n  "C": true\n}\n'
    assert fixed(JSON, "json", key(Span(3, 3, 3, 6), "Bee")) == '{\n  "A": 1,\n  "Bee": "gzip",\n  "C": true\n}\n'
    assert fixed(JSON, "json", remove(Span(3, 3, 3, 14))) == '{\n  "A": 1,\n  "C": true\n}\n'
    # The last member takes the comma before it along.
    assert fixed(JSON, "json", remove(Span(4, 3, 4, 12))) == '{\n  "A": 1,\n  "B": "gzip"\n}\n'
    # A value that needs escaping is escaped; non-ASCII stays as written when the file has some.
    assert fixed(JSON, "json", value(Span(3, 8, 3, 14), 'a"b')) == '{\n  "A": 1,\n  "B": "a\\"b",\n  "C": true\n}\n'


def test_json_inline_members() -> None:
    text = '{"A": 1, "B": 2, "C": 3}'
    assert fixed(text, "json", remove(Span(1, 2, 1, 8))) == '{"B": 2, "C": 3}'
    assert fixed(text, "json", remove(Span(1, 10, 1, 16))) == '{"A": 1, "C": 3}'
    assert fixed(text, "json", remove(Span(1, 18, 1, 24))) == '{"A": 1, "B": 2}'
    assert fixed('{"A": 1}', "json", remove(Span(1, 2, 1, 8))) == "{}"


def test_crlf_bom_tabs_and_no_final_newline_are_kept() -> None:
    text = '{\r\n\t"A": 1,\r\n\t"B": "gzip"\r\n}'
    assert fixed(text, "json", value(Span(3, 7, 3, 13), "Gzip")) == '{\r\n\t"A": 1,\r\n\t"B": "Gzip"\r\n}'
    assert fixed(text, "json", remove(Span(2, 2, 2, 8))) == '{\r\n\t"B": "gzip"\r\n}'
    assert fixed(text, "json", remove(Span(3, 2, 3, 13))) == '{\r\n\t"A": 1\r\n}'
    # Mixed line endings: each line keeps its own.
    mixed = "A: 1\r\nB: gzip\nC: 3\r\n"
    assert fixed(mixed, "yaml", remove(Span(2, 1, 2, 8))) == "A: 1\r\nC: 3\r\n"
    assert fixed(mixed, "yaml", value(Span(2, 4, 2, 8), "Gzip")) == "A: 1\r\nB: Gzip\nC: 3\r\n"


YAML = "# header\nA: 1  # one\nB: gzip\nC: 'x'\nD: \"y\"\nE:\n  F: 2\n  G: 3\nH: 4\n"


def test_yaml_block_scalars_keep_their_quoting() -> None:
    assert fixed(YAML, "yaml", value(Span(3, 4, 3, 8), "Gzip")) == YAML.replace("B: gzip", "B: Gzip")
    assert fixed(YAML, "yaml", value(Span(4, 4, 4, 7), "it's")) == YAML.replace("C: 'x'", "C: 'it''s'")
    assert fixed(YAML, "yaml", value(Span(5, 4, 5, 7), "z")) == YAML.replace('D: "y"', 'D: "z"')
    # A plain scalar that would read back as another type is quoted.
    assert fixed(YAML, "yaml", value(Span(3, 4, 3, 8), "yes")) == YAML.replace("B: gzip", 'B: "yes"')
    assert fixed(YAML, "yaml", value(Span(3, 4, 3, 8), "1.5")) == YAML.replace("B: gzip", 'B: "1.5"')
    assert fixed(YAML, "yaml", value(Span(3, 4, 3, 8), True)) == YAML.replace("B: gzip", "B: true")
    assert fixed(YAML, "yaml", key(Span(3, 1, 3, 2), "Bee")) == YAML.replace("B: gzip", "Bee: gzip")


def test_yaml_block_and_multi_line_scalars_become_one_quoted_line() -> None:
    text = "A: |\n  gzip\nB: 1\n"
    assert fixed(text, "yaml", value(Span(1, 4, 3, 1), "Gzip")) == 'A: "Gzip"\nB: 1\n'
    assert fixed(text, "yaml", remove(Span(1, 1, 3, 1))) == "B: 1\n"
    text = "A: >-\n  gzip\n\nB: 1\n"
    assert fixed(text, "yaml", value(Span(1, 4, 4, 1), "Gzip")) == 'A: "Gzip"\n\nB: 1\n'
    text = "A: 'gz\n  ip'\nB: 1\n"
    assert fixed(text, "yaml", value(Span(1, 4, 2, 6), "Gzip")) == 'A: "Gzip"\nB: 1\n'


def test_yaml_block_removal_takes_the_lines() -> None:
    assert fixed(YAML, "yaml", remove(Span(2, 1, 2, 5))) == YAML.replace("A: 1  # one\n", "")
    # A nested mapping goes with all its lines; the comment above the file stays.
    assert fixed(YAML, "yaml", remove(Span(6, 1, 8, 7))) == "# header\nA: 1  # one\nB: gzip\nC: 'x'\nD: \"y\"\nH: 4\n"
    assert fixed(YAML, "yaml", remove(Span(7, 3, 7, 7))) == YAML.replace("  F: 2\n", "")
    # The first member of a sequence item: the next member moves up after "- ".
    assert fixed("L:\n  - A: 1\n    B: 2\n", "yaml", remove(Span(2, 5, 2, 9))) == "L:\n  - B: 2\n"
    # The only member of a sequence item cannot be removed by lines: the fix is not applied.
    assert fixed("L:\n  - A: 1\n", "yaml", remove(Span(2, 5, 2, 9))) == "L:\n  - A: 1\n"


def test_yaml_flow() -> None:
    text = "A: {x: 1, y: 'a', z: gzip}\n"
    assert fixed(text, "yaml", remove(Span(1, 5, 1, 9))) == "A: {y: 'a', z: gzip}\n"
    assert fixed(text, "yaml", remove(Span(1, 19, 1, 26))) == "A: {x: 1, y: 'a'}\n"
    assert fixed(text, "yaml", value(Span(1, 22, 1, 26), "Gzip")) == "A: {x: 1, y: 'a', z: Gzip}\n"
    assert fixed(text, "yaml", key(Span(1, 11, 1, 12), "w")) == "A: {x: 1, w: 'a', z: gzip}\n"


PY = 'sm.create_model_package(\n    ModelApprovalStatus=u"Approve",\n    ClientToken=None,  # later\n)\n'


def test_python_kwarg() -> None:
    assert fixed(PY, "python", value(Span(2, 25, 2, 35), "Approved")) == PY.replace('u"Approve"', 'u"Approved"')
    assert fixed(PY, "python", key(Span(2, 5, 2, 24), "ModelApprovalStatuz")) == PY.replace(
        "ModelApprovalStatus=", "ModelApprovalStatuz="
    )
    # Removing the last keyword argument takes its comment and line; the one before keeps its comma.
    assert fixed(PY, "python", remove(Span(3, 5, 3, 21))) == PY.replace("    ClientToken=None,  # later\n", "")
    assert fixed(PY, "python", remove(Span(2, 5, 2, 35))) == PY.replace('    ModelApprovalStatus=u"Approve",\n', "")
    one_line = "f(A=1, B='x')\n"
    assert fixed(one_line, "python", remove(Span(1, 3, 1, 6))) == "f(B='x')\n"
    assert fixed(one_line, "python", remove(Span(1, 8, 1, 13))) == "f(A=1)\n"


def test_python_dict_built_earlier() -> None:
    text = "spec = {\n    'Mode': r'gzip',\n    \"Old\": 'a', 'Keep': '''b''',\n}\nsm.create_model_package(**spec)\n"
    assert fixed(text, "python", value(Span(2, 13, 2, 20), "Gzip")) == text.replace("r'gzip'", "r'Gzip'")
    assert fixed(text, "python", key(Span(2, 5, 2, 11), "Mod")) == text.replace("'Mode'", "'Mod'")
    assert fixed(text, "python", remove(Span(3, 5, 3, 15))) == text.replace("\"Old\": 'a', ", "")
    assert fixed(text, "python", value(Span(3, 25, 3, 32), "c")) == text.replace("'''b'''", "'''c'''")


def test_python_value_that_is_not_a_plain_literal_is_left_alone() -> None:
    text = "f(A=f'{x}', B='a' 'b', C=b'x')\n"
    assert fixed(text, "python", value(Span(1, 5, 1, 11), "y")) == text
    assert fixed(text, "python", value(Span(1, 15, 1, 22), "y")) == text
    assert fixed(text, "python", value(Span(1, 26, 1, 30), "y")) == text


def test_text_kind_and_conflicts() -> None:
    text = '{"A": "gzip"}'
    first = Fix("one", Span(1, 7, 1, 13), '"Gzip"')
    overlapping = Fix("two", Span(1, 2, 1, 13), "", kind="remove")
    # The first in document order wins; the other waits for the next round.
    assert fixed(text, "json", overlapping, first) == "{}"
    assert fixed(text, "json", first, value(Span(1, 7, 1, 13), "GZIP")) == '{"A": "Gzip"}'
    # Spans outside the text are never applied.
    assert fixed(text, "json", Fix("far", Span(3, 1, 3, 2), "x")) == text
    assert fixed(text, "json", Fix("wide", Span(1, 7, 1, 99), "x")) == text


def test_text_edits_give_document_coordinates() -> None:
    text = "A: 1\r\nB: gzip\r\n"
    assert text_edits(text, "yaml", [remove(Span(1, 1, 1, 5)), value(Span(2, 4, 2, 8), "Gzip")]) == [
        Edit(Span(1, 1, 2, 1), ""),
        Edit(Span(2, 4, 2, 8), "Gzip"),
    ]
    # CloudFormation is written as JSON or YAML by its text.
    assert text_edits('{"A": "x"}', "cloudformation", [value(Span(1, 7, 1, 10), "y")]) == [
        Edit(Span(1, 7, 1, 10), '"y"')
    ]


def _notebook(source: object, extra: str = "") -> str:
    cell = {"cell_type": "code", "execution_count": 1, "metadata": {}, "outputs": [{"text": "é"}], "source": source}
    return (
        json.dumps(
            {"cells": [{"cell_type": "markdown", "metadata": {}, "source": ["# t"]}, cell], "nbformat": 4},
            indent=1,
            ensure_ascii=False,
        )
        + extra
    )


def test_notebook_cell_edit_rewrites_only_changed_strings() -> None:
    text = _notebook(["a = 1\n", "b = 'gzip'\n", "c = 3"])
    assert replace_cell(text, 2, "a = 1\nb = 'Gzip'\nc = 3") == text.replace("b = 'gzip'", "b = 'Gzip'")
    # A removed line goes with its separator; the layout of the rest stays.
    assert replace_cell(text, 2, "a = 1\nc = 3") == text.replace("    \"b = 'gzip'\\n\",\n", "")
    assert replace_cell(text, 2, "b = 'gzip'\nc = 3") == text.replace('    "a = 1\\n",\n', "")
    assert replace_cell(text, 2, "a = 1\nb = 'gzip'\n") == text.replace(',\n    "c = 3"', "")
    # A source written as one string is written as one string.
    single = _notebook("a = 'gzip'\n", "\n")
    assert replace_cell(single, 2, "a = 'Gzip'\n") == single.replace("a = 'gzip'", "a = 'Gzip'")
    assert replace_cell(text, 9, "x") is None


def test_python_removal_only_of_a_whole_keyword_argument_or_dict_entry() -> None:
    text = "f(x, A=1, B={'k': 2})\n"
    # A positional argument, part of a member, a value alone: libcst reads no member there.
    assert fixed(text, "python", remove(Span(1, 3, 1, 4))) == text
    assert fixed(text, "python", remove(Span(1, 6, 1, 8))) == text
    assert fixed(text, "python", remove(Span(1, 14, 1, 20))) == "f(x, A=1, B={})\n"
    assert fixed(text, "python", remove(Span(1, 14, 1, 17))) == text
    # A notebook cell with a magic line is read with the magic blanked.
    cell = "%matplotlib inline\nf(A=1, B=2)\n"
    assert fixed(cell, "python", remove(Span(2, 3, 2, 6))) == "%matplotlib inline\nf(B=2)\n"
