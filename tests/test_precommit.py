"""The pre-commit hook, installed from this checkout by the real pre-commit into a scratch repository."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent

pytest.importorskip("pre_commit")
pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(
        shutil.which("git") is None or not (REPO / ".git").exists(), reason="needs git and a git checkout of mplint"
    ),
]


def git(*args: str, cwd: Path) -> str:
    return subprocess.run(["git", *args], cwd=cwd, check=True, capture_output=True, text=True).stdout.strip()


def pre_commit(cwd: Path, home: Path) -> subprocess.CompletedProcess[str]:
    """Run ``pre-commit run --all-files`` with its own cache and an offline-capable build.

    pip builds the hook's package with the build backend named in pyproject.toml. In an isolated
    build it would fetch setuptools from an index first; the hook's virtualenv already has
    setuptools seeded, so build isolation is turned off (pip reads ``PIP_NO_BUILD_ISOLATION=0``
    as "--no-build-isolation"; the variable's sense is inverted). The runtime dependencies come
    from wherever pip is configured to look, as for any pre-commit hook.
    """
    env = {
        **os.environ,
        "PRE_COMMIT_HOME": str(home),
        "PIP_NO_BUILD_ISOLATION": "0",
        "PRE_COMMIT_COLOR": "never",
        "NO_COLOR": "1",
    }
    env.pop("VIRTUAL_ENV", None)
    return subprocess.run(
        [sys.executable, "-m", "pre_commit", "run", "--all-files"],
        cwd=cwd,
        env=env,
        capture_output=True,
        text=True,
        timeout=600,
    )


def scratch_project(tmp_path: Path) -> Path:
    """Return a new git repository whose pre-commit config uses the hook at this checkout's HEAD."""
    rev = git("rev-parse", "HEAD", cwd=REPO)
    work = tmp_path / "project"
    work.mkdir()
    git("init", "-q", cwd=work)
    (work / ".pre-commit-config.yaml").write_text(
        f"repos:\n  - repo: {REPO.as_posix()}\n    rev: {rev}\n    hooks:\n      - id: mplint\n", encoding="utf-8"
    )
    return work


def test_hook_fails_on_a_broken_request_and_passes_once_fixed(tmp_path, hook_home):
    work = scratch_project(tmp_path)
    request = work / "request.json"
    request.write_text('{"ModelPackageGroupName": "churn models"}\n', encoding="utf-8")
    git("add", ".", cwd=work)

    failed = pre_commit(work, hook_home)
    assert failed.returncode == 1, failed.stdout + failed.stderr
    lines = [line for line in failed.stdout.splitlines() if not line.startswith("[INFO]")]
    assert lines[0].startswith("mplint....") and lines[0].endswith("Failed")
    assert any(
        line.startswith("request.json:1:33: MP105 ModelPackageGroupName 'churn models': a model package group name is")
        for line in lines
    ), failed.stdout

    request.write_text('{"ModelPackageGroupName": "churn-models"}\n', encoding="utf-8")
    git("add", ".", cwd=work)
    passed = pre_commit(work, hook_home)
    assert passed.returncode == 0, passed.stdout + passed.stderr
    assert passed.stdout.startswith("mplint....") and passed.stdout.rstrip().endswith("Passed")


def test_hook_passes_templates_and_included_files_and_nothing_else(tmp_path, hook_home):
    """CloudFormation `.template` files and files the config's `include` names reach mplint;
    files without a request (a README, package.json) give no finding; `exclude` holds for the
    files pre-commit names."""
    work = scratch_project(tmp_path)
    (work / ".mplint.yaml").write_text("include: ['*.req']\nexclude: [legacy/]\n", encoding="utf-8")
    (work / "stack.template").write_text((REPO / "examples" / "cloudformation" / "broken.yaml").read_text())
    (work / "model.req").write_text('{"ModelPackageGroupName": "churn models"}\n', encoding="utf-8")
    (work / "README.md").write_text("# Models\nModelPackageName: x\n\n* not YAML\n", encoding="utf-8")
    (work / "package.json").write_text('{"name": "x"}\n', encoding="utf-8")
    (work / "legacy").mkdir()
    (work / "legacy" / "old.json").write_text('{"ModelPackageGroupName": "old models"}\n', encoding="utf-8")
    git("add", ".", cwd=work)

    failed = pre_commit(work, hook_home)
    assert failed.returncode == 1, failed.stdout + failed.stderr
    findings = [
        line.split(" ", 2)[:2]
        for line in failed.stdout.splitlines()
        if line.startswith(("stack.template:", "model.req:", "README.md:", "package.json:", "legacy/"))
    ]
    files = sorted({where.split(":")[0] for where, _ in findings})
    assert files == ["model.req", "stack.template"], failed.stdout
    assert ["stack.template:8:7:", "MP801"] in findings
    assert ["model.req:1:33:", "MP105"] in findings  # the space of "churn models"
