"""Command-line conventions: --quiet, --statistics, --output-file, completion, help with examples."""

from __future__ import annotations

import json

import pytest

from tests import linting

WORDS = (
    "a model package group name is 1–63 letters, digits and hyphens, starting with a letter or "
    "digit and not ending with a hyphen, or a SageMaker ARN ending in such a name"
)
FINDING = f"request.json:1:33: MP105 ModelPackageGroupName 'churn models': {WORDS}; ' ' (character 6) is not allowed"
SUMMARY = "Found 1 problem (1 error, 0 warnings) in 1 file (0 skipped, 1 request)."


@pytest.fixture
def project(tmp_path, monkeypatch):
    """A directory with one broken request and a config that selects only MP105."""
    (tmp_path / ".mplint.yaml").write_text("select: [MP105]\n", encoding="utf-8")
    (tmp_path / "request.json").write_text('{"ModelPackageGroupName": "churn models"}\n', encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("NO_COLOR", raising=False)
    return tmp_path


def invoke(*args: str, **kw: object):
    return linting.invoke(*args, prog_name="mplint", **kw)


def test_quiet_prints_findings_without_excerpts(project):
    result = invoke("check", "request.json", "--quiet")
    assert (result.exit_code, result.stdout) == (1, f"{FINDING}\n{SUMMARY}\n")


def test_default_text_has_the_excerpt(project):
    result = invoke("check", "request.json")
    assert result.stdout.splitlines() == [
        FINDING,
        "   |",
        ' 1 | {"ModelPackageGroupName": "churn models"}',
        "   |                                 ^ [error]",
        SUMMARY,
    ]


def test_statistics_counts_per_rule(project):
    result = invoke("check", "request.json", "--statistics")
    assert (result.exit_code, result.stdout) == (1, f"    1  MP105  pattern-mismatch\n{SUMMARY}\n")


def test_statistics_with_another_format_is_a_usage_error(project):
    result = invoke("check", "request.json", "--statistics", "--format", "json")
    assert result.exit_code == 2
    assert "--statistics goes with --format text only" in result.stderr


def test_output_file_gets_the_report_and_stdout_stays_empty(project):
    (project / "out").mkdir()
    result = invoke("check", "request.json", "--format", "json", "-o", "out/report.json")
    assert (result.exit_code, result.stdout, result.stderr) == (1, "", "")
    doc = json.loads((project / "out" / "report.json").read_text("utf-8"))
    assert [(d["rule"], d["line"], d["column"]) for d in doc["diagnostics"]] == [("MP105", 1, 33)]


def test_output_file_in_a_missing_directory_is_an_error_not_a_traceback(project):
    result = invoke("check", "request.json", "-o", "missing/dir/report.txt")
    assert result.exit_code == 2
    assert result.stdout == ""
    assert result.stderr == "mplint: error: cannot write missing/dir/report.txt: No such file or directory\n"
    assert result.exception is None or isinstance(result.exception, SystemExit)


def test_text_to_a_file_is_never_coloured(project):
    result = invoke("check", "request.json", "--quiet", "--color", "always", "-o", "report.txt")
    assert result.exit_code == 1
    assert (project / "report.txt").read_text("utf-8") == f"{FINDING}\n{SUMMARY}\n"


def test_bash_completion_script_and_answers():
    script = invoke(env={"_MPLINT_COMPLETE": "bash_source"})
    assert script.exit_code == 0
    assert "complete -o nosort -F _mplint_completion mplint" in script.stdout
    answer = invoke(env={"_MPLINT_COMPLETE": "bash_complete", "COMP_WORDS": "mplint check --form", "COMP_CWORD": "2"})
    assert answer.stdout.splitlines() == ["plain,--format"]
    answer = invoke(
        env={"_MPLINT_COMPLETE": "bash_complete", "COMP_WORDS": "mplint check --format s", "COMP_CWORD": "3"}
    )
    assert answer.stdout.splitlines() == ["plain,sarif"]
    commands = invoke(env={"_MPLINT_COMPLETE": "bash_complete", "COMP_WORDS": "mplint s", "COMP_CWORD": "1"})
    assert commands.stdout.splitlines() == ["plain,schema"]


def test_help_shows_examples():
    top = invoke("--help")
    assert top.exit_code == 0
    assert 'eval "$(_MPLINT_COMPLETE=bash_source mplint)"' in top.stdout
    assert "mplint check . --format sarif -o mplint.sarif" in top.stdout
    check = invoke("check", "--help")
    assert "mplint check - --stdin-filename a.yaml   read a request from standard input" in check.stdout
    assert "Exit status: 0 no finding at or above --fail-on" in check.stdout
    assert "mplint schema -o .vscode/create-model-package.schema.json" in invoke("schema", "-h").stdout
