"""Notebooks: code cells joined, IPython syntax blanked, positions within the cell of the call."""

from __future__ import annotations

import json
import os

import pytest

from mplint.api import lint_text
from mplint.engine.config import Config
from mplint.model import Kind, Span
from mplint.sources import cell_text, notebook
from tests import linting

FIXTURES = os.path.join(os.path.dirname(__file__), "..", "fixtures", "notebook")


def make(*cells: tuple[str, str], language: str = "python") -> str:
    body = [{"cell_type": kind, "metadata": {}, "source": src.splitlines(keepends=True)} for kind, src in cells]
    meta = {"kernelspec": {"language": language, "name": "k"}}
    return json.dumps({"cells": body, "metadata": meta, "nbformat": 4, "nbformat_minor": 5})


def fixture(name: str) -> str:
    with open(os.path.join(FIXTURES, name), encoding="utf-8") as fh:
        return fh.read()


def findings(text: str, *select: str) -> list[tuple[str, str, int | None, int, int, str]]:
    return linting.findings(
        text, "n.ipynb", fields=("code", "path", "cell", "line", "column", "request"), select=select
    )


def test_dict_built_in_an_earlier_cell_is_followed() -> None:
    text = make(
        ("markdown", "# title\n"),
        ("code", "req = {\n    'ModelPackageGroupName': 'g',\n}\n"),
        ("code", "%time x = 1\nreq['ModelApprovalStatus'] = 'Approved'\nsm.create_model_package(**req)\n"),
    )
    (request,) = notebook.load(text, "n.ipynb").requests
    assert (request.label, request.cell, request.flavour) == ("create_model_package@cell3:L3", 3, "notebook")
    # Nodes keep positions in the joined code cells; ``place`` gives cell, line in cell, file span.
    place = request.place
    assert place is not None
    spans = {n.path: (n.kind, place(n.span)[:2], n.note) for n in request.root.walk()}
    assert spans == {
        "": (Kind.OBJECT, (3, Span(3, 1, 3, 31)), None),
        "ModelPackageGroupName": (Kind.STRING, (2, Span(2, 30, 2, 33)), None),
        "ModelApprovalStatus": (Kind.STRING, (3, Span(2, 30, 2, 40)), None),
    }


def test_magics_keep_lines_in_place() -> None:
    code = "!pip install x\nfiles = !ls\nfor f in files:\n    !echo $f\n    %time y = 1\nobj?\nx = (1,\n%2)\n"
    assert notebook.python_code(code).split("\n") == [
        "pass",
        "files = __ipython_magic__",
        "for f in files:",
        "    pass",
        "    pass",
        "pass",
        "x = (1,",
        "%2)",
        "",
    ]
    assert notebook.python_code("%%bash\necho hi\n") == "\n\n"
    assert notebook.python_code("%%time\nx = 1") == "\nx = 1"


def test_fixture_findings_name_the_cell() -> None:
    # The group name is written in cell 3 and passed in cell 5: it is reported where it is written.
    assert findings(fixture("broken.ipynb")) == [
        ("MP105", "ModelPackageGroupName", 3, 2, 36, "create_model_package@cell5:L1"),  # the "_" of bad_name
        ("MP104", "ModelApprovalStatus", 5, 3, 25, "create_model_package@cell5:L1"),
        (
            "MP301",
            "InferenceSpecification.SupportedTransformInstanceTypes[0]",
            5,
            8,
            45,
            "create_model_package@cell5:L1",
        ),
    ]
    assert findings(fixture("valid.ipynb")) == []


def test_noqa_counts_lines_of_the_call_cell() -> None:
    text = make(
        ("code", "x = 1\ny = 2  # noqa: MP104\n"),
        ("code", "sm.create_model_package(\n    ModelApprovalStatus='Approve',  # noqa: MP104\n)\n"),
        ("code", "y = 1\nsm.create_model_package(ModelApprovalStatus='Approve')\n"),
    )
    assert findings(text, "MP104") == [
        ("MP104", "ModelApprovalStatus", 3, 2, 45, "create_model_package@cell3:L2"),
    ]


def test_syntax_error_names_its_cell() -> None:
    text = make(("code", "import boto3\n"), ("code", "sm.create_model_package()\nx = = 1\n"))
    ((d),) = notebook.load(text, "n.ipynb").diagnostics
    assert (d.code, d.cell, d.span.line, d.span.column) == ("MP001", 2, 2, 5)


@pytest.mark.parametrize(
    ("text", "line", "column"),
    [
        pytest.param('{"cells": [\n  1,,\n]}', 2, 5, id="bad-json"),
        pytest.param('{"nbformat": 4}', 1, 1, id="no-cells"),
    ],
)
def test_invalid_notebook_is_a_parse_error(text: str, line: int, column: int) -> None:
    assert findings(text) == [("MP001", "", None, line, column, "")]


def test_other_languages_are_skipped() -> None:
    text = make(("code", "sm$create_model_package(x)\n"), language="R")
    assert notebook.load(text, "n.ipynb").requests == ()


def test_cell_text_counts_every_cell() -> None:
    text = make(("markdown", "# t\n"), ("code", "a = 1\nb = 2\n"))
    assert (cell_text(text, 2), cell_text(text, 3), cell_text("not json", 1)) == ("a = 1\nb = 2\n", None, None)


def placed(text: str, *select: str) -> list[tuple[str, str, int | None, int, int, int | None, int | None]]:
    """Return (code, path, cell, line, column, file line, file column) of each finding."""
    config = Config(select=select) if select else None
    result = lint_text(text, "n.ipynb", config=config, forced=True)
    return [
        (
            d.code,
            d.path,
            d.cell,
            d.span.line,
            d.span.column,
            d.file_span.line if d.file_span else None,
            d.file_span.column if d.file_span else None,
        )
        for d in result.diagnostics
    ]


def notebook_json(*cells: tuple[str, object], indent: int | None = 1) -> str:
    body = [{"cell_type": kind, "metadata": {}, "source": src} for kind, src in cells]
    doc = {"cells": body, "metadata": {"kernelspec": {"language": "python"}}, "nbformat": 4, "nbformat_minor": 5}
    return json.dumps(doc, indent=indent)


# Cell 2 writes the request, cell 3 is not Python, cell 4 passes the request with a bad status.
SPREAD = (
    ("markdown", "# t\n"),
    ("code", "req = {\n    'ModelPackageGroupName': 'bad name',\n}\n"),
    ("code", "pip install boto3\n"),
    ("code", "x = 1\nsm.create_model_package(**req, ModelApprovalStatus='Approve')\n"),
)


def test_a_bad_cell_is_one_finding_and_the_other_cells_are_still_checked() -> None:
    text = make(*SPREAD)
    result = lint_text(text, "n.ipynb", config=Config(select=("MP1", "MP001")), forced=True)
    assert [(d.code, d.cell, d.span, d.request, d.message) for d in result.diagnostics] == [
        (
            "MP105",
            2,
            Span(2, 34, 2, 35),
            "create_model_package@cell4:L2",  # the space of 'bad name'
            result.diagnostics[0].message,
        ),
        ("MP001", 3, Span(1, 5, 1, 6), "", "Python syntax error: invalid syntax"),
        ("MP104", 4, Span(2, 52, 2, 61), "create_model_package@cell4:L2", result.diagnostics[2].message),
    ]
    assert result.diagnostics[0].message.startswith("ModelPackageGroupName 'bad name': a model package group name is")


def test_a_request_in_a_cell_after_several_bad_cells_is_found() -> None:
    text = notebook_json(
        ("code", ["def f(:\n", "    pass\n"]),
        ("code", ["%%bash\n", "echo ok\n"]),  # a known non-Python cell magic: blanked, not reported
        ("code", ["cd ..\n"]),
        ("code", ["x = (1,\n"]),
        ("code", ["sm.create_model_package(ModelApprovalStatus='Approve')\n"]),
    )
    assert placed(text, "MP104", "MP001") == [
        ("MP001", "", 1, 1, 7, 7, 12),
        ("MP001", "", 3, 1, 5, 23, 10),
        ("MP001", "", 4, 1, 5, 30, 10),
        ("MP104", "ModelApprovalStatus", 5, 1, 45, 37, 50),
    ]
    lines = text.splitlines()
    assert (lines[6][11], lines[22][8:10], lines[29][9], lines[36][49:58]) == (":", "..", "(", "'Approve'")


def test_a_value_is_reported_in_its_cell_and_its_cell_suppressions_apply() -> None:
    text = make(
        (
            "code",
            "req = {\n    'ModelApprovalStatus': 'Approve',  # noqa: MP104\n    'ModelPackageGroupName': 'a b',\n}\n",
        ),
        ("code", "sm.create_model_package(**req)\n"),
    )
    assert findings(text, "MP104", "MP105") == [
        ("MP105", "ModelPackageGroupName", 1, 3, 32, "create_model_package@cell2:L1"),  # the space of 'a b'
    ]


@pytest.mark.parametrize("line_end", ["\n", "\r", "\r\n"], ids=["lf", "cr-only", "crlf"])
def test_file_lines_of_a_source_written_as_a_list_of_lines(line_end: str) -> None:
    # The file's own line ends (between JSON tokens) count as editors count them.
    text = notebook_json(*((k, s.splitlines(keepends=True)) for k, s in SPREAD)).replace("\n", line_end)
    lines = text.splitlines()
    assert lines[14].strip().startswith("\"    'ModelPackageGroupName")
    assert placed(text, "MP1", "MP001") == [
        ("MP105", "ModelPackageGroupName", 2, 2, 34, 15, 39),  # the space of 'bad name'
        ("MP001", "", 3, 1, 5, 23, 10),
        ("MP104", "ModelApprovalStatus", 4, 2, 52, 31, 57),
    ]
    assert lines[14][34:44] == "'bad name'" and lines[30][56:65] == "'Approve'"


def test_file_lines_of_a_source_written_as_one_string() -> None:
    text = notebook_json(*SPREAD)
    lines = text.splitlines()
    # '"req = {\n    ' is 15 characters of the file before the name's line's text starts.
    assert placed(text, "MP1", "MP001") == [
        ("MP105", "ModelPackageGroupName", 2, 2, 34, 11, 57),
        ("MP001", "", 3, 1, 5, 16, 19),
        ("MP104", "ModelApprovalStatus", 4, 2, 52, 21, 73),
    ]
    assert lines[10][52:62] == "'bad name'" and lines[15][18:25] == "install"


def test_file_lines_of_a_minified_notebook() -> None:
    text = notebook_json(*SPREAD, indent=None)
    assert "\n" not in text
    found = placed(text, "MP1", "MP001")
    assert [(c, cell, line, fl) for c, _, cell, line, _, fl, _ in found] == [
        ("MP105", 2, 2, 1),
        ("MP001", 3, 1, 1),
        ("MP104", 4, 2, 1),
    ]
    assert [text[fc - 1 : fc + 8] if fc else None for *_, fc in found] == [" name',\\n", "install b", "'Approve'"]


def test_file_positions_count_escapes_and_astral_characters() -> None:
    # json.dumps writes "é" as \u00e9 (6 characters) and U+1F600 as a surrogate pair (12).
    text = notebook_json(
        ("code", "x = '\u00e9\U0001f600\\t'; sm.create_model_package(ModelApprovalStatus='Approve')"), indent=None
    )
    ((code, _, cell, line, column, file_line, file_column),) = placed(text, "MP104")
    assert (code, cell, line, column) == ("MP104", 1, 1, 57)
    assert file_column is not None and (file_line, text[file_column - 1 : file_column + 8]) == (1, "'Approve'")


def test_ci_formats_address_the_file_and_json_adds_file_line() -> None:
    from mplint.api import RunResult
    from mplint.reporters import github, json_report, sarif

    text = notebook_json(*((k, s.splitlines(keepends=True)) for k, s in SPREAD))
    result = lint_text(text, "nb/n.ipynb", config=Config(select=("MP104",)), forced=True)
    run = RunResult(files=[result])
    (out,) = json.loads(json_report.render(run))["diagnostics"]
    assert (out["cell"], out["line"], out["column"], out["end_line"], out["end_column"], out["file_line"]) == (
        4,
        2,
        52,
        2,
        61,
        31,
    )
    (res,) = sarif.log(run)["runs"][0]["results"]
    assert res["locations"][0]["physicalLocation"]["region"] == {
        "startLine": 31,
        "startColumn": 57,
        "endLine": 31,
        "endColumn": 66,
    }
    assert res["properties"]["cell"] == 4
    assert github.render(run).startswith(
        "::error file=nb/n.ipynb,line=31,col=57,endLine=31,endColumn=66,title=MP104 invalid-enum-value (cell 4)::"
    )


def test_nbformat_3_worksheets_are_read_and_every_cell_counted() -> None:
    cells = [
        {"cell_type": "heading", "level": 1, "metadata": {}, "source": ["Title"]},
        {
            "cell_type": "code",
            "language": "python",
            "metadata": {},
            "outputs": [],
            "input": ["req = {'ModelPackageGroupName': 'a b'}\n"],
        },
    ]
    later = [
        {"cell_type": "markdown", "metadata": {}, "source": "text"},
        {
            "cell_type": "code",
            "language": "python",
            "metadata": {},
            "outputs": [],
            "input": "sm.create_model_package(**req, ModelApprovalStatus='Approve')",
        },
    ]
    doc = {
        "metadata": {"name": "old"},
        "nbformat": 3,
        "nbformat_minor": 0,
        "worksheets": [{"cells": cells, "metadata": {}}, {"cells": later, "metadata": {}}],
    }
    text = json.dumps(doc, indent=1)
    assert placed(text, "MP104", "MP105") == [
        ("MP105", "ModelPackageGroupName", 2, 1, 35, 24, 42),
        ("MP104", "ModelApprovalStatus", 4, 1, 52, 42, 67),
    ]
    lines = text.splitlines()
    assert (lines[23][39:44], lines[41][66:75]) == ("'a b'", "'Approve'")
    assert (cell_text(text, 1), cell_text(text, 3), cell_text(text, 5)) == ("Title", "text", None)


def test_a_thousand_cells_with_a_bad_one_among_them() -> None:
    cells = [("code", f"v{i} = {i}\n") for i in range(1000)]
    cells[500] = ("code", "v500 = = 1\n")
    cells[998] = ("code", "req = {'ModelApprovalStatus': 'Approve'}\n")
    cells[999] = ("code", "sm.create_model_package(**req)\n")
    assert findings(make(*cells), "MP104", "MP001") == [
        ("MP001", "", 501, 1, 8, ""),
        ("MP104", "ModelApprovalStatus", 999, 1, 31, "create_model_package@cell1000:L1"),
    ]


def test_cr_only_line_ends_count_as_lines() -> None:
    text = notebook_json(
        ("code", "req = {\r    'ModelPackageGroupName': 'a b',\r}\r"),
        ("code", "x = 1\r\ny = = 2\r\n"),
        ("code", "x = 1\rsm.create_model_package(**req, ModelApprovalStatus='Approve')\r"),
    )
    assert placed(text, "MP1", "MP001") == [
        ("MP105", "ModelPackageGroupName", 1, 2, 32, 6, 55),
        ("MP001", "", 2, 2, 5, 11, 28),
        ("MP104", "ModelApprovalStatus", 3, 2, 52, 16, 73),
    ]
    lines = text.splitlines()
    assert (lines[5][52:57], lines[10][27], lines[15][72:81]) == ("'a b'", "=", "'Approve'")


@pytest.mark.parametrize(
    "source",
    [
        pytest.param(None, id="null"),
        pytest.param(7, id="number"),
        pytest.param({"a": "b"}, id="object"),
        pytest.param(["x = 1\n", 3, None, "y = 2\n"], id="list-with-non-strings"),
    ],
)
def test_odd_source_types_are_read_as_what_they_hold(source: object) -> None:
    text = notebook_json(
        ("code", source),
        ("code", ["req = {'ModelApprovalStatus': 'Approve'}\n", "sm.create_model_package(**req)\n"]),
    )
    # The request's cell starts after the odd cell's lines: 12 for null/number, 14 for {"a": "b"}
    # written over three lines, 17 for a list of four items.
    file_line = {type(None): 12, int: 12, dict: 14, list: 17}[type(source)]
    assert placed(text, "MP104") == [("MP104", "ModelApprovalStatus", 2, 1, 31, file_line, 36)]
    assert text.splitlines()[file_line - 1][35:44] == "'Approve'"


def test_a_string_item_after_non_strings_is_found_at_its_own_place() -> None:
    text = notebook_json(("code", [1, "x = 1\n", None, "sm.create_model_package(ModelApprovalStatus='Approve')\n"]))
    assert placed(text, "MP104") == [("MP104", "ModelApprovalStatus", 1, 2, 45, 10, 50)]
    assert text.splitlines()[9][49:58] == "'Approve'"


def test_cells_that_are_not_objects_are_counted_and_skipped() -> None:
    doc = {
        "cells": [3, "x", None, {"cell_type": "code", "source": "sm.create_model_package(ModelApprovalStatus='A')"}],
        "metadata": {},
    }
    assert findings(json.dumps(doc), "MP104") == [
        ("MP104", "ModelApprovalStatus", 4, 1, 45, "create_model_package@cell4:L1")
    ]


def test_a_bad_cell_is_suppressed_by_its_own_cell_only() -> None:
    text = make(
        ("code", "x = 1  # noqa: MP001\n"),
        ("code", "y = = 1\n"),
        ("code", "z = = 2  # noqa: MP001\n"),
        ("code", "sm.create_model_package(ModelApprovalStatus='Approve')\n"),
    )
    assert findings(text, "MP001", "MP104") == [
        ("MP001", "", 2, 1, 5, ""),
        ("MP104", "ModelApprovalStatus", 4, 1, 45, "create_model_package@cell4:L1"),
    ]


def test_a_cell_in_newer_syntax_that_libcst_reads_is_kept() -> None:
    # PEP 695 (Python 3.12): the running compiler may refuse it, libcst reads it; no MP001.
    text = make(
        ("code", "type Status = str\nreq = {'ModelApprovalStatus': 'Approve'}\n"),
        ("code", "sm.create_model_package(**req)\n"),
    )
    assert findings(text, "MP001", "MP104") == [
        ("MP104", "ModelApprovalStatus", 1, 2, 31, "create_model_package@cell2:L1"),
    ]


def test_every_character_of_every_cell_maps_to_where_the_file_writes_it() -> None:
    """Random sources (escapes, CR, astral and lone surrogates, NUL, non-string items), written
    as one string or a list, minified or indented, with the file's own line ends LF or CR: the
    file position of each character is where the file's JSON string holds it."""
    import random
    from json.decoder import scanstring  # type: ignore[attr-defined]

    from mplint.sources.positions import LineIndex

    rng = random.Random(7)
    alphabet = ["a", " ", "\n", "\r", "\r\n", "\t", '"', "\\", "\u00e9", "\U0001f600", "\u2028", "\x00", "\ud800"]
    checked = 0
    for _ in range(200):
        cells = []
        for _ in range(rng.randint(1, 4)):
            src = "".join(rng.choice(alphabet) for _ in range(rng.randint(0, 20)))
            if rng.random() < 0.5:
                cuts = sorted(rng.sample(range(1, len(src)), min(3, max(len(src) - 1, 0)))) if len(src) > 1 else []
                pieces: list[object] = [src[i:j] for i, j in zip([0, *cuts], [*cuts, len(src)]) if i < j]
                if rng.random() < 0.3:
                    pieces.insert(rng.randint(0, len(pieces)), 5)
                cells.append({"cell_type": "code", "source": pieces})
            else:
                cells.append({"cell_type": "code", "source": src})
        text = json.dumps({"cells": cells}, indent=rng.choice([None, 1]), ensure_ascii=rng.random() < 0.5)
        if rng.random() < 0.3:
            text = text.replace("\n", "\r")
        read = notebook._all_cells(text)
        assert read is not None
        places, lines = notebook.Places(text, read), LineIndex(text)
        for k, cell in enumerate(read, start=1):
            index = LineIndex(cell.source)
            for offset, ch in enumerate(cell.source):
                line, column = index.position(offset)
                if index.offset(line, column) != offset:
                    continue  # the "\n" of a "\r\n": not a position of its own
                at = places.file_point(k, line, column)
                assert at is not None
                assert scanstring(text, lines.offset(*at))[0][:1] == ch, (cell.source, offset)
                checked += 1
    assert checked > 1000


def test_a_cell_python_compiles_but_is_too_deep_to_analyse_is_one_finding_and_the_rest_is_read() -> None:
    deep = "req = {'ModelApprovalStatus': 'Approve', 'X': " + "[" * 150 + "]" * 150 + "}\n"
    text = make(
        ("code", deep),
        ("code", "sm.create_model_package(**req)\nsm.create_model_package(ModelApprovalStatus='Rejectd')\n"),
    )
    assert findings(text, "MP001", "MP104") == [
        ("MP001", "", 1, 1, 146, ""),
        ("MP104", "ModelApprovalStatus", 2, 2, 45, "create_model_package@cell2:L2"),
    ]


def test_a_helper_of_an_earlier_cell_called_before_the_request_makes_its_change_unknown() -> None:
    helper = "def approve(req):\n    spec['ModelApprovalStatus'] = 'Approved'\n"
    setup = "spec = {'ModelPackageGroupName': 'g', 'ModelApprovalStatus': 'Aproved'}\n"
    call = "sm.create_model_package(**spec)\n"
    called = make(("code", setup), ("code", helper), ("code", "approve(spec)\n"), ("code", call))
    assert findings(called, "MP104") == []
    uncalled = make(("code", setup), ("code", helper), ("code", call))
    assert findings(uncalled, "MP104") == [("MP104", "ModelApprovalStatus", 1, 1, 62, "create_model_package@cell3:L1")]
