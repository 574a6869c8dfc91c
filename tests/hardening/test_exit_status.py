"""Exit statuses and streams: a crashing rule is an MP002 finding, the run goes on, the status is 2."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from click.testing import CliRunner

from mplint import api
from mplint.cli import cli
from mplint.diagnostics import Diagnostic, Severity
from mplint.engine import run
from mplint.engine.config import Config
from mplint.model import Request
from mplint.rule import Rule

BROKEN = '{"ModelPackageGroupName": "g", "CertifyForMarketplace": "yes"}\n'


class Crashing(Rule):
    """Raises on every request, as a broken plugin would."""

    code = "MP990"
    name = "crashing-rule"
    severity = Severity.ERROR
    summary = "Always raises"
    origin = "test-plugin"

    def check(self, request: Request) -> Iterator[Diagnostic]:
        raise KeyError("Containers")


def test_a_crashing_rule_becomes_mp002_and_the_other_rules_still_run() -> None:
    config = Config(select=("MP102",))
    engine = api.engine_for(config)
    engine.rules.insert(0, Crashing(None))
    result = api.lint_text(BROKEN, "x.json", config=config, forced=True)
    assert [(d.code, d.path, d.span.line, d.span.column) for d in result.diagnostics] == [
        ("MP002", "", 1, 1),
        ("MP102", "CertifyForMarketplace", 1, 57),
    ]
    assert result.diagnostics[0].message.startswith(
        "rule MP990 (crashing-rule) crashed on the request: KeyError: 'Containers' (test_exit_status.py:"
    )


@pytest.fixture
def plugin(monkeypatch: pytest.MonkeyPatch) -> None:
    """Install Crashing as if it came from an entry point."""
    from mplint.engine import rule_files

    monkeypatch.setattr(rule_files, "plugin_rules", lambda: (Crashing,))
    monkeypatch.setattr(run, "_engines", {})


def test_cli_exits_2_on_a_crash_and_reports_every_file(plugin: None, tmp_path: Path) -> None:
    (tmp_path / "a.json").write_text(BROKEN, encoding="utf-8")
    (tmp_path / "b.json").write_text(BROKEN, encoding="utf-8")
    runner = CliRunner(mix_stderr=False) if "mix_stderr" in CliRunner.__init__.__code__.co_varnames else CliRunner()
    result = runner.invoke(
        cli,
        ["check", str(tmp_path / "a.json"), str(tmp_path / "b.json"), "--select", "MP990,MP102", "--format", "github"],
    )
    assert (result.exit_code, result.stderr) == (2, "")
    lines = result.stdout.splitlines()
    assert [line.split(",title=")[1].split("::")[0] for line in lines] == [
        "MP002 internal-error",
        "MP102 wrong-type",
        "MP002 internal-error",
        "MP102 wrong-type",
    ]
