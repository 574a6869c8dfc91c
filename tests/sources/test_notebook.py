"""Notebooks: code cells joined, IPython syntax blanked, positions within the cell of the call."""

from __future__ import annotations

import json
import os

import pytest

from mplint.api import lint_text
from mplint.config import Config
from mplint.model import Kind
from mplint.sources import cell_text, notebook

FIXTURES = os.path.join(os.path.dirname(__file__), "..", "fixtures", "notebook")


def make(*cells: tuple[str, str], language: str = "python") -> str:
    body = [{"cell_type": kind, "metadata": {}, "source": src.splitlines(keepends=True)} for kind, src in cells]
    meta = {"kernelspec": {"language": language, "name": "k"}}
    return json.dumps({"cells": body, "metadata": meta, "nbformat": 4, "nbformat_minor": 5})


def fixture(name: str) -> str:
    with open(os.path.join(FIXTURES, name), encoding="utf-8") as fh:
        return fh.read()


def findings(text: str, *select: str) -> list[tuple[str, str, int | None, int, int, str]]:
    config = Config(select=select) if select else None
    result = lint_text(text, "n.ipynb", config=config, forced=True)
    return [(d.code, d.path, d.cell, d.span.line, d.span.column, d.request) for d in result.diagnostics]


def test_dict_built_in_an_earlier_cell_is_followed() -> None:
    text = make(
        ("markdown", "# title\n"),
        ("code", "req = {\n    'ModelPackageGroupName': 'g',\n}\n"),
        ("code", "%time x = 1\nreq['ModelApprovalStatus'] = 'Approved'\nsm.create_model_package(**req)\n"),
    )
    (request,) = notebook.load(text, "n.ipynb").requests
    assert (request.label, request.cell, request.flavour) == ("create_model_package@cell3:L3", 3, "notebook")
    assert request.names["@line"] == "3"
    spans = {n.path: (n.kind, n.span.line, n.span.column, n.note) for n in request.root.walk()}
    assert spans == {
        "": (Kind.OBJECT, 3, 1, None),
        "ModelPackageGroupName": (Kind.STRING, 3, 1, "written in cell 2, line 2"),
        "ModelApprovalStatus": (Kind.STRING, 2, 30, None),
    }


def test_magics_keep_lines_in_place() -> None:
    code = "!pip install x\nfiles = !ls\nfor f in files:\n    !echo $f\n    %time y = 1\nobj?\nx = (1,\n%2)\n"
    assert notebook.python_code(code).split("\n") == [
        "pass", "files = __ipython_magic__", "for f in files:", "    pass", "    pass", "pass",
        "x = (1,", "%2)", "",
    ]
    assert notebook.python_code("%%bash\necho hi\n") == "\n\n"
    assert notebook.python_code("%%time\nx = 1") == "\nx = 1"


def test_fixture_findings_name_the_cell() -> None:
    assert findings(fixture("broken.ipynb")) == [
        ("MP105", "ModelPackageGroupName", 5, 1, 12, "create_model_package@cell5:L1"),
        ("MP104", "ModelApprovalStatus", 5, 3, 25, "create_model_package@cell5:L1"),
        ("MP301", "InferenceSpecification.SupportedTransformInstanceTypes[0]", 5, 8, 45,
         "create_model_package@cell5:L1"),
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
