"""The CI reports: JUnit XML and GitLab Code Quality, validated against their published formats,
and the SARIF fixes (unique fingerprints, helpUri, the run's own rules)."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from mplint.api import FileResult, RunResult, lint_paths, lint_text
from mplint.diagnostics import Diagnostic, Severity
from mplint.engine import config as config_mod
from mplint.model import Span
from mplint.reporters import gitlab, junit, sarif

jsonschema = pytest.importorskip("jsonschema")
xmlschema = pytest.importorskip("xmlschema")

DATA = Path(__file__).parent / "data"
REPO = Path(__file__).resolve().parents[1]
GITLAB_SCHEMA = json.loads((DATA / "gitlab-codequality-report.schema.json").read_text("utf-8"))
SARIF_SCHEMA = json.loads((DATA / "sarif-schema-2.1.0.json").read_text("utf-8"))
EMPTY_VALIDATION = '{"ModelPackageGroupName": "g",\n "ValidationSpecification": {}\n}\n'


@pytest.fixture(autouse=True)
def _fresh_config_cache():
    config_mod.clear_cache()
    yield
    config_mod.clear_cache()


def schema_errors(schema: dict, doc: object) -> list[str]:
    validator = jsonschema.Draft7Validator(schema)
    return [f"{list(e.absolute_path)}: {e.message}" for e in validator.iter_errors(doc)]


def junit_errors(text: str) -> list[str]:
    schema = xmlschema.XMLSchema(str(DATA / "junit-10.xsd"))
    return [str(e.reason) for e in schema.iter_errors(text)]


def examples_run(monkeypatch) -> RunResult:
    monkeypatch.chdir(REPO)
    return lint_paths(["examples"])


# --- JUnit -----------------------------------------------------------------------------------


@pytest.mark.slow
def test_junit_of_the_examples_is_valid_with_one_testcase_per_checked_file(monkeypatch):
    import xml.etree.ElementTree as ET

    run = examples_run(monkeypatch)
    text = junit.render(run)
    assert junit_errors(text) == []
    root = ET.fromstring(text)
    cases = root.findall("./testsuite/testcase")
    checked = sorted(f.file for f in run.files if not f.skipped)
    assert [c.get("name") for c in cases] == checked
    failures = [(c.get("name"), f.get("type")) for c in cases for f in c.findall("failure")]
    assert failures == [(d.file, d.code) for d in sorted(run.diagnostics, key=lambda d: d.file)]
    suite = root.find("testsuite")
    failed_files = len({d.file for d in run.diagnostics})
    assert (suite.get("tests"), suite.get("failures")) == (str(len(checked)), str(failed_files))


def test_junit_failure_text_and_characters_xml_cannot_hold():
    import xml.etree.ElementTree as ET

    d = Diagnostic(
        "MP105",
        "pattern-mismatch",
        Severity.ERROR,
        "name 'a\x01b' & <c>",
        Span(2, 3, 2, 9),
        "ModelPackageName",
        "specs/a.json",
        request="Pkg",
    )
    text = junit.render(RunResult(files=[FileResult("specs/a.json", diagnostics=[d], requests=1)]))
    assert junit_errors(text) == []
    (failure,) = ET.fromstring(text).iter("failure")
    assert failure.get("type") == "MP105"
    assert failure.get("message") == "MP105 name 'a\\x01b' & <c>"
    assert failure.text == "specs/a.json:2:3: MP105 name 'a\\x01b' & <c> at ModelPackageName [Pkg] (error)"


def test_junit_of_a_clean_run_is_valid_and_has_no_failure():
    result = lint_text((REPO / "examples" / "valid-unversioned.json").read_bytes(), "ok.json")
    text = junit.render(RunResult(files=[result]))
    assert junit_errors(text) == []
    assert "<failure" not in text and '<testcase classname="mplint" name="ok.json" />' in text


# --- GitLab ----------------------------------------------------------------------------------


def test_the_gitlab_schema_copy_is_a_schema_that_rejects_what_gitlab_rejects():
    jsonschema.Draft7Validator.check_schema(GITLAB_SCHEMA)
    good = {
        "description": "d",
        "check_name": "c",
        "fingerprint": "f",
        "severity": "minor",
        "location": {"path": "a.json", "lines": {"begin": 1}},
    }
    assert schema_errors(GITLAB_SCHEMA, [good]) == []
    assert schema_errors(GITLAB_SCHEMA, [{**good, "severity": "error"}]) != []
    assert schema_errors(GITLAB_SCHEMA, [{**good, "location": {"path": "./a.json", "lines": {"begin": 1}}}]) != []
    assert schema_errors(GITLAB_SCHEMA, [{k: v for k, v in good.items() if k != "fingerprint"}]) != []


def test_gitlab_report_of_the_examples_is_valid_with_unique_fingerprints(monkeypatch):
    run = examples_run(monkeypatch)
    doc = json.loads(gitlab.render(run))
    assert schema_errors(GITLAB_SCHEMA, doc) == []
    assert len(doc) == len(run.diagnostics) > 100
    assert len({i["fingerprint"] for i in doc}) == len(doc)
    severities = {d.severity.label: gitlab.SEVERITIES[d.severity] for d in run.diagnostics}
    assert severities == {"error": "major", "warning": "minor", "info": "info"}


def test_gitlab_issue_fields(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "specs").mkdir()
    (tmp_path / "specs" / "v.json").write_text(EMPTY_VALIDATION)
    run = lint_paths([str(tmp_path / "specs" / "v.json")])  # absolute: reported relative
    doc = json.loads(gitlab.render(run))
    assert schema_errors(GITLAB_SCHEMA, doc) == []
    got = [
        (i["check_name"], i["severity"], i["location"]["path"], i["location"]["lines"], i["description"]) for i in doc
    ]
    assert got == [
        (
            "MP222",
            "info",
            "specs/v.json",
            {"begin": 1, "end": 3},
            "MP222 This version names no inference code: add InferenceSpecification, or SourceUri to "
            "register a model without a container",
        ),
        (
            "MP103",
            "major",
            "specs/v.json",
            {"begin": 2, "end": 2},
            "MP103 ValidationSpecification is missing required member ValidationProfiles",
        ),
        (
            "MP103",
            "major",
            "specs/v.json",
            {"begin": 2, "end": 2},
            "MP103 ValidationSpecification is missing required member ValidationRole",
        ),
    ]
    assert len({i["fingerprint"] for i in doc}) == 3


def test_gitlab_report_of_no_finding_is_an_empty_array():
    assert gitlab.render(RunResult()) == "[]\n"


# --- SARIF -----------------------------------------------------------------------------------


def test_two_findings_on_one_member_get_different_fingerprints():
    result = lint_text(EMPTY_VALIDATION, "specs/v.json")
    doc = json.loads(sarif.render(RunResult(files=[result])))
    assert schema_errors(SARIF_SCHEMA, doc) == []
    prints = [(r["ruleId"], r["partialFingerprints"][sarif.FINGERPRINT_KEY]) for r in doc["runs"][0]["results"]]
    assert [code for code, _ in prints] == ["MP222", "MP103", "MP103"]
    assert len({p for _, p in prints}) == 3
    # A finding alone in its file, rule, path and request keeps the plain hash.
    assert prints[0][1] == sarif.fingerprint(result.diagnostics[0])


def test_fingerprints_stay_with_their_finding_when_a_sibling_is_fixed():
    a = Diagnostic("MP103", "required", Severity.ERROR, "missing A", Span(2, 1, 2, 3), "V", "v.json")
    b = a._replace(message="missing B")
    both = sarif.fingerprints([a, b])
    assert sarif.fingerprints([a, b, b])[:2] == both
    assert len(set(sarif.fingerprints([a, b, b]))) == 3


def test_the_examples_have_unique_fingerprints_and_every_rule_a_help_uri(monkeypatch):
    run = examples_run(monkeypatch)
    doc = json.loads(sarif.render(run))
    assert schema_errors(SARIF_SCHEMA, doc) == []
    results = doc["runs"][0]["results"]
    assert len({r["partialFingerprints"][sarif.FINGERPRINT_KEY] for r in results}) == len(results)
    rules = doc["runs"][0]["tool"]["driver"]["rules"]
    assert [r["id"] for r in rules if not r.get("helpUri", "").startswith("https://")] == []
    assert rules[[r["id"] for r in rules].index("MP105")]["helpUri"] == sarif.HELP_URI + "#mp105"


def test_rule_file_rules_are_described_from_the_run(tmp_path, monkeypatch):
    policy = tmp_path / "policy"
    policy.mkdir()
    (policy / "team.yaml").write_text(
        "- code: MP901\n  name: group-name-set\n  severity: warning\n"
        "  summary: The request names a model group\n  scope: ''\n"
        "  assert: ModelPackageGroupName\n  message: Set ModelPackageGroupName.\n"
        "  docs: {why: Registry dashboards select by group., fix: Add the group.}\n"
        "  examples:\n    valid: [{text: 'ModelPackageGroupName: g\\n'}]\n"
        "    invalid: [{text: 'ModelPackageName: n\\n', at: ''}]\n"
    )
    (tmp_path / ".mplint.yaml").write_text("rules-dirs: [policy]\n")
    (tmp_path / "a.json").write_text('{"ModelPackageName": "n"}\n')
    monkeypatch.chdir(tmp_path)
    run = lint_paths(["a.json"])
    assert ("MP901", 1, 1) in [(d.code, d.span.line, d.span.column) for d in run.diagnostics]
    doc = json.loads(sarif.render(run))
    assert schema_errors(SARIF_SCHEMA, doc) == []
    rules = {r["id"]: r for r in doc["runs"][0]["tool"]["driver"]["rules"]}
    mine = rules["MP901"]
    assert mine["shortDescription"] == {"text": "The request names a model group"}
    assert "Registry dashboards select by group." in mine["help"]["markdown"]
    assert mine["properties"]["origin"].endswith("team.yaml")
    assert mine["defaultConfiguration"]["level"] == "warning"


# --- the CI set-ups the docs show, run over the examples --------------------------------------


def _documented_commands() -> list[str]:
    """Return the `mplint check .` command lines of the CI set-ups in the docs."""
    import re
    import shlex

    out = []
    for doc in ("docs/integrations.md", "README.md"):
        for line in (REPO / doc).read_text("utf-8").splitlines():
            m = re.match(r"\s*-\s+(?:run:\s+)?(mplint check \. .*)$", line)
            if m:
                out.append(m.group(1))
    return sorted(set(out), key=shlex.split)


@pytest.mark.slow
def test_the_documented_ci_commands_write_valid_reports(tmp_path, monkeypatch):
    import shlex
    import shutil

    from click.testing import CliRunner

    from mplint.cli import cli

    commands = _documented_commands()
    assert commands == [
        "mplint check . --format github",
        "mplint check . --format sarif --output-file mplint.sarif",
        "mplint check . --format text --format gitlab:gl-code-quality.json --format junit:mplint-junit.xml",
    ]
    shutil.copytree(REPO / "examples", tmp_path / "examples")
    monkeypatch.chdir(tmp_path)
    outputs = {}
    for command in commands:
        result = CliRunner().invoke(cli, shlex.split(command)[1:], catch_exceptions=False)
        assert result.exit_code == 1, (command, result.output)
        outputs[command] = result.stdout
    import re

    annotation = re.compile(
        r"::(error|warning|notice) file=[^,:]+,line=\d+(,col=\d+,endLine=(\d+),endColumn=\d+"
        r"|,endLine=\d+),title=MP\d{3} [a-z0-9-]+( \(cell \d+\))?::[^\r\n]+"
    )
    github_lines = outputs["mplint check . --format github"].splitlines()
    assert [line for line in github_lines if not annotation.fullmatch(line)] == []
    sarif_doc = json.loads((tmp_path / "mplint.sarif").read_text())
    gitlab_doc = json.loads((tmp_path / "gl-code-quality.json").read_text())
    assert schema_errors(SARIF_SCHEMA, sarif_doc) == []
    assert schema_errors(GITLAB_SCHEMA, gitlab_doc) == []
    assert junit_errors((tmp_path / "mplint-junit.xml").read_text()) == []
    assert len(sarif_doc["runs"][0]["results"]) == len(gitlab_doc) == len(github_lines) > 100


@pytest.mark.skipif(not hasattr(os, "fsencode") or os.name != "posix", reason="byte file names are POSIX")
def test_a_file_name_that_is_not_utf8_never_breaks_a_report(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    name = os.fsdecode(b"\xffbad.json")
    try:
        Path(name).write_text('{"ModelPackageGroupName": "churn models"}\n')
    except (OSError, UnicodeError):
        pytest.skip("the file system refuses the name")
    run = lint_paths(["."])
    assert [(d.file, d.code) for d in run.diagnostics] == [(f"./{name}", "MP222"), (f"./{name}", "MP105")]
    sarif_doc = json.loads(sarif.render(run))
    assert schema_errors(SARIF_SCHEMA, sarif_doc) == []
    uris = {r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] for r in sarif_doc["runs"][0]["results"]}
    assert uris == {"%FFbad.json"}
    gitlab_doc = json.loads(gitlab.render(run))
    assert schema_errors(GITLAB_SCHEMA, gitlab_doc) == []
    assert {i["location"]["path"] for i in gitlab_doc} == {"\ufffdbad.json"}
    text = junit.render(run)
    assert junit_errors(text) == [] and 'name="./\\udcffbad.json"' in text


def test_the_junit_schema_copy_rejects_what_junit_readers_reject():
    good = '<testsuites><testsuite name="s" tests="1" failures="0" errors="0"><testcase name="a"/></testsuite></testsuites>'
    assert junit_errors(good) == []
    assert junit_errors(good.replace(' name="a"', "")) != []  # a testcase without a name
    assert junit_errors(good.replace(' failures="0"', "")) != []  # a suite without its counts
    assert junit_errors(good.replace("<testcase", "<case")) != []


def test_gitlab_lines_of_a_notebook_finding_are_the_files(monkeypatch):
    monkeypatch.chdir(REPO)
    run = lint_paths(["examples/notebooks/broken.ipynb"])
    doc = json.loads(gitlab.render(run))
    assert schema_errors(GITLAB_SCHEMA, doc) == []
    got = [(i["check_name"], i["location"]["lines"]) for i in doc]
    want = [(d.code, {"begin": d.file_span.line, "end": d.file_span.end_line}) for d in run.diagnostics]
    assert got == want and all(d.file_span.line != d.span.line for d in run.diagnostics)
