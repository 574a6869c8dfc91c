"""Several reports in one run, --output-format, --exit-zero, and the progress line."""

from __future__ import annotations

import io
import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from mplint import cli as cli_mod
from mplint.cli import cli
from mplint.engine import config as config_mod
from tests import linting

REPO = Path(__file__).resolve().parents[1]
BROKEN = (REPO / "examples" / "broken" / "schema-errors.json").read_text()


@pytest.fixture(autouse=True)
def _here(monkeypatch, tmp_path):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "a.json").write_text(BROKEN)
    config_mod.clear_cache()
    yield
    config_mod.clear_cache()


def invoke(*args: str):
    return linting.invoke("check", *args, catch_exceptions=False)


def test_several_outputs_in_one_run(tmp_path):
    result = invoke(
        "a.json",
        "-q",
        "--format",
        "text",
        "--format",
        "sarif:m.sarif",
        "--output-format",
        "json:r.json",
        "--format",
        "junit:r.xml",
        "--format",
        "gitlab:gl.json",
    )
    assert result.exit_code == 1
    lines = result.output.splitlines()
    assert lines[0].startswith("a.json:2:29: MP105 ") and lines[-2].startswith("Found ")  # at the "_"
    assert lines[-1] == "[*] 4 fixable with --fix (1 more with --unsafe-fixes)."
    report = json.loads((tmp_path / "r.json").read_text())
    sarif = json.loads((tmp_path / "m.sarif").read_text())
    gitlab = json.loads((tmp_path / "gl.json").read_text())
    codes = [d["rule"] for d in report["diagnostics"]]
    assert [r["ruleId"] for r in sarif["runs"][0]["results"]] == codes
    assert [i["check_name"] for i in gitlab] == codes
    assert (tmp_path / "r.xml").read_text().count("<failure ") == len(codes)


def test_output_format_is_an_alias_and_o_writes_the_stdout_report(tmp_path):
    result = invoke("a.json", "--output-format", "json", "-o", "r.json", "--format", "gitlab:gl.json")
    assert (result.exit_code, result.output) == (1, "")
    assert json.loads((tmp_path / "r.json").read_text())["summary"]["files"] == 1


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("--format", "xml"), "'xml': the format is one of text, json, sarif, github, junit, gitlab"),
        (("--format", "json", "--format", "sarif"), "only one --format can go to standard output"),
        (("--format", "json:"), "give a file after the colon"),
        (("--format", "sarif:x.sarif", "-o", "y"), "-o/--output-file needs a --format without a file"),
    ],
)
def test_bad_output_requests_are_usage_errors(args, message):
    result = CliRunner().invoke(cli, ["check", "a.json", *args])
    assert result.exit_code == 2
    assert message in result.output


def test_exit_zero_keeps_two_for_mplint_failing(tmp_path):
    assert invoke("a.json", "-q", "--exit-zero").exit_code == 0
    (tmp_path / ".mplint.yaml").write_text("ignore: [MP999]\n")
    config_mod.clear_cache()
    assert CliRunner().invoke(cli, ["check", "a.json", "--exit-zero"]).exit_code == 2


def test_no_progress_line_in_a_pipe_or_in_ci(monkeypatch):
    assert cli_mod._want_progress(None) is False  # standard error is not a terminal here
    monkeypatch.setattr(cli_mod.sys, "stderr", type("Tty", (io.StringIO,), {"isatty": lambda self: True})())
    monkeypatch.delenv("CI", raising=False)
    monkeypatch.setenv("TERM", "xterm")
    assert cli_mod._want_progress(None) is True
    monkeypatch.setenv("CI", "true")
    assert cli_mod._want_progress(None) is False
    assert cli_mod._want_progress(True) is True


def test_progress_line_appears_after_a_second_and_is_cleared():
    out = io.StringIO()
    meter = cli_mod._Progress(out)
    now = [100.0]
    meter.clock = lambda: now[0]
    meter.start = 100.0
    meter(1, 3)
    assert out.getvalue() == ""  # a short run never shows it
    now[0] = 101.5
    meter(2, 3)
    now[0] = 101.55
    meter(3, 3)  # the last file is always shown
    meter.close()
    assert out.getvalue() == "\rmplint: checked 2/3 files\rmplint: checked 3/3 files\r\x1b[K"
