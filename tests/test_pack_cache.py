"""mplint/pack.json is the current twin of the pack's YAML files."""

from __future__ import annotations

import subprocess
import sys

from mplint.engine import rule_files


def test_pack_twin_is_current() -> None:
    """Regenerate with `python -m mplint.engine.rule_files` after editing rules/*.yaml."""
    with open(rule_files.CACHE, encoding="utf-8") as fh:
        assert fh.read() == rule_files.build(rule_files.rule_files(rule_files.pack_dir()))


def test_checking_json_reads_no_yaml() -> None:
    code = (
        "import sys\n"
        "from mplint.api import lint_paths\n"
        "run = lint_paths(['examples/marketplace-ready.json'])\n"
        "print(len(run.diagnostics), 'yaml' in sys.modules)\n"
    )
    out = subprocess.run(
        [sys.executable, "-c", code],
        capture_output=True,
        text=True,
        check=True,
        cwd=str(__import__("pathlib").Path(__file__).resolve().parents[1]),
    )
    assert out.stdout.split() == ["0", "False"]
