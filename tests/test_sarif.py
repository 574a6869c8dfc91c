"""The SARIF reporter: schema-valid logs, exact results, stable fingerprints."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from mplint import __version__
from mplint.api import FileResult, RunResult, lint_paths, lint_text
from mplint.diagnostics import Diagnostic, Severity
from mplint.model import Span
from mplint.reporters import sarif

jsonschema = pytest.importorskip("jsonschema")

SCHEMA = json.loads((Path(__file__).parent / "data" / "sarif-schema-2.1.0.json").read_text("utf-8"))


def validate(doc: dict) -> None:
    """Fail with every schema error of a SARIF log."""
    validator = jsonschema.Draft7Validator(SCHEMA)
    errors = [f"{list(e.absolute_path)}: {e.message}" for e in validator.iter_errors(doc)]
    assert errors == []


def diag(code: str = "MP105", severity: Severity = Severity.ERROR, **kw: object) -> Diagnostic:
    fields = {
        "name": "pattern-mismatch",
        "message": "'Churn Model' does not match the pattern",
        "span": Span(3, 19, 3, 32),
        "path": "ModelPackageGroupName",
        "file": "specs/a.yaml",
    }
    fields.update(kw)
    return Diagnostic(code, severity=severity, **fields)  # type: ignore[arg-type]


def run_of(*diags: Diagnostic) -> RunResult:
    files: dict[str, FileResult] = {}
    for d in diags:
        files.setdefault(d.file, FileResult(d.file, requests=1)).diagnostics.append(d)
    return RunResult(files=list(files.values()))


def test_the_schema_copy_is_the_sarif_schema():
    jsonschema.Draft7Validator.check_schema(SCHEMA)
    assert SCHEMA["id"].endswith("/sarif-schema-2.1.0.json")


def test_a_run_of_no_file_is_valid_and_lists_every_rule(tmp_path):
    doc = json.loads(sarif.render(lint_paths([str(tmp_path)])))
    validate(doc)
    (run,) = doc["runs"]
    assert run["results"] == []
    driver = run["tool"]["driver"]
    assert (driver["name"], driver["version"]) == ("mplint", __version__)
    assert driver["informationUri"] == sarif.INFORMATION_URI
    parse = next(r for r in driver["rules"] if r["id"] == "MP001")
    assert parse["name"] == "parse-error"
    assert parse["shortDescription"] == {"text": "The file cannot be read or parsed"}
    assert parse["fullDescription"]["text"] == "A candidate file could not be read or parsed."
    assert parse["help"]["markdown"].startswith("A candidate file could not be read or parsed.\n\n## What it does")
    assert parse["defaultConfiguration"] == {"level": "error", "enabled": True}
    assert [r["id"] for r in driver["rules"]] == sorted(r["id"] for r in driver["rules"])


def test_result_has_exact_region_rule_level_and_logical_location():
    run = run_of(
        diag(),
        diag("MP900", Severity.INFO, name="org-note", message="note", path="", span=Span(1, 1, 1, 2), request="Pkg"),
    )
    doc = json.loads(sarif.render(run))
    validate(doc)
    driver_rules = doc["runs"][0]["tool"]["driver"]["rules"]
    second, first = doc["runs"][0]["results"]  # sorted by line: the MP900 at line 1 first
    assert first["ruleId"] == "MP105"
    assert driver_rules[first["ruleIndex"]]["id"] == "MP105"
    assert first["level"] == "error"
    assert first["message"] == {"text": "'Churn Model' does not match the pattern"}
    assert first["locations"] == [
        {
            "physicalLocation": {
                "artifactLocation": {"uri": "specs/a.yaml", "uriBaseId": "%SRCROOT%"},
                "region": {"startLine": 3, "startColumn": 19, "endLine": 3, "endColumn": 32},
            },
            "logicalLocations": [{"fullyQualifiedName": "ModelPackageGroupName", "kind": "member"}],
        }
    ]
    assert first["properties"] == {"path": "ModelPackageGroupName", "request": ""}
    # A rule outside the default config still gets a descriptor, and the root path no logical location.
    assert (second["ruleId"], second["level"]) == ("MP900", "note")
    assert driver_rules[second["ruleIndex"]] == {
        "id": "MP900",
        "name": "org-note",
        "shortDescription": {"text": "org-note"},
        "help": {"text": "MP900 org-note: see `mplint explain MP900`."},
        "helpUri": "https://pypi.org/project/mplint/#mp900",
        "defaultConfiguration": {"level": "note"},
    }
    assert "logicalLocations" not in second["locations"][0]
    assert second["properties"] == {"path": "", "request": "Pkg"}


def test_fingerprint_ignores_position_but_not_file_rule_path_or_request():
    a = sarif.fingerprint(diag())
    assert a == sarif.fingerprint(diag(span=Span(30, 1, 30, 9), message="moved"))
    assert (
        len(
            {
                a,
                sarif.fingerprint(diag(file="b.yaml")),
                sarif.fingerprint(diag(code="MP106")),
                sarif.fingerprint(diag(path="ModelPackageName")),
                sarif.fingerprint(diag(request="R")),
            }
        )
        == 5
    )


def test_notebook_cell_and_odd_file_names():
    d = diag(file="nb/My Notebook.ipynb", cell=2, request="create_model_package@cell2:L4")
    doc = json.loads(sarif.render(run_of(d)))
    validate(doc)
    (res,) = doc["runs"][0]["results"]
    assert res["locations"][0]["physicalLocation"]["artifactLocation"] == {
        "uri": "nb/My%20Notebook.ipynb",
        "uriBaseId": "%SRCROOT%",
    }
    assert res["properties"] == {"path": "ModelPackageGroupName", "request": "create_model_package@cell2:L4", "cell": 2}


def test_artifact_uri_forms(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    assert sarif.artifact_uri("./specs/../a.json") == ("a.json", True)
    assert sarif.artifact_uri(str(tmp_path / "x" / "b.yaml")) == ("x/b.yaml", True)
    outside = tmp_path.parent / "c.json"
    assert sarif.artifact_uri(str(outside)) == (outside.as_uri(), False)


def test_real_run_over_a_snippet_is_valid():
    result = lint_text('{"ModelPackageName": "churn-model",}', "specs/bad.json", forced=True)
    doc = json.loads(sarif.render(RunResult(files=[result])))
    validate(doc)
    (res,) = doc["runs"][0]["results"]
    assert (res["ruleId"], res["level"]) == ("MP001", "error")
    region = res["locations"][0]["physicalLocation"]["region"]
    assert region == {"startLine": 1, "startColumn": 36, "endLine": 1, "endColumn": 37}
    assert doc["runs"][0]["invocations"] == [{"executionSuccessful": True}]
