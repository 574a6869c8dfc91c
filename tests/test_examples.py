"""The shipped examples: every planted defect is found, the valid examples give nothing.

The expected findings are a golden file, tests/snapshots/examples.json (the essential fields of
`mplint check examples/ --format json`). After a deliberate change, rewrite it with
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


def _findings() -> list[dict[str, object]]:
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
            "path": d.path,
            "request": d.request,
            **({"cell": d.cell} if d.cell else {}),
        }
        for d in run.diagnostics
    ]


def test_examples_match_the_snapshot(request: pytest.FixtureRequest) -> None:
    found = _findings()
    if request.config.getoption("--update-snapshots"):
        SNAPSHOT.write_text(json.dumps(found, indent=1) + "\n", encoding="utf-8")
    assert found == json.loads(SNAPSHOT.read_text(encoding="utf-8"))


def test_valid_examples_give_nothing() -> None:
    files = {f["file"] for f in _findings()}
    assert [v for v in VALID if (ROOT / v).exists()] == VALID
    assert files & set(VALID) == set()


def test_every_broken_example_gives_findings() -> None:
    files = {f["file"] for f in _findings()}
    broken = sorted(str(p.relative_to(ROOT)) for p in (ROOT / "examples" / "broken").iterdir())
    assert [b for b in broken if b not in files] == []
