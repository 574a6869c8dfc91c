"""The command line: exit statuses, formats, stdin, rules and explain (CONTRACT.md)."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from mplint import __version__
from mplint.cli import cli
from tests.linting import invoke

# A valid request (examples/valid-unversioned.json) whose name is given twice, on lines 2 and 3.
_VALID = (Path(__file__).resolve().parents[1] / "examples" / "valid-unversioned.json").read_text()
DUP = _VALID.replace('"ModelPackageName": "churn-xgboost",', '"ModelPackageName": "a",\n  "ModelPackageName": "b",', 1)
GOOD = _VALID


def _run(*args: str, input: str | None = None):
    return invoke(*args, input=input, catch_exceptions=False)


def test_exit_status_and_text_output(tmp_path: Path) -> None:
    f = tmp_path / "a.json"
    f.write_text(DUP)
    r = _run("check", str(f), "--color", "never")
    assert r.exit_code == 1
    lines = r.output.splitlines()
    assert (
        lines[0]
        == f"{f}:3:3: MP003 duplicate key 'ModelPackageName'; the AWS CLI's JSON reader keeps only this last value"
    )
    assert lines[2] == ' 3 |   "ModelPackageName": "b",'
    assert lines[3] == "   |   ^^^^^^^^^^^^^^^^^^ [error]"
    assert lines[-2].startswith("Found 1 problem (1 error, 0 warnings) in 1 file")
    # The duplicate key's fix (the earlier member removed) may change the request: unsafe.
    assert lines[-1] == "1 fixable with --unsafe-fixes."


def test_fail_on_levels(tmp_path: Path) -> None:
    f = tmp_path / "a.json"
    f.write_text(DUP)
    assert _run("check", str(f), "--severity", "MP003=warning", "--fail-on", "error").exit_code == 0
    assert _run("check", str(f), "--severity", "MP003=warning").exit_code == 1
    assert _run("check", str(f), "--fail-on", "never").exit_code == 0


def test_clean_file_exits_zero(tmp_path: Path) -> None:
    f = tmp_path / "a.json"
    f.write_text(GOOD)
    r = _run("check", str(f))
    assert (r.exit_code, r.output.splitlines()[-1]) == (0, "All clear: no problems in 1 file (0 skipped, 1 request).")


def test_json_format_is_the_contract(tmp_path: Path) -> None:
    f = tmp_path / "a.json"
    f.write_text(DUP)
    (tmp_path / "package.json").write_text('{"name": "x", "version": "1.0.0"}')
    r = _run("check", str(tmp_path), "--format", "json")
    doc = json.loads(r.output)
    assert doc["summary"] == {"files": 1, "skipped": 1, "requests": 1, "errors": 1, "warnings": 0, "infos": 0}
    (d,) = doc["diagnostics"]
    assert {
        k: d[k]
        for k in ("file", "line", "column", "end_line", "end_column", "rule", "name", "severity", "path", "request")
    } == {
        "file": str(f),
        "line": 3,
        "column": 3,
        "end_line": 3,
        "end_column": 21,
        "rule": "MP003",
        "name": "duplicate-key",
        "severity": "error",
        "path": "ModelPackageName",
        "request": "",
    }


def test_stdin_with_filename() -> None:
    r = _run("check", "-", "--stdin-filename", "specs/req.json", "--format", "json", input=DUP)
    doc = json.loads(r.output)
    assert [(d["file"], d["rule"], d["line"]) for d in doc["diagnostics"]] == [("specs/req.json", "MP003", 3)]


def test_missing_path_is_a_usage_error(tmp_path: Path) -> None:
    r = CliRunner().invoke(cli, ["check", str(tmp_path / "nope.json")])
    assert r.exit_code == 2
    assert "no such file or directory" in r.output


def test_bad_config_exits_two(tmp_path: Path) -> None:
    cfg = tmp_path / "bad.yaml"
    cfg.write_text("selectt: [MP1]\n")
    f = tmp_path / "a.json"
    f.write_text(GOOD)
    r = CliRunner().invoke(cli, ["check", str(f), "--config", str(cfg)])
    assert r.exit_code == 2
    assert f"{cfg}:1: unknown configuration key 'selectt'; did you mean 'select'?" in r.output


def test_unknown_select_code_exits_two(tmp_path: Path) -> None:
    f = tmp_path / "a.json"
    f.write_text(GOOD)
    r = CliRunner().invoke(cli, ["check", str(f), "--select", "MP998"])
    assert r.exit_code == 2
    assert "MP998 matches no rule" in r.output


def test_rules_and_explain() -> None:
    r = _run("rules")
    assert r.exit_code == 0
    assert any(line.startswith("MP003  duplicate-key") for line in r.output.splitlines())
    r = _run("explain", "MP003")
    assert r.exit_code == 0
    assert r.output.startswith("MP003 duplicate-key (error, built-in)")
    assert "## Why is this bad?" in r.output
    r = CliRunner().invoke(cli, ["explain", "MP000"])
    assert r.exit_code == 2


@pytest.mark.slow
def test_console_script_and_module_entry(tmp_path: Path) -> None:
    f = tmp_path / "a.json"
    f.write_text(DUP)
    p = subprocess.run(
        [sys.executable, "-m", "mplint", "check", str(f), "--format", "json"],
        capture_output=True,
        text=True,
        check=False,
    )
    assert (p.returncode, p.stderr) == (1, "")
    assert json.loads(p.stdout)["summary"]["errors"] == 1
    v = subprocess.run([sys.executable, "-m", "mplint", "--version"], capture_output=True, text=True, check=False)
    assert v.stdout.startswith(f"mplint {__version__} (CreateModelPackage schema from botocore 1.44.8)")


def test_no_color_and_tty_rules(tmp_path: Path, monkeypatch) -> None:
    f = tmp_path / "a.json"
    f.write_text(DUP)
    assert "\x1b[" in _run("check", str(f), "--color", "always").output
    assert "\x1b[" not in _run("check", str(f)).output  # not a terminal
    monkeypatch.setenv("NO_COLOR", "1")
    assert "\x1b[" not in _run("check", str(f), "--color", "auto").output


def test_rules_doc_is_current() -> None:
    """docs/rules.md is the output of `mplint rules --format markdown` (regenerate it on change)."""
    doc = Path(__file__).resolve().parents[1] / "docs" / "rules.md"
    assert _run("rules", "--format", "markdown").output == doc.read_text(encoding="utf-8")


def test_linting_without_a_configuration_builds_one_engine() -> None:
    from mplint import api
    from mplint.engine import run

    api.lint_text("ModelPackageName: a\n", "a.yaml")
    before = len(run._engines)
    for _ in range(5):
        api.lint_text("ModelPackageName: a\n", "a.yaml")
    assert len(run._engines) == before


def test_rules_that_cannot_be_imported_stop_the_run_with_exit_2(tmp_path: Path, monkeypatch) -> None:
    import mplint.engine
    from mplint.engine import run

    (tmp_path / "a.json").write_text('{"ModelPackageName": "a"}\n')
    monkeypatch.setattr(run, "_engines", {})
    monkeypatch.delattr(mplint.engine, "rule_files", raising=False)
    monkeypatch.setitem(sys.modules, "mplint.engine.rule_files", None)
    result = _run("check", str(tmp_path / "a.json"), "--no-cache")
    assert result.exit_code == 2
    assert "mplint: error: rule files cannot be loaded: mplint.engine.rule_files failed to import" in result.output
