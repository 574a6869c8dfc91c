"""The language server, spoken to over stdio like an editor does (no mocks of the server)."""

from __future__ import annotations

import time
from pathlib import Path
from typing import Any

import pytest

from mplint import __version__
from mplint.result import DOCS_URI, help_uri
from tests.lsp_client import Client, found, open_doc

pytestmark = pytest.mark.slow


pytest.importorskip("pygls")

BROKEN_YAML = 'ModelPackageGroupName: churn models\nTags:\n  - {Key: "\U0001d4b3", Value: v, Bad: 1}\n'
FIXED_YAML = "ModelPackageGroupName: churn-models\nTags:\n  - {Key: team, Value: growth}\n"


@pytest.fixture
def client(tmp_path):
    # Only the schema rules, so findings of rules added later do not change these cases.
    (tmp_path / ".mplint.yaml").write_text("select: [MP1]\n", encoding="utf-8")
    c = Client(tmp_path)
    yield c
    c.kill()


def test_open_change_close_of_a_yaml_request(client, tmp_path):
    init = client.initialize(tmp_path)
    assert init["serverInfo"] == {"name": "mplint", "version": __version__}
    assert init["capabilities"]["codeActionProvider"] == {"codeActionKinds": ["quickfix", "source.fixAll.mplint"]}
    assert init["capabilities"]["hoverProvider"] is True
    uri = open_doc(client, tmp_path / "request.yaml", BROKEN_YAML, "yaml")
    params = client.diagnostics(uri)
    assert params["version"] == 1
    # Line 3 holds U+1D4B3 before "Bad": two UTF-16 units, so "Bad" starts at character 26, not 25.
    assert found(params) == [
        ("MP105", 1, 0, 28, 0, 29),  # the space of "churn models"
        ("MP101", 1, 2, 26, 2, 29),
    ]
    first = params["diagnostics"][0]
    assert first["source"] == "mplint"
    # The rule's page, from the one function SARIF's helpUri uses too.
    assert first["codeDescription"] == {"href": help_uri("MP105")}
    assert help_uri("MP105") == DOCS_URI + "#mp105"
    assert first["data"] == {"name": "pattern-mismatch", "path": "ModelPackageGroupName", "request": ""}
    client.notify(
        "textDocument/didChange", {"textDocument": {"uri": uri, "version": 2}, "contentChanges": [{"text": FIXED_YAML}]}
    )
    assert client.diagnostics(uri) == {"uri": uri, "version": 2, "diagnostics": []}
    client.notify("textDocument/didClose", {"textDocument": {"uri": uri}})
    assert client.diagnostics(uri) == {"uri": uri, "diagnostics": []}
    assert client.close() == 0


def test_only_the_latest_of_quick_changes_is_published(client, tmp_path):
    client.initialize(tmp_path)
    uri = open_doc(client, tmp_path / "request.json", '{"ModelPackageGroupName": "ok-name"}', "json")
    assert client.diagnostics(uri)["diagnostics"] == []
    for version, name in ((2, "a b"), (3, "c d"), (4, "e f g")):
        client.notify(
            "textDocument/didChange",
            {
                "textDocument": {"uri": uri, "version": version},
                "contentChanges": [{"text": f'{{"ModelPackageGroupName": "{name}"}}'}],
            },
        )
    params = client.diagnostics(uri)
    assert (params["version"], found(params)) == (4, [("MP105", 1, 0, 28, 0, 29)])  # the space after "e"
    assert client.close() == 0


def test_a_file_that_is_no_request_gets_no_diagnostics(client, tmp_path):
    client.initialize(tmp_path)
    uri = open_doc(client, tmp_path / "package.json", '{"name": "web", "version": "1.0.0",}', "json")
    assert client.diagnostics(uri)["diagnostics"] == []
    assert client.close() == 0


def test_bad_config_is_shown_as_a_message_not_a_crash(client, tmp_path):
    (tmp_path / ".mplint.yaml").write_text("selectt: [MP1]\n", encoding="utf-8")
    client.initialize(tmp_path)
    uri = open_doc(client, tmp_path / "request.yaml", BROKEN_YAML, "yaml")
    shown = client.wait(lambda m: m.get("method") == "window/showMessage")
    assert shown["params"]["type"] == 1
    assert shown["params"]["message"].startswith("mplint: ") and ".mplint.yaml" in shown["params"]["message"]
    assert client.diagnostics(uri)["diagnostics"] == []
    assert client.close() == 0


def test_conversion_to_utf16_ranges_and_fix_data():
    from mplint.diagnostics import Diagnostic, Fix, Severity
    from mplint.lsp import to_lsp
    from mplint.model import Span
    from mplint.sources.positions import LineIndex

    index = LineIndex("a: 1\nb: '\U0001f600' x\n")
    d = Diagnostic(
        "MP104",
        "invalid-enum-value",
        Severity.WARNING,
        "bad",
        Span(2, 9, 2, 10),
        "b",
        request="R",
        fix=Fix("Use y", Span(2, 9, 2, 10), "y"),
    )
    out = to_lsp(d, index)
    assert (out.range.start.line, out.range.start.character, out.range.end.character) == (1, 9, 10)
    assert (out.severity, out.code, out.message) == (2, "MP104", "bad [R]")
    assert out.data["fix"] == {
        "title": "Use y",
        "replacement": "y",
        "range": [1, 9, 1, 10],
        "span": [2, 9, 2, 10],
        "safe": True,
        "kind": "text",
        "value": None,
    }
    assert out.code_description is not None and out.code_description.href == help_uri("MP104")


# A notebook: a title, a cell that builds the request, a cell that is not Python, the call.
NOTEBOOK_CELLS = [
    ("markdown", "# Register\n"),
    ("python", "req = {\n    'ModelPackageGroupName': 'bad name',\n}\n"),
    ("python", "pip install boto3\n"),
    ("python", "sm.create_model_package(**req, ModelApprovalStatus='Approve')\n"),
]


@pytest.fixture
def nb_client(tmp_path):
    (tmp_path / ".mplint.yaml").write_text("select: [MP001, MP1]\n", encoding="utf-8")
    c = Client(tmp_path)
    yield c
    c.kill()


def cell_uri(path: Path, k: int) -> str:
    return f"vscode-notebook-cell:{path.as_posix()}#W{k}sZmlsZQ%3D%3D"


def per_cell(client: Client, uris: list[str]) -> dict[str, list[tuple]]:
    """Return the next published diagnostics of each of ``uris``, in whatever order they come."""
    out: dict[str, list[tuple]] = {}
    while len(out) < len(uris):
        params = client.wait(
            lambda m: (
                m.get("method") == "textDocument/publishDiagnostics"
                and m["params"]["uri"] in uris
                and m["params"]["uri"] not in out
            )
        )["params"]
        out[params["uri"]] = found(params)
    return out


def test_notebook_synced_as_a_notebook_is_linted_per_cell(nb_client, tmp_path):
    init = nb_client.initialize(tmp_path, notebooks=True)
    assert init["capabilities"]["notebookDocumentSync"]["notebookSelector"] == [
        {"notebook": "jupyter-notebook", "cells": [{"language": "python"}]}
    ]
    path = tmp_path / "nb.ipynb"
    uris = [cell_uri(path, k) for k in range(len(NOTEBOOK_CELLS))]
    nb_client.notify(
        "notebookDocument/didOpen",
        {
            "notebookDocument": {
                "uri": path.as_uri(),
                "notebookType": "jupyter-notebook",
                "version": 1,
                "cells": [
                    {"kind": 1 if lang == "markdown" else 2, "document": u}
                    for u, (lang, _) in zip(uris, NOTEBOOK_CELLS)
                ],
            },
            "cellTextDocuments": [
                {"uri": u, "languageId": lang, "version": 1, "text": text}
                for u, (lang, text) in zip(uris, NOTEBOOK_CELLS)
            ],
        },
    )
    assert per_cell(nb_client, uris) == {
        uris[0]: [],
        uris[1]: [("MP105", 1, 1, 33, 1, 34)],  # the character that breaks the pattern, in the cell that writes it
        uris[2]: [("MP001", 1, 0, 4, 0, 5)],
        uris[3]: [("MP104", 1, 0, 51, 0, 60)],
    }
    # Fix the name in cell 2: its diagnostics clear, the others stay.
    nb_client.notify(
        "notebookDocument/didChange",
        {
            "notebookDocument": {"uri": path.as_uri(), "version": 2},
            "change": {
                "cells": {
                    "textContent": [
                        {
                            "document": {"uri": uris[1], "version": 2},
                            "changes": [
                                {
                                    "range": {
                                        "start": {"line": 1, "character": 30},
                                        "end": {"line": 1, "character": 38},
                                    },
                                    "text": "good-name",
                                }
                            ],
                        }
                    ]
                }
            },
        },
    )
    assert per_cell(nb_client, uris) == {
        uris[0]: [],
        uris[1]: [],
        uris[2]: [("MP001", 1, 0, 4, 0, 5)],
        uris[3]: [("MP104", 1, 0, 51, 0, 60)],
    }
    nb_client.notify(
        "notebookDocument/didClose",
        {"notebookDocument": {"uri": path.as_uri()}, "cellTextDocuments": [{"uri": u} for u in uris]},
    )
    assert per_cell(nb_client, uris) == {u: [] for u in uris}
    assert nb_client.close() == 0


def test_notebook_cells_sent_as_text_documents_are_python_with_earlier_cells_in_scope(nb_client, tmp_path):
    nb_client.initialize(tmp_path)
    path = tmp_path / "nb.ipynb"
    uris = [cell_uri(path, k) for k in range(len(NOTEBOOK_CELLS))]
    for u, (lang, text) in zip(uris, NOTEBOOK_CELLS):
        nb_client.notify(
            "textDocument/didOpen", {"textDocument": {"uri": u, "languageId": lang, "version": 1, "text": text}}
        )
    # Each open re-checks the cells open so far; wait for the state after the last one.
    expected = {
        uris[0]: [],
        uris[1]: [("MP105", 1, 1, 33, 1, 34)],
        uris[2]: [("MP001", 1, 0, 4, 0, 5)],
        uris[3]: [("MP104", 1, 0, 51, 0, 60)],
    }
    deadline = time.monotonic() + 30
    latest: dict[str, list[tuple]] = {}
    while latest != expected and time.monotonic() < deadline:
        params = nb_client.wait(lambda m: m.get("method") == "textDocument/publishDiagnostics")["params"]
        latest[params["uri"]] = found(params)
    assert latest == expected
    # Closing the cell that builds the request leaves the call with nothing known to check.
    nb_client.notify("textDocument/didClose", {"textDocument": {"uri": uris[1]}})
    assert nb_client.diagnostics(uris[1])["diagnostics"] == []
    assert per_cell(nb_client, [uris[0], uris[2], uris[3]]) == {
        uris[0]: [],
        uris[2]: [("MP001", 1, 0, 4, 0, 5)],
        uris[3]: [("MP104", 1, 0, 51, 0, 60)],
    }
    assert nb_client.close() == 0


def test_a_python_cell_document_is_not_read_as_notebook_json(nb_client, tmp_path):
    nb_client.initialize(tmp_path)
    uri = cell_uri(tmp_path / "nb.ipynb", 0)
    nb_client.notify(
        "textDocument/didOpen",
        {
            "textDocument": {
                "uri": uri,
                "languageId": "python",
                "version": 1,
                "text": "import boto3\nboto3.client('sagemaker').create_model_package(ModelPackageGroupName='a b')\n",
            }
        },
    )
    assert found(nb_client.diagnostics(uri)) == [("MP105", 1, 1, 71, 1, 72)]  # the space of 'a b'
    assert nb_client.close() == 0


def test_a_large_synced_notebook_with_odd_cells(nb_client, tmp_path):
    """400 cells: a SQL code cell, CR-only line ends, a bad cell in the middle, the call last."""
    nb_client.initialize(tmp_path, notebooks=True)
    path = tmp_path / "big.ipynb"
    cells = [
        ("sql", 2, "SELECT * FROM t WHERE a = = 1\n"),
        ("python", 2, "req = {\r    'ModelApprovalStatus': 'Approve',\r}\r"),
    ]
    cells += [("python", 2, f"v{k} = {k}\n") for k in range(2, 399)]
    cells[200] = ("python", 2, "v = = 200\n")
    cells.append(("python", 2, "sm.create_model_package(**req)\n"))
    uris = [cell_uri(path, k) for k in range(len(cells))]
    nb_client.notify(
        "notebookDocument/didOpen",
        {
            "notebookDocument": {
                "uri": path.as_uri(),
                "notebookType": "jupyter-notebook",
                "version": 1,
                "cells": [{"kind": kind, "document": u} for u, (_, kind, _) in zip(uris, cells)],
            },
            "cellTextDocuments": [
                {"uri": u, "languageId": lang, "version": 1, "text": text} for u, (lang, _, text) in zip(uris, cells)
            ],
        },
    )
    published = per_cell(nb_client, uris)
    assert {u: d for u, d in published.items() if d} == {
        uris[1]: [("MP104", 1, 1, 27, 1, 36)],
        uris[200]: [("MP001", 1, 0, 4, 0, 5)],
    }
    assert nb_client.close() == 0


def test_saving_the_config_rechecks_open_documents_and_cell_groups(nb_client, tmp_path):
    nb_client.initialize(tmp_path)
    doc = open_doc(nb_client, tmp_path / "my request.yaml", BROKEN_YAML, "yaml")
    assert [c for c, *_ in found(nb_client.diagnostics(doc))] == ["MP105", "MP101"]
    cell = cell_uri(tmp_path / "my nb.ipynb", 0)
    nb_client.notify(
        "textDocument/didOpen",
        {"textDocument": {"uri": cell, "languageId": "python", "version": 1, "text": NOTEBOOK_CELLS[3][1]}},
    )
    assert found(nb_client.diagnostics(cell)) == [("MP104", 1, 0, 51, 0, 60)]
    config = tmp_path / ".mplint.yaml"
    config.write_text("select: [MP001, MP1]\nignore: [MP101, MP104]\n", encoding="utf-8")
    nb_client.notify("textDocument/didSave", {"textDocument": {"uri": config.as_uri()}})
    published = per_cell(nb_client, [doc, cell])
    assert ([c for c, *_ in published[doc]], published[cell]) == (["MP105"], [])
    assert nb_client.close() == 0


def test_a_quick_fix_for_a_value_in_an_earlier_cell_edits_that_cell(nb_client, tmp_path):
    (tmp_path / ".mplint.yaml").write_text("select: [MP301]\n", encoding="utf-8")
    nb_client.initialize(tmp_path)
    path = tmp_path / "nb.ipynb"
    first, second = cell_uri(path, 0), cell_uri(path, 1)
    spec = 'x = 1\nspec = {"SupportedTransformInstanceTypes": ["ml.m5.xlarg"], "Containers": []}\n'
    for uri, text in ((first, spec), (second, "sm.create_model_package(InferenceSpecification=spec)\n")):
        nb_client.notify(
            "textDocument/didOpen", {"textDocument": {"uri": uri, "languageId": "python", "version": 1, "text": text}}
        )
    deadline, diag = time.monotonic() + 30, None
    while diag is None and time.monotonic() < deadline:
        params = nb_client.diagnostics(first)
        diag = params["diagnostics"][0] if params["diagnostics"] else None
    assert diag is not None
    assert (diag["code"], diag["range"], diag["data"]["fix"]["range"]) == (
        "MP301",
        {"start": {"line": 1, "character": 44}, "end": {"line": 1, "character": 57}},
        [1, 44, 1, 57],
    )
    actions = nb_client.request(
        "textDocument/codeAction",
        {"textDocument": {"uri": first}, "range": diag["range"], "context": {"diagnostics": [diag]}},
    )
    insert = {"start": {"line": 1, "character": 77}, "end": {"line": 1, "character": 77}}
    top = {"start": {"line": 0, "character": 0}, "end": {"line": 0, "character": 0}}
    fixed = {"range": diag["range"], "newText": '"ml.m5.xlarge"'}
    assert [(a["title"], a["kind"], a["edit"]) for a in actions] == [
        ("Replace with 'ml.m5.xlarge'", "quickfix", {"changes": {first: [fixed]}}),
        (
            "Disable MP301 on this line",
            "quickfix",
            {"changes": {first: [{"range": insert, "newText": "  # noqa: MP301"}]}},
        ),
        (
            "Disable MP301 in this file",
            "quickfix",
            {"changes": {first: [{"range": top, "newText": "# mplint: disable-file=MP301\n"}]}},
        ),
        ("Fix all mplint problems", "source.fixAll.mplint", {"changes": {first: [fixed]}}),
    ]
    # The cell with the line's directive: the finding is gone from it.
    edited = spec.replace("]}\n", "]}  # noqa: MP301\n")
    nb_client.notify(
        "textDocument/didChange",
        {"textDocument": {"uri": first, "version": 2}, "contentChanges": [{"text": edited}]},
    )
    assert nb_client.diagnostics(first)["diagnostics"] == []
    assert nb_client.close() == 0


def test_hover_in_a_notebook_cell_on_a_finding_and_on_a_keyword(nb_client, tmp_path):
    nb_client.initialize(tmp_path, notebooks=True)
    path = tmp_path / "nb.ipynb"
    uris = [cell_uri(path, k) for k in range(len(NOTEBOOK_CELLS))]
    nb_client.notify(
        "notebookDocument/didOpen",
        {
            "notebookDocument": {
                "uri": path.as_uri(),
                "notebookType": "jupyter-notebook",
                "version": 1,
                "cells": [
                    {"kind": 1 if lang == "markdown" else 2, "document": u}
                    for u, (lang, _) in zip(uris, NOTEBOOK_CELLS)
                ],
            },
            "cellTextDocuments": [
                {"uri": u, "languageId": lang, "version": 1, "text": text}
                for u, (lang, text) in zip(uris, NOTEBOOK_CELLS)
            ],
        },
    )
    assert per_cell(nb_client, uris)[uris[3]] == [("MP104", 1, 0, 51, 0, 60)]

    def hover(uri: str, line: int, character: int) -> Any:
        return nb_client.request(
            "textDocument/hover", {"textDocument": {"uri": uri}, "position": {"line": line, "character": character}}
        )

    assert hover(uris[3], 0, 55)["contents"]["value"].startswith(
        "### MP104 invalid-enum-value (error, built-in)\nFix: safe (applied by --fix, where the fix is certain)\n\n"
    )
    member = hover(uris[3], 0, 35)["contents"]["value"]
    assert member.startswith(
        "### ModelApprovalStatus (string, optional)\n\n`CreateModelPackageInput.ModelApprovalStatus`"
    )
    # A key of the dict an earlier cell builds is a member too; the same place in another cell is not.
    group = hover(uris[1], 1, 8)["contents"]["value"]
    assert group.startswith("### ModelPackageGroupName (string, optional)\n\n")
    assert hover(uris[3], 1, 8) is None
    assert nb_client.close() == 0
