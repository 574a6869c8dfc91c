"""The shipped examples: every planted defect is found, the valid examples give nothing.

The expected findings are a golden file, tests/snapshots/examples.json: each finding's file,
position, rule, severity, message, request path and request label, so a changed message or
severity fails as a moved finding does. After a deliberate change, rewrite it with
`python -m pytest tests/test_examples.py --update-snapshots` and review the diff.
"""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from mplint.api import lint_paths

ROOT = Path(__file__).resolve().parents[1]
SNAPSHOT = ROOT / "tests" / "snapshots" / "examples.json"
VALID = [
    "examples/valid-unversioned.json",
    "examples/valid-versioned.yaml",
    "examples/marketplace-ready.json",
    "examples/cloudformation/template.yaml",
    "examples/cloudformation/cdk.out/ChurnStack.template.json",
    "examples/python/register_version.py",
    "examples/notebooks/valid.ipynb",
]


# The fields of each finding the snapshot holds, in this order.
FIELDS = ["file", "line", "column", "rule", "severity", "message", "path", "request"]


@pytest.fixture(scope="module")
def findings() -> list[dict[str, object]]:
    """Return the findings of ``mplint check examples/`` (run once for the module)."""
    cwd = os.getcwd()
    os.chdir(ROOT)
    try:
        run = lint_paths(["examples"])
    finally:
        os.chdir(cwd)
    return [
        {
            "file": d.file,
            "line": d.span.line,
            "column": d.span.column,
            "rule": d.code,
            "severity": d.severity.label,
            "message": d.message,
            "path": d.path,
            "request": d.request,
            **({"cell": d.cell} if d.cell else {}),
        }
        for d in run.diagnostics
    ]


def test_examples_match_the_snapshot(request: pytest.FixtureRequest, findings: list[dict[str, object]]) -> None:
    if request.config.getoption("--update-snapshots"):
        SNAPSHOT.write_text(json.dumps(findings, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
    assert findings == json.loads(SNAPSHOT.read_text(encoding="utf-8"))


def test_the_snapshot_holds_every_field_of_every_finding() -> None:
    """Messages and severities are compared too: no entry of the golden file leaves one out."""
    snapshot = json.loads(SNAPSHOT.read_text(encoding="utf-8"))
    assert snapshot
    assert [f for f in snapshot if [k for k in f if k != "cell"] != FIELDS] == []
    assert {f["severity"] for f in snapshot} == {"error", "warning", "info"}


def test_valid_examples_give_nothing(findings: list[dict[str, object]]) -> None:
    files = {f["file"] for f in findings}
    assert [v for v in VALID if (ROOT / v).exists()] == VALID
    assert files & set(VALID) == set()


def test_every_broken_example_gives_findings(findings: list[dict[str, object]]) -> None:
    files = {f["file"] for f in findings}
    broken = sorted(str(p.relative_to(ROOT)) for p in (ROOT / "examples" / "broken").iterdir())
    assert [b for b in broken if b not in files] == []
