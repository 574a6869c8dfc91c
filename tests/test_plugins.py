"""Third-party rules through the ``mplint.rules`` entry-point group, installed as a user would."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

pytestmark = pytest.mark.slow

ROOT = Path(__file__).parent.parent
PLUGIN = Path(__file__).parent / "fixtures" / "plugin"
REQUEST = "ModelPackageGroupName: churn-models\nModelPackageDescription: TODO\n"


def _mplint(target: Path, *args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "PYTHONPATH": os.pathsep.join([str(target), str(ROOT)])}
    return subprocess.run(
        [sys.executable, "-m", "mplint", *args], capture_output=True, text=True, env=env, cwd=cwd, check=False
    )


@pytest.fixture(scope="module")
def installed(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Install the fixture plugin offline into a directory of its own."""
    target = tmp_path_factory.mktemp("site")
    subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "install",
            "--quiet",
            "--no-deps",
            "--no-build-isolation",
            "--no-index",
            "--disable-pip-version-check",
            "--target",
            str(target),
            str(PLUGIN),
        ],
        check=True,
        capture_output=True,
        text=True,
    )
    return target


def test_plugin_rule_reports_and_names_its_distribution(installed: Path, tmp_path: Path) -> None:
    (tmp_path / "req.yaml").write_text(REQUEST, encoding="utf-8")
    run = _mplint(installed, "check", "req.yaml", "--format", "json", "--select", "MP990", cwd=tmp_path)
    assert run.returncode == 1, run.stderr
    found = [(d["rule"], d["path"], d["line"], d["column"]) for d in json.loads(run.stdout)["diagnostics"]]
    assert found == [("MP990", "ModelPackageDescription", 2, 26)]
    rules = _mplint(installed, "rules", "--format", "json", cwd=tmp_path)
    origins = {r["code"]: r["origin"] for r in json.loads(rules.stdout)}
    assert (origins["MP990"], origins["MP410"], origins["MP101"]) == ("mplint-acme", "pack", "built-in")


def test_a_plugin_that_fails_to_import_is_an_error(tmp_path: Path) -> None:
    site = tmp_path / "site"
    info = site / "mplint_broken-0.1.dist-info"
    info.mkdir(parents=True)
    (info / "METADATA").write_text("Metadata-Version: 2.1\nName: mplint-broken\nVersion: 0.1\n", encoding="utf-8")
    (info / "entry_points.txt").write_text("[mplint.rules]\nbroken = mplint_missing:RULES\n", encoding="utf-8")
    (tmp_path / "req.yaml").write_text(REQUEST, encoding="utf-8")
    run = _mplint(site, "check", "req.yaml", cwd=tmp_path)
    assert run.returncode == 2
    assert run.stderr.startswith(
        "mplint: error: plugin mplint-broken (entry point broken = "
        "mplint_missing:RULES) failed to load: ModuleNotFoundError"
    ), run.stderr
    assert "Traceback" not in run.stderr


def test_sarif_describes_a_plugin_rule_with_its_own_help(installed: Path, tmp_path: Path) -> None:
    (tmp_path / "req.yaml").write_text(REQUEST, encoding="utf-8")
    run = _mplint(installed, "check", "req.yaml", "--format", "sarif", "--select", "MP990", "--no-cache", cwd=tmp_path)
    assert run.returncode == 1, run.stderr
    driver = json.loads(run.stdout)["runs"][0]["tool"]["driver"]
    (rule,) = [r for r in driver["rules"] if r["id"] == "MP990"]
    assert rule["properties"] == {"origin": "mplint-acme"}
    assert rule["shortDescription"] == {"text": "The description still says TODO"}
    assert "## Use instead" in rule["help"]["markdown"]  # the rule's own documentation
    assert rule["helpUri"].endswith("#mp990")
